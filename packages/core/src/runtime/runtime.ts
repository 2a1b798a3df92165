import type { AnyApp } from "../app";
import type { Cloud } from "../cloud";
import type { Context } from "../context";
import { HandlerMissingError, isFaasportError, type HttpError } from "../errors";
import { createScheduledEvent, type ScheduledEventInit, type StorageEvent } from "../events";
import { createLogger, jsonLineSink, type Logger, type LogSink } from "../log";
import { createQueueBatch, type MessageOutcome, type QueueMessageInit } from "../queue-batch";
import { type EnvSource, resolveEnv } from "./env";
import { defaultDeadlineMarginMs, raceDeadline } from "./deadline";
import { installFastFetch } from "./fetch-globals";

/** How an adapter sets up the runtime, once per cold start. */
export interface RuntimeOptions extends Omit<EnvSource, "cloud"> {
  readonly cloud: Cloud;
  /** Where log records go; one JSON line per record on stdout/stderr by default. */
  readonly log?: LogSink | undefined;
  /**
   * Install the fast Fetch path (`installFastFetch`): a light global
   * `Response` and a `Request` linked on first touch. For Node-based
   * platforms; never on Workers, whose classes are native and fast.
   */
  readonly fastFetch?: boolean | undefined;
  /**
   * How long before the invocation's deadline a handler still running is
   * given up on, in ms (default 500): HTTP answers 504 with the request id,
   * a queue batch retries what the handler did not settle, a scheduled or
   * storage run fails, and background work stops being waited for. `false`
   * leaves every invocation to the platform's own timeout.
   */
  readonly deadlineMarginMs?: number | false | undefined;
}

/** What an adapter knows of one invocation. */
export interface InvocationInit {
  /** The platform's request id; a random one is made when it gives none. */
  readonly requestId?: string | undefined;
  /** Where to find the platform's request id when something first asks for it (a header, on Workers), in place of `requestId`. */
  readonly requestIdFrom?: (() => string | null | undefined) | undefined;
  /** Epoch ms by which the platform stops the invocation. */
  readonly deadline?: number | undefined;
  readonly raw: { readonly event: unknown; readonly context: unknown };
  /** The platform's own waitUntil (Workers); without it the adapter must call `settle()`. */
  readonly waitUntil?: ((promise: Promise<unknown>) => void) | undefined;
  readonly passThroughOnException?: (() => void) | undefined;
  readonly props?: Readonly<Record<string, unknown>> | undefined;
}

/** One invocation: its context, and the background work to settle before a freezing platform returns. */
export interface Invocation {
  readonly ctx: Context;
  /** Resolves once every `waitUntil` promise has settled; rejections are logged, never thrown. */
  settle(): Promise<void>;
}

/** How a queue batch ended. */
export interface QueueRunResult {
  readonly outcomes: MessageOutcome[];
  /** Whether the handler threw. */
  readonly threw: boolean;
  /** What the handler threw, if it did (already logged). */
  readonly error: unknown;
}

/** How a scheduled or storage run ended. */
export type TaskResult = { readonly ok: true } | { readonly ok: false; readonly error: unknown; readonly retry: boolean };

/** The app bound to one platform: env resolved, handlers wrapped so nothing escapes unlogged. */
export interface Runtime {
  readonly app: AnyApp;
  readonly cloud: Cloud;
  readonly env: Readonly<Record<string, unknown>>;
  begin(init: InvocationInit): Invocation;
  /**
   * Calls the app's `fetch`. A crash becomes a logged 500 that carries only
   * the request id; it rejects only when the app called
   * `ctx.passThroughOnException()` where the platform has one (Workers), so
   * the crash, once logged, reaches the platform, which asks the origin.
   */
  fetch(request: Request, invocation: Invocation): Promise<Response>;
  /** Calls the app's `queue` and applies the ack/retry rules. Never rejects. */
  queue(queueName: string, messages: readonly QueueMessageInit[], invocation: Invocation, onSettle?: (index: number, outcome: MessageOutcome) => void): Promise<QueueRunResult>;
  /** Calls the app's `scheduled`. Never rejects; `retry` is false when the app called `noRetry()`. */
  scheduled(init: ScheduledEventInit, invocation: Invocation): Promise<TaskResult>;
  /** Calls the app's `storage` once per event, in order; stops at the first failure. Never rejects. */
  storage(events: readonly StorageEvent[], invocation: Invocation): Promise<TaskResult>;
}

type Handler = (event: unknown, env: unknown, ctx: Context) => unknown;

/**
 * Binds an app to a platform. Adapters call it once, at cold start, so env
 * resolution (and its configuration errors) happen there.
 *
 * @example
 * const runtime = createRuntime(app, { cloud: "aws", variables: process.env });
 */
export function createRuntime(app: AnyApp, options: RuntimeOptions): Runtime {
  const cloud = options.cloud;
  if (options.fastFetch) installFastFetch();
  const env = Object.freeze(resolveEnv(app, options));
  const sink = options.log ?? jsonLineSink;
  const margin = options.deadlineMarginMs ?? defaultDeadlineMarginMs;
  /** Calls a handler against the invocation's deadline; a failure after it is logged, never unhandled. */
  const run = (name: "fetch" | "queue" | "scheduled" | "storage", event: unknown, ctx: Context) =>
    raceDeadline(
      () => handler(name)(event, env, ctx),
      ctx.deadline,
      margin,
      (error) => ctx.log.warn(`${name} handler failed after its deadline`, { error }),
    );
  const outlived = (name: string, ctx: Context, fields: Record<string, unknown> = {}): void =>
    ctx.log.error(`${name} handler outlived its deadline`, { ...fields, deadline: ctx.deadline, marginMs: margin });

  const handler = (name: "fetch" | "queue" | "scheduled" | "storage"): Handler => {
    const fn = app[name] as Handler | undefined;
    if (!fn) throw new HandlerMissingError(name, cloud);
    return fn;
  };

  const begin = (init: InvocationInit): Invocation => new RunningInvocation(new InvocationContext(cloud, init, sink), margin);

  return {
    app,
    cloud,
    env,
    begin,

    async fetch(request, { ctx }) {
      try {
        let response: unknown;
        // Without a deadline to keep (Workers, a Node server) the handler is awaited as it is.
        if (ctx.deadline === undefined || margin === false) response = await handler("fetch")(request, env, ctx);
        else {
          const race = await run("fetch", request, ctx);
          if (race.timedOut) {
            outlived("fetch", ctx);
            return errorResponse(ctx.requestId, 504);
          }
          response = race.value;
        }
        if (!(response instanceof Response)) {
          throw new TypeError(`the fetch handler returned ${response === null ? "null" : typeof response}, not a Response`);
        }
        return response;
      } catch (error) {
        if (isFaasportError(error, "HTTP") && (error as HttpError).status < 500) {
          ctx.log.info("request rejected", { status: (error as HttpError).status, reason: error.message });
          return (error as HttpError).toResponse();
        }
        ctx.log.error("fetch handler failed", { error });
        if (ctx instanceof InvocationContext && ctx.passedThrough) throw error;
        return errorResponse(ctx.requestId);
      }
    },

    async queue(queueName, messages, { ctx }, onSettle) {
      const { batch, outcomes } = createQueueBatch(queueName, messages, onSettle);
      try {
        if ((await run("queue", batch, ctx)).timedOut) {
          // What the handler settled stands; the rest is retried, as when it throws.
          const error = new Error(`[faasport] [${cloud}] the queue handler outlived its deadline`);
          outlived("queue", ctx, { queue: queueName, messages: messages.length });
          return { outcomes: outcomes(true), threw: true, error };
        }
        return { outcomes: outcomes(false), threw: false, error: undefined };
      } catch (error) {
        ctx.log.error("queue handler failed", { error, queue: queueName, messages: messages.length });
        return { outcomes: outcomes(true), threw: true, error };
      }
    },

    async scheduled(init, { ctx }) {
      const { event, retryDisabled } = createScheduledEvent(init);
      try {
        if ((await run("scheduled", event, ctx)).timedOut) {
          outlived("scheduled", ctx, { name: init.name });
          return { ok: false, error: new Error(`[faasport] [${cloud}] the scheduled handler outlived its deadline`), retry: !retryDisabled() };
        }
        return { ok: true };
      } catch (error) {
        ctx.log.error("scheduled handler failed", { error, name: init.name, retry: !retryDisabled() });
        return { ok: false, error, retry: !retryDisabled() };
      }
    },

    async storage(events, { ctx }) {
      for (const event of events) {
        try {
          if ((await run("storage", event, ctx)).timedOut) {
            outlived("storage", ctx, { bucket: event.bucket, key: event.key });
            return { ok: false, error: new Error(`[faasport] [${cloud}] the storage handler outlived its deadline`), retry: true };
          }
        } catch (error) {
          ctx.log.error("storage handler failed", { error, bucket: event.bucket, key: event.key });
          return { ok: false, error, retry: true };
        }
      }
      return { ok: true };
    },
  };
}

/** What `settle()` answers when nothing runs in the background: callers may skip waiting for it. */
export const settled: Promise<void> = Promise.resolve();

/**
 * The `ctx` a handler receives. Its logger, `waitUntil` and list of
 * background work are made on first use: most invocations never log or
 * defer anything, and each would otherwise cost allocations on every one.
 */
class InvocationContext implements Context {
  readonly cloud: Cloud;
  readonly deadline: number | undefined;
  readonly raw: { readonly event: unknown; readonly context: unknown };
  readonly props: Readonly<Record<string, unknown>>;
  readonly #init: InvocationInit;
  readonly #sink: LogSink;
  #requestId: string | undefined;
  #log: Logger | undefined;
  #waitUntil: ((promise: Promise<unknown>) => void) | undefined;
  #passThroughOnException: (() => void) | undefined;
  /** `waitUntil` work not yet settled, where the platform has no waitUntil of its own. */
  pending: Promise<unknown>[] | undefined;
  /** Whether the app called `passThroughOnException()` where the platform has it. */
  passedThrough: boolean;

  constructor(cloud: Cloud, init: InvocationInit, sink: LogSink) {
    this.cloud = cloud;
    this.#requestId = init.requestId || undefined;
    this.deadline = init.deadline;
    this.raw = init.raw;
    this.props = init.props ?? noProps;
    this.#init = init;
    this.#sink = sink;
    this.#log = undefined;
    this.#waitUntil = undefined;
    this.#passThroughOnException = undefined;
    this.pending = undefined;
    this.passedThrough = false;
  }

  /** The platform's, or a random one made when first asked for (a Node server's requests mostly never are). */
  get requestId(): string {
    return (this.#requestId ??= this.#init.requestIdFrom?.() || crypto.randomUUID());
  }

  get log(): Logger {
    return (this.#log ??= createLogger({ requestId: this.requestId, cloud: this.cloud }, this.#sink));
  }

  // Functions of their own, not methods, so `const { waitUntil } = ctx` works as it always has.
  get waitUntil(): (promise: Promise<unknown>) => void {
    return (this.#waitUntil ??= (promise) => {
      const tracked = Promise.resolve(promise).then(
        () => undefined,
        (error: unknown) => this.log.error("waitUntil promise rejected", { error }),
      );
      if (this.#init.waitUntil) this.#init.waitUntil(tracked);
      else (this.pending ??= []).push(tracked);
    });
  }

  get passThroughOnException(): () => void {
    return (this.#passThroughOnException ??= () => {
      if (!this.#init.passThroughOnException) return;
      this.passedThrough = true;
      this.#init.passThroughOnException();
    });
  }
}

const noProps: Readonly<Record<string, unknown>> = Object.freeze({});

class RunningInvocation implements Invocation {
  readonly ctx: InvocationContext;
  readonly #margin: number | false;

  constructor(ctx: InvocationContext, margin: number | false) {
    this.ctx = ctx;
    this.#margin = margin;
  }

  /** Nothing in the background, nearly always: answered at once rather than through an async function. */
  settle(): Promise<void> {
    return this.ctx.pending === undefined || this.ctx.pending.length === 0 ? settled : this.#drain(this.ctx.pending);
  }

  async #drain(pending: Promise<unknown>[]): Promise<void> {
    // waitUntil may be called from inside a waitUntil promise, so drain until nothing new arrives, or until the deadline.
    while (pending.length > 0) {
      const batch = pending.splice(0);
      const race = await raceDeadline(
        () => Promise.all(batch),
        this.ctx.deadline,
        this.#margin,
        () => undefined,
      );
      if (race.timedOut) return this.ctx.log.warn("background work unfinished at the deadline", { promises: batch.length + pending.length });
    }
  }
}

/** The answer to a crash or a malformed event: a title and the id to find the log line by; never a message or a stack. */
export function errorResponse(requestId: string, status = 500): Response {
  const body = JSON.stringify({ error: errorTitles[status] ?? "Internal Server Error", requestId });
  return new Response(body, { status, headers: { "content-type": "application/json", "x-request-id": requestId } });
}

const errorTitles: Readonly<Record<number, string>> = { 400: "Bad Request", 500: "Internal Server Error", 504: "Gateway Timeout" };
