import type { IncomingMessage, ServerResponse } from "node:http";
import type { AnyApp, Context } from "@faasport/core";
import { buildUrl, createPlatformRuntime, createRequest, embeddedDefaultUrl, type HeaderPairs, readLightResponse, type Runtime } from "@faasport/core/runtime";
import type { NodeOptions } from "./options";

const defaultMaxBodyBytes = 32 * 1024 * 1024;

/** A `node:http` request listener. */
export type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * Turns a faasport app into a `node:http` request listener, for mounting it
 * in a server of your own. {@link serve} uses it.
 *
 * @example
 * import { createServer } from "node:http";
 * createServer(createRequestListener(app)).listen(8080);
 */
export function createRequestListener(app: AnyApp, options: NodeOptions = {}): RequestListener {
  return listenerFor(nodeRuntime(app, options), options);
}

/** The app bound to Node: env resolved once, bindings without a URL on the embedded default. */
export function nodeRuntime(app: AnyApp, options: NodeOptions): Runtime {
  return createPlatformRuntime(app, "node", options, { fallbackUrl: options.defaultBindingUrl ?? embeddedDefaultUrl });
}

/** The request listener for a runtime. */
export function listenerFor(runtime: Runtime, options: NodeOptions): RequestListener {
  const maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes;
  return (incoming, outgoing) => {
    handle(runtime, incoming, outgoing, maxBodyBytes).catch((error: unknown) => {
      // Only a broken socket gets here; the app's own failures are already answered and logged.
      if (!outgoing.headersSent) outgoing.writeHead(500).end();
      else outgoing.destroy(error instanceof Error ? error : undefined);
    });
  };
}

async function handle(runtime: Runtime, incoming: IncomingMessage, outgoing: ServerResponse, maxBodyBytes: number): Promise<void> {
  const invocation = runtime.begin({ requestId: undefined, raw: { event: incoming, context: outgoing } });
  const method = incoming.method ?? "GET";
  let response: Response;
  const body = method === "GET" || method === "HEAD" ? null : await readBody(incoming, maxBodyBytes);
  if (body === tooLarge) {
    invocation.ctx.log.warn("request body too large", { limit: maxBodyBytes });
    response = new Response(`request body larger than ${maxBodyBytes} bytes`, { status: 413, headers: { "content-type": "text/plain", connection: "close" } });
  } else {
    const request = createRequest({ method, url: requestUrl(incoming), headers: headerPairs(incoming.rawHeaders), body });
    response = await runtime.fetch(request, invocation);
  }
  await writeResponse(response, outgoing, method, invocation.ctx);
  // Node keeps running after the answer, so background work needs no wait; settle() only reports failures.
  void invocation.settle();
}

/**
 * The URL the client asked for. Node passes the request target as sent:
 * usually a path, but an absolute URL for proxy-style requests and `*` for
 * `OPTIONS *`; and the Host header unchecked. A host that is not one becomes
 * `localhost` (the raw request keeps it), so the app's `new URL()` never throws.
 */
function requestUrl(incoming: IncomingMessage): string {
  const sent = incoming.url ?? "/";
  const target = sent.startsWith("/") ? sent : sent.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, "");
  const mark = target.indexOf("?");
  const path = mark === -1 ? target : target.slice(0, mark);
  return buildUrl("http", incoming.headers.host ?? "localhost", path.startsWith("/") ? path : "/", mark === -1 ? undefined : target.slice(mark + 1));
}

const tooLarge = Symbol("tooLarge");

function readBody(incoming: IncomingMessage, limit: number): Promise<Uint8Array | null | typeof tooLarge> {
  const declared = Number(incoming.headers["content-length"]);
  if (declared > limit) {
    incoming.resume();
    return Promise.resolve(tooLarge);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    incoming.on("data", (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > limit) {
        incoming.removeAllListeners("data");
        incoming.resume();
        resolve(tooLarge);
      } else chunks.push(chunk);
    });
    incoming.on("end", () => resolve(size === 0 ? null : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    incoming.on("error", reject);
  });
}

function headerPairs(raw: readonly string[]): HeaderPairs {
  const pairs: [string, string][] = [];
  for (let index = 0; index < raw.length; index += 2) pairs.push([raw[index]!, raw[index + 1]!]);
  return pairs;
}

async function writeResponse(response: Response, outgoing: ServerResponse, method: string, ctx: Context): Promise<void> {
  const light = readLightResponse(response);
  if (light) {
    // The body is in memory as given: no stream to build or drain.
    const fast: Record<string, string | string[]> = Object.fromEntries(light.headers);
    if (light.cookies.length > 0) fast["set-cookie"] = light.cookies;
    if (!writeHead(outgoing, light.status, fast, ctx)) return;
    outgoing.end(method === "HEAD" || light.body === null ? undefined : light.body);
    return;
  }
  let headers: Record<string, string | string[]>;
  try {
    // Reading them builds the real Headers, which refuses what the light Response kept (a CR or LF in a value, say).
    headers = Object.fromEntries([...response.headers].filter(([name]) => name !== "set-cookie"));
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0) headers["set-cookie"] = cookies;
  } catch (error) {
    sendFailure(outgoing, ctx, "the response headers are not valid", error);
    return;
  }
  if (response.body === null || method === "HEAD") {
    if (writeHead(outgoing, response.status, headers, ctx)) outgoing.end();
    if (response.body !== null) await response.body.cancel();
    return;
  }
  const reader = response.body.getReader();
  let first: ReadableStreamReadResult<Uint8Array>;
  try {
    first = await reader.read();
  } catch (error) {
    // Nothing is sent yet, so the client can still get a clean 500.
    sendFailure(outgoing, ctx, "response body failed", error);
    return;
  }
  if (!writeHead(outgoing, response.status, headers, ctx)) {
    await reader.cancel();
    return;
  }
  for (let chunk = first; !chunk.done; chunk = await reader.read()) {
    if (!outgoing.write(chunk.value)) await new Promise((resolve) => outgoing.once("drain", resolve));
  }
  outgoing.end();
}

/**
 * Writes the status and headers, or, when Node refuses a header the Fetch API
 * let through (a control character, a character past U+00FF), answers the
 * logged 500 with the request id instead: nothing of the refused answer is sent.
 */
function writeHead(outgoing: ServerResponse, status: number, headers: Record<string, string | string[]>, ctx: Context): boolean {
  try {
    outgoing.writeHead(status, headers);
    return true;
  } catch (error) {
    sendFailure(outgoing, ctx, "the response has a header Node cannot send", error);
    return false;
  }
}

/** The logged 500 with the request id, in place of an answer that could not be sent; headers a failed `writeHead` left behind are cleared. */
function sendFailure(outgoing: ServerResponse, ctx: Context, msg: string, error: unknown): void {
  const requestId = ctx.requestId;
  ctx.log.error(msg, { error });
  for (const name of outgoing.getHeaderNames()) outgoing.removeHeader(name);
  const body = JSON.stringify({ error: "Internal Server Error", requestId });
  outgoing.writeHead(500, "Internal Server Error", { "content-type": "application/json", "x-request-id": requestId }).end(body);
}
