import { defineApp, kv, queue } from "@faasport/core";

/** What a job does on each delivery, in order: its plan for attempt 1, 2, … (acked past the end). */
export type Step = "ack" | "retry" | "retry-later" | "none" | "throw";
export interface Job {
  readonly id: string;
  readonly plan: readonly Step[];
}

/** The env objects the app has been handed: one while workerd reuses its env and faasport its runtime. */
const envs = new Set<object>();

/**
 * A Worker that produces jobs onto its own queue through the native producer
 * binding and consumes them, recording every delivery in `PROBE`, so a test
 * can watch workerd and Miniflare's queue broker redeliver what was retried.
 */
export default defineApp({
  bindings: { PROBE: kv(), JOBS: queue<Job>() },
  vars: ["GREETING"],

  async fetch(request, env, ctx) {
    envs.add(env);
    const { pathname } = new URL(request.url);
    if (pathname === "/send") {
      await env.JOBS.sendBatch(((await request.json()) as Job[]).map((body) => ({ body })));
      return new Response("sent", { status: 202 });
    }
    if (pathname === "/env") return Response.json({ keys: Object.keys(env).sort(), greeting: env.GREETING, envObjects: envs.size });
    if (pathname === "/pass-through") {
      ctx.passThroughOnException();
      throw new Error("let the origin answer");
    }
    if (pathname === "/crash") throw new Error("no origin to fall back on");
    return new Response("not found", { status: 404 });
  },

  async queue(batch, env) {
    for (const message of batch.messages) {
      const job = message.body as Job;
      const key = `deliveries:${job.id}`;
      const deliveries = JSON.parse((await env.PROBE.get(key)) ?? "[]") as unknown[];
      await env.PROBE.put(key, JSON.stringify([...deliveries, { attempt: message.attempts, at: Date.now() }]));
      const step = job.plan[message.attempts - 1] ?? "ack";
      if (step === "ack") message.ack();
      else if (step === "retry") message.retry();
      else if (step === "retry-later") message.retry({ delaySeconds: 1 });
      else if (step === "throw") throw new Error(`job ${job.id} failed`);
    }
  },
});
