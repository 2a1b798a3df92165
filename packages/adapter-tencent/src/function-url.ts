import { buildUrl, eventBody, type RequestParts, stripBasePath } from "@faasport/core/runtime";
import { hostOf, isObject, protoOf, queryFromScf, scfHeaders } from "./_utils";
import type { ResolvedTencentOptions } from "./options";
import type { TencentFunctionUrlEvent } from "./types";

/** A function URL request to an event function: `httpMethod` and `path` without API Gateway's `requestContext`. */
export function isFunctionUrlEvent(event: unknown): event is TencentFunctionUrlEvent {
  return (
    isObject(event) &&
    typeof event["httpMethod"] === "string" &&
    typeof event["path"] === "string" &&
    !("requestContext" in event) &&
    (event["headers"] === undefined || event["headers"] === null || isObject(event["headers"]))
  );
}

/**
 * Function URLs send API Gateway's event minus `requestContext`, the
 * declared-parameter maps and `isBase64Encoded` (Tencent doc "Function URL
 * Overview"), so the body is always text: bytes that are not UTF-8 cannot
 * reach an event function this way (a web function receives them intact).
 */
export function functionUrlToParts(event: TencentFunctionUrlEvent, options: ResolvedTencentOptions): RequestParts {
  const headers = scfHeaders(event.headers);
  return {
    method: event.httpMethod.toUpperCase(),
    url: buildUrl(protoOf(headers), hostOf(headers), stripBasePath(event.path, options.basePath), queryFromScf(event.queryString)),
    headers,
    body: eventBody(event.body, false),
  };
}
