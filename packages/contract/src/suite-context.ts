import { fileURLToPath } from "node:url";
import { type AnyApp, createMemoryKV, type KV, type LogRecord } from "@faasport/core";
import { afterAll, beforeAll } from "vitest";
import { contractApp } from "./app";
import { type Capability, capabilities } from "./capabilities";
import type { Harness, HarnessDefinition, Limit } from "./harness";

/** The app under contract: the reference contract app, or another implementation of its routes (Hono, itty-router). */
export interface ContractSubject {
  readonly app: AnyApp;
  /** Absolute path of a module whose default export is `app`. */
  readonly appModule: string;
  /** Shown in test names, e.g. `hono`. */
  readonly label?: string;
}

// From the sources the app is app.ts; from the build, the `app` entry beside this chunk.
const appModule = fileURLToPath(new URL(import.meta.url.endsWith(".ts") ? "./app.ts" : "./app.js", import.meta.url));
const defaultSubject: ContractSubject = { app: contractApp, appModule };

/** What each part of the suite shares: the running harness, the probe and the logs. */
export interface SuiteContext {
  readonly definition: HarnessDefinition;
  harness(): Harness;
  probe(): KV;
  logs(): Promise<readonly LogRecord[]>;
  limit(capability: Capability): Limit | undefined;
  /** The test title: the behaviour, and the limit when the platform lacks it. */
  title(capability: Capability): string;
}

/** Starts the harness around the contract app before the tests and stops it after. */
export function useHarness(definition: HarnessDefinition, subject: ContractSubject = defaultSubject): SuiteContext {
  let running: Harness | undefined;
  let probe: KV = createMemoryKV();
  const records: LogRecord[] = [];
  beforeAll(async () => {
    probe = createMemoryKV();
    running = await definition.setup({ app: subject.app, appModule: subject.appModule, bindings: { PROBE: probe }, log: (record) => records.push(record) });
    if (running.probe) probe = running.probe;
  });
  afterAll(async () => {
    await running?.close?.();
  });
  const limit = (capability: Capability): Limit | undefined => definition.limits?.[capability];
  return {
    definition,
    harness: () => {
      if (!running) throw new Error(`harness ${definition.name} did not start`);
      return running;
    },
    probe: () => probe,
    logs: async () => (running?.logs ? running.logs() : records),
    limit,
    title: (capability) => {
      const lacking = limit(capability);
      return `${capability}: ${capabilities[capability]}${lacking ? ` (platform limit: ${lacking.reason})` : ""}`;
    },
  };
}

/** Reads a JSON record the contract app wrote to the probe. */
export async function probeRecord<T>(probe: KV, key: string): Promise<T | null> {
  const text = await probe.get(key);
  return text === null ? null : (JSON.parse(text) as T);
}

/** Polls the probe until a key shows up (for platforms that do not wait for background work). */
export async function eventually<T>(read: () => Promise<T | null>, timeoutMs = 3000): Promise<T | null> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== null || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

let counter = 0;
/** A unique id for one test case, so cases never see each other's probe records. */
export function uniqueId(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}
