import { useId, useRef, useState, type FormEvent } from "react";
import { PrivacyNote } from "~/components/field";
import { useFocusRescue } from "./use-focus-rescue";

const MAX_MESSAGE = 200;

/**
 * Ask the facilitator for help: a button that opens a short form, then a
 * status while the request stands. The request belongs to the whole group,
 * so anyone in it sees the status and can cancel it.
 */
export function HelpRequest({
  requested,
  onAsk,
  onCancel,
}: {
  requested: boolean;
  onAsk: (message: string) => Promise<boolean>;
  onCancel: () => Promise<boolean>;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState("");
  const [busy, setBusy] = useState(false);
  const wrapper = useRef<HTMLDivElement>(null);
  const primary = useRef<HTMLElement | null>(null);
  const setPrimary = (el: HTMLElement | null) => {
    if (el) primary.current = el;
  };
  useFocusRescue(wrapper, () => primary.current);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const ok = await onAsk(message.trim());
    setBusy(false);
    if (ok) {
      setOpen(false);
      setMessage("");
    }
  }

  async function cancelRequest() {
    if (busy) return;
    setBusy(true);
    await onCancel();
    setBusy(false);
  }

  const showForm = open && !requested;
  return (
    <div className={`p-help ${requested ? "is-requested" : showForm ? "is-open" : ""}`} ref={wrapper}>
      <div role="status" className="p-help-live">
        {requested ? (
          <p className="p-help-status" data-testid="help-status">
            <span className="p-help-status-icon" aria-hidden="true" />
            Help requested — the facilitator has been alerted.
          </p>
        ) : null}
      </div>
      {requested ? (
        <button type="button" className="button secondary small" onClick={cancelRequest} ref={setPrimary} aria-busy={busy || undefined}>
          Cancel request
        </button>
      ) : showForm ? (
        <form className="p-help-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
          <p id={`${id}-title`} className="p-help-form-title">
            Ask the facilitator for help
          </p>
          <div className="field">
            <label htmlFor={`${id}-message`}>What do you need? (optional)</label>
            <span id={`${id}-hint`} className="hint">
              For example: “We are stuck on who plays whom.”
            </span>
            <textarea
              id={`${id}-message`}
              ref={setPrimary}
              rows={2}
              maxLength={MAX_MESSAGE}
              value={message}
              aria-describedby={`${id}-hint`}
              onChange={(e) => setMessage(e.target.value)}
            />
          </div>
          <PrivacyNote />
          <div className="row p-help-form-actions">
            <button type="submit" className="button" aria-busy={busy || undefined}>
              {busy ? "Sending…" : "Send request"}
            </button>
            <button type="button" className="button secondary" onClick={() => setOpen(false)}>
              Not now
            </button>
          </div>
        </form>
      ) : (
        <button
          type="button"
          className="button secondary small p-help-button"
          onClick={() => setOpen(true)}
          ref={setPrimary}
          data-testid="help-button"
        >
          <span className="p-help-icon" aria-hidden="true">
            ?
          </span>
          Ask for help
        </button>
      )}
    </div>
  );
}
