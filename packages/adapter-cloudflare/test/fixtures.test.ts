import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { LogRecord } from "@faasport/core";
import { expectSameShape } from "@faasport/contract";
import type { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adapterEntry, bundleWorker, fixture } from "./bundle";
import { r2Notification, redeliveries, startWorker } from "./harness";

/** Every Cloudflare sample, dispatched by workerd to a Worker that records the neutral view its app sees. */

let mf: Miniflare;
let records: LogRecord[];

beforeAll(async () => {
  const appModule = fileURLToPath(new URL("./apps/recorder.ts", import.meta.url));
  const script = await bundleWorker(
    `import app from ${JSON.stringify(appModule)};\nimport { toCloudflare } from ${JSON.stringify(adapterEntry)};\nexport default toCloudflare(app, { storageQueues: ["uploads"] });\n`,
    ".",
  );
  ({ mf, records } = await startWorker(script));
});

afterAll(async () => {
  await mf?.dispose();
});

async function seen(kind: string): Promise<unknown> {
  return JSON.parse((await (await mf.getKVNamespace("PROBE")).get(`seen:${kind}`)) ?? "null");
}

const names = readdirSync(new URL("./fixtures", import.meta.url))
  .filter((file) => file.endsWith(".json"))
  .map((file) => file.slice(0, -5))
  .sort();

describe("every Cloudflare sample decodes to the neutral view", () => {
  it("covers every fixture file", () => {
    expect(names).toEqual(["queue-message-batch", "r2-event-notification", "request-cf", "scheduled-controller"]);
  });

  it("queue-message-batch", async () => {
    const batch = fixture<{ queue: string; messages: { id: string; timestamp: number; body: unknown; attempts: number }[] }>("queue-message-batch");
    const worker = await mf.getWorker();
    const result = await worker.queue(
      batch.queue,
      batch.messages.map((message) => ({ ...message, timestamp: new Date(message.timestamp) })),
    );
    expect(redeliveries(["a", "b"], result).redelivered).toEqual([]);
    expect(await seen("queue")).toEqual({
      queue: "needy",
      messages: [
        { id: "a", body: "a", attempts: 1, timestamp: "1970-01-01T00:00:01.000Z", attributes: {} },
        { id: "b", body: { b: 1 }, attempts: 1, timestamp: "1970-01-01T00:00:02.000Z", attributes: {} },
      ],
    });
  });

  it("scheduled-controller", async () => {
    const controller = fixture<{ scheduledTime: number; cron: string }>("scheduled-controller");
    const result = await (await mf.getWorker()).scheduled({ scheduledTime: new Date(controller.scheduledTime), cron: controller.cron });
    expect(result).toEqual({ outcome: "ok", noRetry: false });
    expect(await seen("scheduled")).toEqual({ name: "30 * * * *", cron: "30 * * * *", scheduledTime: 1000 });
  });

  it("request-cf (Miniflare's request.cf) reaches the app with Workers' own request", async () => {
    expect(await (await mf.dispatchFetch("https://cf.example/path?q=1")).text()).toBe("ok");
    expect(await seen("fetch")).toEqual({ url: "https://cf.example/path?q=1", cloud: "cloudflare", colo: "DFW", asn: 395747 });
  });

  it("r2-event-notification, on a storage queue", async () => {
    const result = await (await mf.getWorker()).queue("uploads", [{ id: "n1", timestamp: new Date(), attempts: 1, body: fixture("r2-event-notification") }]);
    expect(redeliveries(["n1"], result).redelivered).toEqual([]);
    expect(await seen("storage")).toEqual({
      bucket: "my-bucket",
      key: "my-new-object",
      action: "created",
      size: 65536,
      etag: "c846ff7a18f28c2e262116d6e8719ef0",
      time: "2024-05-24T19:36:44.379Z",
      type: "CopyObject",
    });
  });

  it("a storage-queue message that is no R2 notification is retried, with a typed error in the log", async () => {
    const result = await (await mf.getWorker()).queue("uploads", [{ id: "foreign", timestamp: new Date(), attempts: 1, body: { hello: "world" } }]);
    expect(redeliveries(["foreign"], result).redelivered).toEqual(["foreign"]);
    await expect
      .poll(() => records.find((record) => record.msg === "not an R2 event notification")?.["error"])
      .toMatchObject({
        name: "UnsupportedEventError",
        code: "UNSUPPORTED_EVENT",
        message: "[faasport] [cloudflare] unsupported event: received an object with keys: hello",
      });
  });
});

describe("the harness builds R2 notifications shaped like the documented one", () => {
  const change = { bucket: "b", key: "k ü", size: 1, etag: "e", time: 0 };

  it("object created", () => {
    expectSameShape(r2Notification({ ...change, action: "created" }), fixture("r2-event-notification"), { optional: ["$.copySource"] });
  });

  it("object removed: no size, no eTag", () => {
    const removed = r2Notification({ ...change, action: "removed" });
    expect(removed.object).toEqual({ key: "k ü" });
    expectSameShape(removed, fixture("r2-event-notification"), { optional: ["$.copySource", "$.object.size", "$.object.eTag"] });
  });
});
