import { buildUrl, eventBody, type RequestParts, stripBasePath } from "@faasport/core/runtime";
import { hostOf, isObject, protoOf, queryFromScf, scfHeaders } from "./_utils";
import type { ResolvedTencentOptions } from "./options";
import type { TencentApiGatewayEvent } from "./types";

/** An API Gateway trigger event: the only SCF HTTP shape with a `requestContext`. */
export function isApiGatewayEvent(event: unknown): event is TencentApiGatewayEvent {
  return isObject(event) && typeof event["httpMethod"] === "string" && typeof event["path"] === "string" && isObject(event["requestContext"]);
}

/**
 * The request as the client sent it. `queryString` is the real query;
 * `queryStringParameters` and `headerParameters` hold only the parameters
 * declared on the API, so they are not read. `path` is the request path
 * (`requestContext.path` is the API's template). `isBase64Encoded` is absent
 * unless the API's Base64 encoding applied to this request.
 */
export function apiGatewayToParts(event: TencentApiGatewayEvent, options: ResolvedTencentOptions): RequestParts {
  const headers = scfHeaders(event.headers);
  const stage = options.stripStage ? event.requestContext.stage : undefined;
  const path = stripBasePath(stripBasePath(event.path, stage), options.basePath);
  return {
    method: event.httpMethod.toUpperCase(),
    url: buildUrl(protoOf(headers), hostOf(headers), path, queryFromScf(event.queryString)),
    headers,
    body: eventBody(event.body, event.isBase64Encoded === true),
  };
}
