import { createTheme, rem, type MantineColor } from '@mantine/core';
import type { StepStatus } from '../../src-main/contract/cases';
import type { complianceScale } from '../../src-main/contract/checklist-template';

/** Calm and dense: one blue, small radius, compact controls, system fonts (nothing loaded from the network). */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 7, dark: 5 },
  defaultRadius: 'sm',
  focusRing: 'auto',
  cursorType: 'pointer',
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
    Button: { defaultProps: { size: 'sm' } },
    TextInput: { defaultProps: { size: 'sm' } },
    Select: { defaultProps: { size: 'sm' } },
    Table: { defaultProps: { verticalSpacing: 6, horizontalSpacing: 'sm', fz: 'sm' } },
    Badge: { defaultProps: { radius: 'sm', variant: 'light' }, styles: { root: { textTransform: 'none' } } },
    Paper: { defaultProps: { withBorder: true, p: 'md', radius: 'sm' } },
  },
});

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
