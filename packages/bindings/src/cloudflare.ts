/**
 * Cloudflare KV and Queues: the native Workers bindings, used as they are.
 * Core's `KV` and `Queue` are shaped after them, so the Workers adapter
 * passes `env.TODOS` straight through; these helpers only check a binding's
 * shape and carry Cloudflare's documented limits. There is no URL for them:
 * a `cloudflare:` binding URL on another platform is a configuration error.
 *
 * @module
 */
import { ConfigurationError, type KV, type Queue } from "@faasport/core";
import { describeValue } from "@faasport/core/runtime";

/** The driver's name. */
export const CLOUDFLARE_DRIVER = "cloudflare";

/** Cloudflare KV's documented limits: https://developers.cloudflare.com/kv/platform/limits/ */
export const CLOUDFLARE_KV_LIMITS: {
  readonly valueBytes: number;
  readonly keyBytes: number;
  readonly metadataBytes: number;
  readonly minExpirationTtl: number;
  readonly listLimit: number;
} = {
  valueBytes: 25 * 1024 * 1024,
  keyBytes: 512,
  metadataBytes: 1024,
  minExpirationTtl: 60,
  listLimit: 1000,
};

/**
 * Cloudflare Queues' documented limits: messages of 128 KB including about 100 bytes of metadata, 100
 * messages and 256 KB per batch (https://developers.cloudflare.com/queues/platform/limits/), delays of up to
 * 86,400 s (https://developers.cloudflare.com/queues/reference/error-codes/).
 */
export const CLOUDFLARE_QUEUE_LIMITS: { readonly messageBytes: number; readonly batchMessages: number; readonly batchBytes: number; readonly delaySeconds: number } = {
  messageBytes: 128_000,
  batchMessages: 100,
  batchBytes: 256_000,
  delaySeconds: 86_400,
};

const hasMethods = (value: unknown, names: readonly string[]): boolean =>
  typeof value === "object" && value !== null && names.every((name) => typeof (value as Record<string, unknown>)[name] === "function");

/**
 * A native KV namespace binding, as it is. It has no compare-and-set, and
 * `supportsCompareAndSet` says so.
 *
 * @example
 * const todos = cloudflareKV(env.TODOS, "TODOS"); // env.TODOS itself, checked
 */
export function cloudflareKV(binding: unknown, name = "binding"): KV {
  if (!hasMethods(binding, ["get", "getWithMetadata", "put", "delete", "list"])) {
    throw new ConfigurationError(`[cloudflare] ${name} is not a KV namespace binding (got ${describeValue(binding)}): declare it under kv_namespaces in wrangler.toml`, {
      cloud: "cloudflare",
    });
  }
  return binding as KV;
}

/**
 * A native queue producer binding, as it is.
 *
 * @example
 * const jobs = cloudflareQueue(env.JOBS, "JOBS");
 */
export function cloudflareQueue<T = unknown>(binding: unknown, name = "binding"): Queue<T> {
  if (!hasMethods(binding, ["send", "sendBatch"])) {
    throw new ConfigurationError(`[cloudflare] ${name} is not a queue producer binding (got ${describeValue(binding)}): declare it under queues.producers in wrangler.toml`, {
      cloud: "cloudflare",
    });
  }
  return binding as Queue<T>;
}
