import { DismissibleMessage } from "~/components/dismissible-message";
import type { Socket } from "socket.io-client";
import { BOARD_STEP_LABELS, type PublicCard } from "../../../server/domain/board";
import type { ClientToServerEvents, ServerToClientEvents } from "../../../server/domain/socket-contract";
import { useBoard, useBoardCommands } from "~/board/use-board";
import { AddCardForm } from "./add-card-form";
import { BoardSteps, STEP_HINTS } from "./board-steps";
import { CardsBoard } from "./cards-board";
import { BoardStatus, groupNamer } from "./facilitator-board";
import { NotesToPromote } from "./notes-to-promote";
import { ResultsWall } from "./results-wall";
import { SpotlightPanel } from "./spotlight-panel";

/**
 * A participant's view of the plenary board on their phone: the spotlight
 * first, then what the current step asks of them.
 */
export function ParticipantBoard({ workshopId, socket }: { workshopId: string; socket: Socket<ServerToClientEvents, ClientToServerEvents> | null }) {
  const board = useBoard(workshopId, "participant");
  const { meta, cards, wall } = board;
  const { run, message, clearMessage, mine } = useBoardCommands(socket, `${meta?.step}`);
  const groupName = groupNamer(wall);

  if (!meta) {
    return <p className="muted">{board.status === "closed" ? "The board is not available." : "Opening the board…"}</p>;
  }
  const canAdd = meta.step === "cards" || meta.step === "group";
  const voting = meta.step === "vote";
  const voteControls = (card: PublicCard) => {
    const myVotes = mine?.votes[card.id] ?? 0;
    const mineCard = mine?.cardIds.includes(card.id) ?? false;
    return (
      <>
        {voting ? (
          <>
            <button type="button" className="button small" disabled={!mine || mine.votesLeft === 0} onClick={() => run({ type: "vote", cardId: card.id })}>
              Vote<span className="visually-hidden"> for “{card.text}”</span>
            </button>
            {myVotes > 0 ? (
              <>
                <span className="badge" data-testid="my-votes">
                  Your votes: {myVotes}
                </span>
                <button type="button" className="button small secondary" onClick={() => run({ type: "unvote", cardId: card.id })}>
                  Take one back<span className="visually-hidden"> from “{card.text}”</span>
                </button>
              </>
            ) : null}
          </>
        ) : null}
        {mineCard && canAdd ? (
          <button type="button" className="button small link" onClick={() => run({ type: "removeCard", cardId: card.id }, "Your card was taken off the board.")}>
            Take back<span className="visually-hidden"> “{card.text}”</span>
          </button>
        ) : null}
      </>
    );
  };

  return (
    <section className="board participant-board stack" aria-labelledby="p-board-heading" data-testid="participant-board">
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h2 id="p-board-heading">Debrief board · {BOARD_STEP_LABELS[meta.step]}</h2>
        <BoardStatus status={board.status} />
      </div>
      <BoardSteps step={meta.step} />
      <p>{STEP_HINTS[meta.step].participant}</p>
      <DismissibleMessage message={message} onDismiss={clearMessage} />
      <SpotlightPanel meta={meta} cards={cards} wall={wall} groupName={groupName} />

      {meta.step === "results" ? (
        wall ? (
          <ResultsWall wall={wall} spotlight={meta.spotlight} compact />
        ) : (
          <p className="muted">Loading results…</p>
        )
      ) : (
        <>
          {voting && mine ? (
            <p className="votes-left" data-testid="votes-left" aria-live="polite">
              {mine.votesLeft} of {meta.votesPerPerson} votes left
            </p>
          ) : null}
          {canAdd ? (
            <div className="stack">
              <NotesToPromote
                notes={mine?.notes ?? null}
                run={run}
                heading="Your notes from the rooms"
                emptyText="You wrote no notes as an observer. Add a card of your own instead."
                promotedText="Your note is on the board, without your name."
              />
              <AddCardForm run={run} />
            </div>
          ) : null}
          <section aria-labelledby="p-cards-heading">
            <h3 id="p-cards-heading">
              On the board <span className="muted small">({cards.length})</span>
            </h3>
            <CardsBoard cards={cards} meta={meta} groupName={groupName} actions={voteControls} emptyText="No cards yet." />
          </section>
          <details>
            <summary>Results wall</summary>
            {wall ? <ResultsWall wall={wall} spotlight={meta.spotlight} compact /> : null}
          </details>
        </>
      )}
    </section>
  );
}
