import { type AtomicKV, isFaasportError, supportsCompareAndSet } from "@faasport/core";
import { expect, it } from "vitest";
import { seededBytes } from "./payloads";
import type { KVSuiteContext } from "./kv-suite";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const mib = 1024 * 1024;
const byBytes = (a: string, b: string): number => {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  for (let index = 0; index < Math.min(x.length, y.length); index++) if (x[index] !== y[index]) return x[index]! - y[index]!;
  return x.length - y.length;
};

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let index = 0; index < a.byteLength; index++) if (a[index] !== b[index]) return false;
  return true;
}

/** Reads a whole stream. */
export async function readStream(stream: ReadableStream | null): Promise<Uint8Array> {
  if (!stream) throw new Error("expected a stream, got null");
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** A key of exactly `size` UTF-8 bytes, mixing 1- to 4-byte characters. */
export function keyOfBytes(size: number, prefix = "long:"): string {
  let key = prefix;
  for (const piece of ["é", "✓", "😀", "k"]) while (encoder.encode(key + piece).length <= size - 8) key += piece;
  while (encoder.encode(key).length < size) key += "x";
  return key;
}

export function valueCases({ definition, kv, rejects }: KVSuiteContext): void {
  const { maxValueBytes, maxMetadataBytes } = definition.limits;
  const size = maxValueBytes ?? 25 * mib;
  it(`stores a value of ${size.toLocaleString("en")} bytes byte for byte${maxValueBytes ? ", and refuses one byte more with a clear error" : " (no limit the backend sets below that)"}`, async () => {
    // Streams both ways: the way large values are best moved, and the fast path through Miniflare's proxy.
    const big = seededBytes(size, 11);
    await kv().put("big", new Blob([big]).stream());
    const back = await readStream(await kv().get("big", "stream"));
    expect(back.byteLength).toBe(size);
    expect(sameBytes(back, big)).toBe(true);
    if (maxValueBytes) {
      await rejects(() => kv().put("too-big", new Blob([seededBytes(size + 1, 11)]).stream()), /limit/);
      expect(await kv().get("too-big")).toBeNull();
    }
  });

  if (maxMetadataBytes) {
    it(`keeps metadata of ${maxMetadataBytes} bytes and refuses more`, async () => {
      const metadata = { pad: "m".repeat(maxMetadataBytes - 10) };
      expect(encoder.encode(JSON.stringify(metadata)).length).toBe(maxMetadataBytes);
      await kv().put("meta-max", "v", { metadata });
      expect((await kv().getWithMetadata("meta-max")).metadata).toEqual(metadata);
      await rejects(() => kv().put("meta-over", "v", { metadata: { pad: `${metadata.pad}m` } }), /limit/);
    });
  }
}

export function keyCases({ definition, kv, rejects }: KVSuiteContext): void {
  it("stores unicode and punctuation keys as given, and lists them", async () => {
    const keys = ["ключ", "键:值", "emoji 🔑", "a/b?c#d%20e&f=g+h", "line\nbreak\ttab", "  spaced  ", "\u00e9 vs e\u0301"];
    await Promise.all(keys.map((key, index) => kv().put(key, `v${index}`)));
    expect(await Promise.all(keys.map((key) => kv().get(key)))).toEqual(keys.map((_, index) => `v${index}`));
    expect((await kv().list()).keys.map((key) => key.name).sort(byBytes)).toEqual([...keys].sort(byBytes));
    await Promise.all(keys.map((key) => kv().delete(key)));
    expect((await kv().list()).keys).toEqual([]);
  });

  const max = definition.limits.maxKeyBytes;
  it(max ? `accepts a key of ${max} UTF-8 bytes and refuses one byte longer` : "accepts a 4 KiB key (no practical limit)", async () => {
    const key = keyOfBytes(max ?? 4096);
    await kv().put(key, "long");
    expect(await kv().get(key)).toBe("long");
    expect((await kv().list({ prefix: "long:" })).keys.map((entry) => entry.name)).toEqual([key]);
    if (max) await rejects(() => kv().put(`${key}x`, "too long"), /limit|long/);
  });
}

export function expiryCases({ definition, kv, now, rejects }: KVSuiteContext): void {
  const minimum = definition.limits.minExpirationTtl ?? 1;
  const clock = definition.clock;
  const seconds = (): number => Math.floor(now() / 1000);

  it(`records the expiry asked by expirationTtl (≥ ${minimum} s) or expiration, and lists it`, async () => {
    const at = seconds() + minimum + 100;
    await kv().put("ttl", "v", { expirationTtl: minimum + 30 });
    await kv().put("abs", "v", { expiration: at });
    await kv().put("forever", "v");
    const keys = Object.fromEntries((await kv().list()).keys.map((key) => [key.name, key]));
    expect(Math.abs(keys["ttl"]!.expiration! - (seconds() + minimum + 30))).toBeLessThanOrEqual(2);
    expect(keys["abs"]!.expiration).toBe(at);
    expect(keys["forever"]!.expiration).toBeUndefined();
    if (minimum > 1) await rejects(() => kv().put("short", "v", { expirationTtl: minimum - 1 }));
  });

  const expire = async (ttl: number): Promise<void> => {
    if (clock) return void (await clock.advance(ttl + 1));
    const deadline = Date.now() + (ttl + 2) * 1000;
    while (Date.now() < deadline && (await kv().get("short-lived")) !== null) await new Promise((resolve) => setTimeout(resolve, 100));
  };
  if (clock || minimum <= 2) {
    it(`expires keys: gone from get, getWithMetadata and list once the time has passed (${clock ? "driver clock moved" : "real time"})`, async () => {
      await kv().put("short-lived", "v", { expirationTtl: minimum, metadata: { m: 1 } });
      await kv().put("kept", "v");
      expect(await kv().get("short-lived")).toBe("v");
      await expire(minimum);
      expect(await kv().get("short-lived")).toBeNull();
      const gone = await kv().getWithMetadata("short-lived");
      expect([gone.value, gone.metadata]).toEqual([null, null]);
      expect((await kv().list()).keys.map((key) => key.name)).toEqual(["kept"]);
    });
  } else {
    it(`keeps a key until its expiry (≥ ${minimum} s, enforced by the platform; too long to wait for here)`, async () => {
      await kv().put("short-lived", "v", { expirationTtl: minimum });
      expect(await kv().get("short-lived")).toBe("v");
      expect((await kv().list()).keys[0]?.expiration).toBeGreaterThanOrEqual(seconds() + minimum - 2);
    });
  }
}

export function listCases({ definition, kv }: KVSuiteContext): void {
  const sorted = definition.limits.listOrder === "lexicographic";
  const pageThrough = async (prefix: string | undefined, limit: number | undefined): Promise<string[][]> => {
    const pages: string[][] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await kv().list({ ...(prefix === undefined ? {} : { prefix }), ...(limit === undefined ? {} : { limit }), ...(cursor ? { cursor } : {}) });
      pages.push(page.keys.map((key) => key.name));
      expect(page.keys.length).toBeLessThanOrEqual(limit ?? 1000);
      if (page.list_complete) return pages;
      expect(typeof page.cursor).toBe("string");
      cursor = page.cursor;
      if (pages.length > 50) throw new Error("list never completed");
    }
  };

  it(`pages through 1,050 keys with prefix and cursor, each key once${sorted ? ", in UTF-8 byte order" : " (order unspecified)"}`, async () => {
    const names = Array.from({ length: 1050 }, (_, index) => `page:${String(index).padStart(4, "0")}`);
    const others = ["other:1", "pagf", "pag", "Page:1"];
    for (let index = 0; index < names.length; index += 100) await Promise.all(names.slice(index, index + 100).map((name) => kv().put(name, "v")));
    await Promise.all(others.map((name) => kv().put(name, "v")));
    const full = await pageThrough("page:", undefined);
    if (sorted) expect(full.map((page) => page.length)).toEqual([1000, 50]);
    const small = await pageThrough("page:", 300);
    for (const pages of [full, small]) {
      const seen = pages.flat();
      expect(seen.length).toBe(names.length);
      expect(sorted ? seen : [...seen].sort()).toEqual(names);
    }
    if (sorted) expect(small.map((page) => page.length)).toEqual([300, 300, 300, 150]);
    expect((await pageThrough(undefined, undefined)).flat().length).toBe(names.length + others.length);
    expect(await kv().list({ prefix: "nothing:" })).toMatchObject({ keys: [], list_complete: true });
  });

  it("does not list a key deleted after the page before it was read", async () => {
    await Promise.all(Array.from({ length: 10 }, (_, index) => kv().put(`d:${index}`, "v")));
    const first = await kv().list({ prefix: "d:", limit: 5 });
    const rest = Array.from({ length: 10 }, (_, index) => `d:${index}`).filter((name) => !first.keys.some((key) => key.name === name));
    await kv().delete(rest[0]!);
    const second = await kv().list({ prefix: "d:", cursor: first.cursor! });
    const names = second.keys.map((key) => key.name);
    if (!second.list_complete) names.push(...(await kv().list({ prefix: "d:", cursor: second.cursor! })).keys.map((key) => key.name));
    expect(names.sort()).toEqual(rest.slice(1).sort());
  });

  if (sorted) {
    it("orders keys by UTF-8 bytes, astral characters after the rest of the BMP", async () => {
      const keys = ["o:😀", "o:\uFFFD", "o:z", "o:é", "o:a", "o:ab"];
      await Promise.all(keys.map((key) => kv().put(key, "v")));
      expect((await kv().list({ prefix: "o:" })).keys.map((key) => key.name)).toEqual(["o:a", "o:ab", "o:z", "o:é", "o:\uFFFD", "o:😀"]);
      const page = await kv().list({ prefix: "o:", limit: 4 });
      expect((await kv().list({ prefix: "o:", cursor: page.cursor! })).keys.map((key) => key.name)).toEqual(["o:\uFFFD", "o:😀"]);
    });
  }
}

export function casCases({ definition, kv }: KVSuiteContext): void {
  if (!definition.compareAndSet) {
    it("declares no compare-and-set, and its flag says so", () => {
      expect(supportsCompareAndSet(kv())).toBe(false);
    });
    return;
  }
  const atomic = (): AtomicKV => kv() as AtomicKV;
  const conflict = async (action: Promise<unknown>): Promise<void> => {
    const error = await action.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(isFaasportError(error, "CONFLICT"), String(error)).toBe(true);
  };

  it("declares compare-and-set and honours versions: create-if-absent, stale versions, plain puts and deletes", async () => {
    expect(supportsCompareAndSet(kv())).toBe(true);
    expect(await atomic().getVersioned("c")).toEqual({ value: null, version: null });
    const first = await atomic().compareAndSet("c", "1", null, { metadata: { by: "cas" } });
    expect(typeof first).toBe("string");
    await conflict(atomic().compareAndSet("c", "x", null));
    const read = await atomic().getVersioned("c");
    expect([decoder.decode(read.value!), read.version]).toEqual(["1", first]);
    const withMetadata = await kv().getWithMetadata("c");
    expect([withMetadata.value, withMetadata.metadata]).toEqual(["1", { by: "cas" }]);
    const second = await atomic().compareAndSet("c", new Uint8Array([50]), first);
    expect(second).not.toBe(first);
    await conflict(atomic().compareAndSet("c", "3", first));
    await kv().put("c", "plain");
    await conflict(atomic().compareAndSet("c", "3", second));
    const afterPut = (await atomic().getVersioned("c")).version;
    await kv().delete("c");
    await conflict(atomic().compareAndSet("c", "4", afterPut));
    const recreated = await atomic().compareAndSet("c", "5", null);
    expect([first, second, afterPut]).not.toContain(recreated);
    expect(await kv().get("c")).toBe("5");
  });

  it("loses no update under 50 concurrent read-increment-write loops", async () => {
    await atomic().compareAndSet("counter", "0", null);
    let conflicts = 0;
    const increment = async (): Promise<void> => {
      for (let attempt = 1; ; attempt++) {
        const { value, version } = await atomic().getVersioned("counter");
        try {
          await atomic().compareAndSet("counter", String(Number(decoder.decode(value!)) + 1), version);
          return;
        } catch (error) {
          if (!isFaasportError(error, "CONFLICT")) throw error;
          conflicts++;
          // Exponential backoff with full jitter, as a real client would, so the writers do not retry in lockstep.
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 4 * 2 ** Math.min(attempt, 7)));
        }
      }
    };
    await Promise.all(Array.from({ length: 50 }, increment));
    expect(await kv().get("counter")).toBe("50");
    expect(conflicts).toBeGreaterThan(0);
  });
}
