import { HttpError, isFaasportError } from "../errors";
import { invalidHeaderValue } from "./headers";
import { createRequest, type RequestParts } from "./request";
import { type SerializedResponse, serializeLight, serializeResponse, type TextTypeMatcher } from "./response";
import { errorResponse, type Invocation, type Runtime, settled } from "./runtime";

/** An HTTP method: a token (RFC 9110 §9.1). */
const methodToken = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * One HTTP invocation on a platform that takes a JSON answer (Lambda, FC,
 * SCF): build the request (a malformed event is a 400, never a crash), call
 * the app, serialise the answer, and settle `waitUntil` work before
 * returning, since the platform freezes the instance afterwards.
 *
 * @example
 * const answer = await answerHttp(runtime, runtime.begin({ requestId, raw }), () => apiGatewayV2ToParts(event), isText);
 */
export async function answerHttp(runtime: Runtime, invocation: Invocation, buildParts: () => RequestParts, isText: TextTypeMatcher): Promise<SerializedResponse> {
  let method = "GET";
  let response: Response;
  try {
    const parts = buildParts();
    // A lazy Request hands the method over unchecked; a real one throws on a non-token. Either way it is the client's error.
    if (parts.method !== "GET" && parts.method !== "POST" && !methodToken.test(parts.method)) throw new HttpError(400, "the request method is not an HTTP token");
    method = parts.method;
    response = await runtime.fetch(createRequest(parts), invocation);
  } catch (error) {
    response = rejectEvent(error, invocation);
  }
  let answer: SerializedResponse;
  try {
    const options = { isText, method };
    answer = serializeLight(response, options) ?? (await serializeResponse(response, options));
  } catch (error) {
    // The app's body stream failed after the status was chosen: nothing of it can be trusted.
    invocation.ctx.log.error("response body failed", { error });
    answer = await serializeResponse(errorResponse(invocation.ctx.requestId), { isText, method });
  }
  const invalid = invalidHeaderValue(answer.headers, answer.cookies);
  if (invalid !== undefined) {
    // `Headers` lets control characters other than CR, LF and NUL through; no strict client reads such an answer.
    invocation.ctx.log.error("the response has a header value HTTP does not allow", { value: JSON.stringify(invalid).slice(0, 200) });
    answer = await serializeResponse(errorResponse(invocation.ctx.requestId), { isText, method });
  }
  const settling = invocation.settle();
  if (settling !== settled) await settling;
  return answer;
}

/** The answer to an event the adapter could not turn into a request. */
function rejectEvent(error: unknown, invocation: Invocation): Response {
  if (isFaasportError(error, "HTTP")) {
    invocation.ctx.log.warn("bad request", { reason: error.message });
    return (error as HttpError).toResponse();
  }
  invocation.ctx.log.error("could not read the request from the event", { error });
  return errorResponse(invocation.ctx.requestId, 400);
}
