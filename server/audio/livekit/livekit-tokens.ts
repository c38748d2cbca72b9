import { AccessToken, TrackSource } from "livekit-server-sdk";
import type { LiveKitGrantSpec, LiveKitSource } from "../../domain/audio";

export interface LiveKitCredentials {
  url: string;
  apiKey: string;
  apiSecret: string;
}

const SOURCES: Record<LiveKitSource, TrackSource> = { microphone: TrackSource.MICROPHONE };

/** Signs the grants the domain decided (liveKitGrantsFor) into a LiveKit access token. */
export async function mintLiveKitToken(credentials: LiveKitCredentials, spec: LiveKitGrantSpec): Promise<string> {
  const token = new AccessToken(credentials.apiKey, credentials.apiSecret, {
    identity: spec.identity,
    name: spec.name,
    metadata: spec.metadata,
    ttl: spec.ttlSeconds,
  });
  token.addGrant({ ...spec.grant, canPublishSources: spec.grant.canPublishSources.map((s) => SOURCES[s]) });
  return token.toJwt();
}

/** The LiveKit server's HTTP address for the room service (it accepts ws(s):// too, but say what we mean). */
export function liveKitHttpUrl(url: string): string {
  return url.replace(/^ws(s?):\/\//, "http$1://");
}
