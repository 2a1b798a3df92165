import { connect } from "node:net";
import type { HttpCase, HttpOutcome } from "@faasport/contract";

/** What came back on a raw connection: a parsed answer, or how the connection ended without one. */
export type RawAnswer = { readonly kind: "answer"; readonly outcome: HttpOutcome } | { readonly kind: "closed" | "hung"; readonly bytes: number };

/**
 * A request's bytes as a client puts them on the wire: header values in
 * UTF-8 (what clients send for `東京`), `Connection: close` so the server
 * ends the exchange, and a `Content-Length` for the body.
 */
export function requestBytes(request: HttpCase): Buffer {
  const target = `${request.path}${request.query === undefined ? "" : `?${request.query}`}`;
  const lines = [`${request.method} ${target} HTTP/1.1`, ...request.headers.map(([name, value]) => `${name}: ${value}`), "Connection: close"];
  if (request.body) lines.push(`Content-Length: ${request.body.byteLength}`);
  return Buffer.concat([Buffer.from(`${lines.join("\r\n")}\r\n\r\n`, "utf8"), Buffer.from(request.body ?? [])]);
}

/** Sends raw bytes, half-closes, and reads whatever comes back until the server closes (or `timeoutMs`). */
export function sendRaw(port: number, bytes: Uint8Array, timeoutMs = 3000): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ kind: "hung", bytes: Buffer.concat(chunks).byteLength });
    }, timeoutMs);
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", () => {});
    socket.on("close", () => {
      clearTimeout(timer);
      const data = Buffer.concat(chunks);
      const outcome = parseAnswer(data);
      resolve(outcome ? { kind: "answer", outcome } : { kind: "closed", bytes: data.byteLength });
    });
    socket.end(bytes);
  });
}

/** Parses one HTTP/1.1 answer (Content-Length, chunked or until close); `undefined` when the bytes are not one. */
export function parseAnswer(data: Buffer): HttpOutcome | undefined {
  const end = data.indexOf("\r\n\r\n");
  if (end === -1) return undefined;
  const [statusLine = "", ...lines] = data.subarray(0, end).toString("latin1").split("\r\n");
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1];
  if (status === undefined) return undefined;
  const headers: [string, string][] = [];
  const cookies: string[] = [];
  for (const line of lines) {
    const colon = line.indexOf(":");
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === "set-cookie") cookies.push(value);
    else headers.push([name, value]);
  }
  let body = data.subarray(end + 4);
  if (headers.some(([name, value]) => name === "transfer-encoding" && value === "chunked")) body = unchunk(body);
  return { status: Number(status), headers, cookies, body: new Uint8Array(body) };
}

function unchunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let offset = 0; offset < data.length; ) {
    const lineEnd = data.indexOf("\r\n", offset);
    const size = Number.parseInt(data.subarray(offset, lineEnd).toString("latin1"), 16);
    if (!(size > 0)) break;
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}
