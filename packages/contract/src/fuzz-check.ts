/**
 * What every adapter's property tests assert, whatever the event: the
 * invocation settles in time, without an unhandled rejection; it rejects
 * only with a typed unsupported-event error (or the app's own failure, so the
 * platform retries); an HTTP answer is 400 for bad input, 500 with nothing
 * but the request id for an app failure; and whatever reaches the app is a
 * valid neutral view (a parsable URL, string ids, real dates).
 */
import { type App, defineApp, isFaasportError, type QueueMessage, type StorageEvent } from "@faasport/core";
import fc from "fast-check";
import { failOn } from "./fuzz-property";
import type { HttpOutcome } from "./harness";

/** How the inspecting app behaves in a case: answers, or fails the way apps fail. */
export type FuzzMode = "ok" | "throw" | "reject" | "not-a-response";

/** The message the inspecting app fails with, so a test can tell the app's failure from the adapter's. */
export const appFailureMessage = "fuzz: the app failed on purpose";

/** The inspecting app and what it found. */
export interface InspectingApp {
  readonly app: App;
  /** Things that reached the app which an adapter must never hand over. */
  readonly problems: string[];
  /** Set before each case. */
  mode: FuzzMode;
  /** The method of the last request the app saw (a HEAD answer has no body). */
  lastMethod: string;
  /** Starts a case: sets the mode, forgets the last case's problems. */
  begin(mode: FuzzMode): void;
  /** Starts a case, runs one invocation and fails on a bad settlement or anything wrong the app saw; gives the settlement. */
  run(invocation: () => unknown, mode: FuzzMode): Promise<Settlement>;
}

const token = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * An app whose handlers check the neutral view they receive and record any
 * problem, then answer or fail as `mode` says. Its HTTP answer carries
 * `x-fuzz: 1`, a header named `constructor` and one cookie, so a case also
 * proves the answer is written without losing or mangling them.
 *
 * @example
 * const inspector = inspectingApp();
 * const handler = toAws(inspector.app, { variables: {} });
 */
export function inspectingApp(): InspectingApp {
  const state: InspectingApp = {
    app: undefined as unknown as App,
    problems: [],
    mode: "ok",
    lastMethod: "",
    begin(mode) {
      state.mode = mode;
      state.lastMethod = "";
      state.problems.length = 0;
    },
    async run(invocation, mode) {
      state.begin(mode);
      const settled = await settle(invocation);
      failOn(settlementProblem(settled, mode), ...state.problems);
      return settled;
    },
  };
  const problem = (text: string): void => void state.problems.push(text);
  const fail = async (): Promise<never> => {
    if (state.mode === "reject") await new Promise((resolve) => setTimeout(resolve, 1));
    throw new Error(appFailureMessage);
  };
  (state as { app: App }).app = defineApp({
    async fetch(request) {
      state.lastMethod = request.method;
      if (state.mode === "not-a-response") return null as unknown as Response;
      if (state.mode !== "ok") return fail();
      let bytes = 0;
      try {
        new URL(request.url);
        if (!token.test(request.method)) problem(`method ${JSON.stringify(request.method)} is not a token`);
        for (const [name, value] of request.headers) if (!token.test(name) || /[\r\n\0]/.test(value)) problem(`header ${JSON.stringify([name, value])}`);
        bytes = (await request.arrayBuffer()).byteLength;
      } catch (error) {
        problem(`fetch: the request could not be read: ${String(error)}`);
      }
      const headers: [string, string][] = [
        ["x-fuzz", "1"],
        ["constructor", "c"],
        ["set-cookie", "fuzz=1; Path=/"],
      ];
      return Response.json({ method: request.method, bytes }, { headers });
    },
    async queue(batch) {
      if (typeof batch.queue !== "string") problem(`queue name ${typeof batch.queue}`);
      for (const message of batch.messages) checkMessage(message, problem);
      if (state.mode !== "ok") await fail();
    },
    async scheduled(event) {
      if (typeof event.name !== "string" || !Number.isFinite(event.scheduledTime) || !(event.cron === undefined || typeof event.cron === "string")) {
        problem(`scheduled event ${JSON.stringify(event)}`);
      }
      if (state.mode !== "ok") await fail();
    },
    async storage(event) {
      checkStorageEvent(event, problem);
      if (state.mode !== "ok") await fail();
    },
  });
  return state;
}

function validDate(value: unknown): boolean {
  return value instanceof Date && Number.isFinite(value.getTime());
}

function checkMessage(message: QueueMessage, problem: (text: string) => void): void {
  const { id, attempts, timestamp, attributes } = message;
  if (typeof id !== "string") problem(`message id ${typeof id}`);
  if (!Number.isInteger(attempts) || attempts < 1) problem(`message attempts ${String(attempts)}`);
  if (!validDate(timestamp)) problem(`message timestamp ${String(timestamp)}`);
  if (typeof attributes !== "object" || attributes === null || Object.values(attributes).some((value) => typeof value !== "string")) problem("message attributes");
}

function checkStorageEvent(event: StorageEvent, problem: (text: string) => void): void {
  const optionalText = (value: unknown): boolean => value === undefined || typeof value === "string";
  if (typeof event.bucket !== "string" || typeof event.key !== "string") problem(`storage bucket/key ${typeof event.bucket}/${typeof event.key}`);
  if (event.action !== "created" && event.action !== "removed") problem(`storage action ${String(event.action)}`);
  if (!(event.size === undefined || (Number.isFinite(event.size) && event.size >= 0))) problem(`storage size ${String(event.size)}`);
  if (!validDate(event.time)) problem(`storage time ${String(event.time)}`);
  if (!optionalText(event.etag) || !optionalText(event.type) || !optionalText(event.region)) problem("storage etag/type/region");
}

/** How an invocation ended, within the time allowed. */
export type Settlement = { readonly state: "resolved"; readonly value: unknown } | { readonly state: "rejected"; readonly error: unknown } | { readonly state: "hung" };

/** Runs an invocation and reports how it settled; `hung` after `timeoutMs`. */
export async function settle(run: () => unknown, timeoutMs = 5000): Promise<Settlement> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hung = new Promise<Settlement>((resolve) => (timer = setTimeout(() => resolve({ state: "hung" }), timeoutMs)));
  const ran = Promise.resolve()
    .then(run)
    .then(
      (value): Settlement => ({ state: "resolved", value }),
      (error: unknown): Settlement => ({ state: "rejected", error }),
    );
  try {
    return await Promise.race([ran, hung]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * What is wrong with how an invocation settled, or `undefined`: it may
 * resolve, or reject with an `UnsupportedEventError`, or (when the app
 * failed) with the app's own error so the platform retries. Never a hang,
 * never a `TypeError`, `RangeError` or any other error.
 */
export function settlementProblem(settled: Settlement, mode: FuzzMode): string | undefined {
  if (settled.state === "hung") return "the invocation did not settle in time";
  if (settled.state === "resolved") return undefined;
  const { error } = settled;
  if (isFaasportError(error, "UNSUPPORTED_EVENT")) return undefined;
  if (mode !== "ok" && error instanceof Error && error.message === appFailureMessage) return undefined;
  return `rejected with ${error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ""}` : String(error)}`;
}

/**
 * What is wrong with an HTTP answer, or `undefined`. Headers must be valid;
 * 200 is the app's own answer, with its headers intact; 400 is bad input;
 * 500 is only for an app failure and carries the request id, nothing of the
 * error.
 */
export function httpAnswerProblem(outcome: HttpOutcome, mode: FuzzMode, method = "GET"): string | undefined {
  const { status, headers, cookies, body } = outcome;
  for (const [name, value] of [...headers, ...cookies.map((cookie) => ["set-cookie", cookie] as const)]) {
    if (!token.test(name) || /[\r\n\0]/.test(value)) return `invalid header ${JSON.stringify([name, value])}`;
  }
  const text = new TextDecoder().decode(body);
  if (text.includes(appFailureMessage)) return "the app's error reached the client";
  const header = (name: string): string | undefined => headers.find(([key]) => key === name)?.[1];
  if (status === 400) return undefined;
  if (mode === "ok") {
    if (status !== 200) return `status ${status} for an app that answered 200`;
    if (header("x-fuzz") !== "1" || header("constructor") !== "c") return `the app's headers were mangled: ${JSON.stringify(headers)}`;
    if (method !== "HEAD" && !text.startsWith("{")) return `the app's body was lost: ${JSON.stringify(text.slice(0, 80))}`;
    return undefined;
  }
  if (status !== 500) return `status ${status} for an app that failed`;
  if (method === "HEAD") return undefined;
  const parsed = JSON.parse(text) as Record<string, unknown>;
  return Object.keys(parsed).sort().join() === "error,requestId" && header("x-request-id") === parsed["requestId"] ? undefined : `500 body ${text}`;
}

/** Where a native result is not plain JSON (an `undefined`, a function, a non-finite number), which the platform could not serialise. */
export function jsonProblem(value: unknown, path = "$"): string | undefined {
  if (value === null || typeof value === "string" || typeof value === "boolean") return undefined;
  if (typeof value === "number") return Number.isFinite(value) ? undefined : `${path} is ${value}`;
  if (typeof value !== "object") return `${path} is a ${typeof value}`;
  for (const [key, item] of Object.entries(value)) {
    const found = jsonProblem(item, `${path}.${key}`);
    if (found) return found;
  }
  return undefined;
}

/** The mode of a case: mostly a healthy app, sometimes one that fails. */
export function fuzzMode(): fc.Arbitrary<FuzzMode> {
  return fc.oneof({ weight: 6, arbitrary: fc.constant("ok" as const) }, fc.constantFrom("throw" as const, "reject" as const, "not-a-response" as const));
}
