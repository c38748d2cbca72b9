import { BOARD_STEP_LABELS } from "../../../server/domain/board";
import { useBoard } from "~/board/use-board";
import { CardsBoard } from "./cards-board";
import { groupNamer } from "./facilitator-board";
import { ResultsWall } from "./results-wall";
import { SpotlightPanel } from "./spotlight-panel";

/** The projector's board: the spotlight large, then the wall or the cards. Names only if the facilitator shows them. */
export function PresenterBoard({ workshopId }: { workshopId: string }) {
  const { meta, cards, wall } = useBoard(workshopId, "facilitator");
  if (!meta) return <p className="join-url">Opening the debrief board…</p>;
  const groupName = groupNamer(wall);
  return (
    <div className="presenter-board" data-testid="presenter-board">
      <h2 className="join-url" data-testid="presenter-phase">
        Plenary debrief · {BOARD_STEP_LABELS[meta.step]}
      </h2>
      <SpotlightPanel meta={meta} cards={cards} wall={wall} groupName={groupName} size="huge" />
      {meta.step === "results" ? (
        wall ? <ResultsWall wall={wall} spotlight={meta.spotlight} /> : null
      ) : (
        <CardsBoard cards={cards} meta={meta} groupName={groupName} emptyText="Cards will appear here as people add them." />
      )}
    </div>
  );
}
