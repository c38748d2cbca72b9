import { useEffect, useRef, type RefObject } from "react";

/**
 * Keeps keyboard focus from falling to <body> when the element that had it
 * disappears (a button replaced by a status, a screen swapped by a new view).
 * During render the old element is still in the DOM, so we note whether focus
 * was inside `container`; after the commit, if focus was lost, we move it to
 * whatever `fallback` points at now.
 */
export function useFocusRescue(container: RefObject<HTMLElement | null>, fallback: () => HTMLElement | null): void {
  const wasInside = useRef(false);
  if (typeof document !== "undefined" && container.current) {
    const active = document.activeElement;
    wasInside.current = Boolean(active && active !== document.body && container.current.contains(active));
  }
  useEffect(() => {
    if (!wasInside.current) return;
    wasInside.current = false;
    const active = document.activeElement;
    if (!active || active === document.body) fallback()?.focus();
  });
}
