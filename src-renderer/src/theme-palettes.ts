import { colorsTuple, DEFAULT_THEME, type MantineColorsTuple } from '@mantine/core';

/**
 * Mantine's palettes with the shades that carry text or mark a control darkened until they meet WCAG contrast
 * (shades 0–5, the tints, are Mantine's). Made once by lowering the HSL lightness of Mantine's own shade until it
 * passed; test/renderer/theme-contrast.test.ts checks every pair the components use, so a hand edit that breaks one
 * fails there.
 *
 * Standard (AA): shade 6 ≥ 3:1 on white and the page (borders, rings); 7–9 ≥ 4.5:1 on white, the page, the
 * selection tint and the palette's own tints 0–1, and white on 7 (the filled shade) ≥ 4.5:1. Gray 4 is the border of
 * inputs and default buttons (≥ 3:1), gray 6 the placeholder.
 * Outdoor (7:1, level AAA): the same with 4.5:1 for shade 6 and gray 4, and 7:1 for every text shade. Borders are
 * measured on the hover and selection tints too.
 */
type Contrast = 'standard' | 'outdoor';

/**
 * The shades we darkened, per colour and contrast mode, up to shade 9; below the first of them each palette keeps
 * Mantine's own shades (gray from shade 4, the border and placeholder greys; every other colour from shade 6).
 */
const darkened = {
  gray: { standard: ['#79899a', '#727f8d', '#60676e', '#495057', '#343a40', '#212529'], outdoor: ['#606f7f', '#5d6873', '#464b50', '#3e444a', '#343a40', '#212529'] },
  red: { standard: ['#f94141', '#d01010', '#c01d1d', '#b02525'], outdoor: ['#dd0606', '#9a0c0c', '#8f1616', '#7d1a1a'] },
  grape: { standard: ['#be4bdb', '#9a32b4', '#9032a7', '#862e9c'], outdoor: ['#af2ad1', '#702482', '#69247a', '#5c1f6b'] },
  violet: { standard: ['#7950f2', '#683ee7', '#633cd8', '#5939ba'], outdoor: ['#764cf2', '#4519c9', '#4623ae', '#3c267e'] },
  indigo: { standard: ['#4c6ef5', '#3054e9', '#2e50d9', '#3249b8'], outdoor: ['#395ef4', '#1436c1', '#1e39a5', '#22317c'] },
  blue: { standard: ['#218ae6', '#1768b1', '#1662a8', '#165b9c'], outdoor: ['#1670be', '#114c81', '#10487c', '#0f3f6c'] },
  cyan: { standard: ['#1295a7', '#0c7585', '#0a6e7f', '#0a6879'], outdoor: ['#0f7887', '#095662', '#07515d', '#074b57'] },
  teal: { standard: ['#0f9a70', '#097a58', '#077352', '#076c4d'], outdoor: ['#0c7d5b', '#065a41', '#05553c', '#055039'] },
  green: { standard: ['#339a45', '#267b35', '#227432', '#226d31'], outdoor: ['#297d38', '#1c5b27', '#1a5625', '#195124'] },
  yellow: { standard: ['#b17d04', '#976200', '#955700', '#944d00'], outdoor: ['#906503', '#704900', '#704200', '#713a00'] },
  orange: { standard: ['#db6502', '#b04a05', '#aa4109', '#a7370c'], outdoor: ['#b25202', '#823604', '#7d3006', '#7c2909'] },
} satisfies Record<string, Record<Contrast, string[]>>;

type Palettes = Record<keyof typeof darkened, MantineColorsTuple>;

function palettes(contrast: Contrast): Palettes {
  const out = {} as Palettes;
  for (const [color, shades] of Object.entries(darkened) as [keyof typeof darkened, Record<Contrast, string[]>][]) {
    const own = shades[contrast];
    out[color] = colorsTuple([...DEFAULT_THEME.colors[color].slice(0, 10 - own.length), ...own]);
  }
  return out;
}

export const standardPalettes = palettes('standard');
export const outdoorPalettes = palettes('outdoor');
