import { toAws } from "@faasport/adapter-aws";
import { defineApp, type ScheduledEvent } from "@faasport/core";
import { describe, expect, it } from "vitest";
import { fixture, lambdaContext } from "./fixtures";

/** An EventBridge event for a rule of the given name, from the captured sample. */
function ruleFiring(rule: string): unknown {
  const event = fixture<Record<string, unknown>>("eventbridge-scheduled");
  return { ...event, resources: [`arn:aws:events:us-east-1:123456789012:rule/${rule}`] };
}

async function nameSeen(options: Parameters<typeof toAws>[1], event: unknown): Promise<string> {
  const seen: ScheduledEvent[] = [];
  const handler = toAws(defineApp({ scheduled: (scheduled) => void seen.push(scheduled) }), { variables: {}, ...options });
  await handler(event, lambdaContext("req-schedule", 5000));
  expect(seen).toHaveLength(1);
  return seen[0]!.name;
}

describe("EventBridge schedules: the name the app sees", () => {
  it("is the schedule's own name where `schedules` names its deployed rule", async () => {
    expect(await nameSeen({ schedules: { nightly: "todo-prod-nightly" } }, ruleFiring("todo-prod-nightly"))).toBe("nightly");
  });

  it("is the rule name for a rule the map does not list, and without a map", async () => {
    expect(await nameSeen({ schedules: { nightly: "todo-prod-nightly" } }, ruleFiring("hand-made-rule"))).toBe("hand-made-rule");
    expect(await nameSeen({}, fixture("eventbridge-scheduled"))).toBe("my-scheduled-rule");
  });

  it("never takes a name from the map's prototype", async () => {
    expect(await nameSeen({ schedules: { nightly: "nightly-rule" } }, ruleFiring("constructor"))).toBe("constructor");
    expect(await nameSeen({ schedules: { nightly: "nightly-rule" } }, ruleFiring("toString"))).toBe("toString");
  });
});
