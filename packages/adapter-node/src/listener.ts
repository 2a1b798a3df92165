import type { IncomingMessage, ServerResponse } from "node:http";
import type { AnyApp } from "@faasport/core";
import { createPlatformRuntime, createRequest, embeddedDefaultUrl, errorResponse, type HeaderPairs, readLightResponse, type Runtime } from "@faasport/core/runtime";
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
    const request = createRequest({ method, url: `http://${incoming.headers.host ?? "localhost"}${incoming.url ?? "/"}`, headers: headerPairs(incoming.rawHeaders), body });
    response = await runtime.fetch(request, invocation);
  }
  await writeResponse(response, outgoing, method, invocation.ctx.requestId, invocation.ctx.log.error);
  // Node keeps running after the answer, so background work needs no wait; settle() only reports failures.
  void invocation.settle();
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

async function writeResponse(
  response: Response,
  outgoing: ServerResponse,
  method: string,
  requestId: string,
  logError: (msg: string, fields?: Record<string, unknown>) => void,
): Promise<void> {
  const light = readLightResponse(response);
  if (light) {
    // The body is in memory as given: no stream to build or drain.
    const fast: Record<string, string | string[]> = Object.fromEntries(light.headers);
    if (light.cookies.length > 0) fast["set-cookie"] = light.cookies;
    outgoing.writeHead(light.status, fast).end(method === "HEAD" || light.body === null ? undefined : light.body);
    return;
  }
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of response.headers) if (name !== "set-cookie") headers[name] = value;
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers["set-cookie"] = cookies;
  if (response.body === null || method === "HEAD") {
    outgoing.writeHead(response.status, headers).end();
    if (response.body !== null) await response.body.cancel();
    return;
  }
  const reader = response.body.getReader();
  let first: ReadableStreamReadResult<Uint8Array>;
  try {
    first = await reader.read();
  } catch (error) {
    // Nothing is sent yet, so the client can still get a clean 500.
    logError("response body failed", { error });
    const failure = errorResponse(requestId);
    outgoing.writeHead(failure.status, Object.fromEntries(failure.headers)).end(await failure.text());
    return;
  }
  outgoing.writeHead(response.status, headers);
  for (let chunk = first; !chunk.done; chunk = await reader.read()) {
    if (!outgoing.write(chunk.value)) await new Promise((resolve) => outgoing.once("drain", resolve));
  }
  outgoing.end();
}
