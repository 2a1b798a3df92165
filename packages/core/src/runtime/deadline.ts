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
export async function raceDeadline<T>(
  work: () => T | Promise<T>,
  deadline: number | undefined,
  marginMs: number | false,
  onLate: (error: unknown) => void,
): Promise<DeadlineRace<T>> {
  const running = (async () => work())();
  if (deadline === undefined || marginMs === false || !Number.isFinite(deadline)) return { timedOut: false, value: await running };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<DeadlineRace<T>>((resolve) => {
    timer = setTimeout(() => resolve({ timedOut: true }), Math.max(0, deadline - marginMs - Date.now()));
  });
  try {
    const race = await Promise.race([running.then((value): DeadlineRace<T> => ({ timedOut: false, value })), expired]);
    if (race.timedOut) running.then(undefined, onLate);
    return race;
  } finally {
    clearTimeout(timer);
  }
}
