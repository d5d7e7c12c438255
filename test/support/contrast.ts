import Color from 'color';

/**
 * WCAG 2 contrast ratio of two CSS colours (`#rrggbb`, `rgb()`, names), by the `color` library's relative luminance.
 * A translucent foreground is laid over the background first, as the screen shows it.
 */
export function contrast(foreground: string, background: string): number {
  const bg = Color(background);
  const fg = Color(foreground);
  const alpha = fg.alpha();
  const shown = alpha < 1 ? bg.mix(fg.alpha(1), alpha) : fg;
  return shown.contrast(bg);
}
