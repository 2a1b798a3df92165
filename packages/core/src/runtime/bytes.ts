interface NodeBufferLike {
  from(data: string, encoding: "base64" | "utf8"): Uint8Array;
  from(data: ArrayBufferLike | Uint8Array, byteOffset?: number, length?: number): Uint8Array & { toString(encoding: "base64" | "utf8"): string };
}

// Node's Buffer does base64 natively, many times faster than any loop; Workers fall back to atob/btoa.
const NodeBuffer = (globalThis as { Buffer?: NodeBufferLike }).Buffer;
const encoder = new TextEncoder();
const utf8Strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

const base64Pattern = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decodes standard base64, rejecting anything that is not (so a corrupted body is a 400, not silent garbage). */
export function base64ToBytes(text: string): Uint8Array {
  if (NodeBuffer && text.length % 4 === 0) {
    // Buffer skips what is not base64, so a decoded length short of the exact one means the text was not (whitespace included; see below).
    const bytes = NodeBuffer.from(text, "base64");
    const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
    if (bytes.length === (text.length / 4) * 3 - padding) return bytes;
  }
  const compact = text.replace(/\s+/g, "");
  if (compact.length % 4 === 1 || !base64Pattern.test(compact)) throw new SyntaxError("the body is marked base64 but is not valid base64");
  if (NodeBuffer) return NodeBuffer.from(compact, "base64");
  const binary = atob(compact);
  const out = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) out[index] = binary.charCodeAt(index);
  return out;
}

/** Encodes bytes as standard base64. */
export function bytesToBase64(bytes: Uint8Array): string {
  if (NodeBuffer) return NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
  let binary = "";
  for (let index = 0; index < bytes.length; index += 0x8000) binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  return btoa(binary);
}

/** UTF-8 text of the bytes, or `undefined` when they are not valid UTF-8 (so the caller can fall back to base64). */
export function utf8OrUndefined(bytes: Uint8Array): string | undefined {
  try {
    return utf8Strict.decode(bytes);
  } catch {
    return undefined;
  }
}

/** UTF-8 bytes of a string. */
export function utf8Bytes(text: string): Uint8Array {
  return NodeBuffer ? NodeBuffer.from(text, "utf8") : encoder.encode(text);
}
