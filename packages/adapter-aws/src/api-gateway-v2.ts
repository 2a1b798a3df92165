import {
  buildUrl,
  eventBody,
  headerPairs,
  headerValue,
  joinedHeaderRecord,
  recordHeaderValue,
  type RequestParts,
  type SerializedResponse,
  stripBasePath,
} from "@faasport/core/runtime";
import { forwardedProto, headerRecord, isObject, schemeOf } from "./_utils";
import type { ResolvedAwsOptions } from "./options";
import type { ApiGatewayV2Event, ApiGatewayV2Result } from "./types";

/** API Gateway HTTP API payload 2.0, or a Lambda Function URL (same shape). */
export function isApiGatewayV2Event(event: unknown): event is ApiGatewayV2Event {
  return isObject(event) && event["version"] === "2.0" && typeof event["rawPath"] === "string" && isObject(event["requestContext"]) && isObject(event["requestContext"]["http"]);
}

/**
 * `rawQueryString` is the query as sent, so repeated keys survive (the
 * parsed map joins them with commas). HTTP APIs deliver `rawPath` decoded
 * while Function URLs keep it encoded; `buildUrl` copes with both. Cookies
 * arrive apart, in `cookies`, and go back into one `cookie` header.
 */
export function apiGatewayV2ToParts(event: ApiGatewayV2Event, options: ResolvedAwsOptions): RequestParts {
  const record = headerRecord(event.headers);
  const cookies = Array.isArray(event.cookies) && event.cookies.length > 0 ? event.cookies.join("; ") : undefined;
  // The event's own map serves as the request's headers (read only, and only if the app looks); pairs only when a cookie header is added.
  if (record === undefined || cookies !== undefined) {
    const headers = headerPairs(event.headers, undefined);
    if (cookies !== undefined) headers.push(["cookie", cookies]);
    return toParts(event, options, headers, headerValue(headers, "host"), forwardedProto(headers));
  }
  return toParts(event, options, record as Readonly<Record<string, string>>, recordHeaderValue(record, "host"), schemeOf(recordHeaderValue(record, "x-forwarded-proto")));
}

function toParts(event: ApiGatewayV2Event, options: ResolvedAwsOptions, headers: RequestParts["headers"], host: string | undefined, scheme: string): RequestParts {
  const method = event.requestContext.http.method;
  return {
    method: typeof method === "string" ? method.toUpperCase() : "GET",
    url: buildUrl(scheme, host ?? event.requestContext.domainName ?? "localhost", stripBasePath(event.rawPath, options.basePath), event.rawQueryString),
    headers,
    body: eventBody(event.body, event.isBase64Encoded),
  };
}

/** Headers are one string each; each `Set-Cookie` goes in `cookies`, since joining them would break dates. */
export function toApiGatewayV2Result(answer: SerializedResponse): ApiGatewayV2Result {
  return { statusCode: answer.status, headers: joinedHeaderRecord(answer.headers), cookies: answer.cookies, body: answer.body, isBase64Encoded: answer.isBase64Encoded };
}
