import { createHash, createHmac } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import { unzipSync } from "fflate";

/** One request as the checking endpoint received it. */
export interface Received {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage["headers"];
  readonly body: Buffer;
  /** What the endpoint took the request to be (the API action). */
  action: string;
}

/** A body sent as is (the XML of AWS's Query and REST APIs) rather than as JSON. */
export class Xml {
  constructor(readonly text: string) {}
}

const encode = (body: unknown): string => (body instanceof Xml ? body.text : JSON.stringify(body));
const contentType = (body: unknown): string => (body instanceof Xml ? "text/xml" : "application/json");

/** What a route answers. */
export interface Answer {
  readonly status?: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

/** A local HTTP server standing in for a cloud API: it records every request, checks it, and answers as the API documents. */
export interface Endpoint {
  readonly url: string;
  readonly host: string;
  readonly calls: Received[];
  /** Every check that failed: a passing deploy leaves this empty. */
  readonly errors: string[];
  close(): Promise<void>;
}

/** Thrown by a route to reject a request; recorded in `errors` and answered with `status`. */
export class Rejected extends Error {
  constructor(
    message: string,
    readonly status = 400,
    readonly answer?: unknown,
    /** A documented "not found" a client asks about on purpose: answered, not counted as a failed check. */
    readonly expected = status === 404,
    /** Headers of the answer, where the API puts the error's code in one (Lambda's `X-Amzn-ErrorType`). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export async function startEndpoint(route: (request: Received) => Answer | Promise<Answer>, rejection: (error: Rejected, request: Received) => unknown): Promise<Endpoint> {
  const calls: Received[] = [];
  const errors: string[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const url = new URL(request.url ?? "/", "http://localhost");
      const received: Received = {
        method: request.method ?? "GET",
        path: url.pathname,
        query: url.searchParams,
        headers: request.headers,
        body: Buffer.concat(chunks),
        action: "",
      };
      calls.push(received);
      void Promise.resolve()
        .then(() => route(received))
        .then(
          (answer) => {
            response.writeHead(answer.status ?? 200, { "content-type": contentType(answer.body), ...answer.headers });
            response.end(answer.body === undefined ? "" : encode(answer.body));
          },
          (error: unknown) => {
            const rejected = error instanceof Rejected ? error : new Rejected(String(error), 500);
            if (!rejected.expected) errors.push(`${received.method} ${received.path} (${received.action || "?"}): ${rejected.message}`);
            const body = rejected.answer ?? rejection(rejected, received);
            response.writeHead(rejected.status, { "content-type": contentType(body), ...rejected.headers });
            // A HEAD answer has no body (S3's HeadBucket, HeadObject).
            response.end(received.method === "HEAD" ? "" : encode(body));
          },
        );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    calls,
    errors,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const sha256 = (data: string | Buffer): string => createHash("sha256").update(data).digest("hex");
export const hmac = (key: string | Buffer, data: string): Buffer => createHmac("sha256", key).update(data).digest();

/** Checks that a base64 string is a zip holding the handler's file, and returns its files. */
export function checkZip(base64: unknown, handler: string): Record<string, Uint8Array> {
  if (typeof base64 !== "string" || base64 === "") throw new Rejected("the code is not a base64 string");
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(Buffer.from(base64, "base64"));
  } catch {
    throw new Rejected("the code is not a zip file");
  }
  const file = `${handler.slice(0, handler.lastIndexOf("."))}.js`;
  if (!files[file]) throw new Rejected(`the zip has no ${file} for handler ${handler} (it has ${Object.keys(files).join(", ")})`);
  return files;
}

/** A JSON body as an object, or a rejection. */
export function jsonBody(request: Received): Record<string, unknown> {
  try {
    const value = JSON.parse(request.body.toString("utf8")) as unknown;
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {}
  throw new Rejected("the body is not a JSON object");
}

/** Fails unless every named field is present with the type given. */
export function required(body: Record<string, unknown>, fields: Record<string, "string" | "number" | "object" | "boolean">): void {
  for (const [field, type] of Object.entries(fields)) {
    if (typeof body[field] !== type || body[field] === "") throw new Rejected(`${field} is required (${type}), got ${JSON.stringify(body[field])}`);
  }
}
