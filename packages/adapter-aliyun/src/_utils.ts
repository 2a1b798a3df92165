import { headerValue, type HeaderPairs, type InvocationInit, utf8OrUndefined } from "@faasport/core/runtime";
import type { AliyunContext } from "./types";

/** Whether a value is a non-null object (an event, or part of one). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** An event as FC delivered it: parsed JSON when it is JSON, else its text or, for bytes that are not UTF-8, the bytes. */
export type DecodedEvent = { readonly kind: "json"; readonly value: unknown; readonly text: string } | { readonly kind: "raw"; readonly value: string | Uint8Array };

/**
 * FC 3.0's Node.js runtimes pass `event` as a Buffer of the trigger's
 * payload ("event 参数是 Buffer 类型", FC Node.js event handler docs), not
 * as an object. A string or an object (local invocation, tests) is taken as is.
 */
export function decodeEvent(event: unknown): DecodedEvent {
  let text: string;
  if (typeof event === "string") text = event;
  else if (event instanceof Uint8Array) {
    const decoded = utf8OrUndefined(event);
    if (decoded === undefined) return { kind: "raw", value: event };
    text = decoded;
  } else return { kind: "json", value: event, text: "" };
  const first = text.trimStart().charCodeAt(0);
  // Only an object or array can be a trigger's envelope; anything else is a raw payload.
  if (first === 0x7b || first === 0x5b) {
    try {
      return { kind: "json", value: JSON.parse(text) as unknown, text };
    } catch {
      // Not JSON after all: a raw payload that happens to start with a brace.
    }
  }
  return { kind: "raw", value: text };
}

/** Describes a raw payload for an error message without quoting it (it may hold anything). */
export function describeRaw(value: string | Uint8Array): string {
  return typeof value === "string" ? `a ${value.length}-character payload that is not JSON` : `a ${value.byteLength}-byte payload that is neither JSON nor UTF-8 text`;
}

/**
 * What FC's context tells of an invocation. FC's Node.js context has no
 * remaining-time method: the deadline is the function's `timeout` (seconds)
 * from when the handler was called, a little late since FC's clock started first.
 */
export function invocationInit(event: unknown, context: AliyunContext | undefined, startedAt: number, fallbackRequestId?: string): InvocationInit {
  const timeout = context?.function?.timeout;
  return {
    requestId: typeof context?.requestId === "string" && context.requestId !== "" ? context.requestId : fallbackRequestId,
    deadline: typeof timeout === "number" && timeout > 0 ? startedAt + timeout * 1000 : undefined,
    raw: { event, context },
  };
}

/** Attempts from FC's `retryCount` (0 on first delivery of an asynchronous invocation), 1 when it is absent. */
export function attemptsOf(context: AliyunContext | undefined): number {
  const retries = context?.retryCount;
  return typeof retries === "number" && Number.isInteger(retries) && retries >= 0 ? retries + 1 : 1;
}

/** The scheme the client used: the first hop of `x-forwarded-proto`, https when absent. */
export function forwardedProto(headers: HeaderPairs): string {
  return schemeOf(headerValue(headers, "x-forwarded-proto"));
}

/** The scheme named by an `x-forwarded-proto` value (its first hop), https when it names none. */
export function schemeOf(forwarded: string | undefined): string {
  if (forwarded === "https" || forwarded === "http") return forwarded;
  const first = forwarded?.split(",")[0]?.trim().toLowerCase();
  return first === "http" || first === "https" ? first : "https";
}

/** A string value of a map whose values may be strings or not; anything else is JSON text. */
export function stringValue(value: unknown): string {
  return typeof value === "string" ? value : (JSON.stringify(value) ?? "");
}
