/**
 * Alibaba Cloud MNS (Simple Message Queue) producer over its HTTP API
 * (2015-06-06), signed as documented; no SDK needed. A queue
 * (`/queues/<name>`: SendMessage, BatchSendMessage, per-message delay) or a
 * topic (`/topics/<name>`: PublishMessage, what FC's MNS trigger consumes; no delay).
 * Bodies are faasport's wire text (JSON; bytes in a base64 envelope), sent
 * as the raw message body, which is what the Alibaba adapter decodes.
 *
 * @module
 */
import { ConfigurationError, ProviderError, type Queue } from "@faasport/core";
import { hmacBase64, request, type SigningCredentials, xmlEscape, xmlText } from "./_http";
import { chunk, type EncodedMessage, encodeMessages, intParam, destinationOf, encodingProducer } from "./_utils";

export type { SigningCredentials } from "./_http";

/** The driver's name, in errors and URLs (`mns://`). */
export const MNS_DRIVER = "mns";

/** Options for {@link createMnsQueue}. */
export interface MnsQueueOptions {
  /** `https://<account-id>.mns.<region>.aliyuncs.com` (or a local endpoint). */
  readonly endpoint: string;
  /** A queue (`SendMessage`, with delays) or a topic (`PublishMessage`, what FC's MNS trigger consumes). */
  readonly destination: { readonly queue: string } | { readonly topic: string };
  /** Default: `ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET`, `ALIBABA_CLOUD_SECURITY_TOKEN`, as FC sets them. */
  readonly credentials?: SigningCredentials | (() => SigningCredentials);
  /** The queue's or topic's `MaximumMessageSize`. Default 65,536, MNS's maximum. */
  readonly maxMessageBytes?: number;
}

/**
 * MNS's documented limits: 16 messages and 64 KB per batch (BatchSendMessage), a delay of 0–604,800 s
 * (SendMessage), `MaximumMessageSize` at most 65,536 bytes (CreateQueue):
 * https://www.alibabacloud.com/help/en/mns/developer-reference/batchsendmessage
 */
export const MNS_LIMITS: { readonly messageBytes: number; readonly batchMessages: number; readonly batchBytes: number; readonly delaySeconds: number } = {
  messageBytes: 65_536,
  batchMessages: 16,
  batchBytes: 65_536,
  delaySeconds: 604_800,
};
const namespace = "http://mns.aliyuncs.com/doc/v1/";
const contentType = "text/xml;charset=utf-8";
const version = "2015-06-06";

declare const process: { readonly env: Record<string, string | undefined> } | undefined;

/** FC's credentials from the environment. */
function credentialsFromEnv(): SigningCredentials {
  const env = typeof process === "undefined" ? {} : process.env;
  const accessKeyId = env["ALIBABA_CLOUD_ACCESS_KEY_ID"];
  const accessKeySecret = env["ALIBABA_CLOUD_ACCESS_KEY_SECRET"];
  if (!accessKeyId || !accessKeySecret)
    throw new ConfigurationError("[mns] no credentials: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (FC sets them when the function has a role)");
  return { accessKeyId, accessKeySecret, securityToken: env["ALIBABA_CLOUD_SECURITY_TOKEN"] };
}

/** What an MNS request signature covers. */
export interface MnsSignedRequest {
  readonly method: string;
  readonly contentType: string;
  /** The `Date` header, RFC 1123 GMT. */
  readonly date: string;
  /** The `x-mns-*` headers. */
  readonly mnsHeaders: Readonly<Record<string, string>>;
  /** Path and query: `/queues/<name>/messages`. */
  readonly resource: string;
}

/**
 * The `Authorization` header: `MNS <AccessKeyId>:` and base64(HMAC-SHA1(secret,
 * VERB\nContent-MD5\nContent-Type\nDate\nx-mns-headers…resource)), Content-MD5 left empty.
 * https://www.alibabacloud.com/help/en/mns/sign-requests
 *
 * @example
 * const authorization = await mnsAuthorization(credentials, { method: "POST", contentType: "text/xml;charset=utf-8", date, mnsHeaders: { "x-mns-version": "2015-06-06" }, resource: "/queues/jobs/messages" });
 */
export async function mnsAuthorization(credentials: SigningCredentials, signed: MnsSignedRequest): Promise<string> {
  const canonical = Object.entries(signed.mnsHeaders)
    .map(([name, value]) => `${name.toLowerCase()}:${value}\n`)
    .sort()
    .join("");
  const signature = await hmacBase64("SHA-1", credentials.accessKeySecret, `${signed.method}\n\n${signed.contentType}\n${signed.date}\n${canonical}${signed.resource}`);
  return `MNS ${credentials.accessKeyId}:${signature}`;
}

/**
 * Creates an MNS producer.
 *
 * @example
 * const jobs = createMnsQueue({ endpoint: "https://1234.mns.cn-hangzhou.aliyuncs.com", destination: { topic: "jobs" } });
 */
export function createMnsQueue<T = unknown>(options: MnsQueueOptions): Queue<T> {
  const isQueue = "queue" in options.destination;
  const name = "queue" in options.destination ? options.destination.queue : options.destination.topic;
  const resource = `/${isQueue ? "queues" : "topics"}/${encodeURIComponent(name)}/messages`;
  const limits = { maxDelaySeconds: isQueue ? MNS_LIMITS.delaySeconds : 0, maxMessageBytes: options.maxMessageBytes ?? MNS_LIMITS.messageBytes, source: "MNS MaximumMessageSize" };
  const base = options.endpoint.replace(/\/$/, "");
  const credentials = (): SigningCredentials => (typeof options.credentials === "function" ? options.credentials() : (options.credentials ?? credentialsFromEnv()));

  const post = async (action: string, xml: string): Promise<string> => {
    const signing = credentials();
    const date = new Date().toUTCString();
    const headers: Record<string, string> = {
      "content-type": contentType,
      date,
      "x-mns-version": version,
      authorization: await mnsAuthorization(signing, { method: "POST", contentType, date, mnsHeaders: { "x-mns-version": version }, resource }),
    };
    if (signing.securityToken) headers["security-token"] = signing.securityToken;
    const { status, text } = await request(MNS_DRIVER, action, base + resource, { method: "POST", headers, body: `<?xml version="1.0" encoding="UTF-8"?>${xml}` });
    if (status >= 200 && status < 300) return text;
    // Errors answer <Error><Code/><Message/><RequestId/></Error>; a batch that partly failed answers per-message ErrorCodes.
    const code = xmlText(text, "Code") ?? xmlText(text, "ErrorCode") ?? `HTTP ${status}`;
    const message = xmlText(text, "Message") ?? xmlText(text, "ErrorMessage") ?? text.slice(0, 200);
    throw new ProviderError(MNS_DRIVER, `${action} to ${name} failed: ${code}: ${message}`, {
      retryable: status >= 500 || /QPSLimit|Throttl|TimeExpired|InternalError/i.test(code),
      cause: { status, body: text },
    });
  };
  const element = (message: EncodedMessage): string =>
    `<Message><MessageBody>${xmlEscape(message.text)}</MessageBody>${isQueue ? `<DelaySeconds>${message.delaySeconds}</DelaySeconds><Priority>8</Priority>` : ""}</Message>`;
  const deliver = async (messages: EncodedMessage[]): Promise<void> => {
    if (!isQueue) {
      // Topics have no batch publish: one request per message.
      for (const message of messages) await post("PublishMessage", element(message).replace("<Message>", `<Message xmlns="${namespace}">`));
      return;
    }
    if (messages.length === 1) return void (await post("SendMessage", element(messages[0]!).replace("<Message>", `<Message xmlns="${namespace}">`)));
    for (const batch of chunk(messages, MNS_LIMITS.batchMessages, MNS_LIMITS.batchBytes))
      await post("BatchSendMessage", `<Messages xmlns="${namespace}">${batch.map(element).join("")}</Messages>`);
  };
  return encodingProducer<T>((messages) => encodeMessages(MNS_DRIVER, messages, limits), deliver);
}

/**
 * Builds the driver from `mns://<account-id>.mns.<region>.aliyuncs.com/queues/<name>` or `…/topics/<name>`
 * (`?endpoint=…` for another endpoint, `maxMessageBytes=…`). Credentials come from the environment.
 *
 * @example
 * const jobs = mnsQueueFromUrl(new URL("mns://1234567890.mns.cn-hangzhou.aliyuncs.com/topics/jobs"));
 */
export function mnsQueueFromUrl(url: URL): Queue<unknown> {
  return createMnsQueue({
    endpoint: url.searchParams.get("endpoint") ?? `https://${url.host}`,
    destination: destinationOf(url, MNS_DRIVER, "mns://<account-id>.mns.<region>.aliyuncs.com/queues/<name> or /topics/<name>"),
    maxMessageBytes: intParam(url, "maxMessageBytes", MNS_LIMITS.messageBytes),
  });
}
