/**
 * The fault tests every adapter runs: an app that fails the ways apps fail
 * (a throw, a rejection, a handler that outlives the deadline, a crash in the
 * middle of a queue batch) and the checks on what the platform is told.
 */
import { type App, defineApp, type LogRecord } from "@faasport/core";
import fc from "fast-check";
import { afterEach, beforeEach } from "vitest";
import { appFailureMessage } from "./fuzz-check";
import type { HttpCase } from "./harness";

/** How the faulty app fails. `hang` never settles, so only the deadline ends it. */
export type FaultKind = "throw" | "reject" | "hang";

/** The faulty app, and what its queue handler finished before it failed. */
export interface FaultyApp {
  readonly app: App;
  /** Set before each case. */
  fault: FaultKind;
  /** The queue handler acks this many messages, in order, then fails. */
  crashAt: number;
  /** Ids of the messages the queue handler acked before failing. */
  readonly acked: string[];
}

const never = new Promise<never>(() => {});

/**
 * An app whose every handler fails as `fault` says; its queue handler first
 * acks `crashAt` messages, one by one, as a real handler finishes them.
 *
 * @example
 * const faulty = faultyApp();
 * faulty.fault = "hang";
 * const answer = await toAws(faulty.app, { variables: {} })(event, contextWithDeadline);
 */
export function faultyApp(): FaultyApp {
  const state: FaultyApp = { app: undefined as unknown as App, fault: "throw", crashAt: 0, acked: [] };
  const fail = async (): Promise<never> => {
    if (state.fault === "hang") return never;
    if (state.fault === "reject") await new Promise((resolve) => setTimeout(resolve, 1));
    throw new Error(appFailureMessage);
  };
  (state as { app: App }).app = defineApp({
    fetch: fail,
    async queue(batch) {
      for (const message of batch.messages.slice(0, state.crashAt)) {
        message.ack();
        state.acked.push(message.id);
      }
      await fail();
    },
    scheduled: fail,
    storage: fail,
  });
  return state;
}

/** The request every HTTP fault test sends: a POST with a query and a JSON body. */
export const faultRequest: HttpCase = { method: "POST", path: "/orders", query: "a=1", headers: [["content-type", "application/json"]], body: new TextEncoder().encode("{}") };

/** Each fault of an HTTP handler and the status it must answer (a hang outlives the deadline: 504). */
export const httpFaults: readonly (readonly [FaultKind, number])[] = [
  ["throw", 500],
  ["reject", 500],
  ["hang", 504],
];

/** What {@link useFaultyApp} gives a test file; `lines` and `other` are the current test's. */
export interface FaultTestKit {
  readonly faulty: FaultyApp;
  /** The default sink's records during the current test. */
  readonly lines: readonly LogRecord[];
  /** Anything else written to the console during the current test. */
  readonly other: readonly string[];
}

/**
 * The setup every adapter's fault tests share: one {@link faultyApp}, its
 * acked list emptied and the default log sink captured around each test
 * (vitest hooks, so call it at the top of a test file).
 *
 * @example
 * const kit = useFaultyApp();
 * const handler = toAws(kit.faulty.app, { variables: {} });
 */
export function useFaultyApp(): FaultTestKit {
  const faulty = faultyApp();
  let capture: ReturnType<typeof captureJsonLines> | undefined;
  beforeEach(() => {
    capture = captureJsonLines();
    faulty.acked.length = 0;
  });
  afterEach(() => capture?.restore());
  return {
    faulty,
    get lines() {
      return capture?.lines ?? [];
    },
    get other() {
      return capture?.other ?? [];
    },
  };
}

/**
 * What is wrong with a scheduled or storage run of the faulty app, or
 * `undefined`: it must reject with the app's own `Error` (so the platform
 * retries it) after exactly one error line.
 */
export async function failedRunProblem(run: Promise<unknown>, lines: readonly LogRecord[]): Promise<string | undefined> {
  const error = await run.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (error === undefined) return "the run resolved: the platform would not retry it";
  if (!(error instanceof Error)) return `the run rejected with a ${typeof error}, not the app's own Error`;
  if (error.name !== "Error") return `the run rejected with a ${error.name}, not the app's own Error`;
  const errors = lines.filter((line) => line.level === "error");
  return errors.length === 1 ? undefined : `${errors.length} error lines: ${JSON.stringify(errors)}`;
}

/** A batch size from 1 to 10 and the message it crashes on (possibly after the last: every message acked, then a throw). */
export function crashCases(): fc.Arbitrary<{ size: number; crashAt: number; fault: FaultKind }> {
  return fc
    .integer({ min: 1, max: 10 })
    .chain((size) => fc.record({ size: fc.constant(size), crashAt: fc.integer({ min: 0, max: size }), fault: fc.constantFrom<FaultKind>("throw", "reject", "hang") }));
}

/**
 * What is wrong with the messages a platform will deliver again after a
 * crash, or `undefined`: every message the handler did not ack must come
 * back (none lost). Where the platform redelivers per message, the acked
 * ones must not; where it can only redeliver the batch, all of it must.
 */
export function redeliveryProblem(ids: readonly string[], acked: readonly string[], redelivered: readonly string[], perMessage: boolean): string | undefined {
  const again = new Set(redelivered);
  const lost = ids.filter((id) => !acked.includes(id) && !again.has(id));
  if (lost.length > 0) return `lost ${lost.length} of ${ids.length} message(s): ${lost.join(", ")}`;
  const expected = perMessage ? ids.filter((id) => !acked.includes(id)) : ids;
  const wrong = ids.filter((id) => again.has(id) !== expected.includes(id));
  return wrong.length > 0 ? `redelivered ${JSON.stringify(redelivered)}, expected ${JSON.stringify(expected)}` : undefined;
}

/**
 * What is wrong with a failed HTTP answer, or `undefined`: the status, the
 * request id in the body and `x-request-id`, nothing else in the body, and
 * exactly one error log line for the request.
 */
export function failedAnswerProblem(
  answer: { status: number; headers: readonly (readonly [string, string])[]; body: string },
  status: number,
  requestId: string,
  lines: readonly LogRecord[],
): string | undefined {
  if (answer.status !== status) return `status ${answer.status}, expected ${status}`;
  const title = status === 504 ? "Gateway Timeout" : "Internal Server Error";
  if (answer.body !== JSON.stringify({ error: title, requestId })) return `body ${answer.body}`;
  if (answer.headers.find(([name]) => name === "x-request-id")?.[1] !== requestId) return "no x-request-id header";
  const errors = lines.filter((line) => line.requestId === requestId && line.level === "error");
  return errors.length === 1 ? undefined : `${errors.length} error lines for the request: ${JSON.stringify(errors)}`;
}

/**
 * Collects what the default log sink writes (one JSON line per record on
 * `console.log` / `console.error`) while a fault test runs, parsed back: the
 * test then proves each failure is one structured line, not a stack dump.
 *
 * @example
 * const capture = captureJsonLines();
 * try { await handler(event, context) } finally { capture.restore() }
 * expect(capture.lines).toHaveLength(1);
 */
export function captureJsonLines(): { readonly lines: LogRecord[]; readonly other: string[]; restore(): void } {
  const lines: LogRecord[] = [];
  const other: string[] = [];
  const original = { log: console.log, error: console.error };
  const take = (...args: unknown[]): void => {
    const text = args.map(String).join(" ");
    try {
      lines.push(JSON.parse(text) as LogRecord);
    } catch {
      other.push(text);
    }
  };
  console.log = take;
  console.error = take;
  return {
    lines,
    other,
    restore: () => {
      console.log = original.log;
      console.error = original.error;
    },
  };
}
