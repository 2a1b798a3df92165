import {
  buildUrl,
  encodeQueryComponent,
  eventBody,
  type HeaderMap,
  joinedHeaderRecord,
  recordHeaderValue,
  type RequestParts,
  type SerializedResponse,
  stripBasePath,
} from "@faasport/core/runtime";
import { isObject, schemeOf } from "./_utils";
import type { ResolvedAliyunOptions } from "./options";
import type { AliyunHttpTriggerEvent, AliyunHttpTriggerResult } from "./types";

/** The FC 3.0 HTTP trigger event of built-in runtimes (payload format `v1`). */
export function isAliyunHttpTriggerEvent(event: unknown): event is AliyunHttpTriggerEvent {
  return (
    isObject(event) &&
    event["version"] === "v1" &&
    typeof event["rawPath"] === "string" &&
    isObject(event["requestContext"]) &&
    isObject(event["requestContext"]["http"]) &&
    typeof event["requestContext"]["http"]["method"] === "string"
  );
}

/**
 * `rawPath` is the path as sent, still percent-encoded, so it is used rather
 * than the decoded `requestContext.http.path` (which would turn `%2F` into a
 * slash). Headers are taken as FC joined them: a comma-joined value is what
 * HTTP defines a repeated header to mean (RFC 9110 §5.3).
 *
 * The query has no raw form in the event: `queryParameters` holds decoded
 * values, a repeated key's values joined with commas, so `?tag=a&tag=b` and
 * `?tag=a,b` arrive alike. The adapter re-encodes each value as it arrived,
 * never splitting on commas: a value with a comma stays intact, and the
 * values of a repeated key reach the app as one comma-joined value.
 */
export function httpTriggerToParts(event: AliyunHttpTriggerEvent, options: ResolvedAliyunOptions): RequestParts {
  // The event's own map serves as the request's headers; a value that is not a string is no header.
  const headers: HeaderMap = isObject(event.headers) ? (event.headers as HeaderMap) : {};
  const host = recordHeaderValue(headers, "host") ?? event.requestContext.domainName ?? "localhost";
  return {
    method: event.requestContext.http.method.toUpperCase(),
    url: buildUrl(schemeOf(recordHeaderValue(headers, "x-forwarded-proto")), host, stripBasePath(event.rawPath, options.basePath), queryOf(event.queryParameters)),
    headers,
    body: eventBody(event.body, event.isBase64Encoded),
  };
}

function queryOf(parameters: AliyunHttpTriggerEvent["queryParameters"]): string {
  const parts: string[] = [];
  if (!isObject(parameters)) return "";
  for (const key in parameters) {
    const value: unknown = parameters[key];
    // Arrays are not documented, but cost nothing to honour should FC ever send them.
    for (const item of Array.isArray(value) ? (value as unknown[]) : [value]) {
      if (typeof item === "string") parts.push(`${encodeQueryComponent(key)}=${encodeQueryComponent(item)}`);
    }
  }
  return parts.join("&");
}

/**
 * The answer FC maps back to HTTP. Its `headers` is a map of one string per
 * name: repeated headers go joined with ", " (as `Headers` already joined
 * them), which HTTP allows, except for `Set-Cookie`, where joining breaks
 * cookies whose `Expires` holds a comma. Only the first `Set-Cookie` can be
 * sent; `dropped` tells the caller how many were left out, to log them.
 */
export function toHttpTriggerResult(answer: SerializedResponse): { result: AliyunHttpTriggerResult; dropped: number } {
  const headers = joinedHeaderRecord(answer.headers);
  const [cookie, ...dropped] = answer.cookies;
  if (cookie !== undefined) headers["set-cookie"] = cookie;
  return { result: { statusCode: answer.status, headers, body: answer.body, isBase64Encoded: answer.isBase64Encoded }, dropped: dropped.length };
}
