import { isR2EventNotification, r2NotificationToStorageEvent, toCloudflare } from "@faasport/adapter-cloudflare";
import { recordingApp } from "@faasport/contract";
import { expect, it } from "vitest";
import { fixture } from "./bundle";

/** Regressions found by fuzzing the Workers adapter (see docs/reliability.md). */

it("an R2 action named like an Object.prototype member is no object change (it became a function as the action)", () => {
  for (const action of ["toString", "constructor", "__proto__"]) {
    const notification = { ...fixture("r2-event-notification"), action };
    expect(isR2EventNotification(notification)).toBe(true);
    expect(r2NotificationToStorageEvent(notification as never)).toBeUndefined();
  }
});

it("queue messages and Cron controllers with fields workerd never sends malformed still give the app a valid view", async () => {
  const { app, seen } = recordingApp();
  const worker = toCloudflare(app);
  const ctx = { waitUntil: () => {}, passThroughOnException: () => {} };
  const message = { id: { toString: true }, timestamp: "not a date", body: "b", attempts: Number.NaN, ack: () => {}, retry: () => {} };
  await worker.queue({ queue: 7 as never, messages: [message as never], ackAll: () => {}, retryAll: () => {} }, {}, ctx);
  expect(seen.at(-1)).toMatchObject({ queue: "", messages: [{ id: '{"toString":true}', attempts: 1 }] });
  await worker.scheduled({ cron: 5, scheduledTime: undefined, noRetry: () => {} } as never, {}, ctx);
  expect(seen.at(-1)).toMatchObject({ name: "scheduled", cron: undefined });
});
