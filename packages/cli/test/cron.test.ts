import { describe, expect, it } from "vitest";
import { cronFor, cronMatches, parseCron } from "../src/cron";
import { type Clock, startScheduler } from "../src/scheduler";

describe("neutral schedules", () => {
  it("match minutes in UTC with crontab's fields, names, ranges, steps and day rule", () => {
    const nightly = parseCron("0 3 * * *");
    expect(cronMatches(nightly, new Date("2026-01-05T03:00:00Z"))).toBe(true);
    expect(cronMatches(nightly, new Date("2026-01-05T03:01:00Z"))).toBe(false);
    const weekdays = parseCron("*/15 9-17 * * MON-FRI");
    expect(cronMatches(weekdays, new Date("2026-01-05T09:45:00Z"))).toBe(true); // a Monday
    expect(cronMatches(weekdays, new Date("2026-01-04T09:45:00Z"))).toBe(false); // a Sunday
    expect(cronMatches(parseCron("0 0 * * 7"), new Date("2026-01-04T00:00:00Z"))).toBe(true); // 7 is Sunday too
    // Both day fields restricted: either matches, as in crontab.
    const either = parseCron("0 0 1 * MON");
    expect(cronMatches(either, new Date("2026-01-05T00:00:00Z"))).toBe(true);
    expect(cronMatches(either, new Date("2026-04-01T00:00:00Z"))).toBe(true);
    expect(cronMatches(either, new Date("2026-04-02T00:00:00Z"))).toBe(false);
  });

  it("render in each cloud's own syntax, days of the week by name", () => {
    const weekdays = parseCron("30 6 * * 1-5");
    expect(cronFor(weekdays, "aws")).toBe("cron(30 6 ? * MON,TUE,WED,THU,FRI *)");
    expect(cronFor(weekdays, "aliyun")).toBe("0 30 6 * * MON,TUE,WED,THU,FRI");
    expect(cronFor(weekdays, "tencent")).toBe("0 30 6 * * MON,TUE,WED,THU,FRI *");
    expect(cronFor(weekdays, "cloudflare")).toBe("30 6 * * MON,TUE,WED,THU,FRI");
    expect(cronFor(parseCron("0 3 1 * *"), "aws")).toBe("cron(0 3 1 * ? *)");
    expect(cronFor(parseCron("0 0 * * 0,7"), "cloudflare")).toBe("0 0 * * SUN");
  });

  it("refuse what some cloud cannot express, saying what to write", () => {
    expect(() => parseCron("0 3 * *")).toThrow(/has 4 fields, not 5.*"0 3 \* \* \*"/);
    expect(() => parseCron("0 3 L * *")).toThrow(/L, W, # and \? do not exist on every cloud/);
    expect(() => parseCron("61 * * * *")).toThrow(/minute 61 is outside 0-59/);
    expect(() => parseCron("0 5-2 * * *")).toThrow(/runs backwards/);
    expect(() => cronFor(parseCron("0 0 1 * MON"), "aws")).toThrow(/split it into two schedules/);
  });

  it("fire at each matching minute boundary and stop when told", () => {
    let now = Date.parse("2026-01-05T02:58:30Z");
    const timers: { at: number; run: () => void }[] = [];
    const clock: Clock = { now: () => now, setTimeout: (run, ms) => timers.push({ at: now + ms, run }), clearTimeout: () => (timers.length = 0) };
    const fired: [string, string][] = [];
    const scheduler = startScheduler([{ name: "nightly", cron: parseCron("0 3 * * *") }], (schedule, time) => fired.push([schedule.name, new Date(time).toISOString()]), clock);
    for (let tick = 0; tick < 3; tick++) {
      const next = timers.shift()!;
      now = next.at;
      next.run();
    }
    expect(fired).toEqual([["nightly", "2026-01-05T03:00:00.000Z"]]);
    scheduler.stop();
    expect(timers).toHaveLength(0);
  });
});
