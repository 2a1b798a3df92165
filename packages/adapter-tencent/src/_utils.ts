import { encodeQueryComponent, type HeaderMap, joinedHeaderRecord, recordHeaderValue, type SerializedResponse } from "@faasport/core/runtime";
import type { TencentHttpResult, TencentQueryValue } from "./types";

/** Whether a value is a non-null object (an event, or part of one). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/**
 * SCF's single-value header map, as the request's headers: names keep the
 * gateway's casing, lookups ignore it, and a value that is not a string is
 * no header (left out when the app reads them).
 */
export function scfHeaders(headers: unknown): HeaderMap {
  return isObject(headers) && !Array.isArray(headers) ? (headers as HeaderMap) : {};
}

/** The host the client called; SCF's samples do not all carry one (the function URL doc's omits it). */
export function hostOf(headers: HeaderMap): string {
  return recordHeaderValue(headers, "host") ?? "localhost";
}

/** The scheme the client used: the first hop of `x-forwarded-proto`, https (what both endpoints serve) when absent. */
export function protoOf(headers: HeaderMap): string {
  const forwarded = recordHeaderValue(headers, "x-forwarded-proto");
  if (forwarded === "https" || forwarded === "http") return forwarded;
  const first = forwarded?.split(",")[0]?.trim().toLowerCase();
  return first === "http" || first === "https" ? first : "https";
}

/**
 * A raw query string from SCF's `queryString` map. Values arrive decoded; a
 * repeated key arrives as a list and a bare key (`?flag`) as `true`
 * (Tencent's scf-go-lib capture), so each is re-encoded as sent.
 */
export function queryFromScf(query: Readonly<Record<string, TencentQueryValue | undefined>> | null | undefined): string {
  if (!isObject(query)) return "";
  const parts: string[] = [];
  for (const key in query) {
    const value: unknown = query[key];
    const name = encodeQueryComponent(key);
    if (typeof value === "string") parts.push(`${name}=${encodeQueryComponent(value)}`);
    else if (Array.isArray(value)) for (const item of value as unknown[]) parts.push(`${name}=${encodeQueryComponent(typeof item === "string" ? item : "")}`);
    else if (value === true) parts.push(name);
  }
  return parts.join("&");
}

/**
 * The integration response. Repeated headers are already joined by
 * `Headers`; several `Set-Cookie` go as a list, which API Gateway sends as
 * separate headers (serverless-components/tencent-express#7), since joining
 * them would break cookies with dates.
 */
export function toHttpResult(answer: SerializedResponse): TencentHttpResult {
  const headers: Record<string, string | string[]> = joinedHeaderRecord(answer.headers);
  if (answer.cookies.length === 1) headers["set-cookie"] = answer.cookies[0]!;
  else if (answer.cookies.length > 1) headers["set-cookie"] = [...answer.cookies];
  return { isBase64Encoded: answer.isBase64Encoded, statusCode: answer.status, headers, body: answer.body };
}
