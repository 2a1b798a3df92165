/* eslint-disable @typescript-eslint/no-explicit-any -- CloudFormation resource properties are loose JSON */
import { copyFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AwsEndpoint, startAwsEndpoint, type Template } from "./_aws-endpoint";
import { ensureBuilt, scratch, sls, todo } from "./_helpers";

/**
 * `FAASPORT_CLOUD=aws osls deploy` and `osls remove` on examples/todo through
 * the framework's built-in AWS provider, its AWS SDK v3 clients pointed at a
 * checking endpoint by the SDK's own `AWS_ENDPOINT_URL`.
 *
 * The example runs as it is from a scratch directory (links to its sources,
 * a copy of its serverless.yml), so
 * osls's `.serverless` output stays out of the example while other tests
 * package it. (This test found that osls 4.3.1 deploys a function's own
 * `package.artifact` only when its packaging is individual, and otherwise
 * stops with "No faasport-todo.zip file found in the package path you
 * provided."; the plugin now sets `individually` on each function.)
 */

const credentials = { AWS_ACCESS_KEY_ID: "AKIAFAASPORTTEST", AWS_SECRET_ACCESS_KEY: "faasport-test-secret" };
const region = "eu-central-1";
const bucket = "faasport-todo-dev-serverlessdeploymentbucket-test";
let endpoint: AwsEndpoint;
let service: ReturnType<typeof scratch>;

beforeAll(async () => {
  ensureBuilt();
  endpoint = await startAwsEndpoint(credentials.AWS_ACCESS_KEY_ID, credentials.AWS_SECRET_ACCESS_KEY, region);
  service = scratch("faasport-aws-deploy-");
  for (const name of ["src", "node_modules", "package.json", "tsup.config.ts"]) symlinkSync(join(todo, name), join(service.dir, name));
  // A copy, unchanged: osls does not take a linked serverless.yml for a service directory.
  copyFileSync(join(todo, "serverless.yml"), join(service.dir, "serverless.yml"));
}, 120_000);
afterAll(async () => {
  service.remove();
  await endpoint.close();
});

const env = (): Record<string, string> => ({
  ...credentials,
  AWS_ENDPOINT_URL: endpoint.url,
  AWS_REGION: region,
  // Nothing from the machine: no profile, shared files or instance metadata.
  AWS_PROFILE: "",
  AWS_SESSION_TOKEN: "",
  AWS_CONFIG_FILE: join(service.dir, "no-aws-config"),
  AWS_SHARED_CREDENTIALS_FILE: join(service.dir, "no-aws-credentials"),
  AWS_EC2_METADATA_DISABLED: "true",
  // The stack's events are complete at once: poll them without osls's 5 s pause.
  SLS_AWS_MONITORING_FREQUENCY: "10",
  SLS_AWS_REQUEST_MAX_RETRIES: "0",
});

const actions = (): string[] => endpoint.calls.map((call) => call.action);
const ofType = (template: Template, type: string) => Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);

describe("deploy and remove against a checking AWS endpoint", () => {
  it("refuses to deploy without credentials, before any request", async () => {
    const run = await sls("aws", ["deploy"], { ...env(), AWS_SECRET_ACCESS_KEY: "" }, service.dir);
    expect(run.code).not.toBe(0);
    expect(run.output).toContain("AWS provider credentials not found");
    expect(endpoint.calls).toHaveLength(0);
  }, 60_000);

  it("creates the stack, uploads template and zip, then updates the stack from the uploaded template, every request signed", async () => {
    const run = await sls("aws", ["deploy"], env(), service.dir);
    expect(run.code, run.output).toBe(0);
    expect(endpoint.errors).toEqual([]);
    expect(actions()).toEqual([
      "GetCallerIdentity",
      "DescribeStacks",
      "CreateChangeSet",
      "DescribeChangeSet",
      "ExecuteChangeSet",
      "DescribeStackEvents",
      "DescribeStackResource",
      "HeadBucket",
      "ListObjectsV2",
      "GetFunction",
      "PutObject",
      "PutObject",
      "PutObject",
      "ValidateTemplate",
      "DeleteChangeSet",
      "CreateChangeSet",
      "DescribeChangeSet",
      "ExecuteChangeSet",
      "DescribeStackEvents",
      "DescribeStacks",
      "ListStackResources",
      "ListObjectsV2",
    ]);
    expect(endpoint.stacks.get("faasport-todo-dev")?.status).toBe("UPDATE_COMPLETE");

    // First a stack holding only the deployment bucket, given inline; then the full template, read from the object uploaded.
    const [created, validated, updated] = endpoint.templates;
    expect([created?.action, validated?.action, updated?.action]).toEqual(["CreateChangeSet", "ValidateTemplate", "CreateChangeSet"]);
    expect(created!.url).toBeUndefined();
    expect(Object.values(created!.template.Resources).map((resource) => resource.Type)).toEqual(["AWS::S3::Bucket", "AWS::S3::BucketPolicy"]);
    expect(updated!.url).toMatch(new RegExp(`^https://s3\\.amazonaws\\.com/${bucket}/serverless/faasport-todo/dev/[^/]+/compiled-cloudformation-template\\.json$`));
    expect(validated!.url).toBe(updated!.url);
    const template = updated!.template;

    const fn = template.Resources["TodoLambdaFunction"]!.Properties as Record<string, any>;
    expect(fn).toMatchObject({ FunctionName: "faasport-todo-dev-todo", Handler: "index.handler", Runtime: "nodejs22.x", MemorySize: 256, Timeout: 10 });
    expect(fn["Environment"].Variables).toEqual({
      GREETING: "hello from faasport",
      FAASPORT_KV_TODOS: { "Fn::Sub": "dynamodb://${FaasportTableTodos}?region=${AWS::Region}" },
      FAASPORT_QUEUE_JOBS: { "Fn::Sub": "sqs://sqs.${AWS::Region}.${AWS::URLSuffix}/${AWS::AccountId}/${FaasportQueueJobs.QueueName}" },
    });
    expect(ofType(template, "AWS::DynamoDB::Table").map(([name]) => name)).toEqual(["FaasportTableTodos"]);
    expect(ofType(template, "AWS::SQS::Queue").map(([name]) => name)).toEqual(["FaasportQueueJobs"]);
    const [[, mapping] = []] = ofType(template, "AWS::Lambda::EventSourceMapping");
    expect(mapping?.Properties).toMatchObject({ EventSourceArn: { "Fn::GetAtt": ["FaasportQueueJobs", "Arn"] }, FunctionResponseTypes: ["ReportBatchItemFailures"] });
    expect(ofType(template, "AWS::ApiGatewayV2::Api")).toHaveLength(1);
    expect(ofType(template, "AWS::ApiGatewayV2::Route").map(([, route]) => route.Properties?.["RouteKey"])).toEqual(["$default"]);
    const [[, rule] = []] = ofType(template, "AWS::Events::Rule");
    expect(rule?.Properties).toMatchObject({ ScheduleExpression: "cron(0 3 * * ? *)", State: "ENABLED" });

    // The function's code is the zip uploaded to the bucket: one small CommonJS file, no AWS SDK.
    expect(fn["Code"].S3Bucket).toEqual({ Ref: "ServerlessDeploymentBucket" });
    const zip = endpoint.objects.get(`${bucket}/${String(fn["Code"].S3Key)}`);
    expect(zip, `no object at ${String(fn["Code"].S3Key)}`).toBeDefined();
    const files = unzipSync(zip!);
    expect(Object.keys(files).sort()).toEqual(["index.js", "package.json"]);
    const code = new TextDecoder().decode(files["index.js"]);
    expect(code.length).toBeLessThan(100_000);
    expect(code).not.toMatch(/require\("@aws-sdk/);
    expect(code).toContain("FAASPORT_");
    expect(code).toContain("module.exports");
  }, 60_000);

  it("empties the deployment bucket and deletes the stack", async () => {
    endpoint.calls.length = 0;
    const run = await sls("aws", ["remove"], env(), service.dir);
    expect(run.code, run.output).toBe(0);
    expect(endpoint.errors).toEqual([]);
    expect(actions()).toEqual([
      "GetCallerIdentity",
      "DescribeStacks",
      "DescribeRepositories",
      "DescribeStackResource",
      "HeadBucket",
      "ListObjectsV2",
      "DeleteObjects",
      "DeleteStack",
      "DescribeStackEvents",
    ]);
    expect([...endpoint.objects.keys()]).toEqual([]);
    expect(endpoint.stacks.size).toBe(0);
  }, 60_000);
});
