import {
  audioJoinSchema,
  audioMuteSchema,
  audioSeatFor,
  audioSignalSchema,
  audioTalkSchema,
  chatOpenSchema,
  chatSendSchema,
  type AudioCandidate,
  type AudioError,
  type ChatActor,
} from "../domain/audio";
import type { WorkshopService } from "../services/workshop-service";
import type { AudioProvider } from "./audio-provider";
import type { RoomChat } from "./room-chat-service";
import type { AudioSocket } from "./socket-types";

const MALFORMED: AudioError = { code: "bad-request", message: "That request was malformed and was ignored. Reload the page if this keeps happening." };

/** A client's ack may be missing or not a function; never let that throw. */
function replier<T>(ack: unknown): (result: T) => void {
  return typeof ack === "function" ? (ack as (result: T) => void) : () => {};
}

/**
 * The audio:* and chat:* handlers for one socket. Each handler parses its
 * payload with zod and takes the actor from the handshake (never from the
 * payload); the seat rules decide the rest against the current state.
 */
export function registerAudioHandlers(socket: AudioSocket, deps: { workshops: WorkshopService; provider: AudioProvider; chat: RoomChat }) {
  const { workshopId, actor } = socket.data;
  const chatActor: ChatActor = actor;

  socket.on("audio:join", async (payload, ack) => {
    const reply = replier<Parameters<typeof ack>[0]>(ack);
    const parsed = audioJoinSchema.safeParse(payload);
    if (!parsed.success) return reply({ ok: false, error: MALFORMED });
    const loaded = deps.workshops.load(workshopId);
    if (!loaded) return reply({ ok: false, error: { code: "not-found", message: "This workshop no longer exists." } });
    const candidate: AudioCandidate =
      actor.kind === "facilitator" ? { kind: "facilitator", facilitatorId: actor.facilitatorId, talking: parsed.data.talk === true } : actor;
    const seat = audioSeatFor(loaded.state, candidate, parsed.data.groupId);
    if (!seat.ok) return reply({ ok: false, error: seat.error });
    try {
      reply(await deps.provider.join(socket, candidate, seat.seat));
    } catch (error) {
      console.error("audio join failed", error);
      reply({ ok: false, error: { code: "server-error", message: "The audio room could not be opened. Try again in a moment." } });
    }
  });

  socket.on("audio:leave", () => deps.provider.leave(socket));

  socket.on("audio:signal", (payload) => {
    const parsed = audioSignalSchema.safeParse(payload);
    if (!parsed.success) return void socket.emit("audio:error", MALFORMED);
    deps.provider.signal(socket, parsed.data);
  });

  socket.on("audio:mute", (payload) => {
    const parsed = audioMuteSchema.safeParse(payload);
    if (!parsed.success) return void socket.emit("audio:error", MALFORMED);
    deps.provider.mute(socket, parsed.data.muted);
  });

  socket.on("audio:talk", async (payload, ack) => {
    const reply = replier<Parameters<typeof ack>[0]>(ack);
    const parsed = audioTalkSchema.safeParse(payload);
    if (!parsed.success) return reply({ ok: false, error: MALFORMED });
    if (actor.kind !== "facilitator") return reply({ ok: false, error: { code: "forbidden", message: "Only the facilitator can switch between listening and talking." } });
    reply(await deps.provider.talk(socket, parsed.data.talking));
  });

  socket.on("chat:open", (payload, ack) => {
    const reply = replier<Parameters<typeof ack>[0]>(ack);
    const parsed = chatOpenSchema.safeParse(payload);
    if (!parsed.success) return reply({ ok: false, error: MALFORMED });
    reply(deps.chat.open(workshopId, chatActor, parsed.data.groupId));
  });

  socket.on("chat:send", (payload, ack) => {
    const reply = replier<Parameters<typeof ack>[0]>(ack);
    const parsed = chatSendSchema.safeParse(payload);
    if (!parsed.success) return reply({ ok: false, error: MALFORMED });
    reply(deps.chat.send(workshopId, chatActor, parsed.data.groupId, parsed.data.text));
  });

  socket.on("disconnect", () => deps.provider.leave(socket));

  // A console opening mid-phase should see who is already listening.
  if (actor.kind === "facilitator") socket.emit("audio:presence", { groups: deps.provider.presence(workshopId) });
}
