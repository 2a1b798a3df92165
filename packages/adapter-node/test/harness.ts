import type { HarnessDefinition } from "@faasport/contract";
import { sendOverSocket } from "@faasport/contract";
import { type NodeServer, serve } from "@faasport/adapter-node";

/** The app served on a real loopback socket by `serve()`. */
export const nodeHttp: HarnessDefinition = {
  name: "node: node:http server",
  platform: "Node.js",
  source: "node:http",
  kinds: ["http"],
  freezes: false,
  payload: {
    maxBodyBytes: 32 * 1024 * 1024,
    pastBodyBytes: 32 * 1024 * 1024 + 1,
    past: "request-too-large",
    source: "faasport's own limit, NodeOptions.maxBodyBytes (32 MiB by default)",
  },
  async setup(setup) {
    const server: NodeServer = await serve(setup.app, { port: 0, env: setup.bindings, log: setup.log, variables: {} });
    return { http: (input) => sendOverSocket(server.port, input), close: () => server.close() };
  },
};
