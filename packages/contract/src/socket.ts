import { request as httpRequest } from "node:http";
import type { HttpCase, HttpOutcome } from "./harness";

/**
 * Sends one request over a real loopback socket, headers exactly as the case
 * lists them (casing and repeats kept), and reads the raw answer.
 *
 * @example
 * const outcome = await sendOverSocket(server.port, { method: "GET", path: "/", query: undefined, headers: [["host", "h"]], body: undefined });
 */
export function sendOverSocket(port: number, input: HttpCase): Promise<HttpOutcome> {
  const headers: [string, string][] = input.headers.map(([name, value]) => [name, value]);
  if (input.body) headers.push(["content-length", String(input.body.byteLength)]);
  const path = `${input.path}${input.query === undefined ? "" : `?${input.query}`}`;
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: "127.0.0.1", port, method: input.method, path, headers: headers.flat() }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
      incoming.on("error", reject);
      incoming.on("end", () => {
        const pairs: [string, string][] = [];
        const cookies: string[] = [];
        for (let index = 0; index < incoming.rawHeaders.length; index += 2) {
          const name = incoming.rawHeaders[index]!.toLowerCase();
          const value = incoming.rawHeaders[index + 1]!;
          if (name === "set-cookie") cookies.push(value);
          else pairs.push([name, value]);
        }
        resolve({ status: incoming.statusCode ?? 0, headers: pairs, cookies, body: new Uint8Array(Buffer.concat(chunks)) });
      });
    });
    outgoing.on("error", reject);
    outgoing.end(input.body ? Buffer.from(input.body) : undefined);
  });
}
