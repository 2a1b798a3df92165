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
  const regexes: RegExp[] = [];
  for (const pattern of patterns) {
    const lower = pattern.toLowerCase().trim();
    if (lower.includes("*")) regexes.push(new RegExp(`^${lower.split("*").map(escapeRegExp).join("[^;\\s]*")}$`));
    else exact.add(lower);
  }
  const cache = new Map<string, boolean>();
  return (contentType) => {
    let known = cache.get(contentType);
    if (known === undefined) {
      known = matches(contentType, exact, regexes);
      if (cache.size < 256) cache.set(contentType, known);
    }
    return known;
  };
}

function matches(contentType: string, exact: Set<string>, regexes: RegExp[]): boolean {
  const [mediaType = "", ...params] = contentType.toLowerCase().split(";");
  const type = mediaType.trim();
  for (const param of params) {
    const [name, value = ""] = param.split("=");
    if (name?.trim() === "charset" && !/^"?utf-?8"?$/.test(value.trim())) return false;
  }
  return exact.has(type) || regexes.some((regex) => regex.test(type));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\/]/g, "\\$&");
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
  return serializeParts(readLightResponse(response) ?? (await readResponse(response, options.method)), options);
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
  const contentType = headers.find(([name]) => name === "content-type")?.[1] ?? "";
  const textType = contentType !== "" && options.isText(contentType);
  if (typeof body === "string") {
    if (textType) return { status, headers, cookies, body, isBase64Encoded: false };
    return { status, headers, cookies, body: bytesToBase64(utf8Bytes(body)), isBase64Encoded: true };
  }
  const text = textType ? utf8OrUndefined(body) : undefined;
  if (text !== undefined) return { status, headers, cookies, body: text, isBase64Encoded: false };
  return { status, headers, cookies, body: bytesToBase64(body), isBase64Encoded: true };
}
