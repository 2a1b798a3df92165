import { createHmac, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { type AcceptedMessage, delayedMessages } from "./_delayed-messages";

/**
 * A local stand-in for TDMQ for CMQ's CMQ-compatible HTTP API (`/v2/index.php`):
 * it checks every request against the documented API (action, common
 * parameters, the HmacSHA256/HmacSHA1 signature recomputed here with
 * node:crypto, names, bodies, delays, batch limits) and answers in CMQ's JSON.
 * Docs: SendMessage, BatchSendMessage, PublishMessage, BatchPublishMessage and
 * the common request parameters on tencentcloud.com/document/product/406.
 */
export interface CmqEndpoint {
  readonly url: string;
  readonly requests: { params: Record<string, string> }[];
  takeDue(): AcceptedMessage[];
  close(): Promise<void>;
}

const nameRule = /^[A-Za-z][A-Za-z0-9-]{0,63}$/;

export async function startCmqEndpoint(credentials: { accessKeyId: string; accessKeySecret: string; securityToken?: string }, names: readonly string[]): Promise<CmqEndpoint> {
  const requests: CmqEndpoint["requests"] = [];
  const messages = delayedMessages();
  const fail = (code: number, message: string) => ({ code, message, requestId: randomUUID() });

  const check = (request: IncomingMessage, params: Record<string, string>): Record<string, unknown> => {
    if (request.method !== "POST" || request.url !== "/v2/index.php") return fail(4000, `unexpected ${request.method} ${request.url}`);
    if (!String(request.headers["content-type"]).startsWith("application/x-www-form-urlencoded")) return fail(4000, "form-encoded parameters expected");
    for (const name of ["Action", "Nonce", "Timestamp", "SecretId", "SignatureMethod", "Signature"]) if (!params[name]) return fail(4000, `missing common parameter ${name}`);
    if (!/^\d+$/.test(params["Nonce"]!) || Math.abs(Number(params["Timestamp"]) * 1000 - Date.now()) > 5 * 60_000) return fail(4000, "bad Nonce or Timestamp");
    const method = { HmacSHA1: "sha1", HmacSHA256: "sha256" }[params["SignatureMethod"]!];
    if (!method) return fail(4000, `SignatureMethod ${params["SignatureMethod"]}`);
    const { Signature: signature, ...signed } = params;
    const query = Object.keys(signed)
      .sort()
      .map((name) => `${name.replace(/_/g, ".")}=${signed[name]}`)
      .join("&");
    const expected = createHmac(method, credentials.accessKeySecret).update(`POST${request.headers.host}/v2/index.php?${query}`).digest("base64");
    if (params["SecretId"] !== credentials.accessKeyId || signature !== expected) return fail(4100, "authentication failed: signature mismatch");
    if (credentials.securityToken !== undefined && params["Token"] !== credentials.securityToken) return fail(4100, "authentication failed: Token missing");

    const action = params["Action"]!;
    const isQueue = action === "SendMessage" || action === "BatchSendMessage";
    if (!isQueue && action !== "PublishMessage" && action !== "BatchPublishMessage") return fail(4000, `unknown Action ${action}`);
    const name = params[isQueue ? "queueName" : "topicName"];
    if (!name || !nameRule.test(name)) return fail(4000, `invalid ${isQueue ? "queueName" : "topicName"} ${String(name)}`);
    if (!names.includes(name)) return fail(4440, `${name} does not exist`);
    if (!isQueue && "delaySeconds" in params) return fail(4000, "topics take no delaySeconds");
    const delay = Number(params["delaySeconds"] ?? 0);
    if (!Number.isInteger(delay) || delay < 0 || delay > 3600) return fail(4000, `delaySeconds ${params["delaySeconds"]}`);
    let bodies: string[];
    if (action.startsWith("Batch")) {
      const indexes = Object.keys(params)
        .filter((key) => key.startsWith("msgBody."))
        .map((key) => Number(key.slice(8)))
        .sort((a, b) => a - b);
      const first = indexes[0];
      if (first === undefined || first > 1 || indexes.some((index, position) => index !== first + position))
        return fail(4000, "msgBody.n must be numbered from 0 or 1 without gaps");
      if (indexes.length > 16) return fail(4000, `a batch holds at most 16 messages, got ${indexes.length}`);
      bodies = indexes.map((index) => params[`msgBody.${index}`]!);
    } else {
      if (params["msgBody"] === undefined) return fail(4000, "msgBody is required");
      bodies = [params["msgBody"]];
    }
    const sizes = bodies.map((body) => Buffer.byteLength(body));
    if (sizes.some((size) => size < 1 || size > 65_536)) return fail(4000, "a message body is 1 byte to maxMsgSize (65536)");
    if (action.startsWith("Batch") && sizes.reduce((sum, size) => sum + size, 0) > 65_536) return fail(4000, "a batch carries at most 64 KB of bodies");
    const accepted = bodies.map((body) => ({ id: randomUUID().replace(/-/g, ""), body }));
    for (const message of accepted) messages.accept(message.id, message.body, delay);
    const ok = { code: 0, message: "", requestId: randomUUID() };
    return action.startsWith("Batch") ? { ...ok, msgList: accepted.map((message) => ({ msgId: message.id })) } : { ...ok, msgId: accepted[0]!.id };
  };

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const params = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString("utf8")));
      requests.push({ params });
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(check(request, params)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    requests,
    takeDue: messages.takeDue,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
