import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadProject } from "../src/config";
import { normalizeProject } from "../src/project";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const project = (yaml: string): string => {
  const dir = mkdtempSync(join(tmpdir(), "faasport-project-"));
  dirs.push(dir);
  writeFileSync(join(dir, "serverless.yml"), yaml);
  return dir;
};

describe("neutral definitions", () => {
  it("read custom.faasport with defaults applied and the variables the CLI can resolve", () => {
    process.env["FAASPORT_TEST_APP"] = "src/app.ts";
    const dir = project(`service: shop
custom:
  nightly: "0 3 * * *"
  faasport:
    functions:
      api:
        app: \${env:FAASPORT_TEST_APP}
        environment:
          STAGE: \${sls:stage}
        events:
          - http: true
          - queue: { binding: JOBS, batchSize: 5 }
          - schedule: { name: nightly, cron: "\${self:custom.nightly}" }
          - storage: { bucket: "uploads-\${opt:stage, 'dev'}", events: [created], prefix: in/ }
`);
    const loaded = loadProject(dir, { stage: "prod" });
    expect(loaded.service).toBe("shop");
    const [fn] = loaded.functions;
    expect(fn).toMatchObject({ name: "api", app: "src/app.ts", environment: { STAGE: "prod" } });
    expect(fn!.triggers.map((trigger) => trigger.kind)).toEqual(["http", "queue", "schedule", "storage"]);
    expect(fn!.triggers[1]).toEqual({ kind: "queue", binding: "JOBS", batchSize: 5 });
    expect(fn!.triggers[2]).toMatchObject({ kind: "schedule", name: "nightly", cron: { source: "0 3 * * *" } });
    expect(fn!.triggers[3]).toEqual({ kind: "storage", bucket: "uploads-prod", events: ["created"], prefix: "in/", suffix: undefined });
  });

  it("name the path at fault and what to write", () => {
    expect(() => normalizeProject({})).toThrow("custom.faasport.functions: declare at least one function");
    expect(() => normalizeProject({ functions: { api: { events: [] } } })).toThrow("custom.faasport.functions.api.app: the app module, e.g. `app: src/app.ts`");
    expect(() => normalizeProject({ functions: { api: { app: "a.ts", events: [{ sqs: "x" }] } } })).toThrow('custom.faasport.functions.api.events[0]: unknown event "sqs"');
    expect(() => normalizeProject({ functions: { api: { app: "a.ts", events: [{ schedule: { cron: "0 3 * *" } }] } } })).toThrow(
      /custom\.faasport\.functions\.api\.events\[0\]\.schedule\.cron: schedule "0 3 \* \*": has 4 fields/,
    );
    expect(() => normalizeProject({ functions: { api: { app: "a.ts" } }, bindings: { TODOS: { gcp: "x:" } } })).toThrow("custom.faasport.bindings.TODOS.gcp: unknown cloud");
    expect(() => loadProject(project("service: x\n"))).toThrow("has no custom.faasport block");
    expect(() => loadProject(project("service: x\ncustom:\n  faasport:\n    functions:\n      a:\n        app: ${ssm:/app}\n"))).toThrow("cannot resolve ${ssm:/app}");
  });
});
