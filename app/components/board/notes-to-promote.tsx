import { NOTE_KIND_LABELS } from "../../../server/domain/scoring/types";
import type { FacilitatorNoteView, MyNoteView } from "../../../server/domain/board";
import type { RunBoardCommand } from "~/board/use-board";

/**
 * Notes written in the rooms, each with a button to put it on the board. A
 * participant sees their own; the facilitator sees everyone's (with names,
 * on their own screen only — the board shows none unless they choose to).
 */
export function NotesToPromote({
  notes,
  run,
  heading,
  emptyText,
  promotedText,
}: {
  notes: (MyNoteView | FacilitatorNoteView)[] | null;
  run: RunBoardCommand;
  heading: string;
  emptyText: string;
  promotedText: string;
}) {
  return (
    <section className="notes-to-promote" aria-labelledby="promote-heading">
      <h3 id="promote-heading">{heading}</h3>
      {notes === null ? (
        <p className="muted">Loading notes…</p>
      ) : notes.length === 0 ? (
        <p className="muted">{emptyText}</p>
      ) : (
        <ul className="note-list">
          {notes.map((note) => (
            <li key={note.noteId} data-testid="promotable-note">
              <p className="small muted">
                {NOTE_KIND_LABELS[note.kind]} · {note.groupName}, round {note.round}
                {"authorName" in note ? ` · ${note.authorName}` : ""}
              </p>
              <p className="note-text">{note.kind === "swap" && note.insteadOf ? `Instead of “${note.insteadOf}” → “${note.text}”` : note.text}</p>
              {note.onBoard ? (
                <span className="badge ok">On the board</span>
              ) : (
                <button
                  type="button"
                  className="button small secondary"
                  aria-label={`Put on the board: ${note.text}`}
                  onClick={() => run({ type: "promoteNote", noteId: note.noteId }, promotedText)}
                >
                  Put on the board
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
