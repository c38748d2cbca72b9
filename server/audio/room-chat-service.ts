import {
  CHAT_HISTORY_LIMIT,
  chatRecipients,
  chatTextSchema,
  facilitatorIdentity,
  mayReadChat,
  mayWriteChat,
  type ChatActor,
  type ChatMessage,
  type ChatOpenAck,
  type ChatSendAck,
} from "../domain/audio";
import { rooms } from "../realtime/socket-server";
import type { WorkshopService } from "../services/workshop-service";
import { createSendWindow } from "./send-window";
import type { AudioIo } from "./socket-types";
import { roleIn } from "../domain/workshop/roles";

/** Enough to keep up with a conversation, not enough to flood a room. */
export const CHAT_BURST = 8;
const BURST_WINDOW_MS = 10_000;

/**
 * The room chat, kept in memory per group and round. It is a stand-in for a
 * voice while audio is live, not a record of the training: keeping it out of
 * the event log means free text (which might carry details nobody should have
 * typed) is not stored, and a restart clears it like it clears the audio.
 */
export function createRoomChat(deps: { io: AudioIo; workshops: WorkshopService; now: () => number; newId: () => string }) {
  const histories = new Map<string, ChatMessage[]>();
  const sends = createSendWindow({ burst: CHAT_BURST, windowMs: BURST_WINDOW_MS, now: deps.now });
  const key = (workshopId: string, groupId: string, round: number) => `${workshopId}:${groupId}#${round}`;

  return {
    open(workshopId: string, actor: ChatActor, groupId: string): ChatOpenAck {
      const loaded = deps.workshops.load(workshopId);
      const access = loaded ? mayReadChat(loaded.state, actor, groupId) : { ok: false as const, message: "This workshop no longer exists." };
      if (!access.ok) return { ok: false, error: { code: "forbidden", message: access.message } };
      return { ok: true, messages: histories.get(key(workshopId, groupId, access.round)) ?? [] };
    },

    send(workshopId: string, actor: ChatActor, groupId: string, rawText: string): ChatSendAck {
      const loaded = deps.workshops.load(workshopId);
      if (!loaded) return { ok: false, error: { code: "not-found", message: "This workshop no longer exists." } };
      const { state } = loaded;
      const access = mayWriteChat(state, actor, groupId);
      if (!access.ok) return { ok: false, error: { code: "forbidden", message: access.message } };
      const text = chatTextSchema.safeParse(rawText);
      if (!text.success) return { ok: false, error: { code: "invalid", message: text.error.issues[0]?.message ?? "That message cannot be sent." } };
      const senderId = actor.kind === "facilitator" ? facilitatorIdentity(actor.facilitatorId) : actor.participantId;
      if (sends.tooFast(senderId)) return { ok: false, error: { code: "too-fast", message: "You are sending messages very quickly. Wait a few seconds, then try again." } };

      const group = state.groups.find((g) => g.id === groupId)!;
      const message: ChatMessage = {
        id: deps.newId(),
        groupId,
        round: access.round,
        from: {
          id: senderId,
          displayName: actor.kind === "facilitator" ? "Facilitator" : (state.participants[actor.participantId]?.displayName ?? "Someone"),
          role: actor.kind === "facilitator" ? "facilitator" : roleIn(group.roles, actor.participantId),
        },
        text: text.data,
        at: deps.now(),
      };
      const k = key(workshopId, groupId, access.round);
      const history = [...(histories.get(k) ?? []), message].slice(-CHAT_HISTORY_LIMIT);
      histories.set(k, history);
      const targets = [rooms.facilitators(workshopId), ...chatRecipients(state, groupId).map((id) => rooms.participant(workshopId, id))];
      deps.io.to(targets).emit("chat:message", message);
      return { ok: true, message };
    },

    /** Drops a finished workshop's chat. */
    forget(workshopId: string) {
      for (const k of histories.keys()) if (k.startsWith(`${workshopId}:`)) histories.delete(k);
    },
  };
}

export type RoomChat = ReturnType<typeof createRoomChat>;
