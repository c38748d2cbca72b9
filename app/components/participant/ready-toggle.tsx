import { useState } from "react";

/**
 * "I'm ready" as a toggle button: the label stays the same and aria-pressed
 * carries the state, so screen readers say "I'm ready, toggle button, pressed".
 */
export function ReadyToggle({
  ready,
  readyCount,
  groupSize,
  onChange,
}: {
  ready: boolean;
  readyCount: number;
  groupSize: number;
  onChange: (ready: boolean) => Promise<boolean>;
}) {
  const [busy, setBusy] = useState(false);
  async function toggle() {
    if (busy) return;
    setBusy(true);
    try {
      await onChange(!ready);
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="p-ready-bar" aria-labelledby="ready-heading">
      <h2 id="ready-heading" className="visually-hidden">
        Ready to start
      </h2>
      <button
        type="button"
        className={`p-ready-button ${ready ? "is-ready" : ""}`}
        aria-pressed={ready}
        aria-describedby="ready-count"
        aria-busy={busy || undefined}
        onClick={toggle}
        data-testid="ready-button"
      >
        <span className="p-ready-check" aria-hidden="true">
          {ready ? "✓" : ""}
        </span>
        I&apos;m ready
      </button>
      <p id="ready-count" className="p-ready-count" data-testid="ready-count">
        {readyCount} of {groupSize} ready
      </p>
    </section>
  );
}
