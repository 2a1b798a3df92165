import type { ScheduledEventInit } from "@faasport/core/runtime";
import { isObject } from "./_utils";
import type { AliyunTimerEvent } from "./types";

/** A timer trigger firing: `{ triggerTime, triggerName, payload }`. */
export function isAliyunTimerEvent(event: unknown): event is AliyunTimerEvent {
  return isObject(event) && typeof event["triggerTime"] === "string" && typeof event["triggerName"] === "string";
}

/**
 * The trigger's name and the time it was due. The event does not carry the
 * cron expression, so `cron` stays unknown; the configured `payload` has no
 * neutral field and stays in `ctx.raw.event`.
 */
export function timerToScheduled(event: AliyunTimerEvent, now: number): ScheduledEventInit {
  const time = Date.parse(event.triggerTime);
  return { name: event.triggerName, cron: undefined, scheduledTime: Number.isFinite(time) ? time : now };
}
