import type { AudioJoinAck } from "../../server/domain/audio";
import type { FacilitatorView } from "../../server/domain/workshop";
import { connectWithView, createWorkshop, followViews, joinWorkshop, sendCommand, until, type ClientSocket } from "./test-server";

/** Helpers for audio integration tests: a workshop with its groups in the role-play, over real sockets. */

export const AUDIO_PLAN = {
  rubricId: "core-skills",
  groupSize: 3,
  rounds: 2,
  scenarioIds: ["surprise-copay-at-check-in", "long-wait-after-time-off"],
  durations: { briefingSeconds: 60, roleplaySeconds: 300, resetSeconds: 30, debriefSeconds: 120 },
};

/** A minimal SDP with one audio section in the given direction (plus any extra lines). */
export const sdp = (direction: string, extra = "") =>
  ["v=0", "o=- 1 2 IN IP4 127.0.0.1", "s=-", "t=0 0", "m=audio 9 UDP/TLS/RTP/SAVPF 111", "a=mid:0", `a=${direction}`, "a=rtpmap:111 opus/48000/2", extra]
    .filter(Boolean)
    .join("\r\n") + "\r\n";

export interface Person {
  name: string;
  id: string;
  cookie: string;
  socket: ClientSocket;
}

export { until };

export const joinAudio = (socket: ClientSocket, groupId: string, talk?: boolean): Promise<AudioJoinAck> =>
  socket.timeout(5_000).emitWithAck("audio:join", { groupId, ...(talk === undefined ? {} : { talk }) });

/**
 * Creates a workshop, connects everyone, forms groups (placing `placeLate`
 * into g1 afterwards), starts the round and — unless `startRoleplay` is false —
 * the role-play in every group.
 */
export async function roleplayWorkshop(
  server: { url: string },
  facilitatorCookie: string,
  names: string[],
  plan = AUDIO_PLAN,
  placeLate: string[] = [],
  options: { startRoleplay?: boolean } = {},
) {
  const created = await createWorkshop(server.url, facilitatorCookie, "Audio rooms");
  const f = await connectWithView(server.url, facilitatorCookie, created.workshopId, "facilitator");
  let view = f.view as FacilitatorView;
  followViews(f.socket, (v) => (view = v as FacilitatorView));
  const people: Person[] = [];
  const extra: ClientSocket[] = [];
  const join = async (name: string) => {
    const joined = await joinWorkshop(server.url, created.code, name);
    const p = await connectWithView(server.url, joined.cookie, created.workshopId, "participant");
    people.push({ name, id: p.welcome.participantId!, cookie: joined.cookie, socket: p.socket });
  };
  const run = async (command: Record<string, unknown>) => {
    const ack = await sendCommand(f.socket, command);
    if (!ack.ok) throw new Error(`${String(command.type)} refused: ${ack.error.message}`);
    await until(() => view.version >= ack.version);
  };

  for (const name of names) await join(name);
  await run({ type: "setPlan", plan });
  await run({ type: "formGroups" });
  for (const name of placeLate) {
    await join(name);
    await run({ type: "placeParticipant", participantId: people.find((p) => p.name === name)!.id, groupId: "g1" });
  }
  await run({ type: "startRound" });
  if (options.startRoleplay !== false) await run({ type: "startRoleplay" });

  const inGroup = (groupId: string, role?: string) =>
    view.groups
      .find((g) => g.id === groupId)!
      .members.filter((m) => !role || m.role === role)
      .map((m) => people.find((p) => p.id === m.id)!);
  /** A second tab for someone already in. */
  const secondTab = async (person: Person) => {
    const tab = await connectWithView(server.url, person.cookie, created.workshopId, "participant");
    extra.push(tab.socket);
    return tab.socket;
  };
  const close = () => {
    f.socket.close();
    for (const p of people) p.socket.close();
    for (const s of extra) s.close();
  };
  return { workshopId: created.workshopId, facilitator: f.socket, people, inGroup, run, view: () => view, secondTab, close };
}
