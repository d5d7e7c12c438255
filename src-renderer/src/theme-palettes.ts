import { colorsTuple, type MantineColorsTuple } from '@mantine/core';

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
export const standardPalettes = {
  gray: colorsTuple(['#f8f9fa', '#f1f3f5', '#e9ecef', '#dee2e6', '#79899a', '#727f8d', '#60676e', '#495057', '#343a40', '#212529']),
  red: colorsTuple(['#fff5f5', '#ffe3e3', '#ffc9c9', '#ffa8a8', '#ff8787', '#ff6b6b', '#f94141', '#d01010', '#c01d1d', '#b02525']),
  grape: colorsTuple(['#f8f0fc', '#f3d9fa', '#eebefa', '#e599f7', '#da77f2', '#cc5de8', '#be4bdb', '#9a32b4', '#9032a7', '#862e9c']),
  violet: colorsTuple(['#f3f0ff', '#e5dbff', '#d0bfff', '#b197fc', '#9775fa', '#845ef7', '#7950f2', '#683ee7', '#633cd8', '#5939ba']),
  indigo: colorsTuple(['#edf2ff', '#dbe4ff', '#bac8ff', '#91a7ff', '#748ffc', '#5c7cfa', '#4c6ef5', '#3054e9', '#2e50d9', '#3249b8']),
  blue: colorsTuple(['#e7f5ff', '#d0ebff', '#a5d8ff', '#74c0fc', '#4dabf7', '#339af0', '#218ae6', '#1768b1', '#1662a8', '#165b9c']),
  cyan: colorsTuple(['#e3fafc', '#c5f6fa', '#99e9f2', '#66d9e8', '#3bc9db', '#22b8cf', '#1295a7', '#0c7585', '#0a6e7f', '#0a6879']),
  teal: colorsTuple(['#e6fcf5', '#c3fae8', '#96f2d7', '#63e6be', '#38d9a9', '#20c997', '#0f9a70', '#097a58', '#077352', '#076c4d']),
  green: colorsTuple(['#ebfbee', '#d3f9d8', '#b2f2bb', '#8ce99a', '#69db7c', '#51cf66', '#339a45', '#267b35', '#227432', '#226d31']),
  yellow: colorsTuple(['#fff9db', '#fff3bf', '#ffec99', '#ffe066', '#ffd43b', '#fcc419', '#b17d04', '#976200', '#955700', '#944d00']),
  orange: colorsTuple(['#fff4e6', '#ffe8cc', '#ffd8a8', '#ffc078', '#ffa94d', '#ff922b', '#db6502', '#b04a05', '#aa4109', '#a7370c']),
} satisfies Record<string, MantineColorsTuple>;

export const outdoorPalettes = {
  gray: colorsTuple(['#f8f9fa', '#f1f3f5', '#e9ecef', '#dee2e6', '#606f7f', '#5d6873', '#464b50', '#3e444a', '#343a40', '#212529']),
  red: colorsTuple(['#fff5f5', '#ffe3e3', '#ffc9c9', '#ffa8a8', '#ff8787', '#ff6b6b', '#dd0606', '#9a0c0c', '#8f1616', '#7d1a1a']),
  grape: colorsTuple(['#f8f0fc', '#f3d9fa', '#eebefa', '#e599f7', '#da77f2', '#cc5de8', '#af2ad1', '#702482', '#69247a', '#5c1f6b']),
  violet: colorsTuple(['#f3f0ff', '#e5dbff', '#d0bfff', '#b197fc', '#9775fa', '#845ef7', '#764cf2', '#4519c9', '#4623ae', '#3c267e']),
  indigo: colorsTuple(['#edf2ff', '#dbe4ff', '#bac8ff', '#91a7ff', '#748ffc', '#5c7cfa', '#395ef4', '#1436c1', '#1e39a5', '#22317c']),
  blue: colorsTuple(['#e7f5ff', '#d0ebff', '#a5d8ff', '#74c0fc', '#4dabf7', '#339af0', '#1670be', '#114c81', '#10487c', '#0f3f6c']),
  cyan: colorsTuple(['#e3fafc', '#c5f6fa', '#99e9f2', '#66d9e8', '#3bc9db', '#22b8cf', '#0f7887', '#095662', '#07515d', '#074b57']),
  teal: colorsTuple(['#e6fcf5', '#c3fae8', '#96f2d7', '#63e6be', '#38d9a9', '#20c997', '#0c7d5b', '#065a41', '#05553c', '#055039']),
  green: colorsTuple(['#ebfbee', '#d3f9d8', '#b2f2bb', '#8ce99a', '#69db7c', '#51cf66', '#297d38', '#1c5b27', '#1a5625', '#195124']),
  yellow: colorsTuple(['#fff9db', '#fff3bf', '#ffec99', '#ffe066', '#ffd43b', '#fcc419', '#906503', '#704900', '#704200', '#713a00']),
  orange: colorsTuple(['#fff4e6', '#ffe8cc', '#ffd8a8', '#ffc078', '#ffa94d', '#ff922b', '#b25202', '#823604', '#7d3006', '#7c2909']),
} satisfies Record<string, MantineColorsTuple>;

