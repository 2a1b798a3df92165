import { createHash, createHmac, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { type AcceptedMessage, delayedMessages } from "./_delayed-messages";

/**
 * A local stand-in for MNS's HTTP API (2015-06-06): it checks every request
 * against the documented API (path, headers, signature recomputed here with
 * node:crypto, XML body, limits) and answers as MNS does. Accepted messages
 * wait in memory until their delay has passed.
 * Docs: SendMessage, BatchSendMessage, PublishMessage and "Sign requests" on alibabacloud.com/help/en/mns.
 */
export interface MnsEndpoint {
  readonly url: string;
  readonly requests: { path: string; headers: Record<string, string | string[] | undefined>; body: string }[];
  /** Removes and returns the bodies (XML-unescaped) that are due, with their ids and send times. */
  takeDue(): AcceptedMessage[];
  close(): Promise<void>;
}

const namespace = "http://mns.aliyuncs.com/doc/v1/";
const unescape = (text: string): string => text.replace(/&(amp|lt|gt|quot|apos);/g, (_, entity: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" })[entity]!);
const error = (status: number, code: string, message: string) => ({
  status,
  xml: `<?xml version="1.0" encoding="UTF-8"?><Error xmlns="${namespace}"><Code>${code}</Code><Message>${message}</Message><RequestId>${randomUUID()}</RequestId><HostId>local</HostId></Error>`,
});

export async function startMnsEndpoint(credentials: { accessKeyId: string; accessKeySecret: string; securityToken?: string }, names: readonly string[]): Promise<MnsEndpoint> {
  const requests: MnsEndpoint["requests"] = [];
  const messages = delayedMessages();

  const check = (request: IncomingMessage, body: string): { status: number; xml: string } => {
    const path = request.url ?? "";
    const target = /^\/(queues|topics)\/([A-Za-z0-9-]{1,256})\/messages$/.exec(path);
    if (request.method !== "POST" || !target) return error(400, "InvalidArgument", `unexpected ${request.method} ${path}`);
    if (!names.includes(target[2]!)) return error(404, target[1] === "queues" ? "QueueNotExist" : "TopicNotExist", "The queue or topic name you provided does not exist.");
    const headers = request.headers;
    if (headers["x-mns-version"] !== "2015-06-06") return error(400, "InvalidArgument", "x-mns-version must be 2015-06-06");
    if (headers["content-type"] !== "text/xml;charset=utf-8") return error(400, "InvalidArgument", `content-type ${headers["content-type"]}`);
    const date = String(headers["date"] ?? "");
    if (!/GMT$/.test(date) || Math.abs(Date.parse(date) - Date.now()) > 15 * 60_000) return error(400, "TimeExpired", `bad Date ${date}`);
    const md5 = headers["content-md5"] === undefined ? "" : String(headers["content-md5"]);
    if (md5 && md5 !== createHash("md5").update(body).digest("base64")) return error(400, "InvalidDigest", "Content-MD5 does not match");
    const mnsHeaders = Object.entries(headers)
      .filter(([name]) => name.startsWith("x-mns-"))
      .map(([name, value]) => `${name}:${String(value)}\n`)
      .sort()
      .join("");
    const signature = createHmac("sha1", credentials.accessKeySecret).update(`POST\n${md5}\n${headers["content-type"]}\n${date}\n${mnsHeaders}${path}`).digest("base64");
    if (headers["authorization"] !== `MNS ${credentials.accessKeyId}:${signature}`)
      return error(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.");
    if (credentials.securityToken !== undefined && headers["security-token"] !== credentials.securityToken) return error(403, "InvalidSecurityToken", "security-token missing");

    const isQueue = target[1] === "queues";
    const batch = /^<\?xml version="1\.0" encoding="UTF-8"\?><Messages xmlns="([^"]+)">([\s\S]*)<\/Messages>$/.exec(body);
    const single = /^<\?xml version="1\.0" encoding="UTF-8"\?><Message xmlns="([^"]+)">([\s\S]*)<\/Message>$/.exec(body);
    const match = batch ?? single;
    if (!match || match[1] !== namespace) return error(400, "MalformedXML", "the body is not a Message or Messages document in the MNS namespace");
    if (batch && !isQueue) return error(400, "InvalidArgument", "topics have no batch publish");
    const parts = batch ? [...match[2]!.matchAll(/<Message>([\s\S]*?)<\/Message>/g)].map((part) => part[1]!) : [match[2]!];
    if (parts.length === 0 || parts.length > 16) return error(400, "InvalidArgument", `a batch holds 1 to 16 messages, got ${parts.length}`);
    let total = 0;
    const accepted: { id: string; body: string; delay: number }[] = [];
    for (const part of parts) {
      const fields = [...part.matchAll(/<([A-Za-z]+)>([\s\S]*?)<\/\1>/g)];
      const allowed = isQueue ? ["MessageBody", "DelaySeconds", "Priority"] : ["MessageBody", "MessageTag"];
      if (fields.some(([, name]) => !allowed.includes(name!))) return error(400, "InvalidArgument", `unexpected element in ${part.slice(0, 80)}`);
      const value = (name: string) => fields.find(([, field]) => field === name)?.[2];
      const text = value("MessageBody");
      if (text === undefined) return error(400, "InvalidArgument", "MessageBody is required");
      const messageBody = unescape(text);
      const size = Buffer.byteLength(messageBody);
      total += size;
      if (size === 0 || size > 65_536) return error(400, "InvalidArgument", `message body of ${size} bytes: 1 to 65536 allowed`);
      const delay = Number(value("DelaySeconds") ?? 0);
      const priority = Number(value("Priority") ?? 8);
      if (!Number.isInteger(delay) || delay < 0 || delay > 604_800) return error(400, "InvalidArgument", `DelaySeconds ${delay}`);
      if (!Number.isInteger(priority) || priority < 1 || priority > 16) return error(400, "InvalidArgument", `Priority ${priority}`);
      accepted.push({ id: randomUUID().replace(/-/g, "").toUpperCase(), body: messageBody, delay });
    }
    if (total > 65_536) return error(400, "InvalidArgument", `a batch carries at most 64 KB, got ${total} bytes`);
    for (const message of accepted) messages.accept(message.id, message.body, message.delay);
    const answer = (message: { id: string; body: string }) =>
      `<MessageId>${message.id}</MessageId><MessageBodyMD5>${createHash("md5").update(message.body).digest("hex").toUpperCase()}</MessageBodyMD5>`;
    const xml = batch
      ? `<Messages xmlns="${namespace}">${accepted.map((message) => `<Message>${answer(message)}</Message>`).join("")}</Messages>`
      : `<Message xmlns="${namespace}">${answer(accepted[0]!)}</Message>`;
    return { status: 201, xml: `<?xml version="1.0" encoding="UTF-8"?>${xml}` };
  };

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      requests.push({ path: request.url ?? "", headers: request.headers, body });
      const { status, xml } = check(request, body);
      response.writeHead(status, { "content-type": "text/xml", "x-mns-request-id": randomUUID() }).end(xml);
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
