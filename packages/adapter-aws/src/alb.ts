import {
  buildUrl,
  eventBody,
  groupedHeaderRecord,
  type HeaderMap,
  joinedHeaderRecord,
  queryFromMaps,
  recordHeaderValue,
  type RequestParts,
  type SerializedResponse,
  statusText,
  stripBasePath,
} from "@faasport/core/runtime";
import { headerRecord, isObject, schemeOf } from "./_utils";
import type { ResolvedAwsOptions } from "./options";
import type { AlbEvent, AlbResult } from "./types";

/** An Application Load Balancer target event. */
export function isAlbEvent(event: unknown): event is AlbEvent {
  return isObject(event) && isObject(event["requestContext"]) && isObject(event["requestContext"]["elb"]) && typeof event["httpMethod"] === "string";
}

/** Multi-value mode is on for the target group when the event carries `multiValueHeaders`. */
export function isMultiValueAlbEvent(event: AlbEvent): boolean {
  return event.multiValueHeaders !== undefined && event.multiValueHeaders !== null;
}

/** ALB passes the path and the query exactly as the client sent them, still percent-encoded. */
export function albToParts(event: AlbEvent, options: ResolvedAwsOptions): RequestParts {
  // The event's own map serves as the request's headers, whichever of the two modes sent it.
  const headers = headerRecord(event.multiValueHeaders) ?? headerRecord(event.headers) ?? {};
  const query = queryFromMaps(event.queryStringParameters, event.multiValueQueryStringParameters, true);
  return {
    method: event.httpMethod.toUpperCase(),
    url: buildUrl(schemeOf(recordHeaderValue(headers, "x-forwarded-proto")), recordHeaderValue(headers, "host") ?? "localhost", stripBasePath(event.path, options.basePath), query),
    headers: headers as HeaderMap,
    body: eventBody(event.body, event.isBase64Encoded),
  };
}

/**
 * Answers in the mode the request came in: ALB rejects a result in the other
 * mode. Single-value mode has room for one `Set-Cookie` only; the first is
 * kept and the loss is a documented platform limit.
 */
export function toAlbResult(answer: SerializedResponse, multiValue: boolean): AlbResult {
  const { status: statusCode, body, isBase64Encoded } = answer;
  const reason = statusText(statusCode);
  const statusDescription = reason === "" ? String(statusCode) : `${statusCode} ${reason}`;
  // Literals rather than a spread base: a spread copies through a slow path, on every answer.
  if (multiValue) return { statusCode, statusDescription, multiValueHeaders: groupedHeaderRecord(answer.headers, answer.cookies), body, isBase64Encoded };
  const headers = joinedHeaderRecord(answer.headers);
  if (answer.cookies[0] !== undefined) headers["set-cookie"] = answer.cookies[0];
  return { statusCode, statusDescription, headers, body, isBase64Encoded };
}
