/**
 * Runs a faasport app on Node.js's `node:http`: local development,
 * containers, Tencent SCF web functions and Alibaba FC custom runtimes.
 *
 * @module
 */
export { createRequestListener, type RequestListener } from "./listener";
export type { NodeOptions } from "./options";
export { type NodeServer, serve } from "./serve";
