/**
 * Hostile input for the property tests every adapter runs: strings that
 * break naive parsers, JSON values of the wrong type, and mutations of a
 * captured native event (a field dropped, nulled, retyped, given invalid
 * base64, control characters or a huge value; a key like `__proto__` added).
 * Platforms deliver events as JSON, so every mutation stays JSON: a case is
 * something a broken or hostile platform could really send.
 */
import fc from "fast-check";

/** The seed every property test of hostile input runs with, so a CI failure replays exactly. */
export const fuzzSeed = 20261126;

/** Runs per event source in CI: enough to meet every mutation kind many times, within the suite's time budget. */
export const fuzzRuns = 300;

/** Pieces that break parsers: line breaks, NUL and controls, stray escapes, separators, lone surrogates, prototype keys. */
const nasty = [
  "\r",
  "\n",
  "\r\n",
  "\0",
  "\t",
  "\u0001",
  "\u001b",
  "\u007f",
  "\u0085",
  "\u2028",
  "\u202e",
  "\ud800",
  "\udc00",
  "\ufeff",
  "%",
  "%zz",
  "%00",
  "%2F",
  "+",
  "&",
  "=",
  "?",
  "#",
  ";",
  ",",
  "/",
  "\\",
  "..",
  '"',
  " ",
  "é",
  "東京",
  "🚀",
  "__proto__",
  "constructor",
];

/** Header injection attempts and encodings seen in the wild. */
const crafted = ["a\r\nSet-Cookie: injected=1", "x\r\n\r\nHTTP/1.1 200 OK", "acmé", "=?utf-8?q?acm=C3=A9?=", "", " padded ", "__proto__", "toString"];

/** A string of 16 KiB to 1 MiB: huge for a header or a key, ordinary for a body. */
export function hugeText(): fc.Arbitrary<string> {
  return fc
    .record({ size: fc.constantFrom(16 * 1024, 256 * 1024, 1024 * 1024), unit: fc.constantFrom("a", "%", "é", "\u0000", "\ud800") })
    .map(({ size, unit }) => unit.repeat(size));
}

/** Any string a hostile client or a broken platform could put in a field. */
export function hostileText(): fc.Arbitrary<string> {
  const piece = fc.oneof(fc.constantFrom(...nasty), fc.string({ unit: "binary", minLength: 1, maxLength: 1 }));
  return fc.oneof(
    { weight: 6, arbitrary: fc.string({ unit: piece, maxLength: 12 }) },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
    { weight: 2, arbitrary: fc.constantFrom(...crafted) },
    { weight: 1, arbitrary: hugeText() },
  );
}

/** Text that is not valid base64, for a body marked `isBase64Encoded`. */
export function invalidBase64(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom("%%%", "a", "YQ", "YQ=", "=", "====", "Zm9v-_w", "Zm9v YmF", "\u00ff\u00fe", "QUJD\u0000", "A".repeat(4097)),
    hostileText().map((text) => `${text}!`),
  );
}

/** A JSON value of any type: what a wrong-typed field holds. */
export function jsonJunk(): fc.Arbitrary<unknown> {
  const scalar = fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.double({ noNaN: true }), hostileText());
  return fc.oneof(
    { weight: 4, arbitrary: scalar },
    { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }) },
    { weight: 1, arbitrary: fc.dictionary(hostileText(), scalar, { maxKeys: 3 }).map(ownKeys) },
    { weight: 1, arbitrary: fc.constantFrom({}, [], [null], { "": "" }) },
  );
}

/** One change to an event. `at` picks a field by its place in breadth-first order, so low numbers hit top-level fields. */
export type EventMutation =
  | { readonly op: "delete" | "null"; readonly at: number }
  | { readonly op: "set"; readonly at: number; readonly value: unknown }
  | { readonly op: "add"; readonly at: number; readonly key: string; readonly value: unknown }
  | { readonly op: "base64"; readonly at: number; readonly value: string }
  | { readonly op: "replace"; readonly value: unknown };

/** A mutation to apply to an event: top-level fields are as likely as all the nested ones together. */
export function eventMutation(): fc.Arbitrary<EventMutation> {
  const at = fc.oneof(fc.nat(7), fc.nat(4000));
  return fc.oneof(
    { weight: 3, arbitrary: fc.record({ op: fc.constantFrom("delete" as const, "null" as const), at }) },
    { weight: 4, arbitrary: fc.record({ op: fc.constant("set" as const), at, value: jsonJunk() }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant("add" as const), at, key: hostileText(), value: jsonJunk() }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant("base64" as const), at, value: invalidBase64() }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant("replace" as const), value: jsonJunk() }) },
  );
}

/** A native event and the mutations it underwent. */
export interface MutatedEvent {
  readonly event: unknown;
  readonly mutations: readonly EventMutation[];
}

/**
 * A copy of an event (a captured sample, or one a harness built; or an
 * arbitrary of events) with one to four mutations applied.
 *
 * @example
 * fc.assert(fc.asyncProperty(mutatedEvent(fixture("sqs")), async ({ event }) => { await handler(event, context) }));
 */
export function mutatedEvent(base: unknown): fc.Arbitrary<MutatedEvent> {
  const events = base instanceof fc.Arbitrary ? (base as fc.Arbitrary<unknown>) : fc.constant(base);
  return fc.tuple(events, fc.array(eventMutation(), { minLength: 1, maxLength: 4 })).map(([event, mutations]) => ({ event: applyMutations(event, mutations), mutations }));
}

/** Applies mutations to a deep copy of an event. */
export function applyMutations(event: unknown, mutations: readonly EventMutation[]): unknown {
  let current: unknown = structuredClone(event);
  for (const mutation of mutations) current = applyMutation(current, mutation);
  return current;
}

type Container = Record<string, unknown> | unknown[];
type Slot = { readonly parent: Container; readonly key: string | number };

function applyMutation(event: unknown, mutation: EventMutation): unknown {
  if (mutation.op === "replace") return structuredClone(mutation.value);
  const slots = slotsOf(event);
  if (slots.length === 0) return mutation.op === "add" || mutation.op === "set" ? structuredClone(mutation.value) : event;
  const { parent, key } = slots[mutation.at % slots.length]!;
  switch (mutation.op) {
    case "delete":
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key as string];
      break;
    case "null":
      put(parent, key, null);
      break;
    case "set":
      put(parent, key, structuredClone(mutation.value));
      break;
    case "base64":
      put(parent, key, mutation.value);
      if (!Array.isArray(parent) && "isBase64Encoded" in parent) parent["isBase64Encoded"] = true;
      break;
    case "add": {
      const target = (parent as Record<string | number, unknown>)[key];
      if (Array.isArray(target)) target.push(structuredClone(mutation.value));
      else if (typeof target === "object" && target !== null) put(target as Container, mutation.key, structuredClone(mutation.value));
      else put(parent, key, { [mutation.key]: structuredClone(mutation.value) });
      break;
    }
  }
  return event;
}

/** Sets a field as `JSON.parse` would: an own property, even for `__proto__`. */
function put(parent: Container, key: string | number, value: unknown): void {
  Object.defineProperty(parent, key, { value, writable: true, enumerable: true, configurable: true });
}

/** Every field of an event, breadth first (top-level fields first). */
function slotsOf(event: unknown): Slot[] {
  const slots: Slot[] = [];
  const queue: unknown[] = [event];
  while (queue.length > 0 && slots.length < 4000) {
    const node = queue.shift();
    // Bytes and other non-JSON objects are leaves: platforms deliver JSON, whose only containers are objects and arrays.
    if (typeof node !== "object" || node === null || ArrayBuffer.isView(node)) continue;
    const container = node as Container;
    const keys = Array.isArray(container) ? container.map((_, index) => index) : Object.keys(container);
    for (const key of keys) {
      slots.push({ parent: container, key });
      queue.push((container as Record<string | number, unknown>)[key]);
    }
  }
  return slots;
}

/** Turns `__proto__` keys made by `fc.dictionary` into own properties, as JSON would carry them. */
function ownKeys(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record)) put(out, key, record[key]);
  return out;
}
