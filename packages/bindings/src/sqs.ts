/**
 * SQS queue producer (AWS SDK v3). Bodies travel as faasport's wire text
 * (JSON; bytes in a small base64 envelope), which the AWS adapter decodes;
 * batches are split to SQS's 10 messages and 1 MiB per call.
 *
 * @module
 */
import { ConfigurationError, ProviderError, type Queue, type QueueSendRequest } from "@faasport/core";
import type * as Sqs from "@aws-sdk/client-sqs";
import { chunk, type EncodedMessage, encodeMessages, encodingProducer, isConnectionError, loadPeer, providerError } from "./_utils";

/** The driver's name, in errors and URLs (`sqs://`). */
export const SQS_DRIVER = "sqs";

/** The part of an `SQSClient` the driver uses; pass your own (endpoint, credentials) or let the driver make one. */
export interface SqsClientLike {
  send(command: never): Promise<unknown>;
}

/** Options for {@link createSqsQueue}. */
export interface SqsQueueOptions {
  /** `https://sqs.<region>.amazonaws.com/<account>/<queue>`. */
  readonly queueUrl: string;
  /** An `SQSClient`; absent, one is made with `region` and `endpoint` and the default credential chain. */
  readonly client?: SqsClientLike;
  /** Default: taken from the queue URL's host. */
  readonly region?: string;
  /** An endpoint other than AWS's (an emulator). */
  readonly endpoint?: string;
  /** The queue's `MaximumMessageSize`. Default 1 MiB, SQS's maximum. */
  readonly maxMessageBytes?: number;
}

/** SQS's documented limits: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html */
export const SQS_LIMITS: { readonly messageBytes: number; readonly batchMessages: number; readonly batchBytes: number; readonly delaySeconds: number } = {
  messageBytes: 1024 * 1024,
  batchMessages: 10,
  batchBytes: 1024 * 1024,
  delaySeconds: 900,
};
const throttles = new Set(["ThrottlingException", "RequestThrottled", "KmsThrottled", "ServiceUnavailable", "InternalError", "InternalFailure"]);

/**
 * Creates an SQS producer. The SDK (`@aws-sdk/client-sqs`, an optional peer dependency) loads on first use.
 *
 * @example
 * const jobs = createSqsQueue({ queueUrl: "https://sqs.eu-west-1.amazonaws.com/123456789012/jobs" });
 * await jobs.send({ id: "1" }, { delaySeconds: 30 });
 */
export function createSqsQueue<T = unknown>(options: SqsQueueOptions): Queue<T> {
  const region = options.region ?? regionOf(options.queueUrl);
  const limits = { maxDelaySeconds: SQS_LIMITS.delaySeconds, maxMessageBytes: options.maxMessageBytes ?? SQS_LIMITS.messageBytes, source: "SQS message quotas" };
  let sdk: Promise<typeof Sqs> | undefined;
  let made: SqsClientLike | undefined;
  const send = async (action: string, build: (module: typeof Sqs) => unknown): Promise<unknown> => {
    const module = await (sdk ??= loadPeer<typeof Sqs>(SQS_DRIVER, "@aws-sdk/client-sqs"));
    const client = options.client ?? (made ??= new module.SQSClient({ ...(region ? { region } : {}), ...(options.endpoint ? { endpoint: options.endpoint } : {}) }));
    try {
      return await client.send(build(module) as never);
    } catch (cause) {
      const fault = cause as { name?: string; $fault?: string; $retryable?: unknown };
      throw providerError(
        SQS_DRIVER,
        `${action} to ${options.queueUrl}`,
        cause,
        fault.$fault === "server" || Boolean(fault.$retryable) || throttles.has(fault.name ?? "") || isConnectionError(cause),
      );
    }
  };
  const entry = (message: EncodedMessage) => ({ MessageBody: message.text, ...(message.delaySeconds > 0 ? { DelaySeconds: message.delaySeconds } : {}) });
  const encode = (messages: Iterable<QueueSendRequest<unknown>>): EncodedMessage[] =>
    encodeMessages(SQS_DRIVER, messages, limits, (text) =>
      // Characters beyond U+FFFF travel as JSON escapes: SQS allows them raw, but emulators (fauxqs, older ElasticMQ) refuse them.
      text.replace(/[\uD800-\uDFFF]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16)}`),
    );
  const deliver = async (messages: EncodedMessage[]): Promise<void> => {
    if (messages.length === 1) {
      await send("SendMessage", (m) => new m.SendMessageCommand({ QueueUrl: options.queueUrl, ...entry(messages[0]!) }));
      return;
    }
    for (const batch of chunk(messages, SQS_LIMITS.batchMessages, SQS_LIMITS.batchBytes)) {
      const result = (await send(
        "SendMessageBatch",
        (m) => new m.SendMessageBatchCommand({ QueueUrl: options.queueUrl, Entries: batch.map((message, index) => ({ Id: String(index), ...entry(message) })) }),
      )) as { Failed?: { Id?: string; Code?: string; Message?: string; SenderFault?: boolean }[] };
      const failed = result.Failed ?? [];
      // SQS accepts a batch in part: the others are sent and cannot be taken back, so say exactly which failed.
      if (failed.length > 0) {
        const detail = failed.map((failure) => `#${failure.Id}: ${failure.Code} ${failure.Message ?? ""}`.trim()).join("; ");
        throw new ProviderError(SQS_DRIVER, `SendMessageBatch to ${options.queueUrl}: ${failed.length} of ${batch.length} messages failed (${detail})`, {
          retryable: failed.every((failure) => failure.SenderFault === false),
          cause: failed,
        });
      }
    }
  };
  return encodingProducer<T>(encode, deliver);
}

/**
 * Builds the driver from `sqs://sqs.<region>.amazonaws.com/<account>/<queue>[?region=…&endpoint=…]`:
 * the queue URL with `sqs` for `https`. The region defaults to the one in the host.
 *
 * @example
 * const jobs = sqsQueueFromUrl(new URL("sqs://sqs.eu-west-1.amazonaws.com/123456789012/jobs"));
 */
export function sqsQueueFromUrl(url: URL): Queue<unknown> {
  if (!/^\/[^/]+\/[^/]+$/.test(url.pathname)) throw new ConfigurationError(`[sqs] ${url.href} is not a queue URL: use sqs://sqs.<region>.amazonaws.com/<account>/<queue>`);
  const endpoint = url.searchParams.get("endpoint") ?? undefined;
  const region = url.searchParams.get("region") ?? regionOf(url.href);
  // The queue URL is the binding URL over HTTPS, or over the endpoint's protocol when an endpoint (an emulator) is given.
  const queueUrl = `${endpoint ? new URL(endpoint).protocol : "https:"}//${url.host}${url.pathname}`;
  return createSqsQueue({ queueUrl, ...(endpoint ? { endpoint } : {}), ...(region ? { region } : {}) });
}

/** The region in a queue URL's host (`sqs.<region>.amazonaws.com`); a regular expression, as an emulator's host may not parse as a URL. */
function regionOf(queueUrl: string): string | undefined {
  return /^[a-z]+:\/\/sqs\.([a-z0-9-]+)\./.exec(queueUrl)?.[1];
}
