import { useEffect, useRef, useState } from "react";

/**
 * When the screen changes under the participant (a new phase, a new group),
 * bring them to the top of it: if their focus was lost with the old screen,
 * the new heading takes it (and is read out); otherwise the heading's text is
 * announced politely and the page scrolls up, unless they are typing.
 */
export function useScreenChange(screenKey: string, headingId: string): string {
  const previous = useRef(screenKey);
  const [announcement, setAnnouncement] = useState("");
  useEffect(() => {
    if (previous.current === screenKey) return;
    previous.current = screenKey;
    const heading = document.getElementById(headingId);
    const active = document.activeElement;
    if (!active || active === document.body) {
      heading?.focus();
      setAnnouncement("");
      return;
    }
    setAnnouncement(heading?.textContent?.replace(/\s+/g, " ").trim() ?? "");
    const typing = active instanceof HTMLTextAreaElement || active instanceof HTMLInputElement;
    if (!typing) window.scrollTo({ top: 0 });
  }, [screenKey, headingId]);
  return announcement;
}
