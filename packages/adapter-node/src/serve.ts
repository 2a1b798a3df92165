import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { AnyApp } from "@faasport/core";
import { attachLocalQueues } from "./local-queues";
import { listenerFor, nodeRuntime } from "./listener";
import type { NodeOptions } from "./options";

/** A listening server. */
export interface NodeServer {
  /** The bound port (the one picked, when asked for `0`). */
  readonly port: number;
  readonly hostname: string;
  /** `http://hostname:port`. */
  readonly url: string;
  /** The underlying `node:http` server. */
  readonly server: Server;
  /** Stops accepting connections, ends open ones, and resolves when the server is closed. */
  close(): Promise<void>;
}

/**
 * Serves a faasport app on `node:http`: local development, containers, SCF
 * web functions (port 9000) and FC custom runtimes. Resolves once listening.
 * Queue bindings that can deliver locally (`local:` queues) deliver to the
 * app's own `queue` handler while the server runs.
 *
 * @example
 * import { serve } from "@faasport/adapter-node";
 * const server = await serve(app, { port: 0 });
 * console.log(`listening on ${server.url}`);
 */
export function serve(app: AnyApp, options: NodeOptions = {}): Promise<NodeServer> {
  const runtime = nodeRuntime(app, options);
  const server = createServer(listenerFor(runtime, options));
  const port = options.port ?? (Number(process.env["PORT"]) || 3000);
  const hostname = options.hostname ?? "127.0.0.1";
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, hostname, () => {
      server.off("error", reject);
      const detach = attachLocalQueues(runtime);
      const bound = (server.address() as AddressInfo).port;
      const host = hostname.includes(":") ? `[${hostname}]` : hostname;
      resolve({
        port: bound,
        hostname,
        url: `http://${host}:${bound}`,
        server,
        close: () =>
          new Promise<void>((done, fail) => {
            detach();
            server.close((error) => (error ? fail(error) : done()));
            server.closeAllConnections();
          }),
      });
    });
  });
}
