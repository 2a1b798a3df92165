import { eventDate, type ScheduledEventInit, textField } from "@faasport/core/runtime";
import { isObject } from "./_utils";
import type { EventBridgeScheduledEvent } from "./types";

/** An EventBridge (CloudWatch Events) schedule rule firing. */
export function isEventBridgeScheduledEvent(event: unknown): event is EventBridgeScheduledEvent {
  return isObject(event) && event["source"] === "aws.events" && event["detail-type"] === "Scheduled Event";
}

/**
 * The rule name comes from the rule ARN in `resources`, and becomes the
 * schedule's own name where `scheduleNames` maps it. The event does not
 * carry the schedule expression, so `cron` stays unknown.
 */
export function eventBridgeToScheduled(event: EventBridgeScheduledEvent, scheduleNames: ReadonlyMap<string, string>): ScheduledEventInit {
  const arn = (Array.isArray(event.resources) ? textField(event.resources[0]) : undefined) ?? "";
  const rule = arn.includes(":rule/") ? arn.slice(arn.lastIndexOf("/") + 1) : arn;
  return { name: scheduleNames.get(rule) ?? (rule || "schedule"), cron: undefined, scheduledTime: eventDate(textField(event.time), Date.now()).getTime() };
}
