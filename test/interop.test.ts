import type { AnyApp } from "@faasport/core";
import { type HarnessDefinition, renderCompatibility, runContractSuite } from "@faasport/contract";
import { describe, expect, it } from "vitest";
import { allHarnesses, interopApps } from "./harnesses";

/**
 * Fetch-framework interop: the contract app's HTTP routes, written with Hono
 * and with itty-router (examples/), through the HTTP part of the contract on
 * every HTTP harness of every adapter. A harness added to test/harnesses.ts
 * is covered here without further change.
 */

const httpSources = allHarnesses.filter((harness) => harness.kinds.includes("http"));
const httpHarnesses = httpSources.filter((harness): harness is HarnessDefinition => typeof (harness as Partial<HarnessDefinition>).setup === "function");

describe("interop coverage", () => {
  it("runs every HTTP harness of test/harnesses.ts, for every framework app", () => {
    expect(httpHarnesses.map((harness) => harness.name)).toEqual(httpSources.map((harness) => harness.name));
    expect(httpHarnesses.map((harness) => harness.platform)).toEqual(expect.arrayContaining(["Node.js", "AWS", "Cloudflare"]));
    expect(interopApps.map((app) => app.label)).toEqual(["hono", "itty-router"]);
  });

  it("renders one row per framework, one ✅ per HTTP source", () => {
    const interop = renderCompatibility(allHarnesses, "", interopApps).split("## Fetch-framework interop")[1]?.split("## Platform limits")[0] ?? "";
    for (const app of interopApps) {
      const row = interop.split("\n").find((line) => line.startsWith(`| ${app.framework} `));
      expect(row?.match(/✅/g)).toHaveLength(httpSources.length);
    }
  });
});

for (const subject of interopApps) {
  const { default: app } = (await import(subject.appModule)) as { default: AnyApp };
  for (const harness of httpHarnesses) runContractSuite(harness, { app, appModule: subject.appModule, label: subject.label });
}
