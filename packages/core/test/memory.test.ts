import { describe, expect, it } from "vitest";
import { ConflictError, createMemoryKV, createMemoryQueue, InvalidArgumentError, supportsCompareAndSet } from "@faasport/core";

describe("memory KV", () => {
  it("stores text, JSON, bytes and streams; a missing key reads null", async () => {
    const kv = createMemoryKV();
    await kv.put("t", "héllo");
    await kv.put("j", JSON.stringify({ a: 1 }));
    await kv.put("b", new Uint8Array([0, 255, 1]));
    await kv.put("s", new Blob(["streamed"]).stream());
    expect(await kv.get("t")).toBe("héllo");
    expect(await kv.get("j", "json")).toEqual({ a: 1 });
    expect(new Uint8Array((await kv.get("b", "arrayBuffer"))!)).toEqual(new Uint8Array([0, 255, 1]));
    expect(await new Response(await kv.get("s", "stream")).text()).toBe("streamed");
    expect(await kv.get("missing")).toBeNull();
    await kv.delete("t");
    expect(await kv.get("t")).toBeNull();
  });

  it("copies values, so a caller mutating its buffer does not change the store", async () => {
    const kv = createMemoryKV();
    const bytes = new Uint8Array([1, 2, 3]);
    await kv.put("k", bytes);
    bytes[0] = 9;
    expect(new Uint8Array((await kv.get("k", "arrayBuffer"))!)[0]).toBe(1);
  });

  it("keeps metadata and expires keys on read", async () => {
    let now = 1_000_000;
    const kv = createMemoryKV({ now: () => now });
    await kv.put("k", "v", { expirationTtl: 60, metadata: { owner: "me" } });
    expect(await kv.getWithMetadata("k")).toEqual({ value: "v", metadata: { owner: "me" } });
    expect((await kv.list()).keys).toEqual([{ name: "k", expiration: 1060, metadata: { owner: "me" } }]);
    now += 60_000;
    expect(await kv.get("k")).toBeNull();
    expect((await kv.list()).keys).toEqual([]);
  });

  it("rejects bad arguments with typed errors", async () => {
    const kv = createMemoryKV();
    await expect(kv.put("", "v")).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(kv.put("k", "v", { expirationTtl: -1 })).rejects.toThrow(/expirationTtl must be a positive number/);
    await expect(kv.put("k", "v", { expiration: 1 })).rejects.toThrow(/expiration must be a time in the future/);
    await expect(kv.list({ limit: 0 })).rejects.toThrow(/list limit must be an integer from 1 to 1000/);
    await expect(kv.list({ cursor: "%%%" })).rejects.toThrow(/invalid list cursor/);
  });

  it("lists by prefix with cursor pagination in key order", async () => {
    const kv = createMemoryKV();
    for (let index = 0; index < 2500; index++) await kv.put(`item:${String(index).padStart(4, "0")}`, "x");
    await kv.put("other", "x");
    const names: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await kv.list(cursor ? { prefix: "item:", cursor } : { prefix: "item:" });
      names.push(...page.keys.map((key) => key.name));
      cursor = page.list_complete ? undefined : page.cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(names).toHaveLength(2500);
    expect(names[0]).toBe("item:0000");
    expect(names.at(-1)).toBe("item:2499");
  });

  it("compare-and-set loses no update among concurrent writers", async () => {
    const kv = createMemoryKV();
    expect(supportsCompareAndSet(kv)).toBe(true);
    const increment = async (): Promise<void> => {
      for (;;) {
        const { value, version } = await kv.getVersioned("n");
        const next = String(Number(value ? new TextDecoder().decode(value) : "0") + 1);
        try {
          await kv.compareAndSet("n", next, version);
          return;
        } catch (error) {
          if (!(error instanceof ConflictError)) throw error;
        }
      }
    };
    await Promise.all(Array.from({ length: 50 }, increment));
    expect(await kv.get("n")).toBe("50");
    await expect(kv.compareAndSet("n", "0", null)).rejects.toBeInstanceOf(ConflictError);
  });
});

describe("memory queue", () => {
  it("holds messages until due, copying bodies", async () => {
    let now = 0;
    const queue = createMemoryQueue<{ n: number }>({ now: () => now });
    const body = { n: 1 };
    await queue.send(body);
    body.n = 2;
    await queue.sendBatch([{ body: { n: 3 }, delaySeconds: 10 }, { body: { n: 4 } }]);
    expect(queue.size).toBe(3);
    expect(queue.take().map((m) => m.body)).toEqual([{ n: 1 }, { n: 4 }]);
    expect(queue.take()).toEqual([]);
    now = 10_000;
    expect(queue.take(5).map((m) => m.body)).toEqual([{ n: 3 }]);
    expect(queue.size).toBe(0);
  });
});
