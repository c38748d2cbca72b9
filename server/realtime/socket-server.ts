import { randomUUID } from "node:crypto";
import type { Server as HttpServer } from "node:http";
import { performance } from "node:perf_hooks";
import { Server, type Socket } from "socket.io";
import { z } from "zod";
import {
  clientCommandSchema,
  handshakeAuthSchema,
  SOCKET_PATH,
  type ClientToServerEvents,
  type CommandAck,
  type ServerToClientEvents,
} from "../domain/socket-contract";
import type { ViewContent, WorkshopCommand, WorkshopState } from "../domain/workshop";
import type { GroupStepPart } from "../domain/workshop/group-step";
import type { Cookies } from "../http/cookies";
import { identifyForWorkshop, type PersonActor } from "../http/identify";
import type { AuthService } from "../services/auth-service";
import type { PresenceRegistry } from "../services/presence";
import type { BackgroundWork } from "../services/background-work";
import type { ScoringService } from "../services/scoring-service";
import type { CommandResult, WorkshopService } from "../services/workshop-service";
import { ViewMessages, type ViewSnapshot } from "./view-messages";
import { afterDeferredWork } from "./after-deferred-work";
import { groupStepMessages, groupStepsBetween } from "./group-steps";
import { viewParser } from "./view-parser";

interface SocketData {
  workshopId: string;
  actor: PersonActor;
}

type RolecallSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export const rooms = {
  everyone: (workshopId: string) => `w:${workshopId}`,
  facilitators: (workshopId: string) => `w:${workshopId}:f`,
  participants: (workshopId: string) => `w:${workshopId}:p`,
  participant: (workshopId: string, participantId: string) => `w:${workshopId}:p:${participantId}`,
};

/**
 * While changes keep coming, a workshop's views go out at most every
 * size × this many ms (capped): a few ms for a normal room, a quarter of a
 * second for a thousand people, whose every broadcast costs that much more.
 */
const BROADCAST_GAP_MS_PER_PERSON = 0.25;
const MAX_BROADCAST_GAP_MS = 250;
/**
 * A fan-out yields to the event loop after this long (one slice), or after
 * this many sockets, whichever comes first: a Yjs edit that arrives during a
 * fan-out waits about this long at most, however large the workshop. Slices of
 * 250 sockets took 10–25 ms for a thousand people; with the budget, the rubric's
 * p99 in ten workshops of 100 went from 7.7–8.8 to 5.9–6.6 ms, the fan-out's from
 * 18.6–18.8 to 20.9–22.4 ms (bench/, two runs each).
 */
const DEFAULT_SLICE_BUDGET_MS = 8;
const SOCKETS_PER_SLICE = 250;

/**
 * One facilitator command's fan-out, timed on the server from the command's
 * arrival: to the last participant's view handed to its socket, and to the
 * console's. The load bench sets these beside the time its clients saw the
 * change, which tells the server's share from the clients' (README, "Performance").
 */
export interface CommandFanOutTiming {
  workshopId: string;
  participantsMs: number;
  consoleMs: number;
}

/** One turn's worth of a fan-out: a unit's views or a group's step, and how many sockets it reaches. */
interface FanOutJob {
  people: number;
  send: () => void;
}

interface FanOutOptions {
  sliced: boolean;
  /** Set when a facilitator's command started this fan-out: when that command arrived. */
  commandArrivedAt?: number;
}

export const WORKSHOP_DELETED_MESSAGE = "This workshop was deleted by its facilitator, with everything in it.";

/** The ack when an observer's sheet could not be read: nothing was submitted, and trying again may work. */
const SUBMIT_FAILED: CommandAck = {
  ok: false,
  error: { code: "server-error", message: "Your scores could not be read just now, so they were not submitted. Try again in a moment." },
};

function ackOf(result: CommandResult): CommandAck {
  return result.ok ? { ok: true, version: result.version } : { ok: false, error: { code: result.error.code, message: result.error.message } };
}

const roleSchema = z.enum(["facilitator", "participant"]).default("participant");

/**
 * socket.io on the shared HTTP server. Handlers stay thin: authenticate on
 * connect, validate with zod, hand the command to the workshop service, and
 * fan out per-viewer views when anything changes.
 */
export function attachSocketServer(
  httpServer: HttpServer,
  deps: {
    auth: AuthService;
    workshops: WorkshopService;
    presence: PresenceRegistry;
    cookies: Cookies;
    content: ViewContent;
    now: () => number;
    /** Submitting scores reads the observer's own sheet on the server. */
    scoring: Pick<ScoringService, "submitScores">;
    /** Held while a fan-out is under way, so work nobody waits for goes after it. */
    background?: Pick<BackgroundWork, "hold">;
    /** How long one slice of a fan-out may run (tests set 0: one group per turn of the event loop). */
    sliceBudgetMs?: number;
    /** Told when a facilitator's command has gone out to everyone (the load bench reports it). */
    onCommandFanOut?: (timing: CommandFanOutTiming) => void;
  },
) {
  const sliceBudgetMs = deps.sliceBudgetMs ?? DEFAULT_SLICE_BUDGET_MS;
  const io = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>(httpServer, {
    path: SOCKET_PATH,
    // The Yjs endpoint shares this server; without this, socket.io would
    // destroy upgrade requests for /yjs/ after a timeout.
    destroyUpgrade: false,
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    connectionStateRecovery: undefined,
    parser: viewParser,
  });

  io.use(async (socket, next) => {
    try {
      const auth = handshakeAuthSchema.safeParse(socket.handshake.auth);
      const as = roleSchema.safeParse(socket.handshake.auth?.as);
      if (!auth.success || !as.success) return next(refusal("bad-request", "The connection request was malformed. Reload the page."));
      const identity = await identifyForWorkshop(deps, socket.handshake.headers.cookie, auth.data.workshopId, as.data);
      if (!identity.ok) return next(refusal(identity.status === 403 ? "forbidden" : "unauthorized", identity.message));
      socket.data = { workshopId: auth.data.workshopId, actor: identity.actor };
      next();
    } catch (error) {
      next(refusal("server-error", "The server could not check who you are. Reload the page in a moment."));
      console.error("socket auth failed", error);
    }
  });

  io.on("connection", (socket: RolecallSocket) => {
    const { workshopId, actor } = socket.data;
    const memberId = actor.kind === "participant" ? actor.participantId : `facilitator:${actor.facilitatorId}`;

    void socket.join(rooms.everyone(workshopId));
    if (actor.kind === "facilitator") void socket.join(rooms.facilitators(workshopId));
    else {
      void socket.join(rooms.participants(workshopId));
      void socket.join(rooms.participant(workshopId, actor.participantId));
    }

    socket.emit("session:welcome", {
      role: actor.kind,
      participantId: actor.kind === "participant" ? actor.participantId : null,
      serverNow: deps.now(),
    });
    // Presence change broadcasts a fresh view; a facilitator joining does not
    // change presence, so send them theirs directly.
    deps.presence.connect(workshopId, memberId);
    sendViewTo(socket);

    socket.on("workshop:command", (payload, ack) => {
      const arrivedAt = performance.now();
      const reply = typeof ack === "function" ? ack : () => {};
      const parsed = clientCommandSchema.safeParse(payload);
      if (!parsed.success) {
        const error = { code: "bad-request", message: "That request was malformed and was ignored. Reload the page if this keeps happening." };
        socket.emit("workshop:error", error);
        return reply({ ok: false, error });
      }
      const { expectedVersion, ...command } = parsed.data as typeof parsed.data & { expectedVersion?: number };
      if (command.type === "submitScores") {
        // The observer's sheet is read asynchronously: answered once it is in, or with an error if it cannot be read.
        deps.scoring
          .submitScores(workshopId, actor)
          .then(ackOf, (error: unknown) => {
            console.error("submitting scores failed", error);
            return SUBMIT_FAILED;
          })
          .then((ack) => answer(ack, arrivedAt, reply))
          .catch((error: unknown) => console.error("answering submitScores failed", error));
        return;
      }
      answer(ackOf(deps.workshops.execute(workshopId, command as WorkshopCommand, actor, { expectedVersion })), arrivedAt, reply);
    });

    /** Sends a command's ack, and its error to the socket as well. */
    function answer(ack: CommandAck, arrivedAt: number, reply: (ack: CommandAck) => void) {
      // The facilitator's own command is fanned out at once, before the ack, whatever
      // else is queued: a phase change is the one thing everyone waits for.
      if (ack.ok && actor.kind === "facilitator") flushViews(workshopId, { sliced: true, commandArrivedAt: arrivedAt });
      if (!ack.ok) socket.emit("workshop:error", ack.error);
      reply(ack);
    }

    socket.on("workshop:resync", () => sendViewTo(socket));

    socket.on("disconnect", () => deps.presence.disconnect(workshopId, memberId));
  });

  /* What each view message carries, and for whom; see view-messages.ts. */
  const messages = new ViewMessages(deps.content, randomUUID().slice(0, 8));
  const snapshotOf = (workshopId: string): ViewSnapshot | null => {
    const loaded = deps.workshops.load(workshopId);
    if (!loaded) return null;
    return { state: loaded.state, version: loaded.version, isConnected: deps.presence.connectedIn(workshopId), now: deps.now() };
  };

  function sendViewTo(socket: RolecallSocket) {
    const snapshot = snapshotOf(socket.data.workshopId);
    if (!snapshot) return;
    const { actor } = socket.data;
    socket.emit("workshop:view", actor.kind === "facilitator" ? messages.forFacilitators(snapshot, "connection") : messages.forConnection(snapshot, actor.participantId));
  }

  /**
   * One facilitator view, and one participant view per place shared by
   * everyone in that place — a view never holds anything personal beyond it.
   * Each distinct view is emitted once to all the rooms that share it, so
   * socket.io encodes it once, not once per person. When the only change since
   * the views everyone was last sent is groups moving on (group-steps.ts),
   * each moved group's members get its step instead, and everyone else the new version.
   */
  function broadcastViews(workshopId: string, options: FanOutOptions = { sliced: true }) {
    const snapshot = snapshotOf(workshopId);
    if (!snapshot) return;
    // A large workshop is sent in slices, each after the event loop has had a turn, so
    // Yjs edits and other workshops are not held up for the whole fan-out. A newer
    // broadcast for the workshop makes the rest of this one moot (it sends newer views).
    const token = Symbol(workshopId);
    const presence = presenceChanges.get(workshopId) ?? 0;
    const base = everyoneHolds.get(workshopId);
    // Until this fan-out has reached everyone, what they hold is not one known state.
    everyoneHolds.delete(workshopId);
    const steps = base && base.presence === presence ? groupStepsBetween(base.state, snapshot.state, messages.epoch) : null;
    sending.get(workshopId)?.release();
    sending.set(workshopId, { token, release: deps.background?.hold() ?? (() => {}) });
    const jobs = steps && base ? stepJobs(workshopId, snapshot, steps, base.version) : viewJobs(workshopId, snapshot);
    let next = 0;
    const sendSlice = () => {
      if (sending.get(workshopId)?.token !== token) return;
      let sockets = 0;
      const started = performance.now();
      const sliceFull = () => sockets >= SOCKETS_PER_SLICE || performance.now() - started >= sliceBudgetMs;
      // At least one job per slice, however small the budget.
      do {
        const job = jobs[next++];
        if (!job) break;
        job.send();
        sockets += job.people;
      } while (next < jobs.length && (!options.sliced || !sliceFull()));
      if (next < jobs.length) {
        afterDeferredWork(sendSlice);
        return;
      }
      const participantsSentAt = performance.now();
      everyoneHolds.set(workshopId, { state: snapshot.state, version: snapshot.version, presence });
      // Last: the console's view holds every group and grows with the workshop, so encoding it
      // first would hold up everyone else's. In a sliced fan-out it also gets a turn of its own
      // (5–20 ms for a thousand people): added to the last slice's, it held up Yjs edits for twice
      // as long as a slice may.
      const sendConsole = () => {
        if (sending.get(workshopId)?.token !== token) return;
        io.to(rooms.facilitators(workshopId)).emit("workshop:view", messages.forFacilitators(snapshot, "room"));
        const arrivedAt = options.commandArrivedAt;
        if (arrivedAt !== undefined && deps.onCommandFanOut) {
          deps.onCommandFanOut({ workshopId, participantsMs: participantsSentAt - arrivedAt, consoleMs: performance.now() - arrivedAt });
        }
        sending.get(workshopId)?.release();
        sending.delete(workshopId);
      };
      if (options.sliced) afterDeferredWork(sendConsole);
      else sendConsole();
    };
    sendSlice();
  }

  /** Whole views: each unit's messages (view-messages.ts), built when its turn in the fan-out comes. */
  function viewJobs(workshopId: string, snapshot: ViewSnapshot): FanOutJob[] {
    return messages.units(snapshot.state).map((unit) => ({
      people: unit.people,
      send: () => {
        for (const { people: to, message } of messages.forUnit(snapshot, unit)) {
          io.to(to.map((id) => rooms.participant(workshopId, id))).emit("workshop:view", message);
        }
      },
    }));
  }

  /** Steps: each moved group's to its members, then the new version to everyone else. */
  function stepJobs(workshopId: string, snapshot: ViewSnapshot, parts: GroupStepPart[], baseVersion: number): FanOutJob[] {
    return groupStepMessages(snapshot.state, parts, { baseVersion, version: snapshot.version, serverNow: snapshot.now }).map(({ people, message }) => ({
      people: people.length,
      send: () => void io.to(people.map((id) => rooms.participant(workshopId, id))).emit("workshop:view", message),
    }));
  }
  /**
   * The state whose views every participant socket of a workshop holds: set when a fan-out
   * has reached them all, cleared while one is under way. A fan-out compares the state now
   * with it to send steps, unless someone connected or left since (views show who is
   * connected): presence changes are counted per workshop for that.
   */
  const everyoneHolds = new Map<string, { state: WorkshopState; version: number; presence: number }>();
  const presenceChanges = new Map<string, number>();
  const forgetHeldViews = (workshopId: string) => {
    everyoneHolds.delete(workshopId);
    presenceChanges.delete(workshopId);
  };
  /** The fan-out under way per workshop, and its hold on background work. */
  const sending = new Map<string, { token: symbol; release: () => void }>();

  /**
   * Changes are fanned out per workshop at most once per turn of the event
   * loop, and while they keep coming (people joining, connecting, pressing
   * ready) at most once per `gapFor(size)`: a view is built from the latest
   * state, so nothing is lost by skipping the ones in between. Without this,
   * each of N people joining re-sent a view to everyone: N² messages.
   */
  const queued = new Map<string, NodeJS.Timeout | NodeJS.Immediate>();
  const lastBroadcast = new Map<string, number>();
  function gapFor(workshopId: string): number {
    const people = deps.workshops.load(workshopId)?.state.participants;
    const size = people ? Object.keys(people).length : 0;
    return Math.min(MAX_BROADCAST_GAP_MS, size * BROADCAST_GAP_MS_PER_PERSON);
  }
  function queueViews(workshopId: string) {
    if (queued.has(workshopId)) return;
    const wait = (lastBroadcast.get(workshopId) ?? -Infinity) + gapFor(workshopId) - performance.now();
    const run = () => {
      queued.delete(workshopId);
      lastBroadcast.set(workshopId, performance.now());
      broadcastViews(workshopId);
    };
    queued.set(workshopId, wait > 0 ? setTimeout(run, wait) : setImmediate(run));
  }
  /** Sends what is queued for this workshop now (a facilitator's command, the end of the workshop). */
  function flushViews(workshopId: string, options?: FanOutOptions) {
    const pending = queued.get(workshopId);
    if (!pending) return;
    clearTimeout(pending as NodeJS.Timeout);
    clearImmediate(pending as NodeJS.Immediate);
    queued.delete(workshopId);
    lastBroadcast.set(workshopId, performance.now());
    broadcastViews(workshopId, options);
  }

  const unsubscribeChanges = deps.workshops.onChange(({ workshopId, events }) => {
    for (const event of events) {
      if (event.type === "participantRemoved" || event.type === "participantLeft") {
        messages.sent.forgetParticipant(workshopId, event.participantId);
        const room = rooms.participant(workshopId, event.participantId);
        if (event.type === "participantRemoved") io.to(room).emit("workshop:removed", { reason: event.reason });
        // After this tick, so a participant who left over this socket still gets the ack first.
        setImmediate(() => io.in(room).disconnectSockets(true));
      }
      if (event.type === "workshopEnded") io.to(rooms.participants(workshopId)).emit("workshop:ended");
    }
    queueViews(workshopId);
    if (events.some((e) => e.type === "workshopEnded")) {
      // Everyone gets the final view before their socket is closed: in one go, not in slices
      // (the sockets close on this turn), once per workshop.
      flushViews(workshopId, { sliced: false });
      io.in(rooms.participants(workshopId)).disconnectSockets(true);
      messages.forgetWorkshop(workshopId);
      forgetHeldViews(workshopId);
    }
  });
  const unsubscribePresence = deps.presence.onChange((workshopId) => {
    presenceChanges.set(workshopId, (presenceChanges.get(workshopId) ?? 0) + 1);
    queueViews(workshopId);
  });
  // A workshop nobody used has left memory (services/idle-workshops.ts), and so does what its
  // sockets were sent: anyone who connects later is sent everything, as after a restart.
  const unsubscribeEvicted = deps.workshops.onEvicted((workshopId) => {
    lastBroadcast.delete(workshopId);
    forgetHeldViews(workshopId);
    messages.forgetWorkshop(workshopId);
  });
  const unsubscribeDeleted = deps.workshops.onDeleted((workshopId) => {
    const pending = queued.get(workshopId);
    if (pending) {
      clearTimeout(pending as NodeJS.Timeout);
      clearImmediate(pending as NodeJS.Immediate);
      queued.delete(workshopId);
    }
    lastBroadcast.delete(workshopId);
    forgetHeldViews(workshopId);
    sending.get(workshopId)?.release();
    sending.delete(workshopId);
    messages.forgetWorkshop(workshopId);
    const room = rooms.everyone(workshopId);
    io.to(room).emit("workshop:deleted", { message: WORKSHOP_DELETED_MESSAGE });
    // After this tick, so the message is written to each socket before it closes.
    setImmediate(() => io.in(room).disconnectSockets(true));
  });

  return {
    io,
    /** The workshops whose views' sending is remembered (see view-messages.ts). */
    rememberedWorkshops: () => [...new Set([...messages.rememberedWorkshops(), ...everyoneHolds.keys(), ...presenceChanges.keys()])],
    close: async () => {
      for (const pending of queued.values()) {
        clearTimeout(pending as NodeJS.Timeout);
        clearImmediate(pending as NodeJS.Immediate);
      }
      queued.clear();
      for (const { release } of sending.values()) release();
      sending.clear();
      unsubscribeChanges();
      unsubscribePresence();
      unsubscribeEvicted();
      unsubscribeDeleted();
      await io.close();
    },
  };
}


function refusal(code: string, message: string): Error {
  const error = new Error(message) as Error & { data: { code: string } };
  error.data = { code };
  return error;
}
