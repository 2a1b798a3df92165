// Requests per second on loopback: faasport's Node adapter against @hono/node-server,
// serving the same Fetch handler. Each server runs in its own process (one CPU for it,
// one for autocannon); rounds alternate between the two and the best round of each
// counts, since load from elsewhere on the machine can only slow a round down.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";

const child = fileURLToPath(new URL("./server-child.mjs", import.meta.url));
export const servers = ["faasport", "@hono/node-server"];

async function startServer(kind) {
  const server = spawn(process.execPath, [child, kind], { stdio: ["ignore", "pipe", "inherit"] });
  let output = "";
  for await (const chunk of server.stdout) {
    output += chunk;
    if (output.includes("\n")) break;
  }
  const port = Number(output.trim());
  if (!port) throw new Error(`${kind} did not start`);
  return { port, stop: async () => (server.kill(), server.exitCode === null ? once(server, "exit") : undefined) };
}

async function load(url, duration) {
  const response = await fetch(url);
  if (response.status !== 200 || (await response.text()) !== JSON.stringify({ hello: "world" })) throw new Error(`${url} answers wrongly`);
  const result = await autocannon({ url, connections: 50, pipelining: 1, duration, ...(duration > 1 ? { warmup: { connections: 50, duration: 1 } } : {}) });
  if (result.errors > 0 || result.non2xx > 0) throw new Error(`${url}: ${result.errors} errors, ${result.non2xx} non-2xx answers`);
  return result.requests.average;
}

/** Best requests/second per server over `rounds` alternating rounds of `duration` seconds. */
export async function nodeRps({ rounds, duration }) {
  const best = Object.fromEntries(servers.map((kind) => [kind, 0]));
  for (let round = 0; round < rounds; round++) {
    for (const kind of round % 2 === 0 ? servers : [...servers].reverse()) {
      const server = await startServer(kind);
      try {
        best[kind] = Math.max(best[kind], await load(`http://127.0.0.1:${server.port}/hello`, duration));
      } finally {
        await server.stop();
      }
    }
  }
  return best;
}
