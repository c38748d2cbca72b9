import { useEffect, useRef, useState } from "react";
import { SCREEN_HEADING_ID } from "./phase-header";
import { useFocusRescue } from "./use-focus-rescue";

type Broadcast = { text: string; at: number } | null;

const storageKey = (workshopId: string) => `rolecall:broadcast-dismissed:${workshopId}`;

/**
 * The facilitator's latest message to everyone. Dismissing hides that one
 * message (remembered for this tab); a new message shows again. The status
 * region is always in the page, so new messages are read out when they land.
 */
export function BroadcastBanner({ workshopId, broadcast }: { workshopId: string; broadcast: Broadcast }) {
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const loaded = useRef(false);
  const slot = useRef<HTMLDivElement>(null);
  // Dismissing removes the focused button: hand focus to the screen's heading.
  useFocusRescue(slot, () => document.getElementById(SCREEN_HEADING_ID));
  useEffect(() => {
    if (loaded.current) return;
    loaded.current = true;
    try {
      const stored = window.sessionStorage.getItem(storageKey(workshopId));
      if (stored) setDismissedAt(Number(stored));
    } catch {
      // Storage can be off (private mode); the banner then just shows again after a reload.
    }
  }, [workshopId]);

  function dismiss() {
    if (!broadcast) return;
    setDismissedAt(broadcast.at);
    try {
      window.sessionStorage.setItem(storageKey(workshopId), String(broadcast.at));
    } catch {
      // See above.
    }
  }

  const visible = broadcast !== null && broadcast.at !== dismissedAt;
  return (
    <div role="status" className="p-broadcast-slot" ref={slot}>
      {visible ? (
        <div className="p-broadcast" data-testid="broadcast">
          <div className="p-broadcast-body">
            <p className="p-broadcast-from">Message from the facilitator</p>
            <p className="p-broadcast-text">{broadcast.text}</p>
          </div>
          <button type="button" className="button secondary small p-broadcast-dismiss" onClick={dismiss}>
            Dismiss<span className="visually-hidden"> message</span>
          </button>
        </div>
      ) : null}
    </div>
  );
}
