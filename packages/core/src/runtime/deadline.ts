/**
 * Answering before the platform stops the function. Lambda, FC and SCF kill
 * an invocation at its deadline and the client gets the gateway's own error
 * (API Gateway: a bare 502 or 504, no request id); queue batches then come
 * back whole, acknowledged messages included. Racing the handler against a
 * timer set a margin before the deadline lets faasport answer first: a 504
 * with the request id, unfinished messages marked for retry, one log line.
 */

/** Default time kept before the platform's deadline to write the answer and return, in ms. */
export const defaultDeadlineMarginMs = 500;

/** What a race against the deadline ended with. */
export type DeadlineRace<T> = { readonly timedOut: false; readonly value: T } | { readonly timedOut: true };

/**
 * Runs `work` (started here, so a synchronous throw becomes a rejection)
 * and settles with its result, or with `timedOut` once `deadline - marginMs`
 * has passed. Without a deadline, or with `marginMs === false`, it only
 * waits for the work. Work that loses the race keeps running; `onLate`
 * hears how it ended, so its failure is logged and never unhandled.
 *
 * @example
 * const race = await raceDeadline(() => app.fetch(request, env, ctx), ctx.deadline, 500, (error) => log.warn("late failure", { error }));
 */
export function raceDeadline<T>(work: () => T | Promise<T>, deadline: number | undefined, marginMs: number | false, onLate: (error: unknown) => void): Promise<DeadlineRace<T>> {
  let running: Promise<T>;
  try {
    running = Promise.resolve(work());
  } catch (error) {
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the handler's own reason, passed on as it is
    running = Promise.reject(error);
  }
  if (deadline === undefined || marginMs === false || !Number.isFinite(deadline)) return running.then((value) => ({ timedOut: false, value }));
  return new Promise((resolve, reject) => {
    const unwatch = watch(deadline - marginMs, () => {
      resolve({ timedOut: true });
      running.then(undefined, onLate);
    });
    running.then(
      (value) => {
        unwatch();
        resolve({ timedOut: false, value });
      },
      (error: unknown) => {
        unwatch();
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the handler's own reason, passed on as it is
        reject(error);
      },
    );
  });
}

/*
 * One timer for every race, armed for the earliest expiry. A timer per
 * invocation cost more than a whole raw handler (Node files each new delay
 * in a list of its own); invocations of one instance mostly come one after
 * another with ever later deadlines, so the armed timer rarely needs moving.
 * Expiries are kept in epoch ms, as deadlines are; the timer itself runs on
 * the monotonic clock, and when it fires its own expiry counts as reached,
 * so a clock that stands still (a test's fake `Date`) cannot hold a race up.
 */
interface Watch {
  readonly at: number;
  readonly expire: () => void;
}
/** Running races; few at a time (a Lambda instance runs one invocation at a time), so an array beats a `Set`. */
const watches: Watch[] = [];
let timer: ReturnType<typeof setTimeout> | undefined;
let armedAt = Number.POSITIVE_INFINITY;
let armedWith: typeof setTimeout | undefined;

/** Calls `expire` once `at` (epoch ms) has passed, unless the returned function is called first. */
function watch(at: number, expire: () => void): () => void {
  const entry: Watch = { at, expire };
  watches.push(entry);
  // A test may swap the timer functions out (fake timers): a timer armed through others may never fire.
  if (entry.at < armedAt || armedWith !== globalThis.setTimeout) arm(entry.at);
  else if (watches.length === 1) holdProcess(true);
  return () => {
    const index = watches.indexOf(entry);
    if (index < 0) return;
    watches.splice(index, 1);
    if (watches.length === 0) holdProcess(false);
  };
}

function arm(at: number): void {
  if (timer !== undefined) clearTimeout(timer);
  armedAt = at;
  armedWith = globalThis.setTimeout;
  timer = setTimeout(fire, Math.max(0, at - Date.now()));
  holdProcess(watches.length > 0);
}

/**
 * A running race keeps the process alive until it is decided, as a timer of
 * its own would (a handler waiting on nothing must still answer 504 in
 * time); an armed timer with no race to decide must not.
 */
function holdProcess(hold: boolean): void {
  const handle = timer as { ref?: () => void; unref?: () => void } | undefined;
  if (hold) handle?.ref?.();
  else handle?.unref?.();
}

function fire(): void {
  // The timer was armed for `armedAt`: that much time has passed, even by a fake timer's clock.
  const now = Math.max(armedAt, Date.now());
  timer = undefined;
  armedAt = Number.POSITIVE_INFINITY;
  let next = Number.POSITIVE_INFINITY;
  for (const entry of watches.splice(0)) {
    if (entry.at <= now) entry.expire();
    else {
      watches.push(entry);
      if (entry.at < next) next = entry.at;
    }
  }
  if (next !== Number.POSITIVE_INFINITY) arm(next);
}
