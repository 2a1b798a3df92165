import { describe, expect, it } from "vitest";
import { realResponseClass, serializeResponse, textTypeMatcher } from "@faasport/core/runtime";
import { LightResponseClass as Light, readLightResponse } from "../src/runtime/light-response";

const isText = textTypeMatcher();

describe("the light Response stand-in", () => {
  it("behaves as a Response for status, headers and body reads", async () => {
    const response = new Light("héllo", { status: 201, statusText: "Created", headers: { "X-Thing": "1" } });
    expect(response instanceof Light).toBe(true);
    expect(new Response("real") instanceof Light).toBe(true);
    expect(Object.getPrototypeOf(Light.prototype)).toBe(realResponseClass().prototype);
    expect(response instanceof realResponseClass()).toBe(true);
    expect(Object.prototype.toString.call(response)).toBe("[object Response]");
    expect([response.status, response.statusText, response.ok, response.type, response.url, response.redirected]).toEqual([201, "Created", true, "default", "", false]);
    expect(response.headers.get("x-thing")).toBe("1");
    expect(response.headers.get("content-type")).toBe("text/plain;charset=UTF-8");
    expect(await response.text()).toBe("héllo");
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toThrow(TypeError);
  });

  it("validates status like the Fetch API", () => {
    expect(() => new Light("x", { status: 99 })).toThrow(RangeError);
    expect(() => new Light("x", { status: 204 })).toThrow(TypeError);
    expect(new Light(null, { status: 204 }).status).toBe(204);
  });

  it("Response.json sets the JSON type unless given one", async () => {
    const plain = Light.json({ a: 1 });
    expect(plain.headers.get("content-type")).toBe("application/json");
    expect(await plain.json()).toEqual({ a: 1 });
    expect(Light.json([1], { headers: { "Content-Type": "application/problem+json" } }).headers.get("content-type")).toBe("application/problem+json");
    expect(() => Light.json(undefined)).toThrow(TypeError);
  });

  it("hands out streams, blobs and clones through the real Response", async () => {
    expect(await new Response(new Light("streamed").body).text()).toBe("streamed");
    expect(await (await new Light(new Uint8Array([1, 2])).blob()).arrayBuffer()).toEqual(new Uint8Array([1, 2]).buffer);
    const original = new Light("twice", { headers: { a: "b" } });
    const copy = original.clone();
    expect([await original.text(), await copy.text(), copy.headers.get("a")]).toEqual(["twice", "twice", "b"]);
    const fromStream = new Light(new Blob(["blob body"]).stream());
    expect(await fromStream.text()).toBe("blob body");
  });

  it("is read as given by adapters, with the same headers undici would give", async () => {
    const headers = new Headers({ "content-type": "text/plain" });
    headers.append("set-cookie", "a=1; Expires=Wed, 21 Oct 2037 07:28:00 GMT");
    headers.append("set-cookie", "b=2");
    expect(readLightResponse(new Light("x", { headers }))).toEqual({
      status: 200,
      headers: [["content-type", "text/plain"]],
      cookies: ["a=1; Expires=Wed, 21 Oct 2037 07:28:00 GMT", "b=2"],
      body: "x",
    });
    expect(
      readLightResponse(
        new Light(new Uint8Array([7]), {
          headers: [
            ["X-A", " 1 "],
            ["x-a", "2"],
            ["Set-Cookie", "c=3"],
          ],
        }),
      ),
    ).toEqual({ status: 200, headers: [["x-a", "1, 2"]], cookies: ["c=3"], body: new Uint8Array([7]) });
    // A value the Fetch API refuses goes the slow way, so the error is the platform's.
    expect(readLightResponse(new Light("x", { headers: { "x-bad": "a\r\nInjected: 1" } }))).toBeUndefined();
    const mutated = new Light("x");
    mutated.headers.set("x-late", "yes");
    expect(readLightResponse(mutated)?.headers).toContainEqual(["x-late", "yes"]);
    expect(readLightResponse(new Response("real"))).toBeUndefined();
  });

  it("serialises to the same result as a real Response", async () => {
    const cases: [BodyInit | null, ResponseInit][] = [
      ["text ✓", { headers: { "content-type": "text/plain; charset=utf-8" } }],
      ["plain", {}],
      [new Uint8Array([0, 255, 128]), { headers: { "content-type": "application/octet-stream" } }],
      [JSON.stringify({ a: 1 }), { status: 404, headers: { "content-type": "application/json", "set-cookie": "a=1" } }],
      [null, { status: 204 }],
      ["", { headers: { "x-empty": "1" } }],
    ];
    for (const [body, init] of cases) {
      const light = await serializeResponse(new Light(body, init), { isText, method: "GET" });
      const real = await serializeResponse(new Response(body, init), { isText, method: "GET" });
      expect({ ...light, headers: [...light.headers].sort() }).toEqual({ ...real, headers: [...real.headers].sort() });
    }
  });
});
