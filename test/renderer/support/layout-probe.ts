import type { Page } from 'playwright-core';

/**
 * What can be measured of "usable at 200% text size" in the page as it is: text cut off by a box that hides its
 * overflow, and interactive controls drawn over one another. Each finding names the element and its text.
 */
export type LayoutProblem = { kind: 'clipped' | 'overlap'; what: string };

export function layoutProblems(page: Page): Promise<LayoutProblem[]> {
  return page.evaluate(() => {
    const problems: { kind: 'clipped' | 'overlap'; what: string }[] = [];
    const describe = (el: Element) => {
      const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60);
      const id = el.getAttribute('data-testid') ?? el.getAttribute('aria-label') ?? el.className.toString().split(' ')[0];
      return `${el.tagName.toLowerCase()}[${id}] "${text}"`;
    };
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect();
      if (r.width < 2 || r.height < 2) return false;
      const style = getComputedStyle(el);
      // Text hidden on purpose for screen readers only (clipped to nothing) is not shown text.
      const srOnly = style.clipPath.startsWith('inset(50%') || style.clip === 'rect(0px, 0px, 0px, 0px)';
      return style.visibility !== 'hidden' && style.opacity !== '0' && !srOnly && !el.closest('[aria-hidden="true"], [inert]');
    };
    // Clipping boxes: overflow hidden or clip (scrolling boxes keep their text reachable), with text inside that
    // is wider or taller than the box. Visually hidden text for screen readers is clipped on purpose.
    // While a modal dialog is open only it can be used: the page behind it is not measured.
    const scope = document.querySelector('[role="dialog"][aria-modal="true"]') ?? document.body;
    for (const el of scope.querySelectorAll('*')) {
      if (!(el instanceof HTMLElement) || !shown(el) || (el.textContent ?? '').trim() === '') continue;
      const style = getComputedStyle(el);
      const hidesX = style.overflowX === 'hidden' || style.overflowX === 'clip';
      const hidesY = style.overflowY === 'hidden' || style.overflowY === 'clip';
      if (!hidesX && !hidesY) continue;
      if (el.clientWidth <= 2 || el.clientHeight <= 2) continue;
      const overX = hidesX && el.scrollWidth > el.clientWidth + 1;
      const overY = hidesY && el.scrollHeight > el.clientHeight + 1;
      // Text shortened on purpose to a number of lines says so, for the test's list of allowed findings.
      const clamp =
        style.webkitLineClamp !== 'none' && style.webkitLineClamp !== ''
          ? ' (line-clamp)'
          : style.textOverflow === 'ellipsis'
            ? ` (ellipsis in ${el.closest('[data-testid]')?.getAttribute('data-testid') ?? 'page'})`
            : '';
      const size = overX ? `width ${el.scrollWidth}>${el.clientWidth}` : `height ${el.scrollHeight}>${el.clientHeight}`;
      if (overX || overY) problems.push({ kind: 'clipped', what: `${describe(el)} ${size}${clamp}` });
    }
    // Controls over controls: two controls (neither inside the other) whose boxes share more than a sliver. The
    // fixed frame (header, sidebar) passes over the page as it scrolls: that is not an overlap.
    const fixed = (el: Element) => {
      for (let e: Element | null = el; e; e = e.parentElement) {
        const position = getComputedStyle(e).position;
        if (position === 'fixed' || position === 'sticky') return e;
      }
      return null;
    };
    const controls = [
      ...scope.querySelectorAll('button, a[href], input:not([type="hidden"]), select, textarea, [role="button"], [role="tab"], [role="checkbox"], [role="radio"]'),
    ].filter(shown);
    const boxes = controls.map((el) => ({ el, r: el.getBoundingClientRect() }));
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        if (a.el.contains(b.el) || b.el.contains(a.el) || fixed(a.el) !== fixed(b.el)) continue;
        const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        const at = (r: DOMRect) => `@${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}×${Math.round(r.height)}`;
        if (w > 2 && h > 2) problems.push({ kind: 'overlap', what: `${describe(a.el)} ${at(a.r)} × ${describe(b.el)} ${at(b.r)}` });
      }
    }
    return problems;
  });
}
