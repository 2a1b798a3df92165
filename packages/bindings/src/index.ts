/**
 * KV and queue drivers for faasport apps. Importing this entry registers
 * every binding URL scheme with core (`memory:`, `sqlite:`, `local:`,
 * `redis://`, `rediss://`, `dynamodb://`, `sqs://`, `mns://`, `cmq://`), so
 * `FAASPORT_KV_<NAME>` / `FAASPORT_QUEUE_<NAME>` resolve at cold start, and
 * makes SQLite the Node adapter's embedded default. Each driver is also on
 * its own subpath (`@faasport/bindings/redis`, …); cloud SDKs are optional
 * peer dependencies, loaded on first use.
 *
 * @module
 */
import { registerDrivers } from "./registry";

registerDrivers();

export { createKV, createQueue, EMBEDDED_DEFAULT_URL } from "./registry";
