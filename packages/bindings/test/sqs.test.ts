import { DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { toAws } from "@faasport/adapter-aws";
import { runQueueSuite } from "@faasport/contract";
import { defineApp, isFaasportError, type ProviderError, queue } from "@faasport/core";
import type { QueueMessageInit } from "@faasport/core/runtime";
import { type FauxqsServer, startFauxqs } from "fauxqs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createSqsQueue, SQS_LIMITS, sqsQueueFromUrl } from "../src/sqs";
import { freePort } from "./_servers";

const credentials = { accessKeyId: "test", secretAccessKey: "test" };
let fauxqs: FauxqsServer;
let endpoint: string;
let client: SQSClient;
let queueUrl = "";

beforeAll(async () => {
  fauxqs = await startFauxqs({ port: 0, host: "127.0.0.1", logger: false });
  queueUrl = fauxqs.createQueue("jobs").queueUrl;
  endpoint = `http://127.0.0.1:${fauxqs.port}`;
  client = new SQSClient({ endpoint, region: "us-east-1", credentials });
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test" });
});
afterAll(async () => {
  client.destroy();
  await fauxqs.stop();
});

// The consumer side as on Lambda: received messages become an SQS event for the AWS adapter, whose app records what its queue handler sees.
const seen: QueueMessageInit[] = [];
const handler = toAws(
  defineApp({
    bindings: {},
    fetch: () => new Response(),
    queue: (batch) => void seen.push(...batch.messages.map(({ id, body, attempts, timestamp }) => ({ id, body, attempts, timestamp }))),
  }),
  { variables: {}, log: () => {} },
);

async function receive(count: number, timeoutMs: number): Promise<QueueMessageInit[]> {
  const deadline = Date.now() + timeoutMs;
  while (seen.length < count && Date.now() < deadline) {
    const { Messages = [] } = await client.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, MessageSystemAttributeNames: ["All"], MessageAttributeNames: ["All"] }),
    );
    if (Messages.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      continue;
    }
    const event = {
      Records: Messages.map((message) => ({
        messageId: message.MessageId,
        receiptHandle: message.ReceiptHandle,
        body: message.Body,
        attributes: message.Attributes,
        messageAttributes: {},
        md5OfBody: message.MD5OfBody,
        eventSource: "aws:sqs",
        eventSourceARN: "arn:aws:sqs:us-east-1:000000000000:jobs",
        awsRegion: "us-east-1",
      })),
    };
    const result = (await handler(event, { awsRequestId: crypto.randomUUID() })) as { batchItemFailures: unknown[] };
    expect(result.batchItemFailures).toEqual([]);
    await client.send(
      new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: Messages.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle })) }),
    );
  }
  return seen.splice(0, seen.length);
}

runQueueSuite({
  name: "sqs (fauxqs, consumed through the AWS adapter)",
  // The emulator's queue URL (http://sqs.us-east-1.127.0.0.1:<port>/000000000000/jobs) as a binding URL, its API on loopback.
  create: () => sqsQueueFromUrl(new URL(`${queueUrl.replace(/^http:/, "sqs:")}?endpoint=${encodeURIComponent(endpoint)}`)),
  receive,
  limits: { maxMessageBytes: SQS_LIMITS.messageBytes, maxDelaySeconds: SQS_LIMITS.delaySeconds },
});

it("reports a missing queue as a ProviderError that is not retryable, and a refused connection as retryable", async () => {
  const missing = createSqsQueue({ queueUrl: `${endpoint}/000000000000/nope`, client });
  const error = (await missing.send("x").catch((caught: unknown) => caught)) as ProviderError;
  expect([isFaasportError(error, "PROVIDER"), error.retryable]).toEqual([true, false]);
  const closed = new SQSClient({ endpoint: `http://127.0.0.1:${await freePort()}`, region: "us-east-1", credentials, maxAttempts: 1 });
  const refused = (await createSqsQueue({ queueUrl, client: closed })
    .send("x")
    .catch((caught: unknown) => caught)) as ProviderError;
  expect([isFaasportError(refused, "PROVIDER"), refused.retryable]).toEqual([true, true]);
  closed.destroy();
});

it("refuses a URL that is not a queue URL", () => {
  expect(() => sqsQueueFromUrl(new URL("sqs://sqs.us-east-1.amazonaws.com/jobs"))).toThrow(/not a queue URL/);
  expect(queue).toBeTypeOf("function");
});
