import { describe, expect, it } from "vitest";
import { compareKeys } from "@faasport/core/runtime";

describe("compareKeys", () => {
  it("orders keys by their UTF-8 bytes, as Cloudflare KV, SQLite and Redis do", () => {
    const keys = ["😀", "\uFFFD", "z", "a", "ab", "", "é", "\u{10FFFF}"];
    const byBytes = [...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    expect([...keys].sort(compareKeys)).toEqual(byBytes);
    expect(byBytes).toEqual(["", "a", "ab", "z", "é", "\uFFFD", "😀", "\u{10FFFF}"]);
    expect(compareKeys("x", "x")).toBe(0);
  });
});
