import { fileURLToPath } from "node:url";
import ts from "typescript";
import { expect, it } from "vitest";

/**
 * type-tests/ compiles against @cloudflare/workers-types' globals instead of
 * the DOM library, as a Worker project does: native KV and Queue bindings are
 * faasport's KV and Queue, faasport's ctx is Hono's execution context, and
 * toCloudflare(app) satisfies ExportedHandler<Env>.
 */
it("native Workers bindings and handlers fit faasport's types in a Worker project", () => {
  const configPath = fileURLToPath(new URL("../type-tests/tsconfig.json", import.meta.url));
  const config = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
      },
    },
  );
  if (!config) throw new Error(`cannot read ${configPath}`);
  const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
  expect(config.fileNames.map((file) => file.slice(file.lastIndexOf("/") + 1))).toEqual(["workers.ts"]);
  // Only the test files: core's sources are compiled here too, but a Worker project reads them as declarations.
  const problems = ts
    .getPreEmitDiagnostics(program)
    .filter((diagnostic) => diagnostic.file?.fileName.includes("/type-tests/") ?? true)
    .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
  expect(problems).toEqual([]);
}, 60_000);
