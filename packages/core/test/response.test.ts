import { describe, expect, it } from "vitest";
import { base64ToBytes, bytesToBase64, serializeResponse, textTypeMatcher } from "@faasport/core/runtime";

const isText = textTypeMatcher();

describe("textTypeMatcher", () => {
  it("matches text types in UTF-8 or without charset only", () => {
    expect(isText("text/html; charset=utf-8")).toBe(true);
    expect(isText("TEXT/PLAIN")).toBe(true);
    expect(isText("application/json")).toBe(true);
    expect(isText("application/problem+json")).toBe(true);
    expect(isText("image/svg+xml")).toBe(true);
    expect(isText("text/plain; charset=iso-8859-1")).toBe(false);
    expect(isText("image/png")).toBe(false);
    expect(isText("application/octet-stream")).toBe(false);
    expect(textTypeMatcher(["application/vnd.custom"])("application/vnd.custom")).toBe(true);
  });
});

describe("serializeResponse", () => {
  it("keeps each Set-Cookie apart and lower-cases header names", async () => {
    const headers = new Headers({ "Content-Type": "text/plain", "X-Thing": "1" });
    headers.append("Set-Cookie", "a=1; Expires=Wed, 21 Oct 2025 07:28:00 GMT");
    headers.append("Set-Cookie", "b=2");
    const result = await serializeResponse(new Response("hi", { status: 201, headers }), { isText, method: "GET" });
    expect(result).toEqual({
      status: 201,
      headers: [
        ["content-type", "text/plain"],
        ["x-thing", "1"],
      ],
      cookies: ["a=1; Expires=Wed, 21 Oct 2025 07:28:00 GMT", "b=2"],
      body: "hi",
      isBase64Encoded: false,
    });
  });

  it("sends binary and non-UTF-8 bodies as base64, byte for byte", async () => {
    const bytes = new Uint8Array([0, 128, 255, 10]);
    const binary = await serializeResponse(new Response(bytes, { headers: { "content-type": "image/png" } }), { isText, method: "GET" });
    expect(binary.isBase64Encoded).toBe(true);
    expect(new Uint8Array(base64ToBytes(binary.body))).toEqual(bytes);
    const invalidText = await serializeResponse(new Response(bytes, { headers: { "content-type": "text/plain" } }), { isText, method: "GET" });
    expect(invalidText.isBase64Encoded).toBe(true);
    const noType = await serializeResponse(new Response(bytes), { isText, method: "GET" });
    expect(noType.isBase64Encoded).toBe(true);
  });

  it("answers HEAD, 204 and 304 without a body", async () => {
    expect((await serializeResponse(new Response("x"), { isText, method: "HEAD" })).body).toBe("");
    expect((await serializeResponse(new Response(null, { status: 204 }), { isText, method: "GET" })).body).toBe("");
    const redirect = await serializeResponse(Response.redirect("https://e.com/next", 301), { isText, method: "GET" });
    expect(redirect).toMatchObject({ status: 301, body: "", headers: [["location", "https://e.com/next"]] });
  });
});

describe("base64", () => {
  it("round-trips and rejects what is not base64", () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, index) => index);
    expect(new Uint8Array(base64ToBytes(bytesToBase64(bytes)))).toEqual(bytes);
    expect(() => base64ToBytes("not base64!")).toThrow(SyntaxError);
    expect(() => base64ToBytes("abcde")).toThrow(SyntaxError);
    expect(base64ToBytes("").byteLength).toBe(0);
  });
});
