/* eslint-disable @typescript-eslint/no-explicit-any -- native events and API answers are loose JSON read from fixtures */
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CloudflareEndpoint, startCloudflareEndpoint } from "./_cloudflare-endpoint";
import { packageFor, sls } from "./_helpers";

/**
 * `FAASPORT_CLOUD=cloudflare`: package (manifest and module Worker), the Worker
 * running in workerd (Miniflare) with KV, a queue and a Cron Trigger, then
 * deploy, info and remove against a checking Cloudflare API endpoint.
 */

const credentials = { CLOUDFLARE_API_TOKEN: "test-token", CLOUDFLARE_ACCOUNT_ID: "0123456789abcdef0123456789abcdef" };
let dir: string;
let manifest: { functions: Record<string, any>[] };
let endpoint: CloudflareEndpoint;
beforeAll(async () => {
  [dir, endpoint] = await Promise.all([packageFor("cloudflare"), startCloudflareEndpoint(credentials.CLOUDFLARE_ACCOUNT_ID, credentials.CLOUDFLARE_API_TOKEN)]);
  manifest = JSON.parse(readFileSync(join(dir, "faasport-cloudflare.json"), "utf8"));
}, 120_000);
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await endpoint.close();
});

describe("package for Cloudflare Workers", () => {
  it("describes the Worker, the KV namespace and queue it binds, its queue consumer and Cron Trigger", () => {
    const [fn] = manifest.functions;
    expect(fn).toMatchObject({ deployName: "faasport-todo-dev-todo", handler: "index.js", artifact: "faasport/todo.js", environment: { GREETING: "hello from faasport" } });
    expect(fn!["bindings"]).toEqual([
      { name: "TODOS", kind: "kv", resource: "faasport-todo-dev-todos" },
      { name: "JOBS", kind: "queue", resource: "faasport-todo-dev-jobs" },
    ]);
    expect(fn!["triggers"]).toEqual([{ type: "http" }, { type: "queue", queue: "faasport-todo-dev-jobs", batchSize: 10 }, { type: "cron", name: "nightly", cron: "0 3 * * *" }]);
  });

  it("is a module Worker that serves HTTP on KV, consumes its queue and runs its Cron Trigger inside workerd", async () => {
    const script = readFileSync(join(dir, "faasport", "todo.js"), "utf8");
    expect(script).toMatch(/export\s*\{[^}]*as default/);
    const mf = new Miniflare({
      modules: true,
      script,
      compatibilityDate: "2026-04-01",
      kvNamespaces: ["TODOS"],
      queueProducers: { JOBS: "faasport-todo-dev-jobs" },
      bindings: { GREETING: "hello from workerd" },
    });
    try {
      const root = await mf.dispatchFetch("http://localhost/");
      expect(await root.json()).toMatchObject({ app: "faasport todo", greeting: "hello from workerd", cloud: "cloudflare" });
      const created = await mf.dispatchFetch("http://localhost/todos", { method: "POST", body: JSON.stringify({ title: "buy milk" }) });
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: string };
      const worker = await mf.getWorker();
      const batch = await worker.queue("faasport-todo-dev-jobs", [{ id: "m1", timestamp: new Date(), attempts: 1, body: { id } }]);
      expect(batch).toMatchObject({ outcome: "ok", ackAll: false, explicitAcks: ["m1"], retryMessages: [] });
      expect(await (await mf.dispatchFetch(`http://localhost/todos/${id}`)).json()).toMatchObject({ id, notified: true });
      await mf.dispatchFetch(`http://localhost/todos/${id}`, { method: "PATCH", body: JSON.stringify({ done: true }) });
      expect(await worker.scheduled({ cron: "0 3 * * *", scheduledTime: new Date() })).toMatchObject({ outcome: "ok" });
      expect((await mf.dispatchFetch(`http://localhost/todos/${id}`)).status).toBe(404);
    } finally {
      await mf.dispose();
    }
  }, 60_000);
});

describe("deploy, info and remove against a checking Cloudflare API endpoint", () => {
  const env = (): Record<string, string> => ({ ...credentials, CLOUDFLARE_API_BASE_URL: `${endpoint.url}/client/v4` });

  it("refuses to deploy without credentials, before any request", async () => {
    const run = await sls("cloudflare", ["deploy", "--package", dir], { ...env(), CLOUDFLARE_API_TOKEN: "" });
    expect(run.code).not.toBe(0);
    expect(run.output).toContain("missing credentials: set CLOUDFLARE_API_TOKEN");
    expect(endpoint.calls).toHaveLength(0);
  });

  it("creates the KV namespace and queue, uploads the module with its bindings, subscribes it, sets its cron and route; a second deploy reuses them", async () => {
    const run = await sls("cloudflare", ["deploy", "--package", dir], env());
    expect(run.code, run.output).toBe(0);
    expect(endpoint.errors).toEqual([]);
    expect(endpoint.calls.map((call) => call.action)).toEqual([
      "GET /storage/kv/namespaces",
      "POST /storage/kv/namespaces",
      "GET /queues",
      "POST /queues",
      "PUT /workers/scripts/:id",
      "GET /queues/:id/consumers",
      "POST /queues/:id/consumers",
      "PUT /workers/scripts/:id/schedules",
      "POST /workers/scripts/:id/subdomain",
    ]);
    const script = endpoint.scripts.get("faasport-todo-dev-todo")!;
    expect(script.metadata).toEqual({
      main_module: "index.js",
      compatibility_date: "2026-04-01",
      bindings: [
        { type: "kv_namespace", name: "TODOS", namespace_id: [...endpoint.namespaces.keys()][0] },
        { type: "queue", name: "JOBS", queue_name: "faasport-todo-dev-jobs" },
        { type: "plain_text", name: "GREETING", text: "hello from faasport" },
      ],
    });
    expect(script.modules["index.js"]).toBe(readFileSync(join(dir, "faasport", "todo.js"), "utf8"));
    expect(script.schedules).toEqual([{ cron: "0 3 * * *" }]);
    expect(script.subdomain).toBe(true);
    expect([...endpoint.queues.values()][0]!.consumers).toMatchObject([{ script_name: "faasport-todo-dev-todo", type: "worker", settings: { batch_size: 10 } }]);

    endpoint.calls.length = 0;
    const again = await sls("cloudflare", ["deploy", "--package", dir], env());
    expect(again.code, again.output).toBe(0);
    expect(endpoint.errors).toEqual([]);
    expect(endpoint.calls.map((call) => call.action)).not.toContain("POST /storage/kv/namespaces");
    expect(endpoint.namespaces.size).toBe(1);
    expect(endpoint.queues.size).toBe(1);
  }, 60_000);

  it("prints the workers.dev URL, and removes the Worker, its queue and its KV namespace", async () => {
    const info = await sls("cloudflare", ["info"], env());
    expect(info.output).toContain("todo: https://faasport-todo-dev-todo.example.workers.dev");
    const removed = await sls("cloudflare", ["remove"], env());
    expect(removed.code, removed.output).toBe(0);
    expect(endpoint.errors).toEqual([]);
    expect([endpoint.scripts.size, endpoint.queues.size, endpoint.namespaces.size]).toEqual([0, 0, 0]);
  }, 60_000);
});
