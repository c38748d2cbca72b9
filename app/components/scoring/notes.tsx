import { forwardRef, useImperativeHandle, useRef, useState } from "react";
import { formatOffset, NOTE_MAX_CHARS, type SheetNote } from "../../../server/domain/scoring/sheet-layout";
import { NOTE_KIND_LABELS, NOTE_KINDS, type NoteKind } from "../../../server/domain/scoring/types";
import { PrivacyNote } from "~/components/field";

interface CriterionRef {
  id: string;
  title: string;
}

/** Notes from every observer, newest first, as they are written. */
export function NotesList({
  notes,
  criteria,
  meId,
  onRemove,
  emptyText = "No notes yet.",
}: {
  notes: SheetNote[];
  criteria: CriterionRef[];
  meId?: string;
  onRemove?: (noteId: string) => void;
  emptyText?: string;
}) {
  const titleOf = (id: string | null) => (id ? criteria.find((c) => c.id === id)?.title : undefined);
  const ordered = [...notes].sort((a, b) => (b.offsetMs ?? -1) - (a.offsetMs ?? -1) || b.at - a.at);
  if (ordered.length === 0) return <p className="muted" data-testid="notes-empty">{emptyText}</p>;
  return (
    <ol className="notes-list" data-testid="notes-list">
      {ordered.map((n) => (
        <li key={n.id} className={`note note-${n.kind}`} data-testid="note" data-note-id={n.id}>
          <p className="note-meta">
            <span className="note-time">{formatOffset(n.offsetMs)}</span>
            <span className={`badge note-kind note-kind-${n.kind}`}>{NOTE_KIND_LABELS[n.kind]}</span>
            {titleOf(n.criterionId) ? <span className="badge muted">{titleOf(n.criterionId)}</span> : null}
            <span className="note-author">{n.authorName}</span>
          </p>
          {n.kind === "swap" && n.insteadOf ? (
            <p className="note-text">
              Instead of <q>{n.insteadOf}</q>, say <q>{n.text}</q>
            </p>
          ) : n.kind === "quote" ? (
            <p className="note-text">
              <q>{n.text}</q>
            </p>
          ) : (
            <p className="note-text">{n.text}</p>
          )}
          {onRemove && meId === n.authorId ? (
            <button type="button" className="button link small" onClick={() => onRemove(n.id)}>
              Remove<span className="visually-hidden"> this note</span>
            </button>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

export interface NoteDraft {
  kind: NoteKind;
  criterionId: string | null;
  text: string;
  insteadOf: string | null;
  offsetMs: number | null;
}

export interface NoteComposerHandle {
  /** Starts a note timed now ("n" or the button), focused on its text. */
  start(criterionId: string | null): void;
}

/**
 * "Note now": the time is taken when the note is started, not when it is
 * saved, so a quote lands where it was said even if typing takes a while.
 */
export const NoteComposer = forwardRef<
  NoteComposerHandle,
  { criteria: CriterionRef[]; offsetNow: () => number | null; onAdd: (draft: NoteDraft) => void; disabled?: boolean }
>(function NoteComposer({ criteria, offsetNow, onAdd, disabled }, ref) {
  const [draft, setDraft] = useState<NoteDraft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const textRef = useRef<HTMLTextAreaElement | null>(null);
  const startRef = useRef<HTMLButtonElement | null>(null);

  function start(criterionId: string | null) {
    if (disabled) return;
    setError(null);
    setDraft((current) => current ?? { kind: "strength", criterionId, text: "", insteadOf: null, offsetMs: offsetNow() });
    requestAnimationFrame(() => textRef.current?.focus());
  }
  useImperativeHandle(ref, () => ({ start }));

  function close() {
    setDraft(null);
    setError(null);
    requestAnimationFrame(() => startRef.current?.focus());
  }

  if (!draft) {
    return (
      <button type="button" ref={startRef} className="button note-now" onClick={() => start(null)} disabled={disabled} aria-keyshortcuts="n" data-testid="note-now">
        Note now <kbd aria-hidden="true">N</kbd>
      </button>
    );
  }
  const swap = draft.kind === "swap";
  return (
    <form
      className="note-composer"
      aria-label="New note"
      data-testid="note-composer"
      onSubmit={(e) => {
        e.preventDefault();
        const text = draft.text.trim();
        const insteadOf = draft.insteadOf?.trim() || null;
        if (!text) return setError(swap ? "Write the better line to say." : "Write the note first.");
        if (swap && !insteadOf) return setError("Write the line to replace.");
        onAdd({ ...draft, text, insteadOf: swap ? insteadOf : null });
        close();
      }}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.preventDefault();
          close();
        }
      }}
    >
      <p className="note-time-line">
        Note at <strong>{formatOffset(draft.offsetMs)}</strong> into the role-play
      </p>
      <fieldset className="note-kinds">
        <legend>Kind of note</legend>
        {NOTE_KINDS.map((kind) => (
          <label key={kind} className="chip-radio">
            <input type="radio" name="note-kind" value={kind} checked={draft.kind === kind} onChange={() => setDraft({ ...draft, kind })} />
            {NOTE_KIND_LABELS[kind]}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="note-criterion">About</label>
        <select id="note-criterion" value={draft.criterionId ?? ""} onChange={(e) => setDraft({ ...draft, criterionId: e.target.value || null })}>
          <option value="">The conversation as a whole</option>
          {criteria.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
            </option>
          ))}
        </select>
      </div>
      {swap ? (
        <div className="field">
          <label htmlFor="note-instead-of">Instead of…</label>
          <textarea id="note-instead-of" rows={2} maxLength={NOTE_MAX_CHARS} value={draft.insteadOf ?? ""} onChange={(e) => setDraft({ ...draft, insteadOf: e.target.value })} />
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="note-text">{swap ? "…say" : draft.kind === "quote" ? "What was said" : "Note"}</label>
        <textarea
          id="note-text"
          ref={textRef}
          rows={3}
          maxLength={NOTE_MAX_CHARS}
          value={draft.text}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "note-error" : undefined}
          onChange={(e) => setDraft({ ...draft, text: e.target.value })}
        />
        {error ? (
          <span id="note-error" className="error">
            {error}
          </span>
        ) : null}
      </div>
      <PrivacyNote />
      <div className="row">
        <button type="submit" className="button">
          Add note
        </button>
        <button type="button" className="button secondary" onClick={close}>
          Cancel
        </button>
      </div>
    </form>
  );
});
