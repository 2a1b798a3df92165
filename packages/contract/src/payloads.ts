/**
 * The payloads of the contract: what the contract app's routes answer and
 * how binary cases are generated. A separate entry (`@faasport/contract/payloads`)
 * with no test-runner import, so other implementations of the contract app
 * (the Hono and itty-router examples) answer with exactly the same bytes.
 *
 * @module
 */

/** The text the `/text` route answers: multi-byte UTF-8 on purpose. */
export const unicodeText = "héllo wörld ✓ 你好 🚀\n";

/** The cookies the `/cookies` route sets, in order; one carries a date with a comma. */
export const responseCookies: readonly string[] = [
  "session=abc123; Path=/; HttpOnly; Secure; SameSite=Lax",
  "theme=dark; Path=/; Expires=Wed, 21 Oct 2037 07:28:00 GMT",
  "lang=fr; Path=/; Max-Age=3600",
];

/** Deterministic pseudo-random bytes (xorshift32), so a binary case can be regenerated on both sides of a platform. */
export function seededBytes(size: number, seed: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(size);
  let state = seed >>> 0 || 0x9e3779b9;
  for (let index = 0; index < size; index++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out[index] = state & 0xff;
  }
  return out;
}

const NodeBuffer = (globalThis as { Buffer?: { from(bytes: Uint8Array): { toString(encoding: "base64"): string } } }).Buffer;

/** Standard base64 of bytes: Node's Buffer where there is one (btoa takes a second per 5 MB), btoa in workerd. */
export function toBase64(bytes: Uint8Array): string {
  if (NodeBuffer) return NodeBuffer.from(bytes).toString("base64");
  let binary = "";
  for (let index = 0; index < bytes.length; index += 0x8000) binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  return btoa(binary);
}

const encoder = new TextEncoder();

/** UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}
