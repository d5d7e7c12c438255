import { createTheme, rem, type CSSVariablesResolver, type MantineColor, type MantineThemeOverride } from '@mantine/core';
import type { StepStatus } from '../../src-main/contract/cases';
import type { complianceScale } from '../../src-main/contract/checklist-template';
import { outdoorPalettes, standardPalettes } from './theme-palettes';

/** The two looks: standard (WCAG 2.2 AA) and outdoor (7:1 text, thick focus rings, 44 px targets, for sunlight). */
export const contrastModes = ['standard', 'outdoor'] as const;
export type ContrastMode = (typeof contrastModes)[number];

/**
 * Named colours the screens and the stylesheet share, per mode: text on the page, secondary ("dimmed") text, the
 * placeholder, errors, and the focus ring. Secondary text follows GOV.UK's: a dark grey, never a light one.
 */
export const themeColors = {
  standard: {
    text: '#000000',
    dimmed: standardPalettes.gray[7],
    placeholder: standardPalettes.gray[6],
    error: standardPalettes.red[7],
    focus: standardPalettes.blue[7],
  },
  outdoor: {
    text: '#000000',
    dimmed: outdoorPalettes.gray[8],
    placeholder: outdoorPalettes.gray[6],
    error: outdoorPalettes.red[7],
    focus: '#0b0c0c',
  },
} as const satisfies Record<ContrastMode, Record<string, string>>;

/** The filled shade of every palette (buttons, filled badges, the active nav item, links): 7 in both modes. */
export const PRIMARY_SHADE = 7;

function variables(mode: ContrastMode): CSSVariablesResolver {
  const c = themeColors[mode];
  return () => ({
    variables: {},
    light: {
      '--mantine-color-text': c.text,
      '--mantine-color-dimmed': c.dimmed,
      '--mantine-color-placeholder': c.placeholder,
      '--mantine-color-error': c.error,
      '--aeo-focus-color': c.focus,
    },
    dark: {},
  });
}

/** Calm and dense: one blue, small radius, compact controls, system fonts (nothing loaded from the network). */
function makeTheme(mode: ContrastMode) {
  const outdoor = mode === 'outdoor';
  return createTheme({
    colors: outdoor ? outdoorPalettes : standardPalettes,
    primaryColor: 'blue',
    primaryShade: { light: PRIMARY_SHADE, dark: 5 },
    black: themeColors[mode].text,
    defaultRadius: 'sm',
    focusRing: 'auto',
    cursorType: 'pointer',
    // Modals, drawers and collapses open without motion when the system asks for less.
    respectReducedMotion: true,
    fontFamily:
      'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, "Liberation Sans", sans-serif',
    headings: {
      fontWeight: '600',
      sizes: {
        h1: { fontSize: rem(22), lineHeight: '1.3' },
        h2: { fontSize: rem(17), lineHeight: '1.35' },
        h3: { fontSize: rem(15), lineHeight: '1.4' },
      },
    },
    components: {
      // Labels wrap rather than being cut off with an ellipsis when room runs out (200% zoom, long Russian
      // words): buttons and badges grow taller instead.
      Button: {
        defaultProps: { size: outdoor ? 'md' : 'sm' },
        styles: {
          // Outdoor: 44 px targets (WCAG 2.5.5) whatever size a screen asks for.
          root: {
            height: 'auto',
            minHeight: outdoor ? rem(44) : 'var(--button-height)',
            minWidth: 'min-content',
            display: 'inline-flex',
            alignItems: 'center',
            justifyContent: 'center',
          },
          inner: { flex: 1 },
          label: { whiteSpace: 'normal', overflow: 'visible', textAlign: 'center', lineHeight: 1.25, paddingBlock: rem(4) },
        },
      },
      TextInput: { defaultProps: { size: outdoor ? 'md' : 'sm' } },
      Select: { defaultProps: { size: outdoor ? 'md' : 'sm' } },
      Table: { defaultProps: { verticalSpacing: outdoor ? 10 : 6, horizontalSpacing: 'sm', fz: 'sm' } },
      Badge: {
        defaultProps: { radius: 'sm', variant: 'light' },
        styles: {
          root: {
            textTransform: 'none',
            height: 'auto',
            minHeight: 'var(--badge-height)',
            minWidth: 'min-content',
            maxWidth: '100%',
            flexShrink: 0,
          },
          label: { whiteSpace: 'normal', overflow: 'visible', textOverflow: 'clip', lineHeight: 1.25 },
        },
      },
      // Every choice stays whole: the control keeps its own width rather than shrinking under its labels.
      SegmentedControl: { styles: { root: { flexShrink: 0, minWidth: 'max-content' } } },
      Paper: { defaultProps: { withBorder: true, p: 'md', radius: 'sm' } },
    },
  });
}

export const themes: Record<ContrastMode, MantineThemeOverride> = {
  standard: makeTheme('standard'),
  outdoor: makeTheme('outdoor'),
};
export const cssVariablesResolvers: Record<ContrastMode, CSSVariablesResolver> = {
  standard: variables('standard'),
  outdoor: variables('outdoor'),
};

export const stepStatusColor: Record<StepStatus, MantineColor> = {
  not_started: 'gray',
  in_progress: 'blue',
  done: 'teal',
  skipped: 'orange',
};

/** Status as coloured text (tables, the step list): dimmed until work starts. */
export function stepStatusTextColor(status: StepStatus): string {
  return status === 'not_started' ? 'dimmed' : `${stepStatusColor[status]}.8`;
}

/** The compliance scale's colours: calm for compliant and not applicable, warm for findings. */
export const complianceColor: Record<(typeof complianceScale)[number], MantineColor> = {
  compliant: 'teal',
  partially_compliant: 'yellow',
  non_compliant: 'red',
  not_applicable: 'gray',
  not_verified: 'violet',
};
