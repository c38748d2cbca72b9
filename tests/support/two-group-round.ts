import type { FacilitatorView } from "../../server/domain/workshop";
import { connectDoc, note, roundTrip, synced, type DocClient } from "./collab";
import { connectSocket, connectWithView, createWorkshop, joinWorkshop, sendCommand, signUpFirstFacilitator, type ClientSocket } from "./test-server";

/**
 * Two groups of four play one round for real, over socket.io and Yjs: the
 * facilitator forms the groups and runs the phases, observers score in their
 * own sheets and write a note in the shared one, staff lock in their own
 * scores and patients answer. Group 2 plays a very hard scenario and scores
 * high, so it counts as a hard case that went well. The plenary is left for
 * the caller to start.
 */

export interface Player {
  id: string;
  name: string;
  cookie: string;
}

export interface PlayedGroup {
  id: string;
  name: string;
  staff: Player;
  patient: Player;
  observers: Player[];
  /** The note the first observer wrote in the shared sheet. */
  note: string;
}

export const EASY_SCENARIO = "surprise-copay-at-check-in";
export const HARD_SCENARIO = "bounced-between-departments";
const NAMES = ["Sam", "Pat", "Ana", "Ben", "Cleo", "Dev", "Eli", "Fay"];

export async function playTwoGroupRound(url: string, title = "Front desk refresher, two rooms") {
  const facilitatorCookie = await signUpFirstFacilitator(url);
  const { workshopId, code } = await createWorkshop(url, facilitatorCookie, title);
  const cookies = new Map<string, string>();
  for (const name of NAMES) cookies.set(name, (await joinWorkshop(url, code, name)).cookie);
  const { socket: facilitator } = await connectWithView(url, facilitatorCookie, workshopId, "facilitator");
  const sockets: ClientSocket[] = [facilitator];
  const docs: DocClient[] = [];
  const command = async (cmd: Record<string, unknown>, socket = facilitator) => {
    const ack = await sendCommand(socket, cmd);
    if (!ack.ok) throw new Error(`${String(cmd.type)} refused: ${ack.error.message}`);
  };
  const as = async (player: Player, cmd: Record<string, unknown>) => {
    const socket = await connectSocket(url, player.cookie, workshopId, "participant");
    sockets.push(socket);
    await command(cmd, socket);
  };
  const open = async (docName: string, player: Player) => {
    const client = connectDoc(url, docName, player.cookie);
    docs.push(client);
    await synced(client.provider);
    return client;
  };

  await command({
    type: "setPlan",
    plan: {
      rubricId: "acro",
      groupSize: 4,
      rounds: 1,
      durations: { briefingSeconds: 600, roleplaySeconds: 1200, resetSeconds: 300, debriefSeconds: 1200 },
      scenarioIds: [EASY_SCENARIO],
    },
  });
  await command({ type: "formGroups" });
  await command({ type: "setGroupScenario", groupId: "g2", scenarioId: HARD_SCENARIO });
  await command({ type: "startRound" });
  await command({ type: "startRoleplay" });

  const view = (await connectWithView(url, facilitatorCookie, workshopId, "facilitator")).view as FacilitatorView;
  const byId = new Map<string, Player>();
  for (const p of view.roster) byId.set(p.id, { id: p.id, name: p.displayName, cookie: cookies.get(p.displayName)! });
  const groups: PlayedGroup[] = view.groups.map((g, i) => {
    const withRole = (role: string) => g.members.filter((m) => m.role === role).map((m) => byId.get(m.id)!);
    return {
      id: g.id,
      name: g.name,
      staff: withRole("staff")[0]!,
      patient: withRole("patient")[0]!,
      observers: withRole("observer"),
      note: i === 0 ? "Said the amount before anything else" : "Stayed calm and named the next step",
    };
  });
  if (groups.length !== 2 || groups.some((g) => g.observers.length !== 2)) throw new Error(`expected two groups of four, got ${JSON.stringify(view.groups.map((g) => g.members))}`);

  // Group 1 scores in the middle of the 1–4 scale; group 2 (the very hard scenario) near the top.
  const levels = [
    [2, 3, 2, 3],
    [4, 4, 3, 4],
  ];
  for (const [i, group] of groups.entries()) {
    const base = `workshop/${workshopId}/group/${group.id}/round/1`;
    for (const observer of group.observers) {
      const sheet = await open(`${base}/observer/${observer.id}`, observer);
      sheet.doc.transact(() => ["acknowledge", "calibrate", "re-enter", "own"].forEach((c, k) => sheet.doc.getMap("scores").set(c, levels[i]![k]!)));
      await roundTrip(sheet.provider);
      await as(observer, { type: "submitScores" });
    }
    const shared = await open(`${base}/rubric`, group.observers[0]!);
    shared.doc.getArray("notes").push([note(group.observers[0]!, `${group.id}-note`, group.note)]);
    await roundTrip(shared.provider);
  }
  await command({ type: "advanceGroups" }); // reset
  await command({ type: "advanceGroups" }); // room debrief
  for (const group of groups) {
    await as(group.staff, { type: "lockSelfAssessment", scores: { acknowledge: 3, calibrate: 3, "re-enter": 3, own: 3 } });
    await as(group.patient, { type: "submitPatientPerspective", feltHeard: "yes", whatLanded: null });
  }
  await command({ type: "advanceGroups" }); // done: the rows are written

  return {
    workshopId,
    code,
    title,
    facilitatorCookie,
    groups,
    command,
    close() {
      for (const d of docs.splice(0)) d.destroy();
      for (const s of sockets.splice(0)) s.close();
    },
  };
}

export type TwoGroupRound = Awaited<ReturnType<typeof playTwoGroupRound>>;
