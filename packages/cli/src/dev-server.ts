/**
 * The process `faasport dev` runs: the app on the Node adapter with the
 * embedded default bindings, local queues delivering to the app, cron
 * schedules firing. The parent process restarts it on every change.
 *
 * @module
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { serve } from "@faasport/adapter-node";
import { type AnyApp, jsonLineSink } from "@faasport/core";
import { createRuntime, embeddedDefaultUrl, registerEmbeddedDefault, resolveEnv } from "@faasport/core/runtime";
import { type Cron, parseCron } from "./cron";
import { startScheduler } from "./scheduler";

/** What the parent tells the dev server. */
export interface DevServerConfig {
  readonly port: number;
  readonly hostname: string;
  readonly schedules: readonly { readonly name: string; readonly cron: string }[];
}

/** Messages the dev server sends its parent over IPC. */
export type DevServerMessage = { readonly type: "ready"; readonly url: string } | { readonly type: "scheduled"; readonly name: string; readonly ok: boolean };

const send = (message: DevServerMessage): void => {
  process.send?.(message);
};

/** SQLite is the embedded default; without better-sqlite3, fall back to memory and an in-process local queue, and say how to keep data. */
async function ensureEmbeddedDefault(): Promise<void> {
  if (!embeddedDefaultUrl("kv").startsWith("sqlite:")) return;
  const specifier = "better-sqlite3";
  try {
    await import(/* @vite-ignore */ specifier);
  } catch {
    registerEmbeddedDefault("kv", "memory:");
    registerEmbeddedDefault("queue", "local:");
    console.warn("[faasport] better-sqlite3 is not installed: bindings live in memory until restart (npm install better-sqlite3 to keep them in .faasport/dev.db)");
  }
}

/**
 * Serves the app, fires its schedules, and answers
 * `POST /__faasport/scheduled?name=<schedule>` to fire one at once (as
 * `wrangler dev --test-scheduled` does), so schedules can be tried without waiting.
 */
export async function runDevServer(app: AnyApp, config: DevServerConfig): Promise<void> {
  await ensureEmbeddedDefault();
  // One env for HTTP, queues and schedules, so every handler sees the same bindings.
  const env = resolveEnv(app, { cloud: "node", variables: process.env, fallbackUrl: embeddedDefaultUrl });
  const runtime = createRuntime(app, { cloud: "node", variables: process.env, bindings: env, log: jsonLineSink, fastFetch: true });
  const schedules = config.schedules.map((schedule) => ({ name: schedule.name, cron: parseCron(schedule.cron) }));

  const fire = async (schedule: { name: string; cron: Cron }, time: number): Promise<boolean> => {
    const invocation = runtime.begin({ raw: { event: { schedule: schedule.name, cron: schedule.cron.source }, context: undefined } });
    const result = await runtime.scheduled({ name: schedule.name, cron: schedule.cron.source, scheduledTime: time }, invocation);
    await invocation.settle();
    send({ type: "scheduled", name: schedule.name, ok: result.ok });
    return result.ok;
  };

  const server = await serve(app, { port: config.port, hostname: config.hostname, env });
  const [listener] = server.server.listeners("request") as ((request: IncomingMessage, response: ServerResponse) => void)[];
  server.server.removeAllListeners("request");
  server.server.on("request", (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    if (url.pathname !== "/__faasport/scheduled") return listener!(request, response);
    const schedule = schedules.find((each) => each.name === url.searchParams.get("name")) ?? (schedules.length === 1 ? schedules[0] : undefined);
    if (!schedule) {
      response.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: "no such schedule", schedules: schedules.map((each) => each.name) }));
      return;
    }
    fire(schedule, Date.now()).then(
      (ok) => response.writeHead(ok ? 200 : 500, { "content-type": "application/json" }).end(JSON.stringify({ schedule: schedule.name, ok })),
      (error: unknown) => response.writeHead(500).end(String(error)),
    );
  });

  const scheduler = app.scheduled && schedules.length ? startScheduler(schedules, (schedule, time) => void fire(schedule, time)) : undefined;
  const stop = (): void => {
    scheduler?.stop();
    void server.close().then(() => process.exit(0));
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  process.once("disconnect", stop);
  send({ type: "ready", url: server.url });
}
