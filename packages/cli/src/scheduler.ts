import { type Cron, cronMatches } from "./cron";

/** A named schedule. */
export interface Schedule {
  readonly name: string;
  readonly cron: Cron;
}

/** A running scheduler. */
export interface Scheduler {
  stop(): void;
}

/** The clock a scheduler reads; tests pass a fake one. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Fires each schedule at the start of every minute its cron matches (UTC), as
 * the clouds' timers do. Sleeps until the next minute boundary between checks,
 * so nothing drifts and an idle process wakes once a minute.
 *
 * @example
 * const scheduler = startScheduler([{ name: "nightly", cron: parseCron("0 3 * * *") }], (schedule) => run(schedule));
 * scheduler.stop();
 */
export function startScheduler(schedules: readonly Schedule[], fire: (schedule: Schedule, scheduledTime: number) => void, clock: Clock = systemClock): Scheduler {
  let handle: unknown;
  let stopped = false;
  const arm = (): void => {
    const now = clock.now();
    const next = Math.floor(now / 60_000) * 60_000 + 60_000;
    handle = clock.setTimeout(() => {
      if (stopped) return;
      const minute = new Date(next);
      for (const schedule of schedules) if (cronMatches(schedule.cron, minute)) fire(schedule, next);
      arm();
    }, next - now);
  };
  arm();
  return {
    stop() {
      stopped = true;
      clock.clearTimeout(handle);
    },
  };
}
