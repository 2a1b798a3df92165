import { describe, expect, it } from "vitest";
import { InvalidArgumentError, defineApp, kv, queue } from "@faasport/core";
import { createRuntime, decodeMessageBody, embeddedDefaultUrl, encodeMessageBody, registerBindingScheme, registerEmbeddedDefault } from "@faasport/core/runtime";

describe("encodeMessageBody / decodeMessageBody", () => {
  it("round-trips text, JSON and bytes losslessly through text", () => {
    const bodies: unknown[] = ["hello", "42", "true", '{"not":"parsed"}', "", "ünïcødé 🚀", 42, -1.5, true, null, { a: [1, { b: "c" }] }, [1, "2"]];
    for (const body of bodies) expect(decodeMessageBody(encodeMessageBody(body))).toEqual(body);
    const bytes = new Uint8Array([0, 1, 2, 253, 254, 255]);
    const decoded = decodeMessageBody(encodeMessageBody(bytes));
    expect(decoded).toBeInstanceOf(Uint8Array);
    expect(Object.getPrototypeOf(decoded)).toBe(Uint8Array.prototype);
    expect([...(decoded as Uint8Array)]).toEqual([...bytes]);
    expect([...(decodeMessageBody(encodeMessageBody(bytes.buffer)) as Uint8Array)]).toEqual([...bytes]);
    const view = new DataView(bytes.buffer, 1, 2);
    expect([...(decodeMessageBody(encodeMessageBody(view)) as Uint8Array)]).toEqual([1, 2]);
  });

  it("puts plain JSON on the wire for text and JSON, and a marked envelope for bytes", () => {
    expect(encodeMessageBody("hi")).toBe('"hi"');
    expect(encodeMessageBody({ id: "1" })).toBe('{"id":"1"}');
    expect(encodeMessageBody(new Uint8Array([1, 2]))).toBe('{"$faasport":"bytes","base64":"AQI="}');
    // Characters SQS and XML refuse travel escaped.
    expect(encodeMessageBody("a\uFFFF\uFFFEb")).toBe('"a\\uffff\\ufffeb"');
    expect(decodeMessageBody(encodeMessageBody("a\uFFFF\uFFFEb"))).toBe("a\uFFFF\uFFFEb");
  });

  it("leaves look-alike objects from foreign producers alone", () => {
    expect(decodeMessageBody('{"$faasport":"bytes","base64":"AQI=","extra":1}')).toEqual({ $faasport: "bytes", base64: "AQI=", extra: 1 });
    expect(decodeMessageBody('{"$faasport":"bytes","base64":"not base64!"}')).toEqual({ $faasport: "bytes", base64: "not base64!" });
    expect(decodeMessageBody('{"$faasport":"other","base64":"AQI="}')).toEqual({ $faasport: "other", base64: "AQI=" });
  });

  it("rejects what JSON cannot carry", () => {
    expect(() => encodeMessageBody(undefined)).toThrow(InvalidArgumentError);
    expect(() => encodeMessageBody(() => 1)).toThrow(/JSON-serialisable or bytes/);
    expect(() => encodeMessageBody(10n)).toThrow(InvalidArgumentError);
    const cyclic: Record<string, unknown> = {};
    cyclic["self"] = cyclic;
    expect(() => encodeMessageBody(cyclic)).toThrow(InvalidArgumentError);
  });
});

describe("embedded default binding URLs", () => {
  it("is memory: until a driver package registers one per kind, and applies per kind through a fallback function", () => {
    expect(embeddedDefaultUrl("kv")).toBe("memory:");
    expect(embeddedDefaultUrl("queue")).toBe("memory:");
    const made: string[] = [];
    registerBindingScheme("embedded-test", (url, { kind, name }) => (made.push(`${kind}:${name}:${url.pathname}`), { send: async () => {}, sendBatch: async () => {} }));
    registerEmbeddedDefault("kv", "embedded-test:kv-store");
    registerEmbeddedDefault("queue", "embedded-test:queue-store");
    const app = defineApp({ bindings: { TODOS: kv(), JOBS: queue() }, fetch: () => new Response() });
    createRuntime(app, { cloud: "node", variables: {}, fallbackUrl: embeddedDefaultUrl });
    expect(made).toEqual(["kv:TODOS:kv-store", "queue:JOBS:queue-store"]);
    registerEmbeddedDefault("kv", "memory:");
    registerEmbeddedDefault("queue", "memory:");
  });
});
