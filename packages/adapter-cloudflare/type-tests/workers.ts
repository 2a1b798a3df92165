import { toCloudflare } from "@faasport/adapter-cloudflare";
import { type Context, defineApp, type KV, kv, queue, type Queue as FaasportQueue } from "@faasport/core";
import type { ExecutionContext as HonoExecutionContext } from "hono";

// Native bindings, as a Worker's env holds them, are faasport's KV and Queue as they are.
declare const todos: KVNamespace;
declare const jobs: Queue<{ id: string }>;
export const kvBinding: KV = todos;
export const queueBinding: FaasportQueue<{ id: string }> = jobs;

// faasport's ctx is the execution context Hono's fetch takes.
declare const ctx: Context;
export const honoCtx: HonoExecutionContext = ctx;

// toCloudflare(app) is a module Worker for the app's Env, handlers and all.
interface Env {
  TODOS: KVNamespace;
  JOBS: Queue<{ id: string }>;
  GREETING: string;
}
const app = defineApp({
  bindings: { TODOS: kv(), JOBS: queue<{ id: string }>() },
  vars: ["GREETING"],
  fetch: async (_request, env) => new Response(await env.TODOS.get("k")),
  queue: async (batch) => batch.ackAll(),
});
export default toCloudflare(app) satisfies ExportedHandler<Env, { id: string }>;

// The checks above can fail: a KV is no queue, and a handler must return a Response.
// @ts-expect-error a KV namespace is not a queue producer
export const notAQueue: FaasportQueue = todos;
// @ts-expect-error fetch must answer with a Response
defineApp({ fetch: async () => "text" });

// workers-types' own ExecutionContext now requires `tracing`, which faasport's ctx does not carry:
// code that needs Cloudflare-only members reads the native ctx from `ctx.raw.context`.
// @ts-expect-error Context lacks ExecutionContext's `tracing`
export const workersCtx: ExecutionContext = ctx;
