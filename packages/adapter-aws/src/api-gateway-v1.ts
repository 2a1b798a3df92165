import {
  buildUrl,
  eventBody,
  groupedHeaderRecord,
  type HeaderMap,
  queryFromMaps,
  recordHeaderValue,
  type RequestParts,
  type SerializedResponse,
  stripBasePath,
} from "@faasport/core/runtime";
import { headerRecord, isObject, schemeOf } from "./_utils";
import type { ResolvedAwsOptions } from "./options";
import type { ApiGatewayV1Event, ApiGatewayV1Result } from "./types";

/** API Gateway REST API, or HTTP API with payload format 1.0. */
export function isApiGatewayV1Event(event: unknown): event is ApiGatewayV1Event {
  return (
    isObject(event) && typeof event["httpMethod"] === "string" && typeof event["path"] === "string" && isObject(event["requestContext"]) && !("elb" in event["requestContext"])
  );
}

/**
 * REST APIs pass the path still percent-encoded and the query decoded, in
 * single- and multi-value maps both; the multi-value maps are complete, so
 * they are read, and the query is re-encoded from them.
 */
export function apiGatewayV1ToParts(event: ApiGatewayV1Event, options: ResolvedAwsOptions): RequestParts {
  // The event's own map serves as the request's headers: the multi-value one, complete, where it is sent.
  const headers = headerRecord(event.multiValueHeaders) ?? headerRecord(event.headers) ?? {};
  const query = queryFromMaps(event.queryStringParameters, event.multiValueQueryStringParameters, false);
  const host = recordHeaderValue(headers, "host") ?? event.requestContext.domainName ?? "localhost";
  return {
    method: event.httpMethod.toUpperCase(),
    url: buildUrl(schemeOf(recordHeaderValue(headers, "x-forwarded-proto")), host, stripBasePath(event.path, options.basePath), query),
    headers: headers as HeaderMap,
    body: eventBody(event.body, event.isBase64Encoded),
  };
}

/** `multiValueHeaders` carries every header, `Set-Cookie` included, without joining. */
export function toApiGatewayV1Result(answer: SerializedResponse): ApiGatewayV1Result {
  return { statusCode: answer.status, multiValueHeaders: groupedHeaderRecord(answer.headers, answer.cookies), body: answer.body, isBase64Encoded: answer.isBase64Encoded };
}
