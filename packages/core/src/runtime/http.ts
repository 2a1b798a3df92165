import { HttpError } from "../errors";
import { base64ToBytes } from "./bytes";
import type { HeaderPairs } from "./request";

/** A rooted path of characters that stand literally, and no `%`: nothing to escape (the common case, tested first). */
const plainPath = /^\/[A-Za-z0-9\-._~!$&'()*+,;=:@/]*$/;

/** A `%` that starts no escape, or a run of characters that may not stand literally in a path (RFC 3986 pchar plus `/`). */
const unsafeInPath = /%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~!$&'()*+,;=:@/%]+/g;

/**
 * Makes a path safe to put into a URL whether the platform delivered it
 * percent-encoded (REST API, ALB, Function URL) or decoded (HTTP API):
 * encoded paths pass through byte for byte, and characters that can never
 * appear literally in a path (space, `?`, `#`, non-ASCII, a `%` that starts
 * no escape) are encoded.
 *
 * @example
 * toUrlPath("/a b/ü"); // "/a%20b/%C3%BC"
 * toUrlPath("/a%20b");  // "/a%20b"
 */
export function toUrlPath(path: string): string {
  if (plainPath.test(path)) return path;
  const rooted = path.startsWith("/") ? path : `/${path}`;
  return rooted.replace(unsafeInPath, (run) => (run === "%" ? "%25" : encodeURIComponent(run.toWellFormed())));
}

/**
 * Removes a base path (a custom-domain mapping, a stage) from the front of a
 * path, on a segment boundary only: `/api` strips from `/api/x` but not from `/apix`.
 *
 * @example
 * stripBasePath("/release/todos", "/release"); // "/todos"
 */
export function stripBasePath(path: string, basePath: string | undefined): string {
  if (!basePath || basePath === "/") return path;
  const base = `/${basePath.replace(/^\/+|\/+$/g, "")}`;
  if (path === base) return "/";
  return path.startsWith(`${base}/`) ? path.slice(base.length) : path;
}

/** A host name, IPv4/IPv6 literal and optional port: anything else would make `new URL(request.url)` throw in the app. */
const validHost = /^(?:[A-Za-z0-9\-._~]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * Builds an absolute URL from parts a platform delivered; `query` is a raw
 * query string without `?`. A host that is not a valid host (a forged
 * header, a masked sample) becomes `localhost`; the raw event keeps the original.
 */
export function buildUrl(protocol: string, host: string, path: string, query: string | undefined): string {
  // An instance serves one host, nearly always: the last valid one needs no second look.
  if (host !== lastValidHost) {
    if (validHost.test(host)) lastValidHost = host;
    else host = "localhost";
  }
  return `${protocol}://${host}${toUrlPath(path)}${query ? `?${query}` : ""}`;
}

let lastValidHost = "localhost";

type SingleMap = Readonly<Record<string, string | null | undefined>> | null | undefined;
type MultiMap = Readonly<Record<string, readonly (string | null)[] | null | undefined>> | null | undefined;

/** Header pairs from a platform's single- and multi-value maps; the multi-value map wins where both exist. */
export function headerPairs(single: SingleMap, multi: MultiMap): [string, string][] {
  const pairs: [string, string][] = [];
  if (multi) {
    for (const name in multi) {
      const values: unknown = multi[name];
      if (Array.isArray(values)) for (const value of values as unknown[]) if (typeof value === "string") pairs.push([name, value]);
    }
    return pairs;
  }
  if (single)
    for (const name in single) {
      const value = single[name];
      if (typeof value === "string") pairs.push([name, value]);
    }
  return pairs;
}

/** The first value of a header among pairs, by case-insensitive name (given in lower case). */
export function headerValue(pairs: HeaderPairs, name: string): string | undefined {
  for (const [key, value] of pairs) if (key === name || (key.length === name.length && key.toLowerCase() === name)) return value;
  return undefined;
}

/**
 * A header's first value in a platform's map (one string per name, or a list
 * per name), by case-insensitive name given in lower case: the lower-case key
 * first (HTTP APIs, ALB), then the usual capitalisation (`X-Forwarded-Proto`,
 * as REST APIs and FC pass what clients send), then any. What is not a string
 * is not a header value.
 */
export function recordHeaderValue(record: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const exact = firstString(record, name) ?? firstString(record, capitalised(name));
  if (exact !== undefined) return exact;
  for (const key of Object.keys(record)) {
    if (key.length !== name.length || key.toLowerCase() !== name) continue;
    const value = firstString(record, key);
    if (value !== undefined) return value;
  }
  return undefined;
}

function firstString(record: Readonly<Record<string, unknown>>, key: string): string | undefined {
  if (!Object.hasOwn(record, key)) return undefined;
  const value = record[key];
  if (typeof value === "string") return value;
  if (!Array.isArray(value)) return undefined;
  for (const item of value as unknown[]) if (typeof item === "string") return item;
  return undefined;
}

const capitalisedNames = new Map<string, string>();

/** `x-forwarded-proto` → `X-Forwarded-Proto`, remembered per name. */
function capitalised(name: string): string {
  let known = capitalisedNames.get(name);
  if (known === undefined) {
    known = name.replace(/(^|-)([a-z])/g, (_match, dash: string, letter: string) => dash + letter.toUpperCase());
    capitalisedNames.set(name, known);
  }
  return known;
}

/**
 * A raw query string from a platform's query maps. `encoded` tells whether
 * the platform passes keys and values still percent-encoded (ALB) or decoded
 * (API Gateway REST), so values containing `&`, `=` or `,` survive either way.
 */
export function queryFromMaps(single: SingleMap, multi: MultiMap, encoded: boolean): string {
  const encode = encoded ? (text: string) => text : encodeQueryComponent;
  const parts: string[] = [];
  if (multi) {
    for (const key in multi) {
      const values: unknown = multi[key];
      if (Array.isArray(values)) for (const value of values as unknown[]) parts.push(`${encode(key)}=${encode(typeof value === "string" ? value : "")}`);
    }
  } else if (single) {
    for (const key in single) {
      const value = single[key];
      parts.push(`${encode(key)}=${encode(typeof value === "string" ? value : "")}`);
    }
  }
  return parts.join("&");
}

/** One query key or value as a form-encoded query string carries it (a space as `+`). */
export function encodeQueryComponent(text: string): string {
  const encoded = encodeURIComponent(text);
  // Most values hold no space; testing first spares a regex run and a copy per value.
  return encoded.includes("%20") ? encoded.replaceAll("%20", "+") : encoded;
}

/** A request body from an event: base64-decoded where marked; an invalid base64 body is a 400. */
export function eventBody(body: string | null | undefined, isBase64Encoded: boolean | undefined): Uint8Array | string | null {
  if (body === null || body === undefined || body === "") return null;
  if (typeof body !== "string") throw new HttpError(400, "the request body is not a string");
  if (!isBase64Encoded) return body;
  try {
    return base64ToBytes(body);
  } catch (cause) {
    throw new HttpError(400, "the request body is marked base64 but is not valid base64", { cause });
  }
}

/** The reason phrase for a status, for platforms whose answer carries one (ALB). */
export function statusText(status: number): string {
  return reasonPhrases[status] ?? "";
}

const reasonPhrases: Readonly<Record<number, string>> = {
  200: "OK",
  201: "Created",
  202: "Accepted",
  204: "No Content",
  206: "Partial Content",
  301: "Moved Permanently",
  302: "Found",
  303: "See Other",
  304: "Not Modified",
  307: "Temporary Redirect",
  308: "Permanent Redirect",
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  410: "Gone",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  501: "Not Implemented",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};
