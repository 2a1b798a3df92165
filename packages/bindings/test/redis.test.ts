import { runKVSuite } from "@faasport/contract";
import { isFaasportError, type ProviderError } from "@faasport/core";
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createRedisKV, type RedisKV, redisKVFromUrl } from "../src/redis";
import { freePort, startRedis } from "./_servers";

const maxValueBytes = 25 * 1024 * 1024;
let server: Awaited<ReturnType<typeof startRedis>>;
beforeAll(async () => {
  // The server's own bulk limit set to the driver's, so the suite's edge case meets the real one.
  server = await startRedis(["--proto-max-bulk-len", "25mb"]);
});
afterAll(() => server.stop());

runKVSuite({
  name: "redis",
  create: () => createRedisKV({ url: server.url, namespace: "TODOS", maxValueBytes }),
  dispose: (kv) => (kv as RedisKV).close(),
  limits: { maxValueBytes, listOrder: "lexicographic" },
  compareAndSet: true,
  extra: (kv) => {
    it("keeps every key of a namespace under one hash tag (cluster-safe scripts), and drops index entries of expired keys", async () => {
      const raw = new Redis(server.port, "127.0.0.1");
      try {
        await kv().put("a", "1");
        await kv().put("b", "2", { expirationTtl: 60 });
        expect((await raw.keys("*")).sort()).toEqual(["{TODOS}:index", "{TODOS}:k:a", "{TODOS}:k:b", "{TODOS}:seq"]);
        expect(await raw.pttl("{TODOS}:k:b")).toBeGreaterThan(58_000);
        await raw.del("{TODOS}:k:b");
        expect((await kv().list()).keys.map((key) => key.name)).toEqual(["a"]);
        expect(await raw.zrange("{TODOS}:index", "0", "-1")).toEqual(["a"]);
      } finally {
        raw.disconnect();
      }
    });

    it("reports a server error as a ProviderError that is not retryable, keeping the cause", async () => {
      const raw = new Redis(server.port, "127.0.0.1");
      await raw.set("{TODOS}:k:wrong", "a plain string, not a hash");
      raw.disconnect();
      const error = (await kv()
        .get("wrong")
        .catch((caught: unknown) => caught)) as ProviderError;
      expect(isFaasportError(error, "PROVIDER")).toBe(true);
      expect([error.provider, error.retryable]).toEqual(["redis", false]);
      expect(String((error.cause as Error).message)).toMatch(/WRONGTYPE/);
    });
  },
});

it("reports a refused connection as a retryable ProviderError", async () => {
  const kv = createRedisKV({ url: `redis://127.0.0.1:${await freePort()}` });
  const error = (await kv.get("k").catch((caught: unknown) => caught)) as ProviderError;
  expect(isFaasportError(error, "PROVIDER")).toBe(true);
  expect(error.retryable).toBe(true);
  await kv.close().catch(() => {});
});

it("builds from a URL: database number, namespace from the binding name or ?namespace=", async () => {
  const fromName = redisKVFromUrl(new URL(`${server.url}/3`), "JOBS");
  const fromParam = redisKVFromUrl(new URL(`${server.url}/3?namespace=other`), "JOBS");
  await fromName.put("k", "v");
  await fromParam.put("k", "w");
  const raw = new Redis(server.port, "127.0.0.1", { db: 3 });
  expect((await raw.keys("*k:k")).sort()).toEqual(["{JOBS}:k:k", "{other}:k:k"]);
  raw.disconnect();
  await Promise.all([fromName.close(), fromParam.close()]);
});
