import { runQueueSuite } from "@faasport/contract";
import { isFaasportError, type ProviderError } from "@faasport/core";
import { decodeMessageBody, type QueueMessageInit } from "@faasport/core/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMnsQueue, MNS_LIMITS, mnsAuthorization, mnsQueueFromUrl } from "../src/mns";
import { freePort } from "./_servers";
import { type MnsEndpoint, startMnsEndpoint } from "./_mns-endpoint";

const credentials = { accessKeyId: "LTAI-test", accessKeySecret: "secret-for-tests", securityToken: "sts-token" };
let endpoint: MnsEndpoint;
beforeAll(async () => {
  endpoint = await startMnsEndpoint(credentials, ["jobs", "events"]);
  Object.assign(process.env, {
    ALIBABA_CLOUD_ACCESS_KEY_ID: credentials.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: credentials.accessKeySecret,
    ALIBABA_CLOUD_SECURITY_TOKEN: credentials.securityToken,
  });
});
afterAll(() => endpoint.close());

/** What FC hands the app: the message body as sent, decoded the way the Alibaba adapter decodes it. */
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
    name: `mns ${kind} (local endpoint checking the documented API)`,
    create: () => mnsQueueFromUrl(new URL(`mns://1234567890.mns.cn-hangzhou.aliyuncs.com/${path}?endpoint=${encodeURIComponent(endpoint.url)}`)),
    receive,
    limits: { maxMessageBytes: MNS_LIMITS.messageBytes, maxDelaySeconds: kind === "queue" ? MNS_LIMITS.delaySeconds : 0 },
  });
}

describe("mns: requests", () => {
  it("signs as MNS documents it (its published example) and sends the STS token", async () => {
    const authorization = await mnsAuthorization(
      { accessKeyId: "TestAccessID", accessKeySecret: "TestAccessSecret" },
      { method: "GET", contentType: "", date: "Thu, 09 Jul 2015 03:01:34 GMT", mnsHeaders: { "x-mns-version": "2015-06-06" }, resource: "/MyQueue" },
    );
    // https://www.alibabacloud.com/help/doc-detail/175633.htm shows the signature as uwx3yeWoILzgmvesW0BQSgfM****.
    expect(authorization).toMatch(/^MNS TestAccessID:uwx3yeWoILzgmvesW0BQSgfM/);
    const before = endpoint.requests.length;
    await createMnsQueue({ endpoint: endpoint.url, destination: { queue: "jobs" } }).sendBatch([{ body: 1 }, { body: 2, delaySeconds: 5 }]);
    const sent = endpoint.requests.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.headers["security-token"]).toBe("sts-token");
    expect(sent[0]!.body).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Messages xmlns="http://mns.aliyuncs.com/doc/v1/"><Message><MessageBody>1</MessageBody><DelaySeconds>0</DelaySeconds><Priority>8</Priority></Message><Message><MessageBody>2</MessageBody><DelaySeconds>5</DelaySeconds><Priority>8</Priority></Message></Messages>',
    );
    endpoint.takeDue();
  });

  it("turns refusals into ProviderErrors: a bad signature or a missing queue is not retryable, a refused connection is", async () => {
    const wrong = createMnsQueue({ endpoint: endpoint.url, destination: { queue: "jobs" }, credentials: { ...credentials, accessKeySecret: "wrong" } });
    const denied = (await wrong.send("x").catch((error: unknown) => error)) as ProviderError;
    expect([isFaasportError(denied, "PROVIDER"), denied.retryable, denied.message]).toEqual([true, false, expect.stringMatching(/SignatureDoesNotMatch/)]);
    const missing = (await createMnsQueue({ endpoint: endpoint.url, destination: { queue: "nope" } })
      .send("x")
      .catch((error: unknown) => error)) as ProviderError;
    expect([missing.retryable, missing.message]).toEqual([false, expect.stringMatching(/QueueNotExist/)]);
    const down = (await createMnsQueue({ endpoint: `http://127.0.0.1:${await freePort()}`, destination: { queue: "jobs" } })
      .send("x")
      .catch((error: unknown) => error)) as ProviderError;
    expect([isFaasportError(down, "PROVIDER"), down.retryable]).toEqual([true, true]);
  });

  it("refuses URLs that name no queue or topic, and says which credentials are missing", async () => {
    expect(() => mnsQueueFromUrl(new URL("mns://1234.mns.cn-hangzhou.aliyuncs.com/jobs"))).toThrow(/names no queue or topic/);
    const saved = process.env["ALIBABA_CLOUD_ACCESS_KEY_ID"];
    delete process.env["ALIBABA_CLOUD_ACCESS_KEY_ID"];
    try {
      const error = await createMnsQueue({ endpoint: endpoint.url, destination: { queue: "jobs" } })
        .send("x")
        .catch((caught: unknown) => caught);
      expect(isFaasportError(error, "CONFIGURATION")).toBe(true);
      expect(String(error)).toMatch(/ALIBABA_CLOUD_ACCESS_KEY_ID/);
    } finally {
      process.env["ALIBABA_CLOUD_ACCESS_KEY_ID"] = saved;
    }
  });
});
