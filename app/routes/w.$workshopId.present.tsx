import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { formatRoomCode, toFacilitatorView, type FacilitatorView } from "../../server/domain/workshop";
import { useWorkshopSocket } from "~/realtime/use-workshop-socket";
import { requireFacilitator, requireOwnWorkshop } from "~/utils/auth.server";
import { joinUrlFor, qrSvg } from "~/utils/join-url.server";

export const meta: MetaFunction = () => [{ title: "Presenter view — Rolecall" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const me = await requireFacilitator(request, context);
  const { state, version } = requireOwnWorkshop(context, me, params.workshopId);
  const joinUrl = joinUrlFor(request, context, state.code);
  return json({
    initialView: toFacilitatorView(state, version, context.services.presence.connectedIn(state.id)),
    displayCode: formatRoomCode(state.code),
    joinUrl,
    qr: await qrSvg(joinUrl),
  });
}

/** For a projector: the code, the QR and the headcount, nothing private. */
export default function Presenter() {
  const { initialView, displayCode, joinUrl, qr } = useLoaderData<typeof loader>();
  const live = useWorkshopSocket<FacilitatorView>(initialView.workshopId, "facilitator");
  const view = live.view ?? initialView;
  const shortUrl = joinUrl.replace(/^https?:\/\//, "").replace(/\?code=.*$/, "");
  return (
    <main id="main" className="presenter">
      <h1>{view.title}</h1>
      {view.status === "ended" ? (
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
