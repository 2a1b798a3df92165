/**
 * Tencent Cloud TDMQ for CMQ producer over its CMQ-compatible HTTP API
 * (`/v2/index.php`, HmacSHA256 request signature); no SDK needed. A queue
 * (`/queues/<name>`: SendMessage, BatchSendMessage, delays up to an hour) or
 * a topic (`/topics/<name>`: PublishMessage, BatchPublishMessage, what SCF's
 * CMQ trigger consumes; no delay). Bodies are faasport's wire text.
 *
 * @module
 */
import { ConfigurationError, ProviderError, type Queue } from "@faasport/core";
import { hmacBase64, request, type SigningCredentials } from "./_http";
import { chunk, type EncodedMessage, encodeMessages, intParam, destinationOf, encodingProducer } from "./_utils";

export type { SigningCredentials } from "./_http";

/** The driver's name, in errors and URLs (`cmq://`). */
export const CMQ_DRIVER = "cmq";

/** Options for {@link createCmqQueue}. */
export interface CmqQueueOptions {
  /** `https://cmq-<region>.public.tencenttdmq.com`, or the VPC address `http://<region>.mqadapter.cmq.tencentyun.com`. */
  readonly endpoint: string;
  /** A queue (with delays) or a topic (what SCF's CMQ trigger consumes). */
  readonly destination: { readonly queue: string } | { readonly topic: string };
  /** Default: `TENCENTCLOUD_SECRETID`, `TENCENTCLOUD_SECRETKEY`, `TENCENTCLOUD_SESSIONTOKEN`, as SCF sets them. */
  readonly credentials?: SigningCredentials | (() => SigningCredentials);
  /** The `Region` common parameter, where the endpoint needs it. */
  readonly region?: string;
  /** The queue's or topic's `maxMsgSize`. Default 65,536 bytes. */
  readonly maxMessageBytes?: number;
}

/**
 * CMQ's documented limits: 16 messages and 64 KB of bodies per batch (BatchSendMessage,
 * https://www.tencentcloud.com/document/product/406/5838), delays of 0–3,600 s on queues only
 * (https://www.tencentcloud.com/document/product/406/8128), `maxMsgSize` 64 KB by default.
 */
export const CMQ_LIMITS: { readonly messageBytes: number; readonly batchMessages: number; readonly batchBytes: number; readonly delaySeconds: number } = {
  messageBytes: 65_536,
  batchMessages: 16,
  batchBytes: 65_536,
  delaySeconds: 3_600,
};

declare const process: { readonly env: Record<string, string | undefined> } | undefined;

function credentialsFromEnv(): SigningCredentials {
  const env = typeof process === "undefined" ? {} : process.env;
  const accessKeyId = env["TENCENTCLOUD_SECRETID"];
  const accessKeySecret = env["TENCENTCLOUD_SECRETKEY"];
  if (!accessKeyId || !accessKeySecret)
    throw new ConfigurationError("[cmq] no credentials: set TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY (SCF sets them when the function has a role)");
  return { accessKeyId, accessKeySecret, securityToken: env["TENCENTCLOUD_SESSIONTOKEN"] };
}

/**
 * Signs CMQ parameters: base64(HMAC-SHA256(secret, `POST<host><path>?<k=v&…>`)), parameters sorted by
 * name, values as they are, `_` in names written `.` (the CMQ HTTP API's common parameters:
 * https://www.tencentcloud.com/document/product/406/5883).
 *
 * @example
 * const signature = await cmqSignature(secretKey, "cmq-gz.public.tencenttdmq.com", "/v2/index.php", params);
 */
export async function cmqSignature(secret: string, host: string, path: string, params: Readonly<Record<string, string>>): Promise<string> {
  const query = Object.keys(params)
    .sort()
    .map((name) => `${name.replace(/_/g, ".")}=${params[name]}`)
    .join("&");
  return hmacBase64("SHA-256", secret, `POST${host}${path}?${query}`);
}

/**
 * Creates a CMQ producer.
 *
 * @example
 * const jobs = createCmqQueue({ endpoint: "https://cmq-gz.public.tencenttdmq.com", destination: { topic: "jobs" } });
 */
export function createCmqQueue<T = unknown>(options: CmqQueueOptions): Queue<T> {
  const isQueue = "queue" in options.destination;
  const name = "queue" in options.destination ? options.destination.queue : options.destination.topic;
  const limits = { maxDelaySeconds: isQueue ? CMQ_LIMITS.delaySeconds : 0, maxMessageBytes: options.maxMessageBytes ?? CMQ_LIMITS.messageBytes, source: "CMQ maxMsgSize" };
  const endpoint = new URL("/v2/index.php", options.endpoint);
  const credentials = (): SigningCredentials => (typeof options.credentials === "function" ? options.credentials() : (options.credentials ?? credentialsFromEnv()));

  const call = async (action: string, params: Record<string, string>): Promise<void> => {
    const signing = credentials();
    const all: Record<string, string> = {
      ...params,
      Action: action,
      Nonce: String(Math.floor(Math.random() * 2 ** 31)),
      Timestamp: String(Math.floor(Date.now() / 1000)),
      SecretId: signing.accessKeyId,
      SignatureMethod: "HmacSHA256",
      ...(signing.securityToken ? { Token: signing.securityToken } : {}),
      ...(options.region ? { Region: options.region } : {}),
    };
    all["Signature"] = await cmqSignature(signing.accessKeySecret, endpoint.host, endpoint.pathname, all);
    const { status, text } = await request(CMQ_DRIVER, action, endpoint.href, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(all).toString(),
    });
    let answer: { code?: unknown; message?: unknown };
    try {
      answer = JSON.parse(text) as typeof answer;
    } catch {
      answer = { code: `HTTP ${status}`, message: text.slice(0, 200) };
    }
    if (status >= 200 && status < 300 && answer.code === 0) return;
    // A server fault, a rate limit or a busy service may pass; a refused parameter or signature will not.
    throw new ProviderError(CMQ_DRIVER, `${action} to ${name} failed: ${String(answer.code)}: ${typeof answer.message === "string" ? answer.message : ""}`, {
      retryable: status >= 500 || /limit|busy|throttl|timeout|internal/i.test(typeof answer.message === "string" ? answer.message : ""),
      cause: { status, body: text },
    });
  };
  const deliver = async (messages: EncodedMessage[]): Promise<void> => {
    const target = isQueue ? { queueName: name } : { topicName: name };
    // A batch shares one delay, so messages are grouped by it.
    const byDelay = new Map<number, EncodedMessage[]>();
    for (const message of messages) byDelay.set(message.delaySeconds, [...(byDelay.get(message.delaySeconds) ?? []), message]);
    for (const [delaySeconds, group] of byDelay) {
      const delay: Record<string, string> = isQueue ? { delaySeconds: String(delaySeconds) } : {};
      for (const batch of chunk(group, CMQ_LIMITS.batchMessages, CMQ_LIMITS.batchBytes)) {
        if (batch.length === 1) await call(isQueue ? "SendMessage" : "PublishMessage", { ...target, msgBody: batch[0]!.text, ...delay });
        else
          await call(isQueue ? "BatchSendMessage" : "BatchPublishMessage", {
            ...target,
            ...Object.fromEntries(batch.map((message, index) => [`msgBody.${index}`, message.text])),
            ...delay,
          });
      }
    }
  };
  return encodingProducer<T>((messages) => encodeMessages(CMQ_DRIVER, messages, limits), deliver);
}

/**
 * Builds the driver from `cmq://<endpoint-host>/queues/<name>` or `…/topics/<name>`
 * (`?endpoint=…` for another endpoint, `region=…`, `maxMessageBytes=…`). Credentials come from the environment.
 *
 * @example
 * const jobs = cmqQueueFromUrl(new URL("cmq://cmq-gz.public.tencenttdmq.com/topics/jobs"));
 */
export function cmqQueueFromUrl(url: URL): Queue<unknown> {
  const region = url.searchParams.get("region");
  return createCmqQueue({
    endpoint: url.searchParams.get("endpoint") ?? `https://${url.host}`,
    destination: destinationOf(url, CMQ_DRIVER, "cmq://cmq-<region>.public.tencenttdmq.com/queues/<name> or /topics/<name>"),
    maxMessageBytes: intParam(url, "maxMessageBytes", CMQ_LIMITS.messageBytes),
    ...(region ? { region } : {}),
  });
}
