import type { AppInfo, BuiltFunction, DeployCloud, ProjectDefinition } from "@faasport/cli";
import { ConfigurationError } from "@faasport/core";
import type { CustomCloud } from "./types";

/** What a deploy to one of our own providers needs, written by `package` and read by `deploy`. */
export interface Manifest {
  readonly cloud: CustomCloud;
  readonly service: string;
  readonly stage: string;
  readonly region: string;
  readonly functions: readonly ManifestFunction[];
}

/** One function of a {@link Manifest}. */
export interface ManifestFunction {
  /** The name in `custom.faasport.functions`. */
  readonly name: string;
  /** The name on the cloud: `<service>-<stage>-<name>`. */
  readonly deployName: string;
  /** The artifact, relative to the service directory. */
  readonly artifact: string;
  readonly handler: string;
  readonly runtime: string;
  readonly memorySize: number;
  readonly timeout: number;
  /** Declared vars and the `FAASPORT_*` binding URLs. */
  readonly environment: Readonly<Record<string, string>>;
  /** The cloud's own trigger definitions. */
  readonly triggers: readonly Record<string, unknown>[];
  /** Cloudflare: the bindings the Worker gets, and what to create for them. */
  readonly bindings?: readonly { readonly name: string; readonly kind: "kv" | "queue"; readonly resource: string }[];
}

/** A value from an API answer as text: strings as they are, nothing as "", anything else as JSON. */
export function text(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return value === undefined || value === null ? "" : JSON.stringify(value);
}

/** Naming shared by every cloud. */
export function deployName(service: string, stage: string, fn: string): string {
  return `${service}-${stage}-${fn}`;
}

/** A function's settings from `provider` in serverless.yml, which its own settings override. */
export interface FunctionDefaults {
  readonly runtime?: string | undefined;
  readonly memorySize?: number | undefined;
  readonly timeout?: number | undefined;
  readonly environment?: Record<string, string> | undefined;
}

/**
 * A function of a FC or SCF manifest: its own settings over the provider's
 * over the cloud's defaults, its env with the binding URLs given for the
 * cloud (required there: no resource is created for them).
 */
export function nodeManifestFunction(
  project: ProjectDefinition,
  built: BuiltFunction,
  names: { readonly service: string; readonly stage: string },
  cloud: "aliyun" | "tencent",
  settings: {
    readonly defaults: FunctionDefaults;
    readonly runtime: string;
    readonly memorySize: number;
    readonly artifact: string;
    readonly triggers: readonly Record<string, unknown>[];
  },
): ManifestFunction {
  const fn = built.definition;
  const { defaults } = settings;
  return {
    name: fn.name,
    deployName: deployName(names.service, names.stage, fn.name),
    artifact: settings.artifact,
    handler: built.handler,
    runtime: defaults.runtime ?? settings.runtime,
    memorySize: fn.memorySize ?? defaults.memorySize ?? settings.memorySize,
    timeout: fn.timeout ?? defaults.timeout ?? 30,
    environment: { ...defaults.environment, ...fn.environment, ...givenBindingUrls(project, built.app, cloud, true) },
    triggers: settings.triggers,
  };
}

/** The binding URLs a function gets on a cloud where they are given in `custom.faasport.bindings` (or must be). */
export function givenBindingUrls(project: ProjectDefinition, app: AppInfo, cloud: DeployCloud, required: boolean): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const [name, kind] of Object.entries(app.bindings)) {
    const url = project.bindings[name]?.[cloud];
    if (url === undefined) {
      if (!required) continue;
      const example =
        kind === "kv"
          ? "redis://host:6379"
          : cloud === "aliyun"
            ? "mns://<account-id>.mns.<region>.aliyuncs.com/topics/<name>"
            : "cmq://cmq-<region>.public.tencenttdmq.com/topics/<name>";
      throw new ConfigurationError(`binding ${name} (${kind}) has no backend on ${cloud}: set custom.faasport.bindings.${name}.${cloud} to a binding URL such as ${example}`, {
        cloud,
      });
    }
    variables[`FAASPORT_${kind === "kv" ? "KV" : "QUEUE"}_${name.toUpperCase()}`] = url;
  }
  return variables;
}

/** The queue binding URL a queue trigger consumes, or a clear error. */
export function queueUrlFor(project: ProjectDefinition, binding: string, cloud: DeployCloud, fn: BuiltFunction): URL {
  const url = project.bindings[binding]?.[cloud];
  if (url === undefined) throw new ConfigurationError(`function ${fn.name}: queue event ${binding} needs custom.faasport.bindings.${binding}.${cloud}`, { cloud });
  return new URL(url);
}

/** Each cloud's credentials: the environment variables its own tools read. */
export const credentialVariables: Readonly<Record<CustomCloud, readonly string[]>> = {
  aliyun: ["ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_ACCOUNT_ID"],
  tencent: ["TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY"],
  cloudflare: ["CLOUDFLARE_API_TOKEN", "CLOUDFLARE_ACCOUNT_ID"],
};

/**
 * Reads a cloud's credentials from the environment, or fails, before any
 * request, with the names of every variable missing.
 */
export function readCredentials(cloud: CustomCloud, env: Readonly<Record<string, string | undefined>> = process.env): Record<string, string> {
  const missing = credentialVariables[cloud].filter((name) => !env[name]);
  if (missing.length > 0) {
    throw new ConfigurationError(`missing credentials: set ${missing.join(", ")} (nothing was uploaded). See docs/deploy/${cloud}.md for the permissions they need.`, {
      cloud,
      variable: missing[0]!,
    });
  }
  return Object.fromEntries(credentialVariables[cloud].map((name) => [name, env[name]!]));
}
