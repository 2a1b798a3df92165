import { readFileSync } from "node:fs";
import type { AliyunContext } from "@faasport/adapter-aliyun";

/** A fresh copy of a captured FC sample from `test/fixtures` (see SOURCES.md there). */
export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), "utf8")) as T;
}

/** An event as FC 3.0's Node.js runtimes pass it: the payload's bytes in a Buffer, not an object. */
export function asBuffer(event: unknown): Buffer {
  return Buffer.from(typeof event === "string" ? event : JSON.stringify(event), "utf8");
}

/**
 * An FC 3.0 context as the runtime passes it, from the runtime capture
 * (`context-fc3-runtime.json`: it has `retryCount`, which the documented
 * field table lacks), with a fresh request id.
 */
export function fc3Context(overrides: { requestId?: string; retryCount?: number } = {}): AliyunContext {
  const context = fixture<AliyunContext>("context-fc3-runtime");
  return { ...context, requestId: overrides.requestId ?? crypto.randomUUID(), retryCount: overrides.retryCount ?? 0 };
}

/** An FC 2.0 context (documented example), with a fresh request id. */
export function fc2Context(requestId: string = crypto.randomUUID()): AliyunContext {
  return { ...fixture<AliyunContext>("context-fc2.from-docs"), requestId };
}
