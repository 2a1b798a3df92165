/**
 * Running a property of hostile input: the fixed seed, a per-case timeout,
 * an unhandled-rejection spy, and failure reports short enough to read.
 */
import fc from "fast-check";
import { fuzzRuns, fuzzSeed } from "./fuzz";

/**
 * Throws the first problem found, whole: a property's failure report then
 * says exactly what went wrong (an assertion would cut the text short).
 *
 * @example
 * failOn(settlementProblem(settled, mode), ...inspector.problems);
 */
export function failOn(...problems: (string | undefined)[]): void {
  const found = problems.find((problem) => problem !== undefined);
  if (found !== undefined) throw new Error(found);
}

/** Options of {@link checkProperty}. */
export interface PropertyOptions {
  readonly numRuns?: number;
  /** Per case. */
  readonly timeoutMs?: number;
  /** Cases that always run first, whatever the seed draws (the edges of a range, say). */
  readonly examples?: readonly unknown[];
}

/**
 * Runs a property with the fixed seed, failing a case that leaves an
 * unhandled rejection behind or takes longer than `timeoutMs`.
 *
 * @example
 * await checkProperty(mutatedEvent(sample), async ({ event }) => expect(settlementProblem(await settle(() => handler(event, ctx)), "ok")).toBeUndefined());
 */
export async function checkProperty<T>(arbitrary: fc.Arbitrary<T>, check: (value: T) => Promise<void>, options: PropertyOptions = {}): Promise<void> {
  const rejections: unknown[] = [];
  const spy = (reason: unknown): void => void rejections.push(reason);
  process.on("unhandledRejection", spy);
  try {
    const property = fc.asyncProperty(arbitrary, async (value) => {
      await check(value);
      // A rejection nobody handled is reported once the microtasks have run: give it that turn.
      await new Promise((resolve) => setImmediate(resolve));
      if (rejections.length > 0) throw new Error(`unhandled rejection: ${String(rejections.splice(0)[0])}`);
    });
    const examples = (options.examples ?? []).map((example) => [example as T] as [T]);
    await fc.assert(property, { seed: fuzzSeed, numRuns: options.numRuns ?? fuzzRuns, timeout: options.timeoutMs ?? 10_000, endOnFailure: true, examples });
  } catch (error) {
    // A counterexample may hold a megabyte of text: keep the report readable, the seed and path replay it exactly.
    const message = error instanceof Error ? error.message : String(error);
    const cause = error instanceof Error ? error.cause : undefined;
    throw new Error(shorten(message), { cause: cause instanceof Error ? new Error(shorten(cause.message)) : cause });
  } finally {
    process.off("unhandledRejection", spy);
  }
}

function shorten(text: string): string {
  return text.replace(/(.)\1{63,}/gsu, (run, char: string) => `${char.repeat(8)}…(${run.length / char.length} in all)`).slice(0, 6000);
}
