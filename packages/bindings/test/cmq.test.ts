import { runQueueSuite } from "@faasport/contract";
import { isFaasportError, type ProviderError } from "@faasport/core";
import { decodeMessageBody, type QueueMessageInit } from "@faasport/core/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CMQ_LIMITS, cmqQueueFromUrl, createCmqQueue } from "../src/cmq";
import { type CmqEndpoint, startCmqEndpoint } from "./_cmq-endpoint";
import { freePort } from "./_servers";

const credentials = { accessKeyId: "AKID-test", accessKeySecret: "secret-for-tests", securityToken: "session-token" };
let endpoint: CmqEndpoint;
beforeAll(async () => {
  endpoint = await startCmqEndpoint(credentials, ["jobs", "events"]);
  Object.assign(process.env, {
    TENCENTCLOUD_SECRETID: credentials.accessKeyId,
    TENCENTCLOUD_SECRETKEY: credentials.accessKeySecret,
    TENCENTCLOUD_SESSIONTOKEN: credentials.securityToken,
  });
});
afterAll(() => endpoint.close());

/** What SCF hands the app: `msgBody` as sent, decoded the way the Tencent adapter decodes it. */
async function receive(count: number, timeoutMs: number): Promise<QueueMessageInit[]> {
  const received: QueueMessageInit[] = [];
  const deadline = Date.now() + timeoutMs;
  while (received.length < count && Date.now() < deadline) {
    received.push(...endpoint.takeDue().map(({ id, body, sentAt }) => ({ id, body: decodeMessageBody(body), attempts: 1, timestamp: new Date(sentAt) })));
    if (received.length < count) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return received;
}

for (const [kind, path] of [
  ["queue", "queues/jobs"],
  ["topic", "topics/events"],
] as const) {
  runQueueSuite({
    name: `cmq ${kind} (local endpoint checking the documented API)`,
    create: () => cmqQueueFromUrl(new URL(`cmq://cmq-gz.public.tencenttdmq.com/${path}?endpoint=${encodeURIComponent(endpoint.url)}`)),
    receive,
    limits: { maxMessageBytes: CMQ_LIMITS.messageBytes, maxDelaySeconds: kind === "queue" ? CMQ_LIMITS.delaySeconds : 0 },
  });
}

describe("cmq: requests", () => {
  it("groups a batch by delay (CMQ's delay is per batch) and sends the session token", async () => {
    const before = endpoint.requests.length;
    await createCmqQueue({ endpoint: endpoint.url, destination: { queue: "jobs" }, region: "ap-guangzhou" }).sendBatch([
      { body: "a" },
      { body: "b", delaySeconds: 1 },
      { body: "c" },
    ]);
    const sent = endpoint.requests.slice(before).map(({ params }) => params);
    expect(sent.map(({ Action, delaySeconds, Token, Region }) => ({ Action, delaySeconds, Token, Region }))).toEqual([
      { Action: "BatchSendMessage", delaySeconds: "0", Token: "session-token", Region: "ap-guangzhou" },
      { Action: "SendMessage", delaySeconds: "1", Token: "session-token", Region: "ap-guangzhou" },
    ]);
    expect([sent[0]!["msgBody.0"], sent[0]!["msgBody.1"], sent[1]!["msgBody"]]).toEqual(['"a"', '"c"', '"b"']);
    await receive(3, 5_000);
  });

  it("turns refusals into ProviderErrors: a bad signature or a missing queue is not retryable, a refused connection is", async () => {
    const wrong = createCmqQueue({ endpoint: endpoint.url, destination: { queue: "jobs" }, credentials: { ...credentials, accessKeySecret: "wrong" } });
    const denied = (await wrong.send("x").catch((error: unknown) => error)) as ProviderError;
    expect([isFaasportError(denied, "PROVIDER"), denied.retryable, denied.message]).toEqual([true, false, expect.stringMatching(/4100/)]);
    const missing = (await createCmqQueue({ endpoint: endpoint.url, destination: { topic: "nope" } })
      .send("x")
      .catch((error: unknown) => error)) as ProviderError;
    expect([missing.retryable, missing.message]).toEqual([false, expect.stringMatching(/does not exist/)]);
    const down = (await createCmqQueue({ endpoint: `http://127.0.0.1:${await freePort()}`, destination: { queue: "jobs" } })
      .send("x")
      .catch((error: unknown) => error)) as ProviderError;
    expect([isFaasportError(down, "PROVIDER"), down.retryable]).toEqual([true, true]);
  });

  it("refuses URLs that name no queue or topic, and says which credentials are missing", async () => {
    expect(() => cmqQueueFromUrl(new URL("cmq://cmq-gz.public.tencenttdmq.com/jobs"))).toThrow(/names no queue or topic/);
    const saved = process.env["TENCENTCLOUD_SECRETKEY"];
    delete process.env["TENCENTCLOUD_SECRETKEY"];
    try {
      const error = await createCmqQueue({ endpoint: endpoint.url, destination: { queue: "jobs" } })
        .send("x")
        .catch((caught: unknown) => caught);
      expect(isFaasportError(error, "CONFIGURATION")).toBe(true);
      expect(String(error)).toMatch(/TENCENTCLOUD_SECRETKEY/);
    } finally {
      process.env["TENCENTCLOUD_SECRETKEY"] = saved;
    }
  });
});
