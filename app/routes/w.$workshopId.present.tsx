import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { formatRoomCode, PHASE_LABELS, toFacilitatorView, type FacilitatorView } from "../../server/domain/workshop";
import { PresenterBoard } from "~/components/board/lazy-board";
import { Countdown } from "~/components/countdown";
import { useWorkshopSocket } from "~/realtime/use-workshop-socket";
import { requireFacilitator, requireOwnWorkshop } from "~/utils/auth.server";
import { joinUrlFor, qrSvg } from "~/utils/join-url.server";

export const meta: MetaFunction = () => [{ title: "Presenter view — Rolecall" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const me = await requireFacilitator(request, context);
  const { state, version } = requireOwnWorkshop(context, me, params.workshopId);
  const joinUrl = joinUrlFor(request, context, state.code);
  return json({
    initialView: toFacilitatorView(state, version, context.services.presence.connectedIn(state.id), context.services.content, context.now()),
    displayCode: formatRoomCode(state.code),
    joinUrl,
    qr: await qrSvg(joinUrl),
  });
}

/**
 * For a projector: the code and headcount while people join, then the round,
 * phase and time left — the same deadline every screen counts down from.
 * Nothing private: no briefs, no names; in the plenary, the debrief board
 * (group results, anonymous cards unless the facilitator shows names).
 */
export default function Presenter() {
  const { initialView, displayCode, joinUrl, qr } = useLoaderData<typeof loader>();
  const live = useWorkshopSocket<FacilitatorView>(initialView.workshopId, "facilitator");
  const view = live.view ?? initialView;
  const shortUrl = joinUrl.replace(/^https?:\/\//, "").replace(/\?code=.*$/, "");
  const phases = new Set(view.groups.map((g) => g.phase));
  const together = phases.size === 1 ? view.groups[0] : undefined;
  const running = view.round > 0 && view.status !== "ended";
  return (
    <main id="main" className="presenter">
      <h1>{view.title}</h1>
      {view.stage === "plenary" && view.status !== "ended" ? (
        <PresenterBoard workshopId={view.workshopId} />
      ) : running ? (
        <div className="presenter-round">
          <p className="join-url" data-testid="presenter-phase">
            Round {view.round}
            {view.plan ? ` of ${view.plan.rounds}` : ""} · {together ? PHASE_LABELS[together.phase] : "Groups at different points"}
          </p>
          {together ? (
            <Countdown timer={together.timer} serverNow={view.serverNow} size="huge" />
          ) : (
            <ul className="presenter-groups">
              {view.groups.map((g) => (
                <li key={g.id}>
                  <strong>{g.name}</strong> · {PHASE_LABELS[g.phase]} <Countdown timer={g.timer} serverNow={view.serverNow} />
                </li>
              ))}
            </ul>
          )}
          <p className="count">Room code {displayCode} · late joiners welcome</p>
        </div>
      ) : view.status === "ended" ? (
        <p className="join-url">This workshop has ended. Thank you for taking part.</p>
      ) : (
        <div className="presenter-grid">
          <div>
            <p className="join-url">
              Go to <strong>{shortUrl}</strong> and enter
            </p>
            <div className="room-code" data-testid="presenter-code">
              {displayCode}
            </div>
            <p className="count" aria-live="polite" data-testid="presenter-count">
              {view.roster.length} {view.roster.length === 1 ? "person has" : "people have"} joined
            </p>
          </div>
          <div className="qr" role="img" aria-label="QR code with the join link" dangerouslySetInnerHTML={{ __html: qr }} />
        </div>
      )}
    </main>
  );
}
