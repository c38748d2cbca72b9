import { RoomServiceClient, WebhookReceiver } from "livekit-server-sdk";
import type { RequestHandler } from "express";
import type { Env } from "../env";
import { rooms } from "../realtime/socket-server";
import type { WorkshopService } from "../services/workshop-service";
import { registerAudioHandlers } from "./audio-gateway";
import type { AudioProvider, PresenceNotifier } from "./audio-provider";
import { createLiveKitPresence } from "./livekit/livekit-presence";
import { createLiveKitProvider } from "./livekit/livekit-provider";
import { createLiveKitRoomSync } from "./livekit/livekit-room-sync";
import { liveKitHttpUrl, type LiveKitCredentials } from "./livekit/livekit-tokens";
import { createLiveKitWebhookHandler, LIVEKIT_WEBHOOK_PATH } from "./livekit/livekit-webhook";
import { createMeshProvider } from "./mesh/mesh-provider";
import { createRoomChat } from "./room-chat-service";
import type { AudioIo } from "./socket-types";

/**
 * Audio rooms, composed from the environment: the built-in mesh by default,
 * LiveKit when configured. Created before the HTTP routes (the LiveKit
 * webhook is one) and attached to socket.io once it exists.
 */
export function createAudio(
  env: Env,
  deps: { workshops: WorkshopService; now: () => number; newId: () => string; log: (line: string) => void },
) {
  let notifyPresence: PresenceNotifier = () => {};
  const credentials: LiveKitCredentials | null =
    env.AUDIO_PROVIDER === "livekit" ? { url: env.LIVEKIT_URL!, apiKey: env.LIVEKIT_API_KEY!, apiSecret: env.LIVEKIT_API_SECRET! } : null;
  const liveKitPresence = createLiveKitPresence();
  const roomSync = credentials
    ? createLiveKitRoomSync({
        roomService: new RoomServiceClient(liveKitHttpUrl(credentials.url), credentials.apiKey, credentials.apiSecret),
        log: deps.log,
      })
    : null;
  const webhook: { path: string; handler: RequestHandler } | null = credentials
    ? {
        path: LIVEKIT_WEBHOOK_PATH,
        handler: createLiveKitWebhookHandler({
          receiver: new WebhookReceiver(credentials.apiKey, credentials.apiSecret),
          presence: liveKitPresence,
          notifyPresence: (workshopId) => notifyPresence(workshopId),
          now: deps.now,
          log: deps.log,
        }),
      }
    : null;

  return {
    provider: env.AUDIO_PROVIDER,
    webhook,
    /** Resolves once queued LiveKit room-service calls are done. */
    settled: async () => roomSync?.settled(),

    attach(io: AudioIo) {
      const provider: AudioProvider =
        credentials && roomSync
          ? createLiveKitProvider({ credentials, workshops: deps.workshops, rooms: roomSync, presence: liveKitPresence })
          : createMeshProvider({ io, workshops: deps.workshops, iceServers: env.ICE_SERVERS, notifyPresence: (id) => notifyPresence(id) });
      notifyPresence = (workshopId) => io.to(rooms.facilitators(workshopId)).emit("audio:presence", { groups: provider.presence(workshopId) });
      const chat = createRoomChat({ io, workshops: deps.workshops, now: deps.now, newId: deps.newId });
      io.on("connection", (socket) => registerAudioHandlers(socket, { workshops: deps.workshops, provider, chat }));
      const unsubscribe = deps.workshops.onChange(({ workshopId, state }) => {
        provider.workshopChanged(workshopId, state);
        if (state.status === "ended") chat.forget(workshopId);
      });
      return {
        close() {
          unsubscribe();
          provider.close();
        },
      };
    },
  };
}

export type Audio = ReturnType<typeof createAudio>;
