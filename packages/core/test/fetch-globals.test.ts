import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

/** Runs a script against the runtime's sources in a fresh Node process, where undici is not loaded yet. */
async function runFresh(source: string): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), "faasport-fetch-"));
  const entry = join(dir, "entry.ts");
  writeFileSync(entry, source.replace("RUNTIME", fileURLToPath(new URL("../src/runtime/index.ts", import.meta.url))));
  const outfile = join(dir, "entry.mjs");
  await build({ entryPoints: [entry], bundle: true, format: "esm", platform: "node", outfile, logLevel: "silent" });
  return JSON.parse(execFileSync(process.execPath, [outfile], { encoding: "utf8" })) as Record<string, unknown>;
}

const undiciLoaded = `(process as unknown as { moduleLoadList: string[] }).moduleLoadList.some((name) => name.includes("undici"))`;

describe("installFastFetch in a fresh process", () => {
  it("answers a GET without loading undici, and links everything on first touch", async () => {
    const result = await runFresh(`
      import { createRequest, installFastFetch, serializeResponse, textTypeMatcher } from "RUNTIME";
      installFastFetch();
      const request = createRequest({ method: "GET", url: "https://e.com/a?b=1", headers: [["accept", "*/*"]], body: null });
      const seen = request.method + " " + new URL(request.url).pathname;
      const answer = await serializeResponse(Response.json({ seen }), { isText: textTypeMatcher(), method: "GET" });
      const loadedAfterAnswer = ${undiciLoaded};
      const isRequest = request instanceof Request;
      const copy = new Request(request, { headers: { "x-extra": "1" } });
      const isLightResponse = new Response("x") instanceof Response;
      const realResponse = new Request("https://e.com/").signal && (await new Blob(["z"]).text());
      const fetched = await fetch("data:text/plain,hello");
      console.log(JSON.stringify({ answer, loadedAfterAnswer, isRequest, copyMethod: copy.method, copyExtra: copy.headers.get("x-extra"), isLightResponse, realResponse, fetchedIsResponse: fetched instanceof Response, fetchedText: await fetched.text(), headerViaRequest: request.headers.get("accept") }));
    `);
    expect(result["loadedAfterAnswer"]).toBe(false);
    expect(result["answer"]).toEqual({ status: 200, headers: [["content-type", "application/json"]], cookies: [], body: '{"seen":"GET /a"}', isBase64Encoded: false });
    expect(result).toMatchObject({
      isRequest: true,
      copyMethod: "GET",
      copyExtra: "1",
      isLightResponse: true,
      fetchedIsResponse: true,
      fetchedText: "hello",
      headerViaRequest: "*/*",
    });
  });

  it("still links the request stand-in when undici was loaded before installing", async () => {
    const result = await runFresh(`
      import { createRequest, installFastFetch } from "RUNTIME";
      const HeldRequest = Request;
      const HeldResponse = Response;
      installFastFetch();
      const request = createRequest({ method: "POST", url: "https://e.com/", headers: {}, body: "x" });
      console.log(JSON.stringify({ heldRequest: request instanceof HeldRequest, heldResponse: new Response("y") instanceof HeldResponse, text: await new HeldRequest(request).text() }));
    `);
    expect(result).toEqual({ heldRequest: true, heldResponse: true, text: "x" });
  });
});
