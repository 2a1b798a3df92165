import { bytesToBase64, utf8Bytes, utf8OrUndefined } from "./bytes";
import { readLightResponse, type ResponseParts } from "./light-response";

/** A response flattened for platforms that take a JSON result (Lambda, FC, SCF). */
export interface SerializedResponse {
  readonly status: number;
  /** Header pairs with lower-case names, `set-cookie` excluded; a repeated name appears once per value. */
  readonly headers: [string, string][];
  /** Each `Set-Cookie` value, kept apart: joining them with commas corrupts cookies with dates. */
  readonly cookies: string[];
  /** UTF-8 text, or base64 when `isBase64Encoded`. */
  readonly body: string;
  readonly isBase64Encoded: boolean;
}

/** Decides which content types travel as text; everything else travels as base64. */
export type TextTypeMatcher = (contentType: string) => boolean;

/**
 * The default text types: `text/*`, JSON, XML, JavaScript, form data and SVG,
 * with no charset or a UTF-8 one. A text type in another charset goes as
 * base64, so its bytes arrive untouched.
 */
export const defaultTextTypes: readonly string[] = [
  "text/*",
  "application/json",
  "application/*+json",
  "application/xml",
  "application/*+xml",
  "application/javascript",
  "application/x-www-form-urlencoded",
  "image/svg+xml",
];

/**
 * Builds a matcher from media-type patterns (`text/*`, `application/*+json`, exact types).
 *
 * @example
 * const isText = textTypeMatcher(["text/*", "application/json"]);
 * isText("text/html; charset=utf-8"); // true
 */
export function textTypeMatcher(patterns: readonly string[] = defaultTextTypes): TextTypeMatcher {
  const exact = new Set<string>();
  const globs: string[][] = [];
  for (const pattern of patterns) {
    const lower = pattern.toLowerCase().trim();
    if (lower.includes("*")) globs.push(lower.split("*"));
    else exact.add(lower);
  }
  const cache = new Map<string, boolean>();
  return (contentType) => {
    let known = cache.get(contentType);
    if (known === undefined) {
      known = matches(contentType, exact, globs);
      if (cache.size < 256) cache.set(contentType, known);
    }
    return known;
  };
}

function matches(contentType: string, exact: Set<string>, globs: string[][]): boolean {
  const [mediaType = "", ...params] = contentType.toLowerCase().split(";");
  const type = mediaType.trim();
  for (const param of params) {
    const [name = "", value = ""] = param.split("=");
    if (name.trim() === "charset" && !["utf-8", "utf8", '"utf-8"', '"utf8"'].includes(value.trim())) return false;
  }
  return exact.has(type) || globs.some((glob) => globMatches(glob, type));
}

/** Whether a media type matches a pattern split at its `*`s; a `*` stands for a run of anything but `;` and whitespace. */
function globMatches(parts: string[], type: string): boolean {
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (/[\s;]/.test(type) || type.length < first.length + last.length || !type.startsWith(first) || !type.endsWith(last)) return false;
  let at = first.length;
  for (let index = 1; index < parts.length - 1; index++) {
    at = type.indexOf(parts[index]!, at);
    if (at < 0 || at + parts[index]!.length > type.length - last.length) return false;
    at += parts[index]!.length;
  }
  return true;
}

const noBodyStatuses = new Set([101, 204, 205, 304]);

/**
 * Reads a `Response` into a {@link SerializedResponse}. The body goes as
 * text only when the content type is a text type and the bytes are valid
 * UTF-8; otherwise as base64, so binary bodies are byte-exact. A light
 * stand-in (see `installFastFetch`) is read as given, without a stream.
 *
 * @example
 * const result = await serializeResponse(response, { isText: textTypeMatcher(), method: "GET" });
 */
export async function serializeResponse(response: Response, options: { isText: TextTypeMatcher; method: string }): Promise<SerializedResponse> {
  return serializeLight(response, options) ?? serializeParts(await readResponse(response, options.method), options);
}

/** {@link serializeResponse} without a wait, for a light stand-in; `undefined` for any other response. */
export function serializeLight(response: Response, options: { isText: TextTypeMatcher; method: string }): SerializedResponse | undefined {
  const parts = readLightResponse(response);
  return parts && serializeParts(parts, options);
}

/** Status, headers and body bytes of any `Response`, read through the Fetch API. */
export async function readResponse(response: Response, method: string): Promise<ResponseParts> {
  const headers: [string, string][] = [];
  for (const [name, value] of response.headers) if (name !== "set-cookie") headers.push([name, value]);
  const cookies = response.headers.getSetCookie();
  const status = response.status;
  if (method === "HEAD" || noBodyStatuses.has(status) || response.body === null) {
    if (response.body !== null) await response.body.cancel();
    return { status, headers, cookies, body: null };
  }
  return { status, headers, cookies, body: new Uint8Array(await response.arrayBuffer()) };
}

function serializeParts(parts: ResponseParts, options: { isText: TextTypeMatcher; method: string }): SerializedResponse {
  const { status, headers, cookies } = parts;
  const body = options.method === "HEAD" || noBodyStatuses.has(status) ? null : parts.body;
  if (body === null || body.length === 0) return { status, headers, cookies, body: "", isBase64Encoded: false };
  let contentType = "";
  for (const [name, value] of headers) {
    if (name === "content-type") {
      contentType = value;
      break;
    }
  }
  const textType = contentType !== "" && options.isText(contentType);
  if (typeof body === "string") {
    if (textType) return { status, headers, cookies, body, isBase64Encoded: false };
    return { status, headers, cookies, body: bytesToBase64(utf8Bytes(body)), isBase64Encoded: true };
  }
  const text = textType ? utf8OrUndefined(body) : undefined;
  if (text !== undefined) return { status, headers, cookies, body: text, isBase64Encoded: false };
  return { status, headers, cookies, body: bytesToBase64(body), isBase64Encoded: true };
}
