/**
 * Readers for the fields of a native event. Platforms document a type for
 * each field; a broken or hostile event can hold anything, so converters
 * read fields through these and never call a method on an unchecked value.
 */

/** The largest distance from the epoch a `Date` can hold, in ms (ECMA-262 §21.4.1.22). */
const maxTime = 8.64e15;

/**
 * A field's value when it is a string, else `undefined`.
 *
 * @example
 * const arn = textField(record.eventSourceARN) ?? "";
 */
export function textField(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/**
 * A `Date` for a time an event gives in epoch ms (a number, or digits in a
 * string) or as an ISO 8601 string; `fallback` (epoch ms) when it gives none
 * a `Date` can hold.
 *
 * @example
 * eventDate(record.attributes?.SentTimestamp, Date.now());
 */
export function eventDate(value: unknown, fallback: number): Date {
  let ms = Number.NaN;
  if (typeof value === "number") ms = value;
  else if (typeof value === "string" && value.trim() !== "") ms = digitsOnly(value) || /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : Date.parse(value);
  return new Date(Number.isFinite(ms) && Math.abs(ms) <= maxTime ? ms : fallback);
}

/** Whether a string is nothing but ASCII digits (an epoch-ms timestamp, as SQS sends one per message): no pattern needed. */
function digitsOnly(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x30 || code > 0x39) return false;
  }
  return text.length > 0;
}

/**
 * A delivery count: a whole number from 1, given as a number or digits; 1 otherwise.
 *
 * @example
 * attemptCount(record.attributes?.ApproximateReceiveCount); // 1 on first delivery
 */
export function attemptCount(value: unknown): number {
  const count = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof count === "number" && Number.isSafeInteger(count) && count >= 1 ? count : 1;
}

/**
 * An object size in bytes: a finite number from 0 (or digits in a string), else `undefined`.
 *
 * @example
 * sizeField(record.s3.object.size);
 */
export function sizeField(value: unknown): number | undefined {
  const size = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof size === "number" && Number.isFinite(size) && size >= 0 ? size : undefined;
}
