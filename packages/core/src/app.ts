import type { Context } from "./context";
import type { ScheduledEvent, StorageEvent } from "./events";
import type { KV } from "./kv";
import type { Queue } from "./queue";
import type { QueueBatch } from "./queue-batch";
import { provideMemoryScheme } from "./memory";

/** Declares a KV binding; `env.NAME` is then typed as {@link KV}. */
export interface KVDeclaration {
  readonly kind: "kv";
}

/** Declares a queue producer binding; `env.NAME` is then typed as `Queue<T>`. */
export interface QueueDeclaration<T = unknown> {
  readonly kind: "queue";
  /** Carries the body type only; never set at run time. */
  readonly _body?: T;
}

/** The bindings an app declares, by name. */
export type BindingDeclarations = Record<string, KVDeclaration | QueueDeclaration<unknown>>;

/** The environment an app receives: its bindings and declared variables, side by side, as on Workers. */
export type Env<B extends BindingDeclarations = BindingDeclarations, V extends string = never> = {
  readonly [K in keyof B]: B[K] extends QueueDeclaration<infer T> ? Queue<T> : KV;
} & { readonly [K in V]: string | undefined };

/** Handles an HTTP request, as a module Worker's `fetch` does. */
export type FetchHandler<E = unknown> = (request: Request, env: E, ctx: Context) => Response | Promise<Response>;
/** Handles a batch of queue messages. */
export type QueueHandler<E = unknown> = (batch: QueueBatch, env: E, ctx: Context) => void | Promise<void>;
/** Handles a timer / cron trigger. */
export type ScheduledHandler<E = unknown> = (event: ScheduledEvent, env: E, ctx: Context) => void | Promise<void>;
/** Handles one object created in or removed from a bucket. */
export type StorageHandler<E = unknown> = (event: StorageEvent, env: E, ctx: Context) => void | Promise<void>;

/** What an app is made of: its declarations and one handler per kind of trigger it serves. */
export interface AppSpec<B extends BindingDeclarations = Record<never, never>, V extends string = never> {
  /** KV and queue bindings, by name; which backend serves each is deployment configuration. */
  bindings?: B;
  /** Names of the string variables the app reads; only these reach `env`, so no secret leaks in by accident. */
  vars?: readonly V[];
  fetch?: FetchHandler<Env<B, V>>;
  queue?: QueueHandler<Env<B, V>>;
  scheduled?: ScheduledHandler<Env<B, V>>;
  storage?: StorageHandler<Env<B, V>>;
}

const appBrand: unique symbol = Symbol.for("faasport.app") as never;

/** A defined app: the spec, checked and frozen. Adapters take it as is. */
export type App<B extends BindingDeclarations = Record<never, never>, V extends string = never> = Readonly<AppSpec<B, V>> & {
  readonly bindings: B;
  readonly vars: readonly V[];
  readonly [appBrand]: true;
};

/**
 * Any app, whatever its declarations: what adapters accept. The handlers take
 * `env: never` so that every concrete app is assignable without `any`; an
 * adapter passes the env it resolved from the app's own declarations.
 */
export interface AnyApp {
  readonly bindings: BindingDeclarations;
  readonly vars: readonly string[];
  readonly fetch?: ((request: Request, env: never, ctx: Context) => Response | Promise<Response>) | undefined;
  readonly queue?: ((batch: QueueBatch, env: never, ctx: Context) => void | Promise<void>) | undefined;
  readonly scheduled?: ((event: ScheduledEvent, env: never, ctx: Context) => void | Promise<void>) | undefined;
  readonly storage?: ((event: StorageEvent, env: never, ctx: Context) => void | Promise<void>) | undefined;
}

const bindingName = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Defines a portable app. The returned object is the module Worker shape,
 * so `export default defineApp({...})` also works where a platform expects one.
 *
 * @example
 * export default defineApp({
 *   bindings: { TODOS: kv(), JOBS: queue<{ id: string }>() },
 *   vars: ["API_KEY"],
 *   async fetch(request, env) {
 *     await env.JOBS.send({ id: "1" });
 *     return new Response(await env.TODOS.get("greeting"));
 *   },
 * });
 */
export function defineApp<B extends BindingDeclarations = Record<never, never>, V extends string = never>(spec: AppSpec<B, V>): App<B, V> {
  if (typeof spec !== "object" || spec === null) throw new TypeError("[faasport] defineApp expects an object");
  const bindings = (spec.bindings ?? {}) as B;
  for (const [name, declaration] of Object.entries(bindings)) {
    if (!bindingName.test(name)) throw new TypeError(`[faasport] binding name ${JSON.stringify(name)} must be an identifier (letters, digits, _)`);
    if (declaration?.kind !== "kv" && declaration?.kind !== "queue") {
      throw new TypeError(`[faasport] binding ${name} must be declared with kv() or queue()`);
    }
  }
  const vars = [...(spec.vars ?? [])];
  for (const name of vars) {
    if (name in bindings) throw new TypeError(`[faasport] ${name} is declared both as a binding and as a variable`);
  }
  for (const handler of ["fetch", "queue", "scheduled", "storage"] as const) {
    const fn = spec[handler];
    if (fn !== undefined && typeof fn !== "function") throw new TypeError(`[faasport] ${handler} must be a function`);
  }
  if (!spec.fetch && !spec.queue && !spec.scheduled && !spec.storage) {
    throw new TypeError("[faasport] defineApp needs at least one handler: fetch, queue, scheduled or storage");
  }
  return Object.freeze({ ...spec, bindings, vars, [appBrand]: true as const });
}

/** Whether a value was made by {@link defineApp}. */
export function isApp(value: unknown): value is AnyApp {
  return typeof value === "object" && value !== null && appBrand in value;
}

/**
 * Declares a KV binding.
 *
 * @example
 * defineApp({ bindings: { TODOS: kv() }, fetch: async (_req, env) => new Response(await env.TODOS.get("k")) });
 */
export function kv(): KVDeclaration {
  provideMemoryScheme();
  return { kind: "kv" };
}

/**
 * Declares a queue producer binding carrying bodies of type `T`.
 *
 * @example
 * defineApp({ bindings: { JOBS: queue<{ id: string }>() }, async fetch(_req, env) { await env.JOBS.send({ id: "1" }); return new Response(null, { status: 202 }); } });
 */
export function queue<T = unknown>(): QueueDeclaration<T> {
  provideMemoryScheme();
  return { kind: "queue" };
}
