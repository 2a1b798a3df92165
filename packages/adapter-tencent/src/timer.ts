import type { ScheduledEventInit } from "@faasport/core/runtime";
import { isObject } from "./_utils";
import type { TencentTimerEvent } from "./types";

/** A timer trigger firing. `Type` is `timer` in Tencent's docs and `Timer` in its captures and scfcli, so case is ignored. */
export function isTimerEvent(event: unknown): event is TencentTimerEvent {
  return isObject(event) && typeof event["Type"] === "string" && event["Type"].toLowerCase() === "timer" && typeof event["TriggerName"] === "string";
}

/**
 * The trigger name and firing time (UTC, whole seconds). The event does not
 * carry the cron expression, so `cron` stays unknown; `Message` (the
 * trigger's configured text) is left in the raw event.
 */
export function timerToScheduled(event: TencentTimerEvent): ScheduledEventInit {
  const time = typeof event.Time === "string" ? Date.parse(event.Time) : Number.NaN;
  return { name: event.TriggerName || "timer", cron: undefined, scheduledTime: Number.isFinite(time) ? time : Date.now() };
}
