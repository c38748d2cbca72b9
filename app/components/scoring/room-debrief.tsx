import { LevelButton } from "./level-button";
import { useState } from "react";
import type { Rubric } from "../../../server/domain/scenario-schema";
import { missingCriteria, NOTE_MAX_CHARS } from "../../../server/domain/scoring/sheet-layout";
import { FELT_HEARD, FELT_HEARD_LABELS, type FeltHeard, type ScoreMap } from "../../../server/domain/scoring/types";
import type { ParticipantScoringView } from "../../../server/domain/scoring/views";
import type { ClientCommand, CommandAck } from "../../../server/domain/socket-contract";
import { PrivacyNote } from "~/components/field";
import { readSharedSheet } from "~/scoring/sheet-doc";
import { useDocVersion, useYjsDoc } from "~/scoring/use-yjs-doc";
import { NotesList } from "./notes";
import { ScoreComparison } from "./score-comparison";

type Send = (command: ClientCommand) => Promise<CommandAck>;

/**
 * The reveal sequence in the room debrief: the staff member locks in their
 * own view first and the patient says whether they felt heard; only then do
 * the observers' scores appear (or when the facilitator reveals them).
 */
export function RoomDebrief({ scoring, send, canSend = true }: { scoring: ParticipantScoringView; send: Send; canSend?: boolean }) {
  const performer = scoring.role !== "observer";
  const steps = [
    { done: scoring.progress.selfAssessmentLocked, text: `${scoring.staff?.displayName ?? "The staff member"} locks in a self-assessment` },
    { done: scoring.progress.patientAnswered, text: `${scoring.patient?.displayName ?? "The patient"} says whether they felt heard` },
    { done: scoring.progress.revealed, text: "Everyone's scores are revealed" },
  ];
  return (
    <section className="card stack room-debrief" aria-labelledby="reveal-heading" data-testid="room-debrief">
      <h2 id="reveal-heading">Scores in the room debrief</h2>
      <ol className="reveal-steps" data-testid="reveal-steps">
        {steps.map((s) => (
          <li key={s.text} className={s.done ? "done" : ""}>
            <span aria-hidden="true">{s.done ? "✓ " : "○ "}</span>
            {s.text}
            <span className="visually-hidden">{s.done ? " (done)" : " (waiting)"}</span>
          </li>
        ))}
      </ol>

      {scoring.role === "staff" ? <StaffSelfAssessment scoring={scoring} send={send} canSend={canSend} /> : null}
      {scoring.role === "patient" ? <PatientPerspective scoring={scoring} send={send} canSend={canSend} /> : null}

      {scoring.patientPerspective && (scoring.progress.revealed || scoring.role === "patient") ? (
        <div className="patient-perspective-answer" data-testid="patient-answer">
          <p>
            <strong>Did {scoring.role === "patient" ? "you" : (scoring.patient?.displayName ?? "the patient")} feel heard?</strong> {FELT_HEARD_LABELS[scoring.patientPerspective.feltHeard]}
          </p>
          {scoring.patientPerspective.whatLanded ? (
            <p>
              What landed: <q>{scoring.patientPerspective.whatLanded}</q>
            </p>
          ) : null}
        </div>
      ) : null}

      {!scoring.progress.revealed ? (
        <p className="muted" data-testid="reveal-waiting">
          {performer
            ? "The observers' scores appear here once both of you have given your own view."
            : "The scores are revealed to the group once the staff member and the patient have given their own view."}
        </p>
      ) : performer ? (
        <RevealedForPerformer scoring={scoring} />
      ) : null}
    </section>
  );
}

/** After the reveal: the comparison, the agreed scores and the notes, read-only for performers. */
function RevealedForPerformer({ scoring }: { scoring: ParticipantScoringView }) {
  const shared = useYjsDoc(scoring.sheetAccess ? scoring.sheetDoc : null);
  useDocVersion(shared?.doc);
  const sheet = shared ? readSharedSheet(shared.doc, scoring.rubric) : { notes: [], agreed: {} };
  const criteria = scoring.rubric?.criteria.map((c) => ({ id: c.id, title: c.title })) ?? [];
  return (
    <div className="stack" data-testid="revealed-scores">
      {scoring.comparison ? (
        <ScoreComparison
          headingId="revealed-comparison-heading"
          comparison={scoring.comparison}
          raters={scoring.observers}
          selfName={scoring.staff?.displayName}
          criteria={scoring.rubric?.criteria}
          agreed={{ values: sheet.agreed }}
        />
      ) : null}
      <section aria-labelledby="revealed-notes-heading">
        <h3 id="revealed-notes-heading">Observers&apos; notes</h3>
        <NotesList notes={sheet.notes} criteria={criteria} />
      </section>
    </div>
  );
}

function StaffSelfAssessment({ scoring, send, canSend }: { scoring: ParticipantScoringView; send: Send; canSend: boolean }) {
  const [scores, setScores] = useState<ScoreMap>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const rubric = scoring.rubric;

  if (scoring.selfAssessment) {
    return (
      <div className="self-assessment-locked" data-testid="self-assessment-locked">
        <p className="alert info">You locked in your self-assessment.</p>
        {rubric ? (
          <ul className="brief-list">
            {rubric.criteria.map((c) => (
              <li key={c.id}>
                {c.title}: <strong>{scoring.selfAssessment!.scores[c.id] ?? "–"}</strong>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    );
  }
  if (scoring.phase !== "debrief" || !rubric) return null;
  const missing = missingCriteria(rubric, scores);

  return (
    <form
      className="stack self-assessment"
      aria-labelledby="self-assessment-heading"
      data-testid="self-assessment"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        const ack = await send({ type: "lockSelfAssessment", scores });
        setBusy(false);
        setError(ack.ok ? null : ack.error.message);
      }}
    >
      <h3 id="self-assessment-heading">Your own view first</h3>
      <p>Before you see the observers&apos; scores, score yourself on the same rubric. Once locked in, it cannot change.</p>
      {rubric.criteria.map((c) => (
        <SelfCriterion key={c.id} criterion={c} value={scores[c.id]} onChange={(value) => setScores((s) => ({ ...s, [c.id]: value }))} />
      ))}
      {missing.length > 0 ? <p className="muted">Still to score: {missing.map((c) => c.title).join(", ")}.</p> : null}
      {error ? (
        <p className="alert error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button" disabled={missing.length > 0 || busy || !canSend}>
        Lock in my self-assessment
      </button>
    </form>
  );
}

function SelfCriterion({ criterion, value, onChange }: { criterion: Rubric["criteria"][number]; value: number | undefined; onChange: (value: number) => void }) {
  return (
    <fieldset className="criterion-score" data-testid="self-criterion" data-criterion={criterion.id}>
      <legend>
        <span className="criterion-title">{criterion.title}</span>
      </legend>
      <p className="muted criterion-question">{criterion.description}</p>
      <div className="level-buttons">
        {criterion.levels.map((level) => (
          <LevelButton
            key={level.value}
            level={level}
            name={`self-${criterion.id}`}
            tipId={`self-tip-${criterion.id}-${level.value}`}
            checked={value === level.value}
            onChoose={onChange}
          />
        ))}
      </div>
    </fieldset>
  );
}

function PatientPerspective({ scoring, send, canSend }: { scoring: ParticipantScoringView; send: Send; canSend: boolean }) {
  const [feltHeard, setFeltHeard] = useState<FeltHeard | null>(null);
  const [whatLanded, setWhatLanded] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (scoring.patientPerspective || scoring.phase !== "debrief") return null;
  return (
    <form
      className="stack patient-perspective"
      aria-labelledby="patient-perspective-heading"
      data-testid="patient-perspective"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!feltHeard) return setError("Choose yes, partly or no.");
        setBusy(true);
        const ack = await send({ type: "submitPatientPerspective", feltHeard, whatLanded: whatLanded.trim() || null });
        setBusy(false);
        setError(ack.ok ? null : ack.error.message);
      }}
    >
      <h3 id="patient-perspective-heading">From the patient&apos;s chair</h3>
      <fieldset className="felt-heard">
        <legend>Did you feel heard?</legend>
        {FELT_HEARD.map((answer) => (
          <label key={answer} className="chip-radio">
            <input type="radio" name="felt-heard" value={answer} checked={feltHeard === answer} onChange={() => setFeltHeard(answer)} />
            {FELT_HEARD_LABELS[answer]}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="what-landed">What landed? A moment or a line that made a difference (optional)</label>
        <textarea id="what-landed" rows={3} maxLength={NOTE_MAX_CHARS} value={whatLanded} onChange={(e) => setWhatLanded(e.target.value)} />
      </div>
      <PrivacyNote />
      {error ? (
        <p className="alert error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button" disabled={busy || !canSend}>
        Share my answer
      </button>
    </form>
  );
}
