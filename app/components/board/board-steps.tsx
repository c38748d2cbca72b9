import { BOARD_STEP_LABELS, BOARD_STEPS, type BoardStep } from "../../../server/domain/board";

export const STEP_HINTS: Record<BoardStep, { facilitator: string; participant: string }> = {
  results: {
    facilitator: "Walk the room through every group's results. Spotlight a group to talk about its turn.",
    participant: "Every group's results, side by side. The facilitator will talk you through them.",
  },
  cards: {
    facilitator: "People put their notes on the board and add their own cards. Promote any note from the rooms below.",
    participant: "Put your notes on the board and add what worked, what you would try, or a phrase swap. Cards are anonymous unless the facilitator shows names.",
  },
  group: {
    facilitator: "Make themes and sort the cards into them.",
    participant: "The facilitator is grouping the cards into themes. You can still add a card.",
  },
  vote: {
    facilitator: "Everyone votes for the cards to discuss. Spotlight one to start.",
    participant: "Vote for the cards you most want to talk about.",
  },
  discuss: {
    facilitator: "The most-voted cards come first. Spotlight each in turn; close the workshop when you are done.",
    participant: "The room talks through the most-voted cards.",
  },
};

/** Where the board is: a list of the five steps with the current one marked; buttons for the facilitator. */
export function BoardSteps({ step, onStep }: { step: BoardStep; onStep?: (step: BoardStep) => void }) {
  const index = BOARD_STEPS.indexOf(step);
  return (
    <nav aria-label="Debrief steps">
      <ol className="board-steps" data-testid="board-steps">
        {BOARD_STEPS.map((s, i) => (
          <li key={s} className={s === step ? "current" : i < index ? "done" : undefined} aria-current={s === step ? "step" : undefined}>
            {onStep ? (
              <button type="button" className="step-button" onClick={() => onStep(s)} disabled={s === step}>
                <span className="step-number">{i + 1}</span> {BOARD_STEP_LABELS[s]}
              </button>
            ) : (
              <span>
                <span className="step-number">{i + 1}</span> {BOARD_STEP_LABELS[s]}
              </span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
