import { useState } from "react";
import { readObserverSheet, readSharedSheet } from "~/scoring/sheet-doc";
import { useDocVersion, useYjsDoc } from "~/scoring/use-yjs-doc";
import type { FacilitatorScoringView } from "../../../server/domain/scoring/views";
import type { ClientCommand } from "../../../server/domain/socket-contract";
import { NotesList } from "./notes";
import { ScoreComparison } from "./score-comparison";
import { SheetStatus, worstStatus } from "./sheet-status";

/**
 * A group's scoring at a glance on the console: who has submitted, where the
 * reveal sequence is, a button to reveal anyway, and the sheet itself live.
 */
export function ScoringProgress({
  scoring,
  groupName,
  run,
}: {
  scoring: FacilitatorScoringView;
  groupName: string;
  run: (command: ClientCommand, success?: string) => Promise<boolean>;
}) {
  const [watching, setWatching] = useState(false);
  const p = scoring.progress;
  return (
    <div className="scoring-progress" data-testid="scoring-progress">
      <p className="scoring-progress-line">
        <strong>Scores:</strong> <span data-testid="scoring-submitted">{p.submitted} of {p.observers} submitted</span>
        {scoring.phase === "debrief" || scoring.phase === "done" ? (
          <>
            {" · "}self-assessment {p.selfAssessmentLocked ? "locked in" : "waiting"}
            {" · "}patient {p.patientAnswered ? "answered" : "waiting"}
            {" · "}
            <span data-testid="scoring-revealed">{p.revealed ? "revealed" : "not revealed"}</span>
          </>
        ) : null}
      </p>
      {scoring.canReveal ? (
        <button type="button" className="button small secondary" onClick={() => run({ type: "revealScores", groupId: scoring.groupId }, `${groupName}: scores revealed.`)}>
          Reveal scores<span className="visually-hidden"> in {groupName}</span>
        </button>
      ) : null}
      <details className="watch-sheet" onToggle={(e) => setWatching((e.currentTarget as HTMLDetailsElement).open)}>
        <summary>
          Watch the sheet<span className="visually-hidden"> of {groupName}</span>
        </summary>
        {watching ? <LiveSheet scoring={scoring} groupName={groupName} /> : null}
      </details>
    </div>
  );
}

/** The facilitator's live view: notes as they are written and each observer's scores as they are given. */
function LiveSheet({ scoring, groupName }: { scoring: FacilitatorScoringView; groupName: string }) {
  const shared = useYjsDoc(scoring.sheetDoc, "facilitator");
  useDocVersion(shared?.doc);
  const sheet = shared ? readSharedSheet(shared.doc, scoring.rubric) : { notes: [], agreed: {} };
  const criteria = scoring.rubric?.criteria ?? [];
  return (
    <div className="stack live-sheet" data-testid="live-sheet">
      <SheetStatus status={worstStatus([shared?.status])} />
      {scoring.rubric ? (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={`Scores given so far in ${groupName}`}>
          <table className="table">
            <caption className="visually-hidden">Scores given so far in {groupName}</caption>
            <thead>
              <tr>
                <th scope="col">Observer</th>
                {criteria.map((c) => (
                  <th scope="col" key={c.id}>
                    {c.title}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {scoring.observerSheets.map((o) => (
                <ObserverRow key={o.id} doc={o.doc} name={o.displayName} submitted={o.submitted} rubric={scoring.rubric!} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {scoring.comparison && scoring.progress.submitted > 0 ? (
        <ScoreComparison
          headingId={`console-comparison-${scoring.groupId}`}
          heading="Submitted scores side by side"
          comparison={scoring.comparison}
          raters={scoring.observers}
          selfName={scoring.staff?.displayName}
          criteria={criteria}
          agreed={{ values: sheet.agreed }}
        />
      ) : null}
      <h4>Notes</h4>
      <NotesList notes={sheet.notes} criteria={criteria} />
    </div>
  );
}

function ObserverRow({ doc, name, submitted, rubric }: { doc: string; name: string; submitted: boolean; rubric: NonNullable<FacilitatorScoringView["rubric"]> }) {
  const handle = useYjsDoc(doc, "facilitator");
  useDocVersion(handle?.doc);
  const mine = handle ? readObserverSheet(handle.doc, rubric) : { scores: {} as Record<string, number> };
  return (
    <tr data-testid="live-observer-row">
      <th scope="row">
        {name}
        {submitted ? <span className="badge ok"> submitted</span> : null}
      </th>
      {rubric.criteria.map((c) => (
        <td key={c.id}>{mine.scores[c.id] ?? "–"}</td>
      ))}
    </tr>
  );
}
