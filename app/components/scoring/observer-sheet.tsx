import { LevelButton } from "./level-button";
import { useEffect, useMemo, useRef, useState } from "react";
import type { Rubric } from "../../../server/domain/scenario-schema";
import { observerSheetDocName } from "../../../server/domain/scoring/sheet-docs";
import { missingCriteria } from "../../../server/domain/scoring/sheet-layout";
import type { ParticipantScoringView } from "../../../server/domain/scoring/views";
import type { ClientCommand, CommandAck } from "../../../server/domain/socket-contract";
import { addNote, newNoteId, readObserverSheet, readSharedSheet, removeNote, setAgreed, setBehaviour, setScore } from "~/scoring/sheet-doc";
import { interpretKey, isTypingTarget, type ShortcutState } from "~/scoring/shortcuts";
import { flushToServer, useDocVersion, useYjsDoc } from "~/scoring/use-yjs-doc";
import { usePresence, type PresenceState } from "~/scoring/use-presence";
import { NoteComposer, NotesList, type NoteComposerHandle, type NoteDraft } from "./notes";
import { ScoreComparison } from "./score-comparison";
import { SheetStatus, worstStatus } from "./sheet-status";

type Send = (command: ClientCommand) => Promise<CommandAck>;

/**
 * An observer's scoring sheet: their own scores and ticks (a private
 * document only they write), live notes and presence (the group's shared
 * sheet), and, once they submit, everyone's scores side by side.
 */
export function ObserverSheet({
  workshopId,
  me,
  scoring,
  send,
  clockOffsetMs,
  canSend = true,
}: {
  workshopId: string;
  me: { id: string; displayName: string };
  scoring: ParticipantScoringView;
  send: Send;
  /** Server clock minus this device's clock, so note times agree across devices. */
  clockOffsetMs: number;
  /** False while the workshop connection (which carries the submit command) is down. */
  canSend?: boolean;
}) {
  const rubric = scoring.rubric;
  const ownName = scoring.ownSheetAccess ? observerSheetDocName(workshopId, scoring.groupId, scoring.round, me.id) : null;
  const shared = useYjsDoc(scoring.sheetAccess ? scoring.sheetDoc : null);
  const own = useYjsDoc(ownName);
  useDocVersion(shared?.doc);
  useDocVersion(own?.doc);
  const [focus, setFocus] = useState<ShortcutState>({ criterionId: rubric?.criteria[0]?.id ?? null, awaitingLevel: false });
  const composer = useRef<NoteComposerHandle | null>(null);
  const criterionRefs = useRef(new Map<string, HTMLFieldSetElement>());
  const presence = usePresence(shared?.provider, { id: me.id, name: me.displayName }, focus.criterionId);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const canScore = scoring.ownSheetAccess === "write" && Boolean(own);
  const canNote = scoring.sheetAccess === "write" && Boolean(shared);
  const status = worstStatus([shared?.status, ownName ? own?.status : undefined]);
  const mine = own && rubric ? readObserverSheet(own.doc, rubric) : { scores: {}, behaviours: {} };
  const sheet = shared ? readSharedSheet(shared.doc, rubric) : { notes: [], agreed: {} };
  const missing = rubric ? missingCriteria(rubric, mine.scores) : [];
  const criteria = useMemo(() => rubric?.criteria.map((c) => ({ id: c.id, title: c.title })) ?? [], [rubric]);

  const offsetNow = () => (scoring.roleplayStartedAt === null ? null : Math.max(0, Date.now() + clockOffsetMs - scoring.roleplayStartedAt));

  // One-handed scoring: criterion key, then level digit; "n" for a note. Never while typing.
  useEffect(() => {
    if (!rubric) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.repeat || isTypingTarget(event.target)) return;
      const { action, next } = interpretKey(event.key, focus, rubric);
      if (action.kind === "none") return;
      event.preventDefault();
      setFocus(next);
      if (action.kind === "select") {
        const fieldset = criterionRefs.current.get(action.criterionId);
        fieldset?.scrollIntoView({ block: "nearest" });
        (fieldset?.querySelector<HTMLInputElement>("input[type=radio]:checked") ?? fieldset?.querySelector<HTMLInputElement>("input[type=radio]"))?.focus({ preventScroll: true });
      } else if (action.kind === "level" && canScore && own) {
        setScore(own.doc, action.criterionId, action.value);
        criterionRefs.current.get(action.criterionId)?.querySelector<HTMLInputElement>(`input[value="${action.value}"]`)?.focus({ preventScroll: true });
      } else if (action.kind === "note" && canNote) {
        composer.current?.start(focus.criterionId);
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [rubric, focus, canScore, canNote, own]);

  if (!rubric) return <p className="alert error">The rubric for this round could not be loaded. Ask the facilitator.</p>;

  async function submit() {
    if (!own) return;
    setSubmitting(true);
    setError(null);
    // The server reads this sheet when it receives the command: make sure it has every score first.
    const flushed = await flushToServer(own.provider);
    const ack = flushed ? await send({ type: "submitScores" }) : { ok: false as const, error: { code: "offline", message: "Your scores have not reached the server yet. Wait until the sheet says Live, then submit." } };
    setSubmitting(false);
    if (!ack.ok) setError(ack.error.message);
  }

  function add(draft: NoteDraft) {
    if (!shared) return;
    addNote(shared.doc, { id: newNoteId(), authorId: me.id, authorName: me.displayName, at: Date.now(), ...draft });
  }

  const revealed = scoring.progress.revealed;
  return (
    <section className="card stack observer-sheet" aria-labelledby="observer-sheet-heading" data-testid="observer-sheet">
      <div className="sheet-header">
        <div>
          <h2 id="observer-sheet-heading">Scoring sheet</h2>
          <p className="muted">
            Score {scoring.staff?.displayName ?? "the staff member"} as you listen. Your scores stay hidden from the other observers until they submit theirs.
          </p>
        </div>
        <SheetStatus status={status} readOnly={!canScore && !canNote} />
      </div>

      <p data-testid="submitted-count">
        <strong>
          {scoring.progress.submitted} of {scoring.progress.observers}
        </strong>{" "}
        observers have submitted{scoring.submitted ? " (you have)" : ""}.
      </p>

      <details className="shortcut-help">
        <summary>Keyboard shortcuts</summary>
        <ul className="brief-list">
          {rubric.criteria.map((c) =>
            c.shortcut ? (
              <li key={c.id}>
                <kbd>{c.shortcut.toUpperCase()}</kbd> then a level digit: {c.title}
              </li>
            ) : null,
          )}
          <li>
            <kbd>N</kbd>: a note, timed now
          </li>
          <li>
            <kbd>Esc</kbd>: close the note
          </li>
        </ul>
      </details>

      <Presence people={presence} criteria={criteria} />

      <div className="criteria-list">
        {rubric.criteria.map((criterion) => (
          <CriterionScore
            key={criterion.id}
            criterion={criterion}
            value={mine.scores[criterion.id]}
            ticked={mine.behaviours[criterion.id] ?? []}
            selected={focus.criterionId === criterion.id}
            here={presence.filter((p) => p.criterionId === criterion.id)}
            disabled={!canScore}
            fieldsetRef={(el) => {
              if (el) criterionRefs.current.set(criterion.id, el);
              else criterionRefs.current.delete(criterion.id);
            }}
            onFocus={() => setFocus((f) => (f.criterionId === criterion.id ? f : { criterionId: criterion.id, awaitingLevel: false }))}
            onScore={(value) => own && setScore(own.doc, criterion.id, value)}
            onTick={(behaviourId, on) => own && setBehaviour(own.doc, criterion.id, behaviourId, on)}
          />
        ))}
      </div>

      <section className="stack" aria-labelledby="notes-heading">
        <h3 id="notes-heading">Notes</h3>
        {canNote ? <NoteComposer ref={composer} criteria={criteria} offsetNow={offsetNow} onAdd={add} /> : null}
        <div aria-live="polite" aria-relevant="additions">
          <NotesList notes={sheet.notes} criteria={criteria} meId={me.id} onRemove={canNote && shared ? (id) => removeNote(shared.doc, id) : undefined} />
        </div>
      </section>

      <section className="submit-scores" aria-labelledby="submit-heading">
        <h3 id="submit-heading">Your scores</h3>
        {scoring.submitted ? (
          <p className="alert info" data-testid="scores-submitted">
            You submitted your scores. They are shown to the group side by side below.
          </p>
        ) : scoring.live ? (
          <>
            <p data-testid="missing-criteria">{missing.length > 0 ? `Still to score: ${missing.map((c) => c.title).join(", ")}.` : "Every criterion has a score."}</p>
            <button type="button" className="button" onClick={submit} disabled={!canScore || missing.length > 0 || submitting || status === "offline" || !canSend}>
              {submitting ? "Submitting…" : "Submit my scores"}
            </button>
            {!canSend || status === "offline" ? <p className="muted">You can submit once you are back online.</p> : null}
            <p className="muted">After you submit you can no longer change your scores, and you will see everyone else&apos;s who has submitted.</p>
          </>
        ) : (
          <p className="muted">Scoring is closed for this round.</p>
        )}
        {error ? (
          <p className="alert error" role="alert">
            {error}
          </p>
        ) : null}
      </section>

      {scoring.comparison ? (
        <ScoreComparison
          headingId="observer-comparison-heading"
          comparison={scoring.comparison}
          raters={scoring.observers}
          selfName={scoring.staff?.displayName}
          criteria={rubric.criteria}
          agreed={
            revealed && shared
              ? { values: sheet.agreed, onChange: canNote && scoring.phase === "debrief" ? (criterionId, value) => setAgreed(shared.doc, criterionId, value) : undefined }
              : undefined
          }
        />
      ) : null}
    </section>
  );
}

function Presence({ people, criteria }: { people: PresenceState[]; criteria: { id: string; title: string }[] }) {
  if (people.length === 0) return null;
  return (
    <p className="presence" data-testid="presence">
      <span className="label">Also on the sheet: </span>
      {people.map((p, i) => (
        <span key={p.id}>
          {i > 0 ? ", " : ""}
          {p.name}
          {p.criterionId ? <span className="muted"> ({criteria.find((c) => c.id === p.criterionId)?.title ?? "…"})</span> : null}
        </span>
      ))}
    </p>
  );
}

function CriterionScore({
  criterion,
  value,
  ticked,
  selected,
  here,
  disabled,
  fieldsetRef,
  onFocus,
  onScore,
  onTick,
}: {
  criterion: Rubric["criteria"][number];
  value: number | undefined;
  ticked: string[];
  selected: boolean;
  here: PresenceState[];
  disabled: boolean;
  fieldsetRef: (el: HTMLFieldSetElement | null) => void;
  onFocus: () => void;
  onScore: (value: number) => void;
  onTick: (behaviourId: string, on: boolean) => void;
}) {
  const chosen = criterion.levels.find((l) => l.value === value);
  return (
    <fieldset
      ref={fieldsetRef}
      className={`criterion-score ${selected ? "is-selected" : ""}`}
      data-testid="criterion"
      data-criterion={criterion.id}
      onFocus={onFocus}
      onMouseDown={onFocus}
    >
      <legend>
        {criterion.shortcut ? <kbd className="criterion-key">{criterion.shortcut.toUpperCase()}</kbd> : null}
        <span className="criterion-title">{criterion.title}</span>
        {here.length > 0 ? <span className="presence-chip">{here.map((p) => p.name).join(", ")} here</span> : null}
      </legend>
      <p className="muted criterion-question">{criterion.description}</p>
      <div className="level-buttons">
        {criterion.levels.map((level) => (
          <LevelButton
            key={level.value}
            level={level}
            name={`level-${criterion.id}`}
            tipId={`tip-${criterion.id}-${level.value}`}
            checked={value === level.value}
            disabled={disabled}
            onChoose={onScore}
          />
        ))}
      </div>
      <p className="chosen-level" data-testid="chosen-level">
        {chosen ? (
          <>
            <strong>
              {chosen.value} · {chosen.label}:
            </strong>{" "}
            {chosen.description}
          </>
        ) : (
          <span className="muted">Not scored yet.</span>
        )}
      </p>
      {criterion.behaviours.length > 0 ? (
        <ul className="behaviour-list" aria-label={`Behaviours seen for ${criterion.title}`}>
          {criterion.behaviours.map((b) => {
            const id = `behaviour-${criterion.id}-${b.id}`;
            return (
              <li key={b.id} className="checkbox">
                <input id={id} type="checkbox" checked={ticked.includes(b.id)} disabled={disabled} onChange={(e) => onTick(b.id, e.target.checked)} />
                <label htmlFor={id}>{b.text}</label>
              </li>
            );
          })}
        </ul>
      ) : null}
    </fieldset>
  );
}
