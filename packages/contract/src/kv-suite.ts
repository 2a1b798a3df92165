import { isFaasportError, type KV } from "@faasport/core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { seededBytes } from "./payloads";
import { casCases, expiryCases, keyCases, listCases, readStream, valueCases } from "./kv-suite-cases";

/** What a KV backend allows. The suite checks each rule at its edge instead of skipping what a backend lacks. */
export interface KVDriverLimits {
  /** Largest value accepted, in bytes, for a short key without metadata. Absent: none the suite can reach (it then checks 25 MiB). */
  readonly maxValueBytes?: number;
  /** Longest key, in UTF-8 bytes. Absent: no practical limit (the suite checks a 4 KiB key). */
  readonly maxKeyBytes?: number;
  /** Largest metadata, as serialised JSON bytes. Absent: no limit the suite checks. */
  readonly maxMetadataBytes?: number;
  /** Shortest `expirationTtl` accepted, in seconds (60 on Cloudflare KV). Default 1. */
  readonly minExpirationTtl?: number;
  /** Key order of `list`: by UTF-8 bytes, as Cloudflare KV, or unordered (a DynamoDB scan). */
  readonly listOrder: "lexicographic" | "unordered";
}

/** A clock the driver reads, which the suite can move so expiry needs no waiting. */
export interface KVSuiteClock {
  /** Epoch ms. */
  now(): number;
  advance(seconds: number): void | Promise<void>;
}

/** One KV driver under the shared suite. */
export interface KVSuiteDefinition {
  /** Shown in test names, e.g. `redis`. */
  readonly name: string;
  /** Builds the KV under test, once, after the backend is up. */
  create(): KV | Promise<KV>;
  /** Releases what `create` opened (connections, files). */
  dispose?(kv: KV): void | Promise<void>;
  readonly limits: KVDriverLimits;
  /** Whether the driver declares atomic compare-and-set. The suite checks the flag either way. */
  readonly compareAndSet: boolean;
  /** The driver's clock, when it enforces expiry itself on read; absent, the suite waits in real time (or, past a few seconds, checks what it can see). */
  readonly clock?: KVSuiteClock;
  /** `faasport` (default): bad input is an `InvalidArgumentError`; `native`: a platform binding with errors of its own. */
  readonly errors?: "faasport" | "native";
  /** Driver-specific tests, registered inside the suite's `describe`. */
  readonly extra?: (kv: () => KV) => void;
}

/** What the cases share. */
export interface KVSuiteContext {
  readonly definition: KVSuiteDefinition;
  kv(): KV;
  now(): number;
  /** Asserts that `action` rejects the input: an `InvalidArgumentError` from faasport drivers, any error from native bindings. */
  rejects(action: () => Promise<unknown>, message?: RegExp): Promise<void>;
}

/**
 * Registers the whole KV suite for one driver: get/put/delete, text, JSON,
 * bytes and streams, metadata, expiry, `list` with prefix and cursor over more
 * than 1,000 keys, unicode and long keys, values up to the driver's limit,
 * concurrent writers and compare-and-set. State is cleared after each test.
 *
 * @example
 * runKVSuite({ name: "memory", create: () => createMemoryKV(), limits: { listOrder: "lexicographic" }, compareAndSet: true });
 */
export function runKVSuite(definition: KVSuiteDefinition): void {
  describe(`kv driver: ${definition.name}`, () => {
    let instance: KV | undefined;
    beforeAll(async () => {
      instance = await definition.create();
    });
    afterEach(async () => {
      if (instance) await clearKV(instance);
    });
    afterAll(async () => {
      if (instance) await definition.dispose?.(instance);
    });
    const context: KVSuiteContext = {
      definition,
      kv: () => {
        if (!instance) throw new Error(`kv driver ${definition.name} was not created`);
        return instance;
      },
      now: () => definition.clock?.now() ?? Date.now(),
      rejects: async (action, message) => {
        const error = await action().then(
          () => undefined,
          (caught: unknown) => caught ?? new Error("rejected with nothing"),
        );
        expect(error, "expected a rejection").toBeInstanceOf(Error);
        if (definition.errors !== "native") expect(isFaasportError(error, "INVALID_ARGUMENT"), (error as Error).message).toBe(true);
        if (message && definition.errors !== "native") expect((error as Error).message).toMatch(message);
      },
    };
    basicCases(context);
    valueCases(context);
    keyCases(context);
    expiryCases(context);
    listCases(context);
    casCases(context);
    definition.extra?.(context.kv);
  });
}

/** Deletes every key, page by page. */
export async function clearKV(kv: KV): Promise<void> {
  for (;;) {
    const { keys } = await kv.list();
    if (keys.length === 0) return;
    for (let index = 0; index < keys.length; index += 100) await Promise.all(keys.slice(index, index + 100).map((key) => kv.delete(key.name)));
  }
}

/** The value and metadata of a `getWithMetadata` answer (Workers adds `cacheStatus`). */
const pair = (result: { value: unknown; metadata: unknown }): { value: unknown; metadata: unknown } => ({ value: result.value, metadata: result.metadata });

function basicCases({ definition, kv, rejects }: KVSuiteContext): void {
  it("reads null for a missing key, in every type", async () => {
    expect(await kv().get("missing")).toBeNull();
    expect(await kv().get("missing", "json")).toBeNull();
    expect(await kv().get("missing", "arrayBuffer")).toBeNull();
    expect(await kv().get("missing", "stream")).toBeNull();
    expect(pair(await kv().getWithMetadata("missing"))).toEqual({ value: null, metadata: null });
  });

  it("puts and gets text, JSON, bytes and streams, each readable as every type", async () => {
    const bytes = seededBytes(4096, 7);
    bytes.set([0, 255, 0xc3, 0x28], 0); // not valid UTF-8: bytes must survive as bytes
    await kv().put("text", "héllo wörld ✓");
    await kv().put("json", JSON.stringify({ n: 1, list: [true, null, "x"] }));
    await kv().put("bytes", bytes);
    await kv().put("buffer", bytes.buffer.slice(0, 16));
    await kv().put("stream", new Response("streamed ✓").body!);
    expect(await kv().get("text")).toBe("héllo wörld ✓");
    expect(await kv().get("text", "text")).toBe("héllo wörld ✓");
    expect(await kv().get("json", "json")).toEqual({ n: 1, list: [true, null, "x"] });
    expect(new Uint8Array((await kv().get("bytes", "arrayBuffer"))!)).toEqual(bytes);
    expect(await readStream(await kv().get("bytes", "stream"))).toEqual(bytes);
    expect(new Uint8Array((await kv().get("buffer", "arrayBuffer"))!)).toEqual(bytes.slice(0, 16));
    expect(await kv().get("stream")).toBe("streamed ✓");
    expect(new TextDecoder().decode((await kv().get("text", "arrayBuffer"))!)).toBe("héllo wörld ✓");
    await expect(kv().get("text", "json")).rejects.toThrow();
  });

  it("overwrites value and metadata together, and deletes (a missing key too)", async () => {
    await kv().put("k", "one", { metadata: { v: 1 } });
    await kv().put("k", "two");
    expect(pair(await kv().getWithMetadata("k"))).toEqual({ value: "two", metadata: null });
    await kv().delete("k");
    await kv().delete("k");
    await kv().delete("never-there");
    expect(await kv().get("k")).toBeNull();
    expect((await kv().list()).keys).toEqual([]);
  });

  it("keeps JSON metadata beside the value, in getWithMetadata and list", async () => {
    const metadata = { owner: "ünïcødé", tags: ["a", "b"], n: 1.5, nested: { ok: true } };
    await kv().put("meta", "value", { metadata });
    expect(pair(await kv().getWithMetadata("meta"))).toEqual({ value: "value", metadata });
    expect(
      await kv()
        .getWithMetadata("meta", "json")
        .catch(() => "not json"),
    ).toBe("not json");
    await kv().put("meta-json", '{"a":1}', { metadata: "plain string" });
    expect(pair(await kv().getWithMetadata("meta-json", "json"))).toEqual({ value: { a: 1 }, metadata: "plain string" });
    const { keys } = await kv().list({ prefix: "meta" });
    expect(keys.sort((a, b) => (a.name < b.name ? -1 : 1))).toEqual([
      { name: "meta", metadata },
      { name: "meta-json", metadata: "plain string" },
    ]);
  });

  it("rejects bad input: empty key, bad TTL or expiration, list limit out of range", async () => {
    await rejects(() => kv().put("", "x"));
    await rejects(() => kv().get(""));
    await rejects(() => kv().put("k", "x", { expirationTtl: -1 }));
    await rejects(() => kv().put("k", "x", { expiration: Math.floor(Date.now() / 1000) - 10 }));
    // Workers' binding drops a limit of 0 and lists with its default; faasport drivers refuse it.
    if (definition.errors !== "native") await rejects(() => kv().list({ limit: 0 }));
    await rejects(() => kv().list({ limit: 1001 }));
    expect(await kv().get("k")).toBeNull();
  });

  it("survives 50 concurrent writers: distinct keys all land, one key ends whole (value and metadata from the same put)", async () => {
    await Promise.all(Array.from({ length: 50 }, (_, index) => kv().put(`w:${index}`, `value ${index}`)));
    const values = await Promise.all(Array.from({ length: 50 }, (_, index) => kv().get(`w:${index}`)));
    expect(values).toEqual(Array.from({ length: 50 }, (_, index) => `value ${index}`));
    await Promise.all(Array.from({ length: 50 }, (_, index) => kv().put("same", `value ${index}`, { metadata: { index } })));
    const { value, metadata } = await kv().getWithMetadata<{ index: number }>("same");
    expect(value).toBe(`value ${metadata?.index}`);
  });
}
