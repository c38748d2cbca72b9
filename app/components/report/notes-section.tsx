import type { NoteKind } from "../../../server/domain/scoring/types";
import type { NoteLine } from "../../../server/services/reports/report-types";
import { formatOffset } from "./format";

const KINDS: Exclude<NoteKind, "swap">[] = ["strength", "try", "quote"];
const HEADINGS: Record<Exclude<NoteKind, "swap">, string> = { strength: "Strengths", try: "Things to try", quote: "Quotes worth keeping" };

/** The observers' notes by kind: strengths, things to try, quotes worth keeping. */
export function NotesSection({ notes }: { notes: readonly NoteLine[] }) {
  return (
    <section className="card report-section" aria-labelledby="notes-heading">
      <h2 id="notes-heading">Notes</h2>
      {notes.length === 0 ? <p className="muted">No notes were taken on finished rounds.</p> : null}
      {KINDS.map((kind) => {
        const own = notes.filter((n) => n.kind === kind);
        if (own.length === 0) return null;
        return (
          <div key={kind} className="note-group">
            <h3>{HEADINGS[kind]}</h3>
            <ul className="note-list" data-testid={`notes-${kind}`}>
              {own.map((n) => (
                <li key={n.id}>
                  {kind === "quote" ? <q>{n.text}</q> : <span>{n.text}</span>}
                  <span className="note-meta muted">
                    {" "}
                    — {n.authorName}, {n.groupName} round {n.round}
                    {n.staffName ? `, ${n.staffName} as staff` : ""}
                    {n.criterionTitle ? ` · ${n.criterionTitle}` : ""}
                    {n.offsetMs !== null ? ` · ${formatOffset(n.offsetMs)}` : ""}
                  </span>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}

/** "Instead of … say …": the better line with the same facts. */
export function SwapsSection({ swaps }: { swaps: readonly NoteLine[] }) {
  return (
    <section className="card report-section" aria-labelledby="swaps-heading">
      <h2 id="swaps-heading">Phrase swaps</h2>
      {swaps.length === 0 ? (
        <p className="muted">No phrase swaps were collected.</p>
      ) : (
        <ul className="swap-list" data-testid="swaps">
          {swaps.map((s) => (
            <li key={s.id} className="swap">
              <SwapText insteadOf={s.insteadOf} say={s.text} />
              <span className="note-meta muted">
                {s.authorName}, {s.groupName} round {s.round}
                {s.criterionTitle ? ` · ${s.criterionTitle}` : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function SwapText({ insteadOf, say }: { insteadOf: string | null; say: string }) {
  return (
    <span className="swap-text">
      {insteadOf ? (
        <>
          <span className="swap-label">Instead of</span> <q className="swap-before">{insteadOf}</q>{" "}
        </>
      ) : null}
      <span className="swap-label">say</span> <q className="swap-after">{say}</q>
    </span>
  );
}
