import * as parser from "socket.io-parser";

/** Events whose payload is plain JSON built by the server: never binary. */
const JSON_ONLY_EVENTS = new Set(["workshop:view"]);

/**
 * socket.io's encoder walks every emitted value, key by key, looking for
 * binary data to send as attachments, and only then encodes it. A view is
 * plain JSON built by the server and never holds binary, and a fan-out
 * encodes hundreds of them (the console's is ~0.5 MB for a thousand people),
 * so the walk cost about as much as the encoding. This encoder skips it for
 * views and leaves every other packet to socket.io's own path.
 *
 * The wire format is socket.io's (protocol 5: type, namespace, id, JSON), so
 * every client decodes with the standard decoder.
 */
export class ViewEncoder extends parser.Encoder {
  override encode(packet: parser.Packet): ReturnType<parser.Encoder["encode"]> {
    if (packet.type === parser.PacketType.EVENT && Array.isArray(packet.data) && JSON_ONLY_EVENTS.has(packet.data[0])) {
      return [encodeEventAsString(packet)];
    }
    return super.encode(packet);
  }
}

function encodeEventAsString(packet: parser.Packet): string {
  let encoded = String(packet.type);
  if (packet.nsp && packet.nsp !== "/") encoded += `${packet.nsp},`;
  if (packet.id !== undefined && packet.id !== null) encoded += packet.id;
  const [event, view, ...rest] = packet.data as unknown[];
  if (rest.length > 0 || !isParticipantMessage(view)) return encoded + JSON.stringify(packet.data);
  return `${encoded}[${JSON.stringify(event)},${participantMessageJson(view)}]`;
}

/*
 * The scenario, briefs and rubrics a participant's message carries when they
 * are new to its people (sent-content.ts) are the same for every group with
 * that scenario: a round start for a thousand people is 600 messages, 2.75 MB,
 * mostly briefs. Building and encoding them took 14–16 ms with those parts
 * encoded afresh for every message, 11–14 ms with each encoded once
 * (bench/view-cost.ts, alternating runs). Each is now encoded once and its
 * JSON spliced into every message that carries it. Content is cached by its key, which names exactly
 * what it holds (wire-view.ts, contentKeyOf: the process, the scenario, which
 * briefs, the rubric; the catalog does not change while the process runs):
 * clients already rely on that, keeping content by key and skipping it when a
 * view names a key they have. Rubrics are the catalog's own objects.
 */
const contentJson = new Map<string, string>();
const rubricJson = new WeakMap<object, string>();
/** Far more than a catalog's scenarios × brief sets; only a bound against surprises. */
const MAX_CACHED_CONTENT = 2_000;

interface ParticipantMessage {
  kind: "participant" | "group";
  content?: { key: string };
  contents?: { key: string }[];
  rubrics?: object[];
}

function isParticipantMessage(value: unknown): value is ParticipantMessage {
  const kind = (value as { kind?: unknown } | null)?.kind;
  return kind === "participant" || kind === "group";
}

function cachedContent(content: { key: string }): string {
  let json = contentJson.get(content.key);
  if (json === undefined) {
    if (contentJson.size >= MAX_CACHED_CONTENT) contentJson.clear();
    contentJson.set(content.key, (json = JSON.stringify(content)));
  }
  return json;
}

function cachedRubric(rubric: object): string {
  let json = rubricJson.get(rubric);
  if (json === undefined) rubricJson.set(rubric, (json = JSON.stringify(rubric)));
  return json;
}

const SPLICED = new Set(["content", "contents", "rubrics"]);

/** The message's JSON, its shared parts spliced in from the caches (last, where JSON's key order does not matter). */
function participantMessageJson(message: ParticipantMessage): string {
  const { content, contents, rubrics } = message;
  if (!content && !contents && !rubrics) return JSON.stringify(message);
  const fields = message as unknown as Record<string, unknown>;
  const body: Record<string, unknown> = {};
  // Only what is spliced below is left out; anything else (a null part included) is encoded as JSON.stringify would.
  for (const key of Object.keys(fields)) if (!(SPLICED.has(key) && fields[key])) body[key] = fields[key];
  const parts: string[] = [];
  if (content) parts.push(`"content":${cachedContent(content)}`);
  if (contents) parts.push(`"contents":[${contents.map(cachedContent).join(",")}]`);
  if (rubrics) parts.push(`"rubrics":[${rubrics.map(cachedRubric).join(",")}]`);
  const json = JSON.stringify(body);
  return json === "{}" ? `{${parts.join(",")}}` : `${json.slice(0, -1)},${parts.join(",")}}`;
}

/** The `parser` option for socket.io's Server: this encoder, socket.io's decoder. */
export const viewParser = { Encoder: ViewEncoder, Decoder: parser.Decoder };
