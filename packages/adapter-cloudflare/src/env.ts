import { type AnyApp, ConfigurationError, type LogSink } from "@faasport/core";
import { bindingVariable, createRuntime, describeValue, type Runtime } from "@faasport/core/runtime";

const methods = { kv: ["get", "getWithMetadata", "put", "delete", "list"], queue: ["send", "sendBatch"] } as const;
const wranglerHint = { kv: "a [[kv_namespaces]] entry", queue: "a [[queues.producers]] entry" } as const;

/**
 * The app's runtime per native env object. Workers hand the env to each
 * handler call rather than to the module, so it is resolved on the first call
 * that brings a given env object and reused while that object lives (workerd
 * passes the same one to every call of an isolate).
 */
export function runtimeCache(app: AnyApp, log: LogSink | undefined): (env: unknown) => Runtime {
  const runtimes = new WeakMap<object, Runtime>();
  const noEnv = {};
  return (env) => {
    const key = typeof env === "object" && env !== null ? env : noEnv;
    let runtime = runtimes.get(key);
    if (!runtime) {
      runtime = createRuntime(app, { cloud: "cloudflare", ...workersEnvSource(app, key), log });
      runtimes.set(key, runtime);
    }
    return runtime;
  };
}

/**
 * The declared bindings and vars, and nothing else, from a native env.
 * A declared binding is the native binding of that name (passed as is: KV
 * namespaces and queue producers already satisfy faasport's `KV` and `Queue`),
 * or else a `FAASPORT_KV_*` / `FAASPORT_QUEUE_*` URL var naming a driver.
 */
function workersEnvSource(app: AnyApp, env: Readonly<Record<string, unknown>>): { bindings: Record<string, unknown>; variables: Record<string, string | undefined> } {
  const bindings: Record<string, unknown> = {};
  const variables: Record<string, string | undefined> = {};
  for (const [name, { kind }] of Object.entries(app.bindings)) {
    const native = env[name];
    const variable = bindingVariable(kind, name);
    if (native !== undefined) {
      if (!hasMethods(native, methods[kind])) {
        throw new ConfigurationError(`binding ${name} is declared ${kind}() but the Worker's env.${name} is ${describeValue(native)}`, { cloud: "cloudflare", variable: name });
      }
      bindings[name] = native;
    } else if (typeof env[variable] === "string" && env[variable] !== "") {
      variables[variable] = env[variable];
    } else {
      throw new ConfigurationError(
        `binding ${name} (${kind}) is not bound to this Worker: add ${wranglerHint[kind]} with binding = "${name}" to the wrangler configuration, or set the var ${variable} to a binding URL`,
        { cloud: "cloudflare", variable: name },
      );
    }
  }
  for (const name of app.vars) variables[name] = varText(env[name]);
  return { bindings, variables };
}

/** Vars are strings in faasport; a wrangler JSON var (an object, a number) arrives as its JSON text. */
function varText(value: unknown): string | undefined {
  if (value === undefined || typeof value === "string") return value;
  return JSON.stringify(value);
}

function hasMethods(value: unknown, names: readonly string[]): boolean {
  return typeof value === "object" && value !== null && names.every((name) => typeof (value as Record<string, unknown>)[name] === "function");
}
