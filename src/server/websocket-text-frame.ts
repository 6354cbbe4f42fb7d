/** FIN set, opcode 1 (text): a whole text message in one frame (RFC 6455, 5.2). */
const FINAL_TEXT_FRAME = 0x81;

/** `}`, which closes a graphql-transport-ws message around its payload. */
export const CLOSING_BRACE = Buffer.from('}');

/** Bytes of an unmasked frame's header for a message of `length` bytes. */
function headerLength(length: number): number {
  // The payload length takes 7 bits, or 126 and 16 bits, or 127 and 64 bits.
  return length < 126 ? 2 : length < 65_536 ? 4 : 10;
}

function writeHeader(frame: Buffer, length: number): void {
  frame[0] = FINAL_TEXT_FRAME;
  if (length < 126) {
    frame[1] = length;
  } else if (length < 65_536) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
}

/**
 * One unmasked (server-to-client) WebSocket text frame whose message is `head`, then
 * `payload`, then `}`: a graphql-transport-ws `next` message whose payload (the shared
 * serialised result) is copied in, not encoded again for each subscriber. Both parts must be
 * UTF-8 (Buffer.from of a string is).
 */
export function textFrame(head: Buffer, payload: Buffer): Buffer {
  const length = head.length + payload.length + 1;
  const start = headerLength(length);
  const frame = Buffer.allocUnsafe(start + length);
  writeHeader(frame, length);
  head.copy(frame, start);
  payload.copy(frame, start + head.length);
  frame[frame.length - 1] = CLOSING_BRACE[0]!;
  return frame;
}

/**
 * The same frame's header and `head` alone, for a payload of `payloadLength` bytes written
 * after it (then `CLOSING_BRACE`): a large payload is not copied for each subscriber.
 */
export function textFrameStart(head: Buffer, payloadLength: number): Buffer {
  const length = head.length + payloadLength + 1;
  const start = headerLength(length);
  const frameStart = Buffer.allocUnsafe(start + head.length);
  writeHeader(frameStart, length);
  head.copy(frameStart, start);
  return frameStart;
}
