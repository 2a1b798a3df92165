import { ConflictError, isFaasportError, type ProviderError } from "@faasport/core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createRedisKV, type RedisKV } from "../src/redis";
import { startRedis } from "./_servers";

/**
 * The Redis backend disappears mid-test (the server is stopped by its PID)
 * and comes back on the same port: calls fail fast with a retryable
 * ProviderError rather than hanging or throwing a client's own error, and the
 * same KV object works again once the server is back, without a restart.
 */

let server: Awaited<ReturnType<typeof startRedis>>;
let kv: RedisKV;
beforeAll(async () => {
  server = await startRedis();
  kv = createRedisKV({ url: server.url, namespace: "faults" });
});
afterAll(async () => {
  await kv.close().catch(() => {});
  await server.stop();
});

async function failure(action: Promise<unknown>): Promise<unknown> {
  return action.then(
    (value) => ({ resolved: value }),
    (error: unknown) => error,
  );
}

it("fails every call with a retryable ProviderError while the server is down, then recovers on its own when it is back", async () => {
  await kv.put("k", "before");
  const version = await kv.compareAndSet("cas", "1", null);

  // Killed with calls in flight: each settles, as a retryable ProviderError or (if it won the race) a result.
  const inFlight = Array.from({ length: 20 }, (_, index) => failure(kv.put(`burst-${index}`, "x")));
  await server.stop();
  for (const outcome of await Promise.all(inFlight)) {
    if (!(typeof outcome === "object" && outcome !== null && "resolved" in outcome))
      expect([isFaasportError(outcome, "PROVIDER"), (outcome as ProviderError).retryable]).toEqual([true, true]);
  }

  const started = Date.now();
  for (const call of [kv.get("k"), kv.put("k", "during"), kv.list(), kv.delete("k"), kv.compareAndSet("cas", "2", version)]) {
    const error = (await failure(call)) as ProviderError;
    expect(isFaasportError(error, "PROVIDER"), String(error)).toBe(true);
    expect([error.provider, error.retryable]).toEqual(["redis", true]);
    expect(error.message).toMatch(/^\[faasport\] \[redis\] /);
    expect(error.cause).toBeInstanceOf(Error);
  }
  // Fails fast: a serverless invocation has a deadline, so calls are not queued until the server returns.
  expect(Date.now() - started).toBeLessThan(10_000);

  server = await startRedis([], server.port);
  let recovered: unknown;
  for (const until = Date.now() + 15_000; Date.now() < until; await new Promise((resolve) => setTimeout(resolve, 100))) {
    recovered = await failure(kv.put("k", "after"));
    if (typeof recovered === "object" && recovered !== null && "resolved" in recovered) break;
  }
  expect(recovered).toEqual({ resolved: undefined });
  expect(await kv.get("k")).toBe("after");
});

it("tells a lost compare-and-set race (a ConflictError, not retryable by waiting) from a backend failure", async () => {
  const version = await kv.compareAndSet("race", "1", null);
  await kv.compareAndSet("race", "2", version);
  const error = await failure(kv.compareAndSet("race", "3", version));
  expect(error).toBeInstanceOf(ConflictError);
  expect([isFaasportError(error, "CONFLICT"), isFaasportError(error, "PROVIDER"), (error as ConflictError).key]).toEqual([true, false, "race"]);
});
