import { describe, expect, it } from "vitest";
import { createRequest } from "@faasport/core/runtime";

const parts = (body: Uint8Array | string | null = null, method = "POST") => ({
  method,
  url: "https://example.com/a%20b?x=1&x=2",
  headers: [
    ["content-type", "application/json"],
    ["x-multi", "a"],
    ["x-multi", "b"],
  ] as const,
  body,
});

describe("createRequest", () => {
  it("is a Request to every check a library makes", () => {
    const request = createRequest(parts());
    expect(request instanceof Request).toBe(true);
    expect(Object.prototype.toString.call(request)).toBe("[object Request]");
    expect(request.method).toBe("POST");
    expect(request.url).toBe("https://example.com/a%20b?x=1&x=2");
    expect(request.headers).toBeInstanceOf(Headers);
    expect(request.headers.get("x-multi")).toBe("a, b");
  });

  it("reads in-memory bodies without building the real Request, once", async () => {
    const request = createRequest(parts('{"a":1}'));
    expect(request.bodyUsed).toBe(false);
    expect(await request.json()).toEqual({ a: 1 });
    expect(request.bodyUsed).toBe(true);
    await expect(request.text()).rejects.toThrow(TypeError);
  });

  it("keeps bytes exact through arrayBuffer and bytes", async () => {
    const bytes = new Uint8Array([0, 1, 254, 255]);
    expect(new Uint8Array(await createRequest(parts(bytes)).arrayBuffer())).toEqual(bytes);
    expect(await createRequest(parts(bytes)).bytes()).toEqual(bytes);
  });

  it("delegates the rest to a real Request: streams, clone, formData, signal", async () => {
    const form = createRequest({ method: "POST", url: "https://e.com/", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "a=1&b=%C3%BC" });
    const data = await form.formData();
    expect(data.get("b")).toBe("ü");
    const streamed = createRequest(parts("streamed"));
    expect(await new Response(streamed.body).text()).toBe("streamed");
    expect(streamed.bodyUsed).toBe(true);
    const cloned = createRequest(parts("twice")).clone();
    expect(await cloned.text()).toBe("twice");
    expect(createRequest(parts()).signal).toBeInstanceOf(AbortSignal);
  });

  it("can be passed to new Request, as routers and fetch do", async () => {
    const copy = new Request(createRequest(parts("payload")), { headers: { "x-extra": "1" } });
    expect(copy.method).toBe("POST");
    expect(copy.headers.get("x-extra")).toBe("1");
    expect(await copy.text()).toBe("payload");
    const plain = new Request(createRequest(parts(null, "GET")));
    expect(plain.url).toBe("https://example.com/a%20b?x=1&x=2");
  });

  it("an empty body reads as empty text, and GET bodies are ignored by the real Request", async () => {
    expect(await createRequest(parts(null, "GET")).text()).toBe("");
    expect(createRequest(parts("ignored", "GET")).body).toBeNull();
  });

  it("drops a header value the Fetch API refuses instead of failing the request", () => {
    const request = createRequest({
      method: "GET",
      url: "https://e.com/",
      headers: [
        ["x-ok", "1"],
        ["bad header", "x"],
      ],
      body: null,
    });
    expect(request.headers.get("x-ok")).toBe("1");
    expect([...request.headers.keys()]).toEqual(["x-ok"]);
  });
});

describe("header values a platform delivered past U+00FF", () => {
  it("reach the app as their UTF-8 bytes, as Node delivers them, instead of being dropped; a bare CR still is", async () => {
    const request = createRequest({
      method: "GET",
      url: "https://h/",
      headers: [
        ["x-org", "東京"],
        ["x-latin", "acmé"],
        ["x-cr", "a\rb"],
      ],
      body: null,
    });
    const bytes = request.headers.get("x-org") ?? "";
    expect(new TextDecoder().decode(Uint8Array.from(bytes, (char) => char.charCodeAt(0)))).toBe("東京");
    expect([request.headers.get("x-latin"), request.headers.has("x-cr")]).toEqual(["acmé", false]);
  });
});
