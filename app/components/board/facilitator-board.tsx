import { DismissibleMessage } from "~/components/dismissible-message";
import { useState } from "react";
import type { Socket } from "socket.io-client";
import { BOARD_STEP_LABELS, BOARD_STEPS, VOTES_PER_PERSON_MAX, type PublicCard } from "../../../server/domain/board";
import type { ClientToServerEvents, ServerToClientEvents } from "../../../server/domain/socket-contract";
import { useBoard, useBoardCommands } from "~/board/use-board";
import { AddCardForm } from "./add-card-form";
import { STEP_HINTS, BoardSteps } from "./board-steps";
import { CardsBoard } from "./cards-board";
import { NotesToPromote } from "./notes-to-promote";
import { ResultsWall } from "./results-wall";
import { SpotlightPanel } from "./spotlight-panel";
import { ThemeManager } from "./theme-manager";

/**
 * The facilitator's side of the plenary: lead the room through the steps,
 * spotlight what to talk about, sort cards into themes, set the votes, and
 * close the workshop at the end.
 */
export function FacilitatorBoard({
  workshopId,
  socket,
  onCloseWorkshop,
}: {
  workshopId: string;
  socket: Socket<ServerToClientEvents, ClientToServerEvents> | null;
  onCloseWorkshop: () => void;
}) {
  const board = useBoard(workshopId, "facilitator");
  const { meta, cards, wall } = board;
  const { run, message, clearMessage, notes } = useBoardCommands(socket, `${meta?.step}/${cards.length}`);
  const [votes, setVotes] = useState<string>("");
  const groupName = groupNamer(wall);

  if (!meta) {
    return (
      <section className="card" aria-labelledby="board-heading">
        <h2 id="board-heading">Debrief board</h2>
        <p className="muted">{board.status === "closed" ? "The board is not available." : "Opening the board…"}</p>
      </section>
    );
  }
  const stepIndex = BOARD_STEPS.indexOf(meta.step);
  const next = BOARD_STEPS[stepIndex + 1];
  const spotlightCard = (card: PublicCard) => {
    const on = meta.spotlight?.kind === "card" && meta.spotlight.cardId === card.id;
    return (
      <>
        <button type="button" className="button small secondary" aria-pressed={on} onClick={() => run({ type: "setSpotlight", spotlight: on ? null : { kind: "card", cardId: card.id } })}>
          {on ? "Clear spotlight" : "Spotlight"}
        </button>
        {meta.themes.length > 0 ? (
          <label className="inline-select">
            <span className="visually-hidden">Theme for “{card.text}”</span>
            <select value={card.themeId ?? ""} onChange={(e) => run({ type: "setCardTheme", cardId: card.id, themeId: e.target.value || null })}>
              <option value="">No theme</option>
              {meta.themes.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.title}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <button type="button" className="button small link" onClick={() => run({ type: "removeCard", cardId: card.id }, "Card removed.")}>
          Remove<span className="visually-hidden"> “{card.text}”</span>
        </button>
      </>
    );
  };

  return (
    <section className="card board facilitator-board" aria-labelledby="board-heading" data-testid="facilitator-board">
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h2 id="board-heading">Debrief board · {BOARD_STEP_LABELS[meta.step]}</h2>
        <BoardStatus status={board.status} />
      </div>
      <BoardSteps step={meta.step} onStep={(step) => run({ type: "setBoardStep", step })} />
      <p className="lead">{STEP_HINTS[meta.step].facilitator}</p>
      <DismissibleMessage message={message} onDismiss={clearMessage} />

      <SpotlightPanel meta={meta} cards={cards} wall={wall} groupName={groupName} />
      {meta.spotlight ? (
        <button type="button" className="button secondary small" onClick={() => run({ type: "setSpotlight", spotlight: null })}>
          Clear the spotlight
        </button>
      ) : null}

      <div className="board-settings row">
        <label className="checkbox">
          <input type="checkbox" checked={meta.showNames} onChange={(e) => run({ type: "setShowNames", show: e.target.checked }, e.target.checked ? "Names are shown on every card." : "Cards are anonymous again.")} /> Show who wrote each card
        </label>
        <form
          className="row votes-form"
          onSubmit={(e) => {
            e.preventDefault();
            void run({ type: "setVotesPerPerson", votes: Number(votes || meta.votesPerPerson) }, `Everyone has ${votes || meta.votesPerPerson} votes.`);
          }}
        >
          <div className="field">
            <label htmlFor="votes-per-person">Votes per person</label>
            <input id="votes-per-person" type="number" inputMode="numeric" min={1} max={VOTES_PER_PERSON_MAX} value={votes || String(meta.votesPerPerson)} onChange={(e) => setVotes(e.target.value)} />
          </div>
          <button type="submit" className="button secondary small">
            Set votes
          </button>
        </form>
      </div>

      {meta.step === "results" || meta.spotlight?.kind === "performance" ? (
        <section aria-labelledby="wall-heading">
          <h3 id="wall-heading">Results wall</h3>
          {wall ? (
            <ResultsWall
              wall={wall}
              spotlight={meta.spotlight}
              onSpotlight={(c) => run({ type: "setSpotlight", spotlight: c ? { kind: "performance", groupId: c.groupId, round: c.round } : null })}
            />
          ) : (
            <p className="muted">Loading results…</p>
          )}
        </section>
      ) : (
        <details className="wall-details">
          <summary>Results wall</summary>
          {wall ? (
            <ResultsWall
              wall={wall}
              spotlight={meta.spotlight}
              onSpotlight={(c) => run({ type: "setSpotlight", spotlight: c ? { kind: "performance", groupId: c.groupId, round: c.round } : null })}
            />
          ) : null}
        </details>
      )}

      {meta.step !== "results" ? (
        <div className="board-columns">
          <div className="stack">
            {meta.step === "group" || meta.themes.length > 0 ? <ThemeManager themes={meta.themes} run={run} /> : null}
            <section aria-labelledby="cards-heading">
              <h3 id="cards-heading">
                Cards <span className="muted small">({cards.length})</span>
              </h3>
              <CardsBoard cards={cards} meta={meta} groupName={groupName} actions={spotlightCard} emptyText="No cards yet. Promote a note from the rooms, or wait for people to add theirs." />
            </section>
          </div>
          <aside className="stack">
            <NotesToPromote notes={notes} run={run} heading="Notes from the rooms" emptyText="Nobody wrote notes in the rounds." promotedText="The note is on the board, without its author's name." />
            <AddCardForm run={run} />
          </aside>
        </div>
      ) : null}

      <div className="row board-footer">
        {next ? (
          <button type="button" className="button" onClick={() => run({ type: "setBoardStep", step: next })}>
            Next: {BOARD_STEP_LABELS[next]}
          </button>
        ) : (
          <button type="button" className="button danger" onClick={onCloseWorkshop}>
            Close the workshop
          </button>
        )}
      </div>
    </section>
  );
}

export function BoardStatus({ status }: { status: string }) {
  if (status === "online") return null;
  return (
    <span className="badge warn" role="status">
      {status === "offline" ? "Board offline — reconnecting" : status === "closed" ? "Board closed" : "Connecting to the board…"}
    </span>
  );
}

export function groupNamer(wall: { columns: { groupId: string; groupName: string }[] } | null) {
  const names = new Map((wall?.columns ?? []).map((c) => [c.groupId, c.groupName]));
  return (groupId: string) => names.get(groupId) ?? "a group";
}
