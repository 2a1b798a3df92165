import { type AnyApp, HttpError, UnsupportedEventError } from "@faasport/core";
import {
  answerHttp,
  base64ToBytes,
  buildUrl,
  createPlatformRuntime,
  defaultTextTypes,
  describeValue,
  headerValue,
  type RequestParts,
  type SerializedResponse,
  stripBasePath,
  textTypeMatcher,
} from "@faasport/core/runtime";
import { forwardedProto, invocationInit, isObject } from "./_utils";
import type { AliyunFc2HttpOptions } from "./options";
import type { AliyunContext, AliyunFc2Request, AliyunFc2Response } from "./types";

/** An FC 2.0 HTTP handler `(req, resp, context)`. */
export type AliyunFc2HttpHandler = (req: AliyunFc2Request, resp: AliyunFc2Response, context: AliyunContext) => Promise<void>;

/** The default endpoint's prefix, `/2016-08-15/proxy/<service>[.<qualifier>]/<function>`, that no app route includes. */
const proxyPrefix = /^\/2016-08-15\/proxy\/[^/?]+\/[^/?]+(?=\/|$)/;

/**
 * Turns a faasport app into an FC 2.0 HTTP handler, the signature FC 2.0's
 * HTTP triggers call (`req`, `resp`, `context`) instead of passing an event.
 * The default endpoint's `/2016-08-15/proxy/<service>/<function>` prefix is
 * removed from the path. Env is resolved here, at cold start.
 *
 * @example
 * // index.ts, on an FC 2.0 Node.js runtime with an HTTP trigger: `handler: index.handler`
 * import { toAliyunFc2Http } from "@faasport/adapter-aliyun";
 * import app from "./app";
 * export const handler = toAliyunFc2Http(app);
 */
export function toAliyunFc2Http(app: AnyApp, options: AliyunFc2HttpOptions = {}): AliyunFc2HttpHandler {
  const runtime = createPlatformRuntime(app, "aliyun", options);
  const isText = textTypeMatcher(defaultTextTypes);

  return async (req, resp, context) => {
    const startedAt = Date.now();
    if (!isFc2Request(req) || !isFc2Response(resp)) {
      throw new UnsupportedEventError("aliyun", `an FC 2.0 HTTP call with req ${describeValue(req)} and resp ${describeValue(resp)}`);
    }
    const invocation = runtime.begin(invocationInit(req, context, startedAt));
    let body: Uint8Array | string | null = null;
    let unreadable: unknown;
    try {
      body = await readBody(req);
    } catch (cause) {
      unreadable = cause ?? new Error("unreadable body");
    }
    const answer = await answerHttp(
      runtime,
      invocation,
      () => {
        if (unreadable !== undefined) throw new HttpError(400, "the request body could not be read", { cloud: "aliyun", cause: unreadable });
        return fc2RequestToParts(req, body, options.basePath);
      },
      isText,
    );
    sendFc2Answer(resp, answer);
  };
}

function isFc2Request(req: unknown): req is AliyunFc2Request {
  return isObject(req) && typeof req["method"] === "string" && (typeof req["url"] === "string" || typeof req["path"] === "string") && isObject(req["headers"]);
}

function isFc2Response(resp: unknown): resp is AliyunFc2Response {
  return isObject(resp) && typeof resp["setStatusCode"] === "function" && typeof resp["setHeader"] === "function" && typeof resp["send"] === "function";
}

/**
 * The body is not in the documented request fields: the documented example
 * reads `req.body`, while runtimes without it stream the body through `req`
 * (a readable stream). Both are honoured, `req.body` first.
 */
async function readBody(req: AliyunFc2Request): Promise<Uint8Array | string | null> {
  const given = req.body;
  if (given instanceof Uint8Array || typeof given === "string") return given.length === 0 ? null : given;
  if (typeof (req as unknown as AsyncIterable<unknown>)[Symbol.asyncIterator] !== "function") return null;
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of req as unknown as AsyncIterable<Uint8Array | string>) {
    const bytes = typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk;
    chunks.push(bytes);
    length += bytes.byteLength;
  }
  if (length === 0) return null;
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/**
 * `url` is the path and query as requested, so the query keeps repeated keys
 * and commas exactly; without it, the path and `queries` (a string, or an
 * array for a repeated key) are used.
 */
export function fc2RequestToParts(req: AliyunFc2Request, body: Uint8Array | string | null, basePath: string | undefined): RequestParts {
  const headers: [string, string][] = [];
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.push([name, value]);
    else if (Array.isArray(value)) for (const item of value as unknown[]) if (typeof item === "string") headers.push([name, item]);
  }
  let path: string;
  let query: string;
  if (typeof req.url === "string" && req.url !== "") {
    const target = req.url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, "");
    const mark = target.indexOf("?");
    path = mark === -1 ? target : target.slice(0, mark);
    query = mark === -1 ? "" : target.slice(mark + 1);
  } else {
    path = req.path;
    query = queriesToQuery(req.queries);
  }
  path = stripBasePath(path.replace(proxyPrefix, "") || "/", basePath);
  return { method: req.method.toUpperCase(), url: buildUrl(forwardedProto(headers), headerValue(headers, "host") ?? "localhost", path, query), headers, body };
}

function queriesToQuery(queries: AliyunFc2Request["queries"]): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(queries ?? {})) {
    for (const item of Array.isArray(value) ? (value as unknown[]) : [value]) {
      if (typeof item === "string") parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(item)}`);
    }
  }
  return parts.join("&");
}

/**
 * Writes the answer through `resp`. Each `Set-Cookie` is kept apart by
 * passing an array, the form FC's own Express bridge hands `setHeader` for
 * Node's `set-cookie` list; every other header is one string.
 */
function sendFc2Answer(resp: AliyunFc2Response, answer: SerializedResponse): void {
  resp.setStatusCode(answer.status);
  for (const [name, value] of answer.headers) resp.setHeader(name, value);
  if (answer.cookies.length === 1) resp.setHeader("set-cookie", answer.cookies[0]!);
  else if (answer.cookies.length > 1) resp.setHeader("set-cookie", [...answer.cookies]);
  resp.send(answer.isBase64Encoded ? base64ToBytes(answer.body) : answer.body);
}
