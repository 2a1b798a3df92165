import type { AnyApp } from "../app";
import type { Cloud } from "../cloud";
import type { LogSink } from "../log";
import { batchMustFail } from "./local-queue";
import { createRuntime, type Invocation, type QueueRunResult, type Runtime, type RuntimeOptions, type TaskResult } from "./runtime";

/** Options every adapter on a Node-based platform takes (Lambda, FC, SCF, node:http). */
export interface PlatformOptions {
  /** Bindings given as objects (tests, custom drivers); they win over `FAASPORT_*` URLs. */
  readonly env?: Readonly<Record<string, unknown>>;
  /** Where to read vars and binding URLs from; defaults to `process.env` (the function's environment variables). */
  readonly variables?: Readonly<Record<string, string | undefined>>;
  /** Where log records go; one JSON line each on stdout/stderr by default, which every platform's log service collects. */
  readonly log?: LogSink;
  /**
   * Use the fast Fetch path (default `true`): the global `Response` becomes a
   * light stand-in that keeps its body as given, and undici loads only when
   * something needs it. `false` keeps Node's classes untouched.
   */
  readonly fastFetch?: boolean;
  /**
   * How long before the platform's deadline (from its context) a handler
   * still running is given up on, in ms; default 500. HTTP then answers 504
   * with the request id, a queue batch retries every message the handler did
   * not settle, a scheduled or storage run fails so the platform retries it,
   * and `waitUntil` work stops being waited for; each logs one line. `false`
   * leaves invocations to the platform's own timeout.
   */
  readonly deadlineMarginMs?: number | false;
}

/** HTTP options of adapters that answer with a JSON result (Lambda, FC, SCF). */
export interface HttpAnswerOptions {
  /** A path prefix to strip before the app sees the path (a custom-domain base path mapping, say). */
  readonly basePath?: string;
  /**
   * Response content types sent as text; every other body is sent base64
   * (`isBase64Encoded: true`). Patterns such as `text/*` and `application/*+json`.
   * Defaults to text, JSON, XML, JavaScript, form data and SVG in UTF-8.
   */
  readonly textContentTypes?: readonly string[];
}

const processEnv = (): Readonly<Record<string, string | undefined>> => (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};

/**
 * The runtime of an adapter on a Node-based platform, at cold start: env from
 * `process.env` unless given, the fast Fetch path unless turned off.
 *
 * @example
 * const runtime = createPlatformRuntime(app, "aws", options);
 */
export function createPlatformRuntime(app: AnyApp, cloud: Cloud, options: PlatformOptions, extra: Partial<Pick<RuntimeOptions, "fallbackUrl">> = {}): Runtime {
  return createRuntime(app, {
    cloud,
    variables: options.variables ?? processEnv(),
    bindings: options.env,
    log: options.log,
    fastFetch: options.fastFetch ?? true,
    deadlineMarginMs: options.deadlineMarginMs,
    ...extra,
  });
}

/**
 * Ends a scheduled or storage invocation: settles background work, then
 * rejects when the run failed and may be retried, so the platform's
 * asynchronous invocation retries it; `noRetry()` makes it return normally.
 */
export async function finishTask(result: TaskResult, invocation: Invocation): Promise<undefined> {
  await invocation.settle();
  if (!result.ok && result.retry) throw result.error;
  return undefined;
}

/**
 * Ends a queue invocation on a platform that cannot be told which message
 * failed (MNS, CMQ, CKafka, or SQS without partial batch responses): settles
 * background work, then, when the batch must be redelivered (`batchMustFail`),
 * rejects with the app's error or one saying how many messages are to be retried.
 */
export async function finishWholeBatch(result: QueueRunResult, invocation: Invocation, cloud: Cloud): Promise<undefined> {
  await invocation.settle();
  if (!batchMustFail(result)) return undefined;
  if (result.threw && result.error instanceof Error) throw result.error;
  const retried = result.outcomes.filter((outcome) => outcome.action === "retry").length;
  throw new Error(`[faasport] [${cloud}] ${retried} message(s) to retry: failing the invocation so the platform delivers the batch again`, { cause: result.error });
}
