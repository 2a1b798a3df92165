// One HTTP server on 127.0.0.1 serving the bench app's Fetch handler: faasport's Node
// adapter or @hono/node-server, each with its defaults. Prints the port, then serves
// until killed.
import { appFetch } from "../handlers/app.mjs";

const kind = process.argv[2];
let port;
if (kind === "faasport") {
  const { defineApp } = await import("@faasport/core");
  const { serve } = await import("@faasport/adapter-node");
  port = (await serve(defineApp({ fetch: appFetch }), { port: 0, log: () => {} })).port;
} else if (kind === "@hono/node-server") {
  const { serve } = await import("@hono/node-server");
  port = await new Promise((resolve) => {
    const server = serve({ fetch: appFetch, port: 0, hostname: "127.0.0.1" }, (info) => resolve(info.port));
    server.on("error", (error) => {
      throw error;
    });
  });
} else throw new Error(`unknown server ${kind}`);
process.stdout.write(`${port}\n`);
