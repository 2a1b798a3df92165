/**
 * Answers too large for the platform. Lambda, FC and SCF take the HTTP
 * answer as one JSON document with a size limit; past it the invocation
 * fails after the app succeeded, and the client gets the gateway's bare
 * error (API Gateway's 502 `Internal server error`, no request id). Measuring
 * the native answer before returning it lets faasport answer instead: a 500
 * saying the response was too large, with the request id, and one log line
 * giving the size, the limit and where the limit is documented.
 */
import type { SerializedResponse } from "./response";
import type { Invocation } from "./runtime";

/** A platform's limit on the JSON answer of a synchronous invocation. */
export interface PayloadLimit {
  /** UTF-8 bytes of the serialised answer. */
  readonly bytes: number;
  /** Where the platform documents it. */
  readonly source: string;
}

/** Room left for the answer's other fields (status, headers, cookies) when deciding whether the body alone can be measured away. */
const envelopeAllowance = 64 * 1024;
const NodeBuffer = (globalThis as { Buffer?: { byteLength(text: string, encoding: "utf8"): number } }).Buffer;
const encoder = new TextEncoder();

/** UTF-8 length of a string. */
function utf8Length(text: string): number {
  return NodeBuffer ? NodeBuffer.byteLength(text, "utf8") : encoder.encode(text).byteLength;
}

/**
 * The native answer, or, when its JSON is over the platform's limit, the
 * same native shape carrying `500 {"error":"Response Too Large","requestId":…}`.
 * Only an answer whose body could come near the limit is measured (a JSON
 * character is at most six bytes), so small answers cost nothing.
 *
 * @example
 * return withinPayloadLimit(toApiGatewayV2Result(answer), answer, lambdaLimit, invocation, toApiGatewayV2Result);
 */
export function withinPayloadLimit<T>(native: T, answer: SerializedResponse, limit: PayloadLimit, invocation: Invocation, toNative: (answer: SerializedResponse) => T): T {
  if (answer.body.length * 6 + envelopeAllowance <= limit.bytes) return native;
  const bytes = utf8Length(JSON.stringify(native));
  if (bytes <= limit.bytes) return native;
  const { requestId, log } = invocation.ctx;
  log.error("the response is too large for the platform", { bytes, limit: limit.bytes, source: limit.source });
  return toNative({
    status: 500,
    headers: [
      ["content-type", "application/json"],
      ["x-request-id", requestId],
    ],
    cookies: [],
    body: JSON.stringify({ error: "Response Too Large", requestId }),
    isBase64Encoded: false,
  });
}
