import { readFileSync } from "node:fs";

/** A fresh copy of a Tencent sample from `test/fixtures` (see SOURCES.md there). */
export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), "utf8")) as T;
}

/** An SCF context as the Node.js runtime passes it: the documented data fields plus `getRemainingTimeInMillis`. */
export function scfContext(requestId: string = crypto.randomUUID(), remainingMs = 30_000) {
  const deadline = Date.now() + remainingMs;
  return { ...fixture("context.from-docs"), request_id: requestId, getRemainingTimeInMillis: () => deadline - Date.now(), callbackWaitsForEmptyEventLoop: false };
}
