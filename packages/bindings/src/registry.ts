import { ConfigurationError, createMemoryKV, createMemoryQueue, type KV, type Queue } from "@faasport/core";
import { registerBindingScheme, registerEmbeddedDefault } from "@faasport/core/runtime";
import { cmqQueueFromUrl } from "./cmq";
import { dynamoDBKVFromUrl } from "./dynamodb";
import { localQueueFromUrl, sqliteQueueFromUrl } from "./local";
import { mnsQueueFromUrl } from "./mns";
import { redisKVFromUrl } from "./redis";
import { sqliteKVFromUrl } from "./sqlite";
import { sqsQueueFromUrl } from "./sqs";

type Build<T> = (url: URL, name: string | undefined) => T;

const cloudflare = (): never => {
  throw new ConfigurationError(
    "Cloudflare KV and Queues are native bindings: declare them in wrangler.toml and the Workers adapter passes them as they are; there is no URL for them",
  );
};

/** Every scheme and what it builds, per kind of binding. */
const schemes: Readonly<Record<string, { kv?: Build<KV>; queue?: Build<Queue<unknown>> }>> = {
  memory: { kv: () => createMemoryKV(), queue: () => createMemoryQueue() },
  sqlite: { kv: sqliteKVFromUrl, queue: sqliteQueueFromUrl },
  local: { queue: localQueueFromUrl },
  redis: { kv: redisKVFromUrl },
  rediss: { kv: redisKVFromUrl },
  dynamodb: { kv: dynamoDBKVFromUrl },
  sqs: { queue: sqsQueueFromUrl },
  mns: { queue: mnsQueueFromUrl },
  cmq: { queue: cmqQueueFromUrl },
  cloudflare: { kv: cloudflare, queue: cloudflare },
};

/**
 * The embedded default for local development: one SQLite file for KV and queues, nothing to start.
 *
 * @example
 * serve(app, { defaultBindingUrl: EMBEDDED_DEFAULT_URL });
 */
export const EMBEDDED_DEFAULT_URL = "sqlite:.faasport/dev.db";

function build<K extends "kv" | "queue">(kind: K, input: string | URL, name: string | undefined): K extends "kv" ? KV : Queue<unknown> {
  let url: URL;
  try {
    url = typeof input === "string" ? new URL(input) : input;
  } catch (cause) {
    throw new ConfigurationError(`${JSON.stringify(String(input).replace(/\/\/([^:@/]*):[^@/]*@/, "//$1:***@"))} is not a binding URL`, { cause });
  }
  const scheme = url.protocol.slice(0, -1).toLowerCase();
  const entry = schemes[scheme];
  const known = Object.keys(schemes).filter((each) => schemes[each]![kind] && each !== "cloudflare");
  if (!entry) throw new ConfigurationError(`no ${kind} driver for "${scheme}:" (known: ${known.map((each) => `${each}:`).join(", ")})`);
  const factory = entry[kind];
  if (!factory) throw new ConfigurationError(`"${scheme}:" is not a ${kind === "kv" ? "KV" : "queue"} driver; ${kind} drivers: ${known.map((each) => `${each}:`).join(", ")}`);
  return factory(url, name) as K extends "kv" ? KV : Queue<unknown>;
}

/**
 * Builds a KV driver from a binding URL, as `FAASPORT_KV_<NAME>` does at cold
 * start. A malformed or unknown URL is a `ConfigurationError`. The driver's
 * SDK loads on first use.
 *
 * @example
 * const kv = createKV("redis://localhost:6379?namespace=todos");
 * const local = createKV("sqlite:.faasport/dev.db");
 */
export function createKV(url: string | URL, options: { readonly name?: string } = {}): KV {
  return build("kv", url, options.name);
}

/**
 * Builds a queue producer from a binding URL, as `FAASPORT_QUEUE_<NAME>` does at cold start.
 *
 * @example
 * const jobs = createQueue("sqs://sqs.eu-west-1.amazonaws.com/123456789012/jobs");
 */
export function createQueue<T = unknown>(url: string | URL, options: { readonly name?: string } = {}): Queue<T> {
  return build("queue", url, options.name);
}

/**
 * Registers every scheme with core, so adapters resolve `FAASPORT_*` URLs, and makes SQLite the embedded default.
 * Importing `@faasport/bindings` calls it.
 *
 * @example
 * registerDrivers();
 */
export function registerDrivers(): void {
  for (const scheme of Object.keys(schemes)) registerBindingScheme(scheme, (url, { kind, name }) => build(kind, url, name));
  registerEmbeddedDefault("kv", EMBEDDED_DEFAULT_URL);
  registerEmbeddedDefault("queue", EMBEDDED_DEFAULT_URL);
}
