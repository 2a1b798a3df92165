import { type Capability, capabilities, capabilityGroups } from "./capabilities";
import type { HarnessInfo } from "./harness";

const kindOf = (capability: Capability): "http" | "queue" | "scheduled" | "storage" | "bindings" =>
  capability.split(".")[0] as "http" | "queue" | "scheduled" | "storage" | "bindings";

/**
 * A Fetch-framework app that implements the contract app's HTTP routes and
 * runs through the HTTP part of the contract on every HTTP harness: one row
 * of the interop table.
 */
export interface InteropApp {
  /** Shown in test names, e.g. `hono`. */
  readonly label: string;
  /** The framework, as the table names it, e.g. `Hono`. */
  readonly framework: string;
  /** Where the app lives in the repository, e.g. `examples/hono`. */
  readonly example: string;
  /** Absolute path of a module whose default export is the faasport app. */
  readonly appModule: string;
}

/**
 * Renders `docs/compatibility.md` from the harnesses' declarations. Every
 * cell is proven by the contract suite: a ✅ by the full assertion, a ⚠️ by
 * the assertion of the documented degraded behaviour. `interop` adds the
 * table of Fetch frameworks that pass the HTTP contract on every HTTP source.
 *
 * @example
 * const markdown = renderCompatibility([httpApiV2, nodeHttp], "", [{ label: "hono", framework: "Hono", example: "examples/hono", appModule }]);
 */
export function renderCompatibility(harnesses: readonly HarnessInfo[], intro = "", interop: readonly InteropApp[] = [], outro = ""): string {
  const lines: string[] = ["# Compatibility", "", "<!-- Generated from the contract harnesses by `pnpm docs:compat`; do not edit by hand. -->", ""];
  if (intro) lines.push(intro.trim(), "");
  lines.push(
    "Every cell is a test of the contract suite (`@faasport/contract`), run on every CI build: ✅ the behaviour holds; ⚠️ the platform cannot carry it, and the suite checks the degraded behaviour described under *Platform limits*; — the event source does not deliver this kind of trigger.",
    "",
  );
  const notes: string[] = [];
  const noteIndex = new Map<string, number>();
  for (const group of capabilityGroups) {
    const rows = (Object.keys(capabilities) as Capability[]).filter((capability) => capability.startsWith(group.prefix));
    const columns = harnesses.filter((harness) => rows.some((capability) => serves(harness, capability)));
    if (columns.length === 0) continue;
    lines.push(`## ${group.title}`, "");
    lines.push(`| Behaviour | ${columns.map((harness) => `${harness.platform}: ${harness.source}`).join(" | ")} |`);
    lines.push(`|---|${columns.map(() => ":-:").join("|")}|`);
    for (const capability of rows) {
      const cells = columns.map((harness) => {
        if (!serves(harness, capability)) return "—";
        const limit = harness.limits?.[capability];
        if (!limit) return "✅";
        const noteKey = `${harness.platform}: ${harness.source}|${capability}`;
        let index = noteIndex.get(noteKey);
        if (index === undefined) {
          index = notes.length + 1;
          noteIndex.set(noteKey, index);
          notes.push(`${index}. **${harness.platform}: ${harness.source}**, \`${capability}\`: ${limit.reason}${limit.source ? ` (source: ${limit.source})` : ""}`);
        }
        return `⚠️ [${index}](#platform-limits)`;
      });
      lines.push(`| ${capabilities[capability]} (\`${capability}\`) | ${cells.join(" | ")} |`);
    }
    lines.push("");
  }
  lines.push(...renderInterop(harnesses, interop));
  lines.push("## Platform limits", "");
  lines.push(...(notes.length ? notes : ["None."]), "");
  if (outro) lines.push(outro.trim(), "");
  return lines.join("\n");
}

function renderInterop(harnesses: readonly HarnessInfo[], interop: readonly InteropApp[]): string[] {
  const columns = harnesses.filter((harness) => harness.kinds.includes("http"));
  if (interop.length === 0 || columns.length === 0) return [];
  return [
    "## Fetch-framework interop",
    "",
    "The contract app's HTTP routes, written with a Fetch framework whose `fetch` is the app's (`defineApp({ fetch: hono.fetch })`), pass the whole HTTP part of the contract on every HTTP event source, under the same platform limits as above (`test/interop.test.ts`). The framework sees faasport's bindings as its env and faasport's `ctx` as its execution context.",
    "",
    `| Framework | ${columns.map((harness) => `${harness.platform}: ${harness.source}`).join(" | ")} |`,
    `|---|${columns.map(() => ":-:").join("|")}|`,
    ...interop.map((app) => `| ${app.framework} (\`${app.example}\`) | ${columns.map(() => "✅").join(" | ")} |`),
    "",
  ];
}

function serves(harness: HarnessInfo, capability: Capability): boolean {
  const kind = kindOf(capability);
  // Bindings are exercised through HTTP, so any source that serves HTTP proves them.
  return kind === "bindings" ? harness.kinds.includes("http") : harness.kinds.includes(kind);
}
