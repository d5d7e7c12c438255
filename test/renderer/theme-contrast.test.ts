import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_THEME, defaultCssVariablesResolver, getContrastColor, mergeMantineTheme, type MantineTheme } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { riskLevelColor } from '../../src-renderer/src/lib/risk-ui';
import { complianceColor, contrastModes, cssVariablesResolvers, stepStatusColor, stepStatusTextColor, themes, type ContrastMode } from '../../src-renderer/src/theme';
import { contrast } from '../support/contrast';

/**
 * Issue 15: the contrast of every colour pair the screens draw with, computed from the themes themselves (through
 * Mantine's own CSS-variable resolver, so a variant's colours are the ones Mantine will use). Standard: WCAG AA,
 * 4.5:1 for text and 3:1 for the edges of controls and focus rings. Outdoor: 7:1 for text (AAA) and 4.5:1 for edges.
 */
const need: Record<ContrastMode, { text: number; ui: number }> = {
  standard: { text: 4.5, ui: 3 },
  outdoor: { text: 7, ui: 4.5 },
};

const rendererSrc = path.resolve(import.meta.dirname, '../../src-renderer/src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(file);
    return /\.(tsx?|css)$/.test(entry.name) ? [readFileSync(file, 'utf8')] : [];
  });
}

/** The palettes and `palette.shade` text colours the components name (`color="teal"`, `c="orange.8"`, maps of them). */
function colorsInUse(theme: MantineTheme) {
  const text = sources(rendererSrc).join('\n');
  const names = new Set<string>();
  const shades = new Set<string>();
  for (const name of Object.keys(theme.colors)) {
    if (new RegExp(`['"\`]${name}['"\`]`).test(text)) names.add(name);
    for (const match of text.matchAll(new RegExp(`['"\`]${name}\\.(\\d)['"\`]`, 'g'))) shades.add(`${name}.${match[1]}`);
  }
  return { names: [...names].sort(), shades: [...shades].sort() };
}

/** A mode's light-scheme CSS variables as Mantine writes them, ours over its defaults, each resolved to a colour. */
function resolver(mode: ContrastMode) {
  const theme = mergeMantineTheme(DEFAULT_THEME, themes[mode]);
  const vars: Record<string, string> = {
    ...defaultCssVariablesResolver(theme).light,
    ...cssVariablesResolvers[mode](theme).light,
    '--mantine-color-white': theme.white,
    '--mantine-color-black': theme.black,
  };
  for (const [name, shades] of Object.entries(theme.colors)) {
    shades.forEach((hex, shade) => (vars[`--mantine-color-${name}-${shade}`] = hex));
  }
  const resolve = (value: string): string => {
    const ref = /^var\((--[\w-]+)\)$/.exec(value.trim());
    if (!ref?.[1]) return value;
    const next = vars[ref[1]];
    if (next === undefined) throw new Error(`${ref[1]} is not defined`);
    return resolve(next);
  };
  const v = (name: string) => resolve(`var(--mantine-color-${name})`);
  return { theme, v, resolve };
}

type Pair = { what: string; fg: string; bg: string; min: number };

function pairs(mode: ContrastMode): Pair[] {
  const { theme, v, resolve } = resolver(mode);
  const { text, ui } = need[mode];
  const used = colorsInUse(theme);
  // The page (app.css), cards and inputs, the row hover, the selection tint.
  const backgrounds = { white: v('white'), page: v('gray-0'), hover: v('gray-1'), selected: v('blue-0') };
  const onEach = (what: string, fg: string, min: number) =>
    Object.entries(backgrounds).map(([where, bg]) => ({ what: `${what} on ${where}`, fg, bg, min }));

  const list: Pair[] = [
    ...onEach('text', v('text'), text),
    ...onEach('secondary (dimmed) text', v('dimmed'), text),
    ...onEach('placeholder', v('placeholder'), text),
    ...onEach('error text', v('error'), text),
    ...onEach('link', v('anchor'), text),
    ...onEach('focus ring', resolve('var(--aeo-focus-color)'), ui),
    ...onEach('input and default-button border', v('default-border'), ui),
    { what: 'default button', fg: v('default-color'), bg: v('default'), min: text },
    { what: 'default button, hovered', fg: v('default-color'), bg: v('default-hover'), min: text },
  ];
  // `dark` is named only as text (`c="dark"`) and as the colour scheme: checked as text, never as a badge or button.
  list.push(...onEach('dark text', v('dark-text'), text));
  for (const name of used.names.filter((n) => n !== 'dark')) {
    const filledText = resolve(getContrastColor({ color: name, theme, autoContrast: true }));
    list.push(
      { what: `${name} filled (white text)`, fg: v('white'), bg: v(`${name}-filled`), min: text },
      { what: `${name} filled, hovered`, fg: v('white'), bg: v(`${name}-filled-hover`), min: text },
      { what: `${name} filled with autoContrast`, fg: filledText, bg: v(`${name}-filled`), min: text },
      { what: `${name} light`, fg: v(`${name}-light-color`), bg: v(`${name}-light`), min: text },
      { what: `${name} light, hovered`, fg: v(`${name}-light-color`), bg: v(`${name}-light-hover`), min: text },
      ...onEach(`${name} outline`, v(`${name}-outline`), text),
      ...onEach(`${name} text`, v(`${name}-text`), text),
      { what: `${name} tint 0 under its text`, fg: v(`${name}-text`), bg: v(`${name}-0`), min: text },
      ...onEach(`${name} shade 6 (borders)`, v(`${name}-6`), ui),
    );
  }
  for (const shade of used.shades) {
    const [name, n] = shade.split('.');
    const fg = v(`${name}-${n}`);
    // Shades 0–5 are tints: backgrounds, never text; shades 6–9 named as `c=` are text.
    if (Number(n) >= 6) list.push(...onEach(`${shade} text`, fg, text));
  }
  for (const status of Object.keys(stepStatusColor) as (keyof typeof stepStatusColor)[]) {
    const c = stepStatusTextColor(status);
    const fg = c === 'dimmed' ? v('dimmed') : v(c.replace('.', '-'));
    list.push(...onEach(`step status ${status} text`, fg, text));
  }
  // The heat map: near-black counts and level letters on each level's tint (empty cell) and colour (with risks).
  for (const [level, color] of Object.entries(riskLevelColor)) {
    list.push(
      { what: `heat-map ${level} cell, empty`, fg: v('dark-9'), bg: v(`${color}-1`), min: text },
      { what: `heat-map ${level} cell, with risks`, fg: v('dark-9'), bg: v(`${color}-4`), min: text },
      { what: `heat-map ${level} cell border on the card`, fg: v(`${color}-8`), bg: v('white'), min: ui },
    );
  }
  for (const [answer, color] of Object.entries(complianceColor)) {
    list.push({ what: `answer ${answer} chip`, fg: v('white'), bg: v(`${color}-filled`), min: text });
  }
  return list;
}

describe('theme contrast', () => {
  it('finds the colours the components use (the scan itself works)', () => {
    const used = colorsInUse(mergeMantineTheme(DEFAULT_THEME, themes.standard));
    expect(used.names).toEqual(expect.arrayContaining(['blue', 'gray', 'orange', 'red', 'teal', 'yellow']));
    expect(used.shades).toEqual(expect.arrayContaining(['orange.8', 'teal.8']));
  });

  for (const mode of contrastModes) {
    it(`every pair in the ${mode} theme meets ${need[mode].text}:1 for text and ${need[mode].ui}:1 for controls`, () => {
      const failing = pairs(mode)
        .map((p) => ({ ...p, ratio: Math.round(contrast(p.fg, p.bg) * 100) / 100 }))
        .filter((p) => p.ratio < p.min)
        .map((p) => `${p.what}: ${p.fg} on ${p.bg} is ${p.ratio}:1, needs ${p.min}:1`);
      expect(failing).toEqual([]);
    });
  }

  it('the unchanged Mantine defaults fail (the check can fail)', () => {
    // Mantine's own dimmed grey and primary blue, the examples: 3.3:1 and 4.19:1 on white.
    expect(contrast(DEFAULT_THEME.colors.gray[6], '#ffffff')).toBeLessThan(4.5);
    expect(contrast('#ffffff', DEFAULT_THEME.colors.blue[7])).toBeLessThan(4.5);
  });
});
