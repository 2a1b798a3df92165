/**
 * The payloads the contract suite expects from the routes (the same values as
 * `@faasport/contract`'s app, which the suite compares byte for byte).
 */

/** The text `/text` answers: multi-byte UTF-8 on purpose. */
export const unicodeText = "héllo wörld ✓ 你好 🚀\n";

/** The cookies `/cookies` sets, in order; one carries a date with a comma. */
export const responseCookies: readonly string[] = [
  "session=abc123; Path=/; HttpOnly; Secure; SameSite=Lax",
  "theme=dark; Path=/; Expires=Wed, 21 Oct 2037 07:28:00 GMT",
  "lang=fr; Path=/; Max-Age=3600",
];

/** Deterministic pseudo-random bytes (xorshift32), so the client can regenerate what `/binary` sent. */
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

/** Standard base64, without Node's Buffer (the app also runs in workerd). */
export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let index = 0; index < bytes.length; index += 0x8000) binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  return btoa(binary);
}
