import { ConfigurationError } from "@faasport/core";
import { eventDate, type Invocation, type Runtime, textField } from "@faasport/core/runtime";
import type { CloudflareScheduledController } from "./types";

/** Cron expression to schedule name, from the `schedules` option (`{ name: cron }`); checked once, at cold start. */
export function scheduleNames(schedules: Readonly<Record<string, string>> = {}): ReadonlyMap<string, string> {
  const byCron = new Map<string, string>();
  for (const [name, cron] of Object.entries(schedules)) {
    const taken = byCron.get(cron);
    if (taken !== undefined) {
      throw new ConfigurationError(`schedules ${taken} and ${name} share the cron "${cron}": Workers cannot tell their runs apart`, { cloud: "cloudflare", variable: "schedules" });
    }
    byCron.set(cron, name);
  }
  return byCron;
}

/**
 * A Cron Trigger run through the app's `scheduled` handler. A failure is
 * rethrown so the platform sees the run fail (and may retry it); when the app
 * called `noRetry()`, the native `noRetry()` is called first.
 */
export async function runScheduled(runtime: Runtime, controller: CloudflareScheduledController, names: ReadonlyMap<string, string>, invocation: Invocation): Promise<void> {
  const cron = textField(controller.cron) || undefined;
  const name = (cron && names.get(cron)) ?? cron ?? "scheduled";
  const result = await runtime.scheduled({ name, cron, scheduledTime: eventDate(controller.scheduledTime, Date.now()).getTime() }, invocation);
  if (result.ok) return;
  if (!result.retry) controller.noRetry();
  throw result.error;
}
