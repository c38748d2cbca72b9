/** Builders for the board's domain tests: a real workshop in its plenary, and a board driven by real commands. */
import { FACILITATOR, participant, ScoringHarness } from "../scoring/test-support";
import type { WorkshopState } from "../workshop";
import { decideBoard, type BoardActor, type BoardContext, type PromotableNote } from "./decide-board";
import { boardCommandSchema, type BoardCommandInput } from "./inputs";
import { emptyBoard, type BoardState } from "./types";

export { FACILITATOR, participant };

/** Group g1 played round 1 (p1 staff, p2 patient, p3–p5 observers); the plenary has started. */
export function plenaryWorkshop(): WorkshopState {
  const h = ScoringHarness.inPhase("debrief", 5);
  h.goTo("done");
  h.must({ type: "startPlenary" });
  return h.s;
}

export const NOTES: PromotableNote[] = [
  { noteId: "n1", groupId: "g1", round: 1, authorId: "p3", authorName: "Person 3", kind: "strength", text: "Named the amount before anything else", insteadOf: null },
  { noteId: "n2", groupId: "g1", round: 1, authorId: "p4", authorName: "Person 4", kind: "swap", text: "Let me show you what it covers", insteadOf: "That's just your copay" },
];

export class BoardHarness {
  board: BoardState = emptyBoard();
  private ids = 0;
  now = 5_000;

  constructor(public workshop: WorkshopState = plenaryWorkshop()) {}

  ctx(): BoardContext {
    return { now: this.now, newId: () => `id${++this.ids}`, workshop: this.workshop, note: (id) => NOTES.find((n) => n.noteId === id) };
  }

  /** Parses like the socket edge does, then decides; applies the new state when accepted. */
  run(input: BoardCommandInput, actor: BoardActor = FACILITATOR as BoardActor) {
    const decision = decideBoard(this.board, boardCommandSchema.parse(input), actor, this.ctx());
    if (decision.ok) this.board = decision.state;
    return decision;
  }

  must(input: BoardCommandInput, actor: BoardActor = FACILITATOR as BoardActor) {
    const decision = this.run(input, actor);
    if (!decision.ok) throw new Error(`${input.type} refused: ${decision.error.message}`);
    return decision;
  }

  refused(input: BoardCommandInput, actor: BoardActor = FACILITATOR as BoardActor) {
    const decision = this.run(input, actor);
    if (decision.ok) throw new Error(`${input.type} was accepted`);
    return decision.error;
  }

  get lastCard() {
    const card = this.board.cards.at(-1);
    if (!card) throw new Error("no cards");
    return card;
  }
}

export const as = (id: string) => participant(id) as BoardActor;
