// Registers the binding drivers; on Node, bindings without a FAASPORT_* URL then use SQLite (.faasport/dev.db) and the
// SQLite-backed local queue, which delivers to the app's queue handler: nothing to install or start.
import "@faasport/bindings";
import { serve } from "@faasport/adapter-node";
import app from "./app";

// Local development and containers: `pnpm start`.
const server = await serve(app, { port: Number(process.env["PORT"] ?? 3000), hostname: process.env["HOST"] ?? "127.0.0.1" });
console.log(`faasport todo app listening on ${server.url}  (try: curl ${server.url}/todos)`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
