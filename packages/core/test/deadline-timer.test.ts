import { describe, expect, it, vi } from "vitest";
import { raceDeadline } from "../src/runtime/deadline";

/** Every race shares one timer armed for the earliest expiry; these check it is moved and re-armed as it must be. */

const never = () => new Promise<never>(() => {});
const after = (ms: number, value: string) => () => new Promise<string>((resolve) => setTimeout(() => resolve(value), ms));
const late = () => {};

describe("races sharing one timer", () => {
  it("times each race out on its own deadline, whatever order they started in", async () => {
    const started = Date.now();
    const slow = raceDeadline(never, started + 400, 0, late);
    const quick = raceDeadline(never, started + 60, 0, late);
    const done = raceDeadline(after(10, "done"), started + 30, 0, late);
    expect(await done).toEqual({ timedOut: false, value: "done" });
    expect(await quick).toEqual({ timedOut: true });
    expect(Date.now() - started).toBeLessThan(300);
    expect(await slow).toEqual({ timedOut: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
  });

  it("keeps timing out after the timer functions were swapped for fake ones and back", async () => {
    vi.useFakeTimers();
    const faked = raceDeadline(never, Date.now() + 50, 0, late);
    vi.advanceTimersByTime(60);
    expect(await faked).toEqual({ timedOut: true });
    void raceDeadline(after(1, "x"), Date.now() + 10_000, 0, late);
    vi.useRealTimers();
    expect(await raceDeadline(never, Date.now() + 30, 0, late)).toEqual({ timedOut: true });
  });

  it("passes a failure through and leaves nothing armed for it", async () => {
    await expect(
      raceDeadline(
        () => {
          throw new Error("sync");
        },
        Date.now() + 1000,
        0,
        late,
      ),
    ).rejects.toThrow("sync");
    await expect(raceDeadline(() => Promise.reject(new Error("async")), Date.now() + 1000, 0, late)).rejects.toThrow("async");
  });
});
