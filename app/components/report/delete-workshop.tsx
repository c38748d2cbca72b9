import { Form, useNavigation, useSubmit } from "@remix-run/react";
import { useRef, useState } from "react";
import { ConfirmDialog } from "../confirm-dialog";

export const sameTitle = (typed: string, title: string) => typed.trim().replace(/\s+/g, " ") === title.trim().replace(/\s+/g, " ");

/**
 * Typing the title is the confirmation the server checks; the dialog is a
 * second, last look. Without JavaScript the form posts straight away and the
 * server still refuses a title that does not match.
 */
export function DeleteWorkshop({ title, serverError }: { title: string; serverError: string | null }) {
  const [typed, setTyped] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [localError, setLocalError] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const submit = useSubmit();
  const busy = useNavigation().state === "submitting";
  const error = localError ?? serverError;
  return (
    <section className="card report-section danger-zone no-print" aria-labelledby="delete-heading">
      <h2 id="delete-heading">Delete this workshop</h2>
      <p>
        Deleting removes the workshop and everything recorded in it: who joined, the groups and rounds, every score, note and phrase swap, and the shared scoring
        sheets. Anyone still connected is told and disconnected. It cannot be undone — download the CSV or JSON first if you need a copy.
      </p>
      <Form
        method="post"
        ref={form}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!sameTitle(typed, title)) {
            setLocalError(`That does not match the title. Type “${title}” exactly to delete the workshop.`);
            return;
          }
          setLocalError(null);
          setConfirming(true);
        }}
      >
        <input type="hidden" name="intent" value="delete" />
        <div className="field">
          <label htmlFor="delete-confirm-input">
            Type the workshop title to confirm: <strong>{title}</strong>
          </label>
          <input
            id="delete-confirm-input"
            name="confirmTitle"
            value={typed}
            maxLength={200}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setTyped(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "delete-confirm-error" : undefined}
          />
          {error ? (
            <span id="delete-confirm-error" className="error" role="alert">
              {error}
            </span>
          ) : null}
        </div>
        <button type="submit" className="button danger" disabled={busy}>
          Delete workshop…
        </button>
      </Form>
      <ConfirmDialog
        open={confirming}
        title={`Delete “${title}”?`}
        confirmLabel="Delete everything"
        onConfirm={() => {
          setConfirming(false);
          if (form.current) submit(form.current);
        }}
        onCancel={() => setConfirming(false)}
      >
        <p>All of its data is deleted for good, and anyone still connected is disconnected.</p>
      </ConfirmDialog>
    </section>
  );
}
