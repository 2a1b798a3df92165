import { headerValue, type HeaderPairs } from "@faasport/core/runtime";

/** The scheme the client used: the first hop of `x-forwarded-proto`, https when absent. */
export function forwardedProto(headers: HeaderPairs): string {
  const forwarded = headerValue(headers, "x-forwarded-proto");
  const first = forwarded?.split(",")[0]?.trim().toLowerCase();
  return first === "http" || first === "https" ? first : "https";
}

/** Whether a value is a non-null object (an event, or part of one). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
