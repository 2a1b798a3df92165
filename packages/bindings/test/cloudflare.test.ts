import { runKVSuite, runQueueSuite, toBase64 } from "@faasport/contract";
import type { Queue } from "@faasport/core";
import type { QueueMessageInit } from "@faasport/core/runtime";
import { Miniflare, type Request as MiniflareRequest, Response as MiniflareResponse } from "miniflare";
import { afterAll, beforeAll, expect, it } from "vitest";
import { CLOUDFLARE_KV_LIMITS, CLOUDFLARE_QUEUE_LIMITS, cloudflareKV, cloudflareQueue } from "../src/cloudflare";
import { createKV } from "../src/index";

// Inside workerd: /send calls the native producer binding with bodies rebuilt from their tags (bytes, or a value that
// cannot be cloned, which Node cannot hand over as is); the consumer reports each message to Node, bytes tagged too.
// Bytes go with contentType "bytes": Miniflare's broker passes default ("v8") bodies through a JSON-like round trip
// that turns a Uint8Array into a plain object (and a Date into a string), which production workerd does not.
const script = `
const toBase64 = (bytes) => btoa(String.fromCharCode(...bytes));
const fromTag = (tag) => tag.bytes !== undefined ? Uint8Array.from(atob(tag.bytes), (c) => c.charCodeAt(0)) : tag.unclonable === "function" ? () => 1 : tag.unclonable === "symbol" ? Symbol("no") : tag.value;
export default {
  async fetch(request, env) {
    const { batch, messages } = await request.json();
    const bodies = messages.map((message) => ({ ...message, body: fromTag(message.body) }));
    try {
      const typed = bodies.map((message) => (message.body instanceof Uint8Array ? { ...message, contentType: "bytes" } : message));
      if (batch) await env.JOBS.sendBatch(typed);
      else await env.JOBS.send(typed[0].body, { delaySeconds: typed[0].delaySeconds, contentType: typed[0].contentType });
      return new Response("sent");
    } catch (error) {
      return new Response(String(error), { status: 500 });
    }
  },
  async queue(batch, env) {
    const messages = batch.messages.map((message) => {
      const body = message.body;
      const bytes = body instanceof ArrayBuffer ? new Uint8Array(body) : ArrayBuffer.isView(body) ? new Uint8Array(body.buffer, body.byteOffset, body.byteLength) : undefined;
      return { id: message.id, attempts: message.attempts, timestamp: message.timestamp.getTime(), body: bytes ? { bytes: toBase64(bytes) } : { value: body } };
    });
    await env.COLLECT.fetch("http://collect/", { method: "POST", body: JSON.stringify(messages) });
    batch.ackAll();
  },
};`;

const tag = (body: unknown): { bytes?: string; value?: unknown; unclonable?: string } =>
  body instanceof Uint8Array ? { bytes: toBase64(body) } : typeof body === "function" || typeof body === "symbol" ? { unclonable: typeof body } : { value: body };

/** The native producer binding, driven inside workerd (Miniflare's Node proxy flattens typed arrays in queue bodies). */
function producer(): Queue<unknown> {
  const call = async (batch: boolean, messages: { body: unknown; delaySeconds?: number | undefined }[]): Promise<void> => {
    const answer = await mf.dispatchFetch("http://worker/send", {
      method: "POST",
      body: JSON.stringify({ batch, messages: messages.map((message) => ({ ...message, body: tag(message.body) })) }),
    });
    if (answer.status !== 200) throw new Error(await answer.text());
  };
  return cloudflareQueue(
    {
      send: (body: unknown, options?: { delaySeconds?: number }) => call(false, [{ body, delaySeconds: options?.delaySeconds }]),
      sendBatch: (messages: Iterable<{ body: unknown; delaySeconds?: number }>) => call(true, [...messages]),
    },
    "JOBS",
  );
}

const arrived: QueueMessageInit[] = [];
let mf: Miniflare;
beforeAll(async () => {
  mf = new Miniflare({
    modules: true,
    script,
    compatibilityDate: "2026-04-01",
    kvNamespaces: ["KV"],
    queueProducers: { JOBS: { queueName: "jobs" } },
    queueConsumers: { jobs: { maxBatchSize: 10, maxBatchTimeout: 0 } },
    serviceBindings: {
      COLLECT: async (request: MiniflareRequest) => {
        const messages = (await request.json()) as { id: string; attempts: number; timestamp: number; body: { bytes?: string; value?: unknown } }[];
        for (const message of messages) {
          const body = message.body.bytes === undefined ? message.body.value : Uint8Array.from(atob(message.body.bytes), (char) => char.charCodeAt(0));
          arrived.push({ id: message.id, body, attempts: message.attempts, timestamp: new Date(message.timestamp) });
        }
        return new MiniflareResponse("ok");
      },
    },
  });
  await mf.ready;
});
afterAll(() => mf.dispose());

runKVSuite({
  name: "cloudflare KV (native binding, Miniflare)",
  create: async () => cloudflareKV(await mf.getKVNamespace("KV"), "KV"),
  limits: {
    maxValueBytes: CLOUDFLARE_KV_LIMITS.valueBytes,
    maxKeyBytes: CLOUDFLARE_KV_LIMITS.keyBytes,
    maxMetadataBytes: CLOUDFLARE_KV_LIMITS.metadataBytes,
    minExpirationTtl: CLOUDFLARE_KV_LIMITS.minExpirationTtl,
    listOrder: "lexicographic",
  },
  compareAndSet: false,
  errors: "native",
});

runQueueSuite({
  name: "cloudflare Queues (native binding, Miniflare)",
  create: producer,
  receive: async (count, timeoutMs) => {
    const deadline = Date.now() + timeoutMs;
    while (arrived.length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    return arrived.splice(0, arrived.length);
  },
  // Miniflare 4.20260426 does not enforce the 128 KB message limit (production answers "message too large").
  limits: { maxMessageBytes: CLOUDFLARE_QUEUE_LIMITS.messageBytes, maxDelaySeconds: CLOUDFLARE_QUEUE_LIMITS.delaySeconds, refusesOversizedMessages: false },
  errors: "native",
  // The limit counts the V8 serialisation (a one-byte string of n characters: n + 6 bytes here) and about 100 bytes of metadata.
  sizedBody: (bytes) => "x".repeat(bytes - 106),
});

it("has no binding URL: cloudflare: is a configuration error that points at wrangler.toml", () => {
  expect(() => createKV("cloudflare:kv")).toThrow(/native bindings: declare them in wrangler.toml/);
  expect(() => cloudflareKV({ get: () => null }, "TODOS")).toThrow(/TODOS is not a KV namespace binding/);
  expect(toBase64(new Uint8Array([1]))).toBe("AQ==");
});
