/* eslint-disable @typescript-eslint/no-explicit-any -- native events and API answers are loose JSON read from fixtures */
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { fixture, loadArtifact, packageFor, unzip } from "./_helpers";

/**
 * `FAASPORT_CLOUD=aws osls package` on examples/todo: the CloudFormation
 * template holds the function, its events and the binding resources, and the
 * zip it deploys answers Lambda's own events.
 */

let dir: string;
let template: { Resources: Record<string, { Type: string; Properties: Record<string, any> }> };
beforeAll(async () => {
  dir = await packageFor("aws");
  template = JSON.parse(readFileSync(join(dir, "cloudformation-template-update-stack.json"), "utf8"));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ofType = (type: string) => Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);

describe("the CloudFormation template", () => {
  it("has the function on a current Node.js runtime, its handler, size and environment with binding URLs built from the resources", () => {
    const fn = template.Resources["TodoLambdaFunction"]!.Properties;
    expect(fn).toMatchObject({ FunctionName: "faasport-todo-dev-todo", Handler: "index.handler", Runtime: "nodejs22.x", MemorySize: 256, Timeout: 10 });
    expect(fn["Environment"].Variables).toEqual({
      GREETING: "hello from faasport",
      FAASPORT_KV_TODOS: { "Fn::Sub": "dynamodb://${FaasportTableTodos}?region=${AWS::Region}" },
      FAASPORT_QUEUE_JOBS: { "Fn::Sub": "sqs://sqs.${AWS::Region}.${AWS::URLSuffix}/${AWS::AccountId}/${FaasportQueueJobs.QueueName}" },
    });
    expect(fn["Code"].S3Key).toMatch(/\/todo\.zip$/);
  });

  it("creates a DynamoDB table in the driver's layout and an SQS queue whose visibility timeout covers six function timeouts", () => {
    expect(template.Resources["FaasportTableTodos"]).toEqual({
      Type: "AWS::DynamoDB::Table",
      Properties: {
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
        KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
        TimeToLiveSpecification: { AttributeName: "expires_at", Enabled: true },
      },
    });
    expect(template.Resources["FaasportQueueJobs"]).toEqual({ Type: "AWS::SQS::Queue", Properties: { VisibilityTimeout: 60 } });
  });

  it("maps http to an HTTP API catch-all route, queue to SQS with partial batch responses, schedule to an EventBridge rule", () => {
    expect(ofType("AWS::ApiGatewayV2::Api")).toHaveLength(1);
    expect(ofType("AWS::ApiGatewayV2::Route").map(([, route]) => route.Properties["RouteKey"])).toEqual(["$default"]);
    expect(ofType("AWS::ApiGatewayV2::Integration")[0]![1].Properties).toMatchObject({ IntegrationType: "AWS_PROXY", PayloadFormatVersion: "2.0" });
    const [, mapping] = ofType("AWS::Lambda::EventSourceMapping")[0]!;
    expect(mapping.Properties).toMatchObject({ BatchSize: 10, EventSourceArn: { "Fn::GetAtt": ["FaasportQueueJobs", "Arn"] }, FunctionResponseTypes: ["ReportBatchItemFailures"] });
    const [, rule] = ofType("AWS::Events::Rule")[0]!;
    expect(rule.Properties).toMatchObject({ ScheduleExpression: "cron(0 3 * * ? *)", Name: "faasport-todo-dev-nightly", State: "ENABLED" });
  });

  it("grants the function exactly the calls its drivers make on its own resources", () => {
    const statements = template.Resources["IamRoleLambdaExecution"]!.Properties["Policies"][0].PolicyDocument.Statement as Record<string, unknown>[];
    expect(statements).toContainEqual({
      Effect: "Allow",
      Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:Scan"],
      Resource: [{ "Fn::GetAtt": ["FaasportTableTodos", "Arn"] }],
    });
    expect(statements).toContainEqual({ Effect: "Allow", Action: ["sqs:SendMessage"], Resource: [{ "Fn::GetAtt": ["FaasportQueueJobs", "Arn"] }] });
  });
});

describe("the packaged zip", () => {
  it("holds one small CommonJS file and no AWS SDK", () => {
    const files = unzip(join(dir, "faasport", "todo.zip"));
    expect(Object.keys(files).sort()).toEqual(["index.js", "package.json"]);
    const code = new TextDecoder().decode(files["index.js"]);
    expect(code.length).toBeLessThan(100_000);
    expect(code).not.toMatch(/require\("@aws-sdk/);
    expect(code).toContain("FAASPORT_");
  });

  it("answers API Gateway HTTP API, SQS and EventBridge events as Lambda sends them", async () => {
    process.env["FAASPORT_KV_TODOS"] = "memory:";
    process.env["FAASPORT_QUEUE_JOBS"] = "memory:";
    const { handler } = loadArtifact(join(dir, "faasport", "todo.zip"));
    const context = { awsRequestId: "req-1", functionName: "faasport-todo-dev-todo", getRemainingTimeInMillis: () => 10_000 };
    const http = (method: string, path: string, body?: unknown): Record<string, any> => {
      const event = structuredClone(fixture("aws", "apigw-http-v2-no-auth")) as Record<string, any>;
      event["rawPath"] = path;
      event["routeKey"] = "$default";
      event["requestContext"].http = { ...event["requestContext"].http, method, path };
      event["body"] = body === undefined ? undefined : JSON.stringify(body);
      event["isBase64Encoded"] = false;
      return event;
    };

    const root = (await handler!(http("GET", "/"), context)) as Record<string, any>;
    expect(root["statusCode"]).toBe(200);
    expect(JSON.parse(root["body"])).toMatchObject({ app: "faasport todo", cloud: "aws" });

    const created = (await handler!(http("POST", "/todos", { title: "buy milk" }), context)) as Record<string, any>;
    expect(created["statusCode"]).toBe(201);
    const todo = JSON.parse(created["body"]) as { id: string };

    const sqs = structuredClone(fixture("aws", "sqs")) as { Records: Record<string, unknown>[] };
    sqs.Records = [{ ...sqs.Records[0], body: JSON.stringify({ id: todo.id }) }];
    expect(await handler!(sqs, context)).toEqual({ batchItemFailures: [] });
    const after = (await handler!(http("GET", `/todos/${todo.id}`), context)) as Record<string, any>;
    expect(JSON.parse(after["body"])).toMatchObject({ id: todo.id, notified: true });

    await handler!(http("PATCH", `/todos/${todo.id}`, { done: true }), context);
    // The rule this deployment creates; the app must see the schedule's own name, as on every other cloud.
    const nightly = structuredClone(fixture("aws", "eventbridge-scheduled"));
    nightly["resources"] = ["arn:aws:events:us-east-1:123456789012:rule/faasport-todo-dev-nightly"];
    const logged = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      await handler!(nightly, context);
      const lines = logged.mock.calls.map(([line]) => JSON.parse(String(line)) as Record<string, unknown>);
      expect(lines.find((line) => line["msg"] === "nightly clean-up")).toMatchObject({ schedule: "nightly", removed: 1 });
    } finally {
      logged.mockRestore();
    }
    expect(((await handler!(http("GET", `/todos/${todo.id}`), context)) as Record<string, any>)["statusCode"]).toBe(404);
  });
});
