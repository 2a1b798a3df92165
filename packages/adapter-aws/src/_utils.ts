import { headerValue, type HeaderPairs } from "@faasport/core/runtime";

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

/** A platform's single-value header map, when the event holds one (not an array, not a primitive). */
export function headerRecord(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return isObject(value) && !Array.isArray(value) ? value : undefined;
}

/** Whether a value is a non-null object (an event, or part of one). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
