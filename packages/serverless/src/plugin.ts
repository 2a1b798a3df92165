import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import type * as CliModule from "@faasport/cli";
import type { AppInfo, BuildResult, ProjectDefinition } from "@faasport/cli";
import { ConfigurationError } from "@faasport/core";
import { aliyunFunction, createAliyunClient, deployAliyun, removeAliyun } from "./aliyun";
import { awsService, defaultAwsRuntime } from "./aws";
import { cloudflareFunction, cloudflareUrl, createCloudflareClient, defaultCompatibilityDate, deployCloudflare, removeCloudflare } from "./cloudflare";
import { type Manifest, type ManifestFunction, readCredentials, text } from "./plan";
import { faasportSchema, providerSchema } from "./schema";
import { createTencentClient, deployTencent, removeTencent, tencentFunction } from "./tencent";
import type { CustomCloud, Logging, Options, Serverless } from "./types";

const clouds = ["aws", "aliyun", "tencent", "cloudflare"] as const;
type Cloud = (typeof clouds)[number];
const defaultRegions: Readonly<Record<CustomCloud, string>> = { aliyun: "cn-hangzhou", tencent: "ap-guangzhou", cloudflare: "global" };

/** The CLI (esbuild and the rest) loads only when a command needs to build. */
type Cli = typeof CliModule;
const cli = (): Promise<Cli> => import("@faasport/cli");

/**
 * The faasport plugin for the Serverless Framework (v3 line and osls). One
 * `serverless.yml` declares the functions neutrally under `custom.faasport`;
 * `provider.name: ${env:FAASPORT_CLOUD}` picks the cloud per command. On
 * `aws` the plugin feeds the built-in provider (functions, events, resources);
 * `aliyun`, `tencent` and `cloudflare` are providers of its own with
 * `package`, `deploy`, `remove`, `info` and `invoke`.
 *
 * @example
 * // serverless.yml
 * // plugins: ["@faasport/serverless"]
 * // provider: { name: "${env:FAASPORT_CLOUD}" }
 * // custom: { faasport: { functions: { todo: { app: "src/app.ts", events: [{ http: true }] } } } }
 */
export class FaasportServerlessPlugin {
  readonly hooks: Record<string, () => Promise<void>>;
  private readonly cloud: Cloud;
  private project: ProjectDefinition | undefined;
  private readonly apps = new Map<string, AppInfo>();

  constructor(
    private readonly serverless: Serverless,
    private readonly options: Options = {},
    private readonly logging: Logging = { log: { notice: console.error, success: console.error, warning: console.error, info: () => {} } },
  ) {
    const name = serverless.service.provider.name;
    if (!clouds.includes(name as Cloud)) {
      throw new ConfigurationError(
        `provider.name is "${name}": faasport deploys to ${clouds.join(", ")}; write \`provider.name: \${env:FAASPORT_CLOUD}\` and run FAASPORT_CLOUD=aws serverless deploy`,
      );
    }
    this.cloud = name as Cloud;
    serverless.configSchemaHandler.defineCustomProperties({ properties: { faasport: faasportSchema } });
    if (this.cloud !== "aws") {
      serverless.setProvider(this.cloud, { serverless, getRegion: () => this.region, getStage: () => this.stage, naming: {} });
      serverless.configSchemaHandler.defineProvider(this.cloud, { provider: providerSchema });
    }
    const run = (task: () => Promise<void>) => () => task();
    this.hooks = {
      initialize: run(() => this.initialize()),
      ...(this.cloud === "aws"
        ? {
            "before:package:createDeploymentArtifacts": run(() => this.packageAws()),
            // serverless-offline runs the artifacts without packaging: build them first.
            "before:offline:start:init": run(() => this.offline()),
            "before:offline:start": run(() => this.offline()),
          }
        : {
            "package:createDeploymentArtifacts": run(() => this.packageCustom()),
            "deploy:deploy": run(() => this.deploy()),
            "remove:remove": run(() => this.remove()),
            "info:info": run(() => this.info()),
            "invoke:invoke": run(() => this.invoke()),
          }),
    };
  }

  private get stage(): string {
    return this.options.stage ?? this.serverless.service.provider.stage ?? "dev";
  }

  private get region(): string {
    return this.options.region ?? this.serverless.service.provider.region ?? defaultRegions[this.cloud as CustomCloud] ?? "us-east-1";
  }

  private get packageDir(): string {
    return resolve(this.serverless.serviceDir, this.options.package ?? this.serverless.service.package?.path ?? ".serverless");
  }

  /** AWS packages in `.serverless` and moves it to `--package` at the end; our own providers write to the package directory directly. */
  private get artifactDir(): string {
    return join(this.cloud === "aws" ? join(this.serverless.serviceDir, ".serverless") : this.packageDir, "faasport");
  }

  private get names(): { service: string; stage: string; region: string } {
    return { service: this.serverless.service.service, stage: this.stage, region: this.region };
  }

  /** Reads and checks `custom.faasport`, loads each app's declarations, and on AWS hands the built-in provider its functions. */
  private async initialize(): Promise<void> {
    const { normalizeProject, inspectApp } = await cli();
    this.project = normalizeProject(this.serverless.service.custom?.["faasport"]);
    for (const fn of this.project.functions) if (!this.apps.has(fn.app)) this.apps.set(fn.app, await inspectApp(this.serverless.serviceDir, fn.app));
    if (this.cloud !== "aws") {
      const native = Object.keys(this.serverless.service.functions ?? {});
      if (native.length)
        throw new ConfigurationError(`${this.cloud}: declare functions under custom.faasport.functions, not functions (${native.join(", ")})`, { cloud: this.cloud });
      return;
    }
    const service = this.serverless.service;
    const aws = awsService(this.project, this.apps, this.names, (fn) => relative(this.serverless.serviceDir, join(this.artifactDir, `${fn}.zip`)));
    for (const [name, fn] of Object.entries(aws.functions)) {
      if (service.functions[name]) throw new ConfigurationError(`function ${name} is declared both in functions and in custom.faasport.functions`, { cloud: "aws" });
      service.functions[name] = service.provider.runtime ? fn : { runtime: defaultAwsRuntime, ...fn };
    }
    service.resources ??= {};
    service.resources.Resources = { ...service.resources.Resources, ...aws.resources };
    if (aws.statements.length) {
      service.provider.iam ??= {};
      service.provider.iam.role ??= {};
      service.provider.iam.role.statements = [...(service.provider.iam.role.statements ?? []), ...aws.statements];
    }
  }

  private async build(outDir = this.artifactDir): Promise<BuildResult> {
    const { build } = await cli();
    const progress = this.logging.progress?.get("faasport");
    try {
      return await build({
        root: this.serverless.serviceDir,
        cloud: this.cloud,
        project: { ...this.project!, root: this.serverless.serviceDir, service: this.names.service, file: undefined },
        outDir,
        stage: this.stage,
        onProgress: (message) => progress?.notice(message),
      });
    } finally {
      progress?.remove();
    }
  }

  private async packageAws(): Promise<void> {
    const result = await this.build();
    this.logging.log.info(`faasport: ${result.functions.map((fn) => fn.name).join(", ")} bundled for AWS Lambda`);
  }

  /**
   * serverless-offline cannot resolve CloudFormation references: bindings
   * whose URL comes from a created resource use the same variable from the
   * shell when set (a local DynamoDB, say), else `memory:`.
   */
  private async offline(): Promise<void> {
    for (const fn of this.project!.functions) {
      const environment = this.serverless.service.functions[fn.name]?.["environment"] as Record<string, unknown> | undefined;
      for (const [name, value] of Object.entries(environment ?? {})) {
        if (name.startsWith("FAASPORT_") && typeof value !== "string") environment![name] = process.env[name] ?? "memory:";
      }
    }
    // Its own folder, so a `package` running beside it (which empties .serverless) cannot pull the artifacts away.
    const outDir = join(this.serverless.serviceDir, ".faasport", "offline");
    for (const fn of this.project!.functions) {
      const definition = this.serverless.service.functions[fn.name];
      if (definition) definition["package"] = { artifact: relative(this.serverless.serviceDir, join(outDir, `${fn.name}.zip`)) };
    }
    await this.build(outDir);
  }

  private manifestFile(): string {
    return join(this.packageDir, `faasport-${this.cloud}.json`);
  }

  /** Bundles every function and writes the manifest `deploy` works from. */
  private async packageCustom(): Promise<void> {
    const result = await this.build();
    const provider = this.serverless.service.provider;
    const defaults = {
      runtime: provider.runtime,
      memorySize: provider["memorySize"] as number | undefined,
      timeout: provider["timeout"] as number | undefined,
      environment: provider["environment"] as Record<string, string> | undefined,
    };
    const artifact = (path: string): string => relative(this.packageDir, path);
    const functions = result.functions.map((built): ManifestFunction => {
      switch (this.cloud) {
        case "aliyun":
          return aliyunFunction(
            this.project!,
            built,
            {
              ...this.names,
              accountId: process.env["ALIBABA_CLOUD_ACCOUNT_ID"] ?? "${ALIBABA_CLOUD_ACCOUNT_ID}",
              roles: provider["invocationRoles"] as { mns?: string; oss?: string } | undefined,
            },
            defaults,
            artifact(built.artifact),
          );
        case "tencent":
          return tencentFunction(this.project!, built, this.names, defaults, artifact(built.artifact));
        default:
          return cloudflareFunction(built, this.names, defaults.environment, artifact(built.artifact));
      }
    });
    const manifest: Manifest = { cloud: this.cloud as CustomCloud, ...this.names, functions };
    mkdirSync(this.packageDir, { recursive: true });
    writeFileSync(this.manifestFile(), `${JSON.stringify(manifest, null, 2)}\n`);
    this.logging.log.success(
      `faasport: packaged ${functions.length} function${functions.length === 1 ? "" : "s"} for ${this.cloud} in ${relative(this.serverless.serviceDir, this.packageDir)}`,
    );
  }

  private readManifest(): Manifest {
    try {
      return JSON.parse(readFileSync(this.manifestFile(), "utf8")) as Manifest;
    } catch (cause) {
      throw new ConfigurationError(`no package for ${this.cloud} in ${this.packageDir}: run \`serverless package\` first`, { cloud: this.cloud, cause });
    }
  }

  private async deploy(): Promise<void> {
    const credentials = readCredentials(this.cloud as CustomCloud);
    const manifest = this.readManifest();
    const progress = this.logging.progress?.get("faasport-deploy");
    const step = (message: string): void => {
      progress?.notice(message);
      this.logging.log.info(message);
    };
    const read = (fn: ManifestFunction): Buffer => readFileSync(join(this.packageDir, fn.artifact));
    try {
      if (this.cloud === "aliyun") {
        const client = await createAliyunClient(credentials, manifest.region);
        // A package made without the account id names it by placeholder; the deploy's credentials fill it in.
        const account = (fn: ManifestFunction): ManifestFunction =>
          JSON.parse(JSON.stringify(fn).replaceAll("${ALIBABA_CLOUD_ACCOUNT_ID}", credentials["ALIBABA_CLOUD_ACCOUNT_ID"]!)) as ManifestFunction;
        for (const fn of manifest.functions) await deployAliyun(client, account(fn), read(fn), step);
      } else if (this.cloud === "tencent") {
        const call = await createTencentClient(credentials, manifest.region);
        for (const fn of manifest.functions) await deployTencent(call, fn, read(fn), this.namespace, step);
      } else {
        const call = createCloudflareClient(credentials);
        const date = (this.serverless.service.custom?.["faasport"] as { compatibilityDate?: string } | undefined)?.compatibilityDate ?? defaultCompatibilityDate;
        for (const fn of manifest.functions) await deployCloudflare(call, fn, read(fn).toString("utf8"), date, step);
      }
    } finally {
      progress?.remove();
    }
    this.logging.log.success(`faasport: deployed ${manifest.functions.map((fn) => fn.deployName).join(", ")} to ${this.cloud} (${manifest.region})`);
  }

  private get namespace(): string {
    return (this.serverless.service.provider["namespace"] as string | undefined) ?? "default";
  }

  /** Function names as the cloud knows them, from the definitions (remove and info need no package). */
  private deployNames(): { name: string; deployName: string }[] {
    return this.project!.functions.map((fn) => ({
      name: fn.name,
      deployName:
        this.cloud === "cloudflare"
          ? `${this.names.service}-${this.names.stage}-${fn.name}`
              .toLowerCase()
              .replace(/[^a-z0-9-]+/g, "-")
              .slice(0, 63)
          : `${this.names.service}-${this.names.stage}-${fn.name}`,
    }));
  }

  private async remove(): Promise<void> {
    const credentials = readCredentials(this.cloud as CustomCloud);
    const step = (message: string): void => this.logging.log.info(message);
    if (this.cloud === "aliyun") {
      const client = await createAliyunClient(credentials, this.region);
      for (const fn of this.deployNames()) await removeAliyun(client, fn.deployName, step);
    } else if (this.cloud === "tencent") {
      const call = await createTencentClient(credentials, this.region);
      for (const fn of this.deployNames()) await removeTencent(call, fn.deployName, this.namespace, step);
    } else {
      const call = createCloudflareClient(credentials);
      for (const fn of this.project!.functions) {
        const app = this.apps.get(fn.app)!;
        const built = { name: fn.name, definition: fn, artifact: "", handler: "index.js", code: "", app };
        await removeCloudflare(call, cloudflareFunction(built, this.names, undefined, ""), step);
      }
    }
    this.logging.log.success(
      `faasport: removed ${this.deployNames()
        .map((fn) => fn.deployName)
        .join(", ")} from ${this.cloud}`,
    );
  }

  private async info(): Promise<void> {
    const credentials = readCredentials(this.cloud as CustomCloud);
    const lines = [`service: ${this.names.service}`, `stage: ${this.stage}`, `cloud: ${this.cloud} (${this.region})`, "functions:"];
    if (this.cloud === "aliyun") {
      const client = await createAliyunClient(credentials, this.region);
      for (const fn of this.deployNames()) {
        const found = await client.getFunction(fn.deployName);
        const http = found ? (await client.listTriggers(fn.deployName)).find((trigger) => trigger["triggerType"] === "http") : undefined;
        const url = (http?.["httpTrigger"] as { urlInternet?: string } | undefined)?.urlInternet;
        lines.push(`  ${fn.name}: ${fn.deployName}${found ? "" : " (not deployed)"}${url ? ` ${url}` : ""}`);
      }
    } else if (this.cloud === "tencent") {
      const call = await createTencentClient(credentials, this.region);
      for (const fn of this.deployNames()) {
        const found = await call("GetFunction", { FunctionName: fn.deployName, Namespace: this.namespace }).catch(() => undefined);
        lines.push(`  ${fn.name}: ${fn.deployName}${found ? ` (${text(found["Status"]) || "Active"})` : " (not deployed)"}`);
      }
    } else {
      const call = createCloudflareClient(credentials);
      for (const fn of this.deployNames()) lines.push(`  ${fn.name}: ${await cloudflareUrl(call, fn.deployName)}`);
    }
    (this.logging.writeText ?? console.log)(lines.join("\n"));
  }

  private async invoke(): Promise<void> {
    const credentials = readCredentials(this.cloud as CustomCloud);
    const fn = this.deployNames().find((each) => each.name === this.options.function);
    if (!fn)
      throw new ConfigurationError(
        `--function ${this.options.function ?? "(missing)"}: use one of ${this.deployNames()
          .map((each) => each.name)
          .join(", ")}`,
        { cloud: this.cloud },
      );
    const data = this.options.path ? readFileSync(resolve(this.serverless.serviceDir, this.options.path), "utf8") : (this.options.data ?? "{}");
    let output: string;
    if (this.cloud === "aliyun") output = await (await createAliyunClient(credentials, this.region)).invoke(fn.deployName, data);
    else if (this.cloud === "tencent") {
      const call = await createTencentClient(credentials, this.region);
      const result = (await call("Invoke", { FunctionName: fn.deployName, Namespace: this.namespace, InvocationType: "RequestResponse", ClientContext: data }))["Result"] as {
        RetMsg?: string;
      };
      output = result?.RetMsg ?? "";
    } else {
      const url = await cloudflareUrl(createCloudflareClient(credentials), fn.deployName);
      const response = await fetch(url, this.options.data || this.options.path ? { method: "POST", body: data } : {});
      output = `${response.status} ${await response.text()}`;
    }
    (this.logging.writeText ?? console.log)(output);
  }
}
