import type { Request, Response } from "express";
import type { WebhookReceiver } from "livekit-server-sdk";
import { parseAudioRoomName, roleFromMetadata } from "../../domain/audio";
import type { PresenceNotifier } from "../audio-provider";
import type { LiveKitPresence } from "./livekit-presence";

export const LIVEKIT_WEBHOOK_PATH = "/api/audio/livekit-webhook";

/** LiveKit signs each delivery when it sends it; anything older is a replay, not news. */
export const WEBHOOK_MAX_AGE_SECONDS = 5 * 60;
const REMEMBERED_EVENT_IDS = 1_000;

/**
 * LiveKit's webhooks, verified before anything is read: the Authorization JWT
 * must be signed with our API secret and carry the body's SHA-256, and the
 * event must be recent and not seen before. Only then does it feed presence.
 * The route is mounted with express.raw, because the hash is of the exact bytes.
 */
export function createLiveKitWebhookHandler(deps: {
  receiver: Pick<WebhookReceiver, "receive">;
  presence: LiveKitPresence;
  notifyPresence: PresenceNotifier;
  now: () => number;
  log: (line: string) => void;
}) {
  const seen = new Set<string>();
  return async (req: Request, res: Response) => {
    const body = Buffer.isBuffer(req.body) ? req.body.toString("utf8") : "";
    const auth = req.get("Authorization")?.replace(/^Bearer\s+/i, "");
    let event;
    try {
      event = await deps.receiver.receive(body, auth);
    } catch {
      res.status(401).json({ error: "The webhook was not signed with this server's LiveKit API secret." });
      return;
    }
    const createdMs = Number(event.createdAt) * 1000;
    if (!Number.isFinite(createdMs) || createdMs <= 0 || Math.abs(deps.now() - createdMs) > WEBHOOK_MAX_AGE_SECONDS * 1000) {
      res.status(401).json({ error: "The webhook is too old (or its clock is far off); it was ignored." });
      return;
    }
    if (event.id) {
      if (seen.has(event.id)) {
        res.status(200).json({ ok: true, duplicate: true });
        return;
      }
      seen.add(event.id);
      if (seen.size > REMEMBERED_EVENT_IDS) seen.delete(seen.values().next().value!);
    }

    const roomName = event.room?.name ?? "";
    const address = parseAudioRoomName(roomName);
    const participant = event.participant;
    switch (event.event) {
      case "participant_joined":
        if (participant) {
          deps.presence.joined(roomName, {
            id: participant.identity,
            displayName: participant.name || participant.identity,
            role: roleFromMetadata(participant.metadata),
            sends: participant.permission?.canPublish ?? false,
            muted: false,
          });
        }
        break;
      case "participant_left":
      case "participant_connection_aborted":
        if (participant) deps.presence.left(roomName, participant.identity);
        break;
      case "room_finished":
        deps.presence.roomFinished(roomName);
        break;
      default:
        break;
    }
    if (address) deps.notifyPresence(address.workshopId);
    res.status(200).json({ ok: true });
  };
}
