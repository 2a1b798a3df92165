import { request as httpRequest } from "node:http";
import type { HarnessDefinition, HttpCase, HttpOutcome } from "@faasport/contract";
import { type NodeServer, serve } from "@faasport/adapter-node";

/** Sends one request over a real socket, headers exactly as the case lists them, and reads the raw answer. */
export function sendOverSocket(server: { port: number }, input: HttpCase): Promise<HttpOutcome> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of input.headers) {
    const existing = headers[name] ?? Object.entries(headers).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
    const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase()) ?? name;
    headers[key] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  if (input.body) headers["content-length"] = String(input.body.byteLength);
  const path = `${input.path}${input.query === undefined ? "" : `?${input.query}`}`;
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: "127.0.0.1", port: server.port, method: input.method, path, headers }, (incoming) => {
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

/** The app served on a real loopback socket by `serve()`. */
export const nodeHttp: HarnessDefinition = {
  name: "node: node:http server",
  platform: "Node.js",
  source: "node:http",
  kinds: ["http"],
  freezes: false,
  async setup(setup) {
    const server: NodeServer = await serve(setup.app, { port: 0, env: setup.bindings, log: setup.log, variables: {} });
    return { http: (input) => sendOverSocket(server, input), close: () => server.close() };
  },
};
