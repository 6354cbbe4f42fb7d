/** FIN set, opcode 1 (text): a whole text message in one frame (RFC 6455, 5.2). */
const FINAL_TEXT_FRAME = 0x81;

/** `}`, which closes a graphql-transport-ws message around its payload. */
const CLOSING_BRACE = 0x7d;

/**
 * One unmasked (server-to-client) WebSocket text frame whose message is `head`, then
 * `payload`, then `}`: a graphql-transport-ws `next` message whose payload (the shared
 * serialised result) is copied in, not encoded again for each subscriber. Both parts must be
 * UTF-8 (Buffer.from of a string is).
 */
export function textFrame(head: Buffer, payload: Buffer): Buffer {
  const length = head.length + payload.length + 1;
  // The payload length takes 7 bits, or 126 and 16 bits, or 127 and 64 bits.
  const headerLength = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + length);
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
  head.copy(frame, headerLength);
  payload.copy(frame, headerLength + head.length);
  frame[frame.length - 1] = CLOSING_BRACE;
  return frame;
}
