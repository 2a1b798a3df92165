import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { LogRecord } from "@faasport/core";
import type { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorker, type WorkerSetup } from "./harness";

/**
 * The todo example as Cloudflare deploys it: `wrangler deploy --dry-run`
 * bundles examples/todo/src/cloudflare.ts offline, as configured in its
 * wrangler.jsonc, and that very bundle then runs in workerd with the
 * bindings wrangler reads from the same file.
 */

const todo = fileURLToPath(new URL("../../../examples/todo/", import.meta.url));
const wranglerBin = fileURLToPath(new URL("../node_modules/wrangler/bin/wrangler.js", import.meta.url));
// The root tsconfig maps every @faasport/* import to its sources, as the rest of the suite runs them: no build needed first.
const sourcesTsconfig = fileURLToPath(new URL("../../../tsconfig.json", import.meta.url));
const wranglerEnv = { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true", NO_COLOR: "1" };

/** Runs wrangler (its own process, not through npx) and kills its process group if it outlives the timeout. */
function wrangler(args: readonly string[], timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [wranglerBin, ...args], { cwd: todo, env: wranglerEnv, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
      reject(new Error(`wrangler ${args.join(" ")} timed out after ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

const outdir = mkdtempSync(join(tmpdir(), "faasport-wrangler-"));
// wrangler keeps build scratch files in .wrangler/ beside the config; remove them unless they were there before.
const hadScratch = existsSync(join(todo, ".wrangler"));
let build: { code: number | null; output: string };
let mf: Miniflare | undefined;
let records: LogRecord[] = [];

beforeAll(async () => {
  build = await wrangler(["deploy", "--dry-run", "--outdir", outdir, "--tsconfig", sourcesTsconfig], 60_000);
}, 90_000);

afterAll(async () => {
  await mf?.dispose();
  rmSync(outdir, { recursive: true, force: true });
  if (!hadScratch) rmSync(join(todo, ".wrangler"), { recursive: true, force: true });
});

describe("wrangler deploy --dry-run, examples/todo", () => {
  it("bundles the Worker offline, with the bindings of wrangler.jsonc", () => {
    expect(build.code, build.output).toBe(0);
    expect(build.output).toContain("--dry-run: exiting now");
    for (const binding of ["env.TODOS", "env.JOBS (faasport-todo-jobs)", "env.GREETING"]) expect(build.output).toContain(binding);
    const script = readFileSync(join(outdir, "cloudflare.js"), "utf8");
    // No nodejs_compat flag is set, so nothing may import Node's built-ins.
    expect(script).not.toMatch(/from\s*["']node:/);
  });

  it("runs in workerd: HTTP over KV, a queue job through the native producer and consumer, the nightly schedule", async () => {
    const { unstable_getMiniflareWorkerOptions } = await import("wrangler");
    const workerOptions = unstable_getMiniflareWorkerOptions(join(todo, "wrangler.jsonc")).workerOptions as WorkerSetup;
    const configured = workerOptions.queueConsumers;
    if (configured === undefined || Array.isArray(configured)) throw new Error("wrangler.jsonc configures its queue consumer by name");
    // Batching delay is not under test: deliver at once.
    const consumers = Object.fromEntries(Object.entries(configured).map(([name, consumer]) => [name, { ...(consumer as object), maxBatchTimeout: 0 }]));
    ({ mf, records } = await startWorker(readFileSync(join(outdir, "cloudflare.js"), "utf8"), {
      compatibilityDate: workerOptions.compatibilityDate,
      bindings: workerOptions.bindings,
      kvNamespaces: workerOptions.kvNamespaces,
      queueProducers: workerOptions.queueProducers,
      queueConsumers: consumers,
    }));
    const worker = mf;
    expect(await (await worker.dispatchFetch("https://todo.example/")).json()).toMatchObject({ greeting: "hello from Workers", cloud: "cloudflare" });

    const created = await worker.dispatchFetch("https://todo.example/todos", { method: "POST", body: JSON.stringify({ title: "buy milk" }) });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    // The app sent a job to JOBS; the queue delivers it back to the same Worker, whose handler marks the todo.
    await expect
      .poll(async () => ((await (await worker.dispatchFetch(`https://todo.example/todos/${id}`)).json()) as { notified?: boolean }).notified, { timeout: 5000 })
      .toBe(true);

    await worker.dispatchFetch(`https://todo.example/todos/${id}`, { method: "PATCH", body: JSON.stringify({ done: true }) });
    expect(await (await worker.getWorker()).scheduled({ cron: "0 3 * * *", scheduledTime: new Date() })).toEqual({ outcome: "ok", noRetry: false });
    expect(await (await worker.dispatchFetch("https://todo.example/todos")).json()).toEqual([]);
    // The Cron Trigger reached the app under the name the entry gives it.
    await expect.poll(() => records.find((record) => record.msg === "nightly clean-up")).toMatchObject({ schedule: "nightly", removed: 1 });
  });
});
