import { serve } from "@faasport/adapter-node";
import app from "./app";

// Local development and containers: bindings without a URL use the in-memory default.
const server = await serve(app, { port: Number(process.env["PORT"] ?? 3000) });
console.log(`listening on ${server.url}`);
