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
  return encoded + JSON.stringify(packet.data);
}

/** The `parser` option for socket.io's Server: this encoder, socket.io's decoder. */
export const viewParser = { Encoder: ViewEncoder, Decoder: parser.Decoder };
