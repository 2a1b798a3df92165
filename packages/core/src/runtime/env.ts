import type { AnyApp } from "../app";
import type { Cloud } from "../cloud";
import { ConfigurationError } from "../errors";
import type { KV } from "../kv";
import type { Queue } from "../queue";

/** Builds a binding from its URL. Registered per scheme by binding drivers. */
export type BindingFactory = (url: URL, context: { name: string; kind: "kv" | "queue"; cloud: Cloud }) => KV | Queue<unknown>;

const registryKey = Symbol.for("faasport.bindingFactories");
type Registry = Map<string, BindingFactory>;

function registry(): Registry {
  // Shared through globalThis so that two copies of core (bundle + node_modules) see the same drivers.
  const holder = globalThis as { [registryKey]?: Registry };
  if (!holder[registryKey]) {
    holder[registryKey] = new Map<string, BindingFactory>();
  }
  return holder[registryKey];
}

/**
 * Registers the driver for a binding URL scheme (`redis`, `sqlite`, …), so
 * `FAASPORT_KV_<NAME>=redis://…` resolves. `@faasport/bindings` registers
 * its drivers this way; core knows only `memory:` (see {@link provideMemoryScheme}).
 *
 * @example
 * registerBindingScheme("memory2", (_url, { kind }) => (kind === "kv" ? createMemoryKV() : createMemoryQueue()));
 */
export function registerBindingScheme(scheme: string, factory: BindingFactory): void {
  registry().set(scheme.replace(/:$/, "").toLowerCase(), factory);
}

/** Whether a driver is registered for a binding URL scheme. */
export function hasBindingScheme(scheme: string): boolean {
  return registry().has(scheme.replace(/:$/, "").toLowerCase());
}

const defaultsKey = Symbol.for("faasport.embeddedDefaults");
type Defaults = { kv: string; queue: string };

function defaults(): Defaults {
  const holder = globalThis as { [defaultsKey]?: Defaults };
  holder[defaultsKey] ??= { kv: "memory:", queue: "memory:" };
  return holder[defaultsKey];
}

/**
 * Sets the backend that a declared binding without a URL gets where the
 * platform has an embedded default (the Node adapter, for local development).
 * `memory:` until a driver package registers a durable one:
 * `@faasport/bindings` sets SQLite for KV and the SQLite-backed local queue.
 *
 * @example
 * registerEmbeddedDefault("kv", "sqlite:.faasport/dev.db");
 */
export function registerEmbeddedDefault(kind: "kv" | "queue", url: string): void {
  defaults()[kind] = url;
}

/**
 * The embedded default URL for a kind of binding: `memory:` unless a driver
 * package registered another. Adapters with an embedded default pass it as
 * {@link EnvSource.fallbackUrl}.
 *
 * @example
 * createRuntime(app, { cloud: "node", variables: process.env, fallbackUrl: embeddedDefaultUrl });
 */
export function embeddedDefaultUrl(kind: "kv" | "queue"): string {
  return defaults()[kind];
}

/** Where an adapter takes the env from. */
export interface EnvSource {
  readonly cloud: Cloud;
  /** The variables to read declared vars and binding URLs from (`process.env` on Node-based clouds). */
  readonly variables: Readonly<Record<string, string | undefined>>;
  /** Bindings given as objects (tests, native Workers bindings, custom drivers); they win over URLs. */
  readonly bindings?: Readonly<Record<string, unknown>> | undefined;
  /** URL used for a declared binding that has none (the embedded default for local development), or a function of the binding's kind giving it. */
  readonly fallbackUrl?: string | ((kind: "kv" | "queue") => string | undefined) | undefined;
}

/** The variable that holds a binding's URL: `FAASPORT_KV_TODOS`, `FAASPORT_QUEUE_JOBS`. */
export function bindingVariable(kind: "kv" | "queue", name: string): string {
  return `FAASPORT_${kind === "kv" ? "KV" : "QUEUE"}_${name.toUpperCase()}`;
}

/**
 * Resolves an app's env once, at cold start: each declared binding from the
 * objects given or from its URL variable, each declared var from the
 * variables. Nothing undeclared gets in. A missing or unusable URL is a
 * {@link ConfigurationError} naming the binding and the variable.
 *
 * @example
 * const env = resolveEnv(app, { cloud: "aws", variables: process.env });
 */
export function resolveEnv(app: AnyApp, source: EnvSource): Record<string, unknown> {
  const env: Record<string, unknown> = {};
  for (const [name, declaration] of Object.entries(app.bindings)) {
    const given = source.bindings?.[name];
    if (given !== undefined) {
      env[name] = given;
      continue;
    }
    const variable = bindingVariable(declaration.kind, name);
    const fallback = typeof source.fallbackUrl === "function" ? source.fallbackUrl(declaration.kind) : source.fallbackUrl;
    const url = source.variables[variable] ?? fallback;
    if (url === undefined || url === "") {
      throw new ConfigurationError(
        `binding ${name} (${declaration.kind}) has no backend: set ${variable} to a binding URL such as ${declaration.kind === "kv" ? "redis://host:6379 or dynamodb://table" : "sqs://queue-url"}`,
        { cloud: source.cloud, variable },
      );
    }
    env[name] = createBinding(url, { name, kind: declaration.kind, cloud: source.cloud, variable });
  }
  for (const name of app.vars) env[name] = source.variables[name];
  return env;
}

function createBinding(url: string, context: { name: string; kind: "kv" | "queue"; cloud: Cloud; variable: string }): KV | Queue<unknown> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw new ConfigurationError(`binding ${context.name}: ${context.variable}=${JSON.stringify(redact(url))} is not a URL`, {
      cloud: context.cloud,
      variable: context.variable,
      cause,
    });
  }
  const scheme = parsed.protocol.slice(0, -1).toLowerCase();
  const factory = registry().get(scheme);
  if (!factory) {
    const known = [...registry().keys()].join(", ");
    throw new ConfigurationError(
      `binding ${context.name}: no driver for "${scheme}:" in ${context.variable} (known: ${known}); import "@faasport/bindings" to register the standard drivers`,
      { cloud: context.cloud, variable: context.variable },
    );
  }
  try {
    return factory(parsed, context);
  } catch (cause) {
    throw new ConfigurationError(`binding ${context.name}: ${context.variable} could not be used: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cloud: context.cloud,
      variable: context.variable,
      cause,
    });
  }
}

/** Hides a password in a URL before it goes into an error message. */
function redact(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, "//$1:***@");
}
