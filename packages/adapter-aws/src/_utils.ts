import { headerValue, type HeaderPairs } from "@faasport/core/runtime";

/** The scheme the client used: the first hop of `x-forwarded-proto`, https when absent. */
export function forwardedProto(headers: HeaderPairs): string {
  const forwarded = headerValue(headers, "x-forwarded-proto");
  const first = forwarded?.split(",")[0]?.trim().toLowerCase();
  return first === "http" || first === "https" ? first : "https";
}

/** Groups header pairs by name, for platforms that answer with a multi-value map. */
export function groupHeaders(pairs: readonly (readonly [string, string])[], cookies: readonly string[]): Record<string, string[]> {
  const grouped: Record<string, string[]> = {};
  for (const [name, value] of pairs) (grouped[name] ??= []).push(value);
  if (cookies.length > 0) grouped["set-cookie"] = [...cookies];
  return grouped;
}

/** One value per header name; `Headers` has already joined repeated names with ", ". */
export function flatHeaders(pairs: readonly (readonly [string, string])[]): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of pairs) flat[name] = flat[name] === undefined ? value : `${flat[name]}, ${value}`;
  return flat;
}

/** Whether a value is a non-null object (an event, or part of one). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
