import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useRef, type ReactNode } from "react";
import { toParticipantView, viewerPlace, type ParticipantView } from "../../server/domain/workshop/views";
import { readSignedString } from "../../server/http/cookies";
import { AudioSocketProvider } from "~/audio/audio-socket-context";
import { ConnectionStatus } from "~/components/connection-status";
import { BriefingScreen } from "~/components/participant/briefing-screen";
import { BroadcastBanner } from "~/components/participant/broadcast-banner";
import { CommandError } from "~/components/participant/command-error";
import { CurveballAnnouncer } from "~/components/participant/curveballs";
import { DebriefScreen } from "~/components/participant/debrief-screen";
import { Farewell, type Gone } from "~/components/participant/farewell";
import { HelpRequest } from "~/components/participant/help-request";
import { LeaveWorkshop } from "~/components/participant/leave-workshop";
import { LobbyScreen } from "~/components/participant/lobby-screen";
import { SCREEN_HEADING_ID } from "~/components/participant/phase-header";
import { PlenaryScreen, type BoardSocket } from "~/components/participant/plenary-screen";
import { ResetScreen } from "~/components/participant/reset-screen";
import { RoleplayScreen } from "~/components/participant/roleplay-screen";
import { RoundDoneScreen } from "~/components/participant/round-done-screen";
import type { GroupScreenProps, RunCommand } from "~/components/participant/screen-props";
import { useFocusRescue } from "~/components/participant/use-focus-rescue";
import { useParticipantCommands } from "~/components/participant/use-participant-commands";
import { useScreenChange } from "~/components/participant/use-screen-change";
import { WaitingScreen } from "~/components/participant/waiting-screen";
import { ScoringPanel } from "~/components/scoring/scoring-panel";
import { SiteHeader } from "~/components/site-header";
import { useWorkshopSocket } from "~/realtime/use-workshop-socket";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Workshop"} — Rolecall` }];

async function participantFor(request: Request, context: LoaderFunctionArgs["context"], workshopId: string) {
  const loaded = context.services.workshops.load(workshopId);
  const participantId = await readSignedString(context.cookies.participant(workshopId), request.headers.get("Cookie"));
  const participant = loaded && participantId ? loaded.state.participants[participantId] : undefined;
  return { loaded, participant };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const workshopId = params.workshopId ?? "";
  const { loaded, participant } = await participantFor(request, context, workshopId);
  if (!loaded || !participant) throw redirect("/join");
  const { state, version } = loaded;
  const gone: Gone | null = participant.departure
    ? participant.departure.kind === "removed"
      ? { kind: "removed", reason: participant.departure.reason }
      : { kind: "left" }
    : state.status === "ended"
      ? { kind: "ended" }
      : null;
  return json({
    title: state.title,
    me: { id: participant.id, displayName: participant.displayName },
    gone,
    initialView: gone
      ? null
      : toParticipantView(state, version, context.services.presence.connectedIn(state.id), context.services.content, context.now(), viewerPlace(state, participant.id)),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const workshopId = params.workshopId ?? "";
  const { participant } = await participantFor(request, context, workshopId);
  if (!participant) throw redirect("/join");
  const form = await request.formData();
  if (form.get("intent") !== "leave") return json({ error: "Unknown action." }, { status: 400 });
  const result = context.services.workshops.execute(workshopId, { type: "leaveWorkshop" }, { kind: "participant", participantId: participant.id });
  if (!result.ok) return json({ error: result.error.message }, { status: 400 });
  throw redirect(`/p/${workshopId}`);
}

export default function ParticipantPage() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <SiteHeader />
      <main id="main" className="page narrow participant-page">
        {data.gone || !data.initialView ? (
          <Farewell gone={data.gone ?? { kind: "ended" }} title={data.title} />
        ) : (
          <LiveWorkshop me={data.me} initialView={data.initialView} />
        )}
      </main>
    </>
  );
}

/** Which screen the view calls for, and a key that changes when the screen does. */
function screenFor(view: ParticipantView, me: { id: string; displayName: string }, run: RunCommand, socket: BoardSocket | null): { key: string; node: ReactNode } {
  if (view.stage === "plenary") return { key: "plenary", node: <PlenaryScreen view={view} socket={socket} /> };
  const group = view.group;
  if (!group) return { key: "lobby", node: <LobbyScreen view={view} me={me} /> };
  const props: GroupScreenProps = { view, group, role: view.role ?? "observer", meId: me.id, run };
  const key = `${group.id}:${view.round}:${group.phase}`;
  switch (group.phase) {
    case "waiting":
      return { key, node: <WaitingScreen {...props} /> };
    case "briefing":
      return { key, node: <BriefingScreen {...props} /> };
    case "roleplay":
      return { key, node: <RoleplayScreen {...props} /> };
    case "reset":
      return { key, node: <ResetScreen {...props} /> };
    case "debrief":
      return { key, node: <DebriefScreen {...props} /> };
    case "done":
      return { key, node: <RoundDoneScreen {...props} /> };
  }
}

function LiveWorkshop({ me, initialView }: { me: { id: string; displayName: string }; initialView: ParticipantView }) {
  const live = useWorkshopSocket<ParticipantView>(initialView.workshopId, "participant");
  const view = live.view ?? initialView;
  const commands = useParticipantCommands(live.send, live.lastError, live.clearError);
  const container = useRef<HTMLDivElement>(null);
  useFocusRescue(container, () => document.getElementById(SCREEN_HEADING_ID));
  const screen = screenFor(view, me, commands.run, live.socket);
  const announcement = useScreenChange(screen.key, SCREEN_HEADING_ID);

  if (live.ending || view.status === "ended") {
    const gone: Gone =
      live.ending?.kind === "removed"
        ? { kind: "removed", reason: live.ending.reason }
        : live.ending?.kind === "deleted"
          ? { kind: "deleted", message: live.ending.message }
          : { kind: "ended" };
    return <Farewell gone={gone} title={view.title} />;
  }
  const group = view.group;
  return (
    <div className="participant stack" ref={container}>
      <div className="p-topbar">
        <div className="p-topbar-main">
          <p className="p-workshop-title">{view.title}</p>
          <ConnectionStatus state={live.connection} />
        </div>
        {group ? (
          <HelpRequest
            requested={group.helpRequested}
            onAsk={(message) => commands.run({ type: "askForHelp", message })}
            onCancel={() => commands.run({ type: "cancelHelp" })}
          />
        ) : null}
      </div>
      <BroadcastBanner workshopId={view.workshopId} broadcast={view.broadcast} />
      <CommandError message={commands.error} onDismiss={commands.dismiss} />
      <CurveballAnnouncer curveballs={group?.curveballs ?? []} />
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      <AudioSocketProvider socket={live.socket}>{screen.node}</AudioSocketProvider>
      {/* In the plenary the board takes over; each person keeps their own scores in their summary. */}
      {view.stage !== "plenary" ? <ScoringPanel view={view} me={me} send={live.send} connection={live.connection} /> : null}
      <LeaveWorkshop inGroup={Boolean(group)} />
    </div>
  );
}
