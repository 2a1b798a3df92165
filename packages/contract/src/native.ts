/**
 * Helpers for harnesses that emulate how a platform turns an HTTP request
 * into its native event and its native answer back into HTTP. They hold no
 * platform's quirks themselves; each harness composes them as its platform
 * documents.
 */
import { toBase64 } from "./payloads";
import type { HttpCase, HttpOutcome } from "./harness";

const decoder = new TextDecoder();

/** Query pairs from a raw query string; `decode` applies form decoding (`+` is a space). */
export function queryPairs(raw: string | undefined, decode: boolean): [string, string][] {
  if (!raw) return [];
  return raw
    .split("&")
    .filter((part) => part !== "")
    .map((part) => {
      const index = part.indexOf("=");
      const key = index === -1 ? part : part.slice(0, index);
      const value = index === -1 ? "" : part.slice(index + 1);
      return decode ? [formDecode(key), formDecode(value)] : [key, value];
    });
}

/** Form decoding: `+` is a space, then percent-decoding. */
export function formDecode(text: string): string {
  return decodeURIComponent(text.replace(/\+/g, " "));
}

/** The last value per name, as platforms with single-value maps keep it. */
export function lastValues(pairs: readonly (readonly [string, string])[], lowerCase = false): Record<string, string> {
  // Entries, not assignments: a name like `__proto__` or `constructor` stays an ordinary own key, as in the platform's JSON.
  return Object.fromEntries(pairs.map(([name, value]) => [lowerCase ? name.toLowerCase() : name, value]));
}

/** Every value per name, in order. */
export function groupedValues(pairs: readonly (readonly [string, string])[], lowerCase = false): Record<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [name, value] of pairs) {
    const key = lowerCase ? name.toLowerCase() : name;
    const values = out.get(key);
    if (values) values.push(value);
    else out.set(key, [value]);
  }
  return Object.fromEntries(out);
}

/** Repeated names joined with `separator`, as platforms that join multi-values do. */
export function joinedValues(pairs: readonly (readonly [string, string])[], separator: string, lowerCase = false): Record<string, string> {
  return Object.fromEntries(Object.entries(groupedValues(pairs, lowerCase)).map(([key, values]) => [key, values.join(separator)]));
}

/** Whether a platform would pass this request body as text (a text content type) rather than base64. */
export function isTextRequest(request: HttpCase): boolean {
  const type = request.headers.find(([name]) => name.toLowerCase() === "content-type")?.[1].toLowerCase() ?? "";
  return /^(text\/|application\/(json|x-www-form-urlencoded|xml|javascript))/.test(type);
}

/** A request body as a platform puts it in an event: text for text types, base64 otherwise. */
export function eventBodyOf(request: HttpCase): { body: string; isBase64Encoded: boolean } | undefined {
  if (!request.body || request.body.byteLength === 0) return undefined;
  if (isTextRequest(request)) return { body: decoder.decode(request.body), isBase64Encoded: false };
  return { body: toBase64(request.body), isBase64Encoded: true };
}

/** The bytes of an answer body. */
export function answerBody(body: unknown, isBase64Encoded: unknown): Uint8Array {
  if (typeof body !== "string") return new Uint8Array();
  if (isBase64Encoded === true) return base64ToBytes(body);
  return new TextEncoder().encode(body);
}

/** Header pairs with lower-case names from a single- or multi-value answer map, `set-cookie` set apart. */
export function answerHeaders(map: Record<string, string | string[] | number | boolean> | undefined): { headers: [string, string][]; cookies: string[] } {
  const headers: [string, string][] = [];
  const cookies: string[] = [];
  for (const [name, value] of Object.entries(map ?? {})) {
    const lower = name.toLowerCase();
    for (const item of Array.isArray(value) ? value : [String(value)]) {
      if (lower === "set-cookie") cookies.push(item);
      else headers.push([lower, item]);
    }
  }
  return { headers, cookies };
}

/**
 * The HTTP outcome of a `{ statusCode, headers, body, isBase64Encoded }`
 * answer (Lambda, FC, SCF): headers from `headerMap` (ALB and REST answer in
 * `multiValueHeaders`), plus cookies that travel apart (HTTP API's `cookies`).
 */
export function proxyAnswerOutcome(answer: Readonly<Record<string, unknown>>, headerMap: unknown = answer["headers"], extraCookies: readonly string[] = []): HttpOutcome {
  const { headers, cookies } = answerHeaders(headerMap as Record<string, string | string[]> | undefined);
  return { status: Number(answer["statusCode"]), headers, cookies: [...cookies, ...extraCookies], body: answerBody(answer["body"], answer["isBase64Encoded"]) };
}

/** The request header of a case, case-insensitively. */
export function caseHeader(request: HttpCase, name: string): string | undefined {
  return request.headers.find(([key]) => key.toLowerCase() === name)?.[1];
}

const NodeBuffer = (globalThis as { Buffer?: { from(text: string, encoding: "base64"): Uint8Array } }).Buffer;

function base64ToBytes(text: string): Uint8Array {
  // Buffer where there is one: atob and a per-character copy take a second per 5 MB.
  if (NodeBuffer) return new Uint8Array(NodeBuffer.from(text, "base64"));
  const binary = atob(text);
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}
