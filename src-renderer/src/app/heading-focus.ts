import { useEffect, useRef } from 'react';

/**
 * After a page change, moves focus to the new page's heading (`main h1`), as screen-reader users expect from a
 * page load: the heading is read, and Tab continues from the top of the page. Pages load their data first, so it
 * waits for the heading to appear. A page that already put focus somewhere inside itself (the runner gives the
 * keyboard to its item list) keeps it. Nothing moves on the first load.
 */
export function useHeadingFocus(pageKey: string): void {
  const previous = useRef<string | null>(null);
  useEffect(() => {
    const first = previous.current === null;
    const changed = previous.current !== pageKey;
    previous.current = pageKey;
    if (first || !changed) return;
    const main = document.querySelector('main');
    if (!main) return;
    const focusHeading = (): boolean => {
      const heading = main.querySelector('h1');
      if (!heading) return false;
      const active = document.activeElement;
      if (active && active !== document.body && main.contains(active)) return true;
      // Focusable by script only: the heading is not a stop on the Tab order.
      if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
      heading.focus();
      return true;
    };
    if (focusHeading()) return;
    const observer = new MutationObserver(() => {
      if (focusHeading()) observer.disconnect();
    });
    observer.observe(main, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [pageKey]);
}
