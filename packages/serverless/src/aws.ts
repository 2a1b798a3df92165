import { type AppInfo, awsScheduleRuleName, cronFor, type ProjectDefinition } from "@faasport/cli";
import { ConfigurationError } from "@faasport/core";
import { deployName } from "./plan";

/** The function, resources and permissions faasport adds to the built-in AWS provider's service. */
export interface AwsService {
  readonly functions: Record<string, Record<string, unknown>>;
  readonly resources: Record<string, unknown>;
  readonly statements: readonly Record<string, unknown>[];
}

const pascal = (name: string): string =>
  name
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");

/** Logical ids of the binding resources, as CloudFormation names them. */
export const awsLogicalId = (kind: "kv" | "queue", name: string): string => `Faasport${kind === "kv" ? "Table" : "Queue"}${pascal(name)}`;

/** The Lambda runtime used when `provider.runtime` is not set: a current LTS (Node.js 20 is past its end of life). */
export const defaultAwsRuntime = "nodejs22.x";

/**
 * Maps the neutral definitions onto the built-in AWS provider:
 * http → HTTP API catch-all route (payload 2.0); queue → SQS event source with
 * `ReportBatchItemFailures`; schedule → EventBridge rule with the cron in AWS
 * syntax; storage → S3 notifications. Each binding without a URL of its own
 * gets a DynamoDB table (KV) or an SQS queue, its `FAASPORT_*` URL built from
 * the resource, and the function the IAM permissions its driver uses.
 */
export function awsService(
  project: ProjectDefinition,
  apps: ReadonlyMap<string, AppInfo>,
  names: { service: string; stage: string },
  artifactOf: (fn: string) => string,
): AwsService {
  const resources: Record<string, unknown> = {};
  const statements: Record<string, unknown>[] = [];
  const bindingUrl = new Map<string, unknown>();
  const queueArn = new Map<string, unknown>();
  const longestTimeout = Math.max(6, ...project.functions.map((fn) => fn.timeout ?? 6));

  for (const app of apps.values()) {
    for (const [name, kind] of Object.entries(app.bindings)) {
      const key = `${kind}:${name}`;
      if (bindingUrl.has(key)) continue;
      const given = project.bindings[name]?.aws;
      if (given !== undefined) {
        bindingUrl.set(key, given);
        const match = /^sqs:\/\/sqs\.([a-z0-9-]+)\.[^/]+\/(\d+)\/([^/?]+)/.exec(given);
        if (kind === "queue" && match) queueArn.set(name, `arn:aws:sqs:${match[1]}:${match[2]}:${match[3]}`);
        continue;
      }
      const id = awsLogicalId(kind, name);
      if (kind === "kv") {
        // The DynamoDB driver's layout: string hash key `pk`, expiry in `expires_at` (epoch seconds).
        resources[id] = {
          Type: "AWS::DynamoDB::Table",
          Properties: {
            BillingMode: "PAY_PER_REQUEST",
            AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
            KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
            TimeToLiveSpecification: { AttributeName: "expires_at", Enabled: true },
          },
        };
        bindingUrl.set(key, { "Fn::Sub": `dynamodb://\${${id}}?region=\${AWS::Region}` });
        statements.push({
          Effect: "Allow",
          Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:Scan"],
          Resource: [{ "Fn::GetAtt": [id, "Arn"] }],
        });
      } else {
        // Lambda requires the visibility timeout to be at least the function timeout; AWS recommends six times it.
        // https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html
        resources[id] = { Type: "AWS::SQS::Queue", Properties: { VisibilityTimeout: Math.min(43_200, longestTimeout * 6) } };
        bindingUrl.set(key, { "Fn::Sub": `sqs://sqs.\${AWS::Region}.\${AWS::URLSuffix}/\${AWS::AccountId}/\${${id}.QueueName}` });
        queueArn.set(name, { "Fn::GetAtt": [id, "Arn"] });
        statements.push({ Effect: "Allow", Action: ["sqs:SendMessage"], Resource: [{ "Fn::GetAtt": [id, "Arn"] }] });
      }
    }
  }

  const functions: Record<string, Record<string, unknown>> = {};
  for (const fn of project.functions) {
    const app = apps.get(fn.app)!;
    const environment: Record<string, unknown> = { ...fn.environment };
    for (const [name, kind] of Object.entries(app.bindings)) environment[`FAASPORT_${kind === "kv" ? "KV" : "QUEUE"}_${name.toUpperCase()}`] = bindingUrl.get(`${kind}:${name}`);
    const events = fn.triggers.flatMap((trigger): Record<string, unknown>[] => {
      switch (trigger.kind) {
        case "http":
          return [{ httpApi: "*" }];
        case "queue": {
          const arn = queueArn.get(trigger.binding);
          if (arn === undefined)
            throw new ConfigurationError(
              `function ${fn.name}: queue ${trigger.binding} has an AWS URL that is not an SQS queue URL (sqs://sqs.<region>.amazonaws.com/<account>/<queue>)`,
              { cloud: "aws" },
            );
          // The adapter answers batchItemFailures; without this setting Lambda would delete the whole batch.
          return [{ sqs: { arn, batchSize: trigger.batchSize, functionResponseType: "ReportBatchItemFailures" } }];
        }
        case "schedule":
          // The built entry maps this rule name back to the schedule's own name for the app.
          return [{ schedule: { rate: [cronFor(trigger.cron, "aws")], name: awsScheduleRuleName(names.service, names.stage, trigger.name) } }];
        case "storage":
          return trigger.events.map((action) => ({
            s3: {
              bucket: trigger.bucket,
              event: action === "created" ? "s3:ObjectCreated:*" : "s3:ObjectRemoved:*",
              ...(trigger.prefix || trigger.suffix
                ? { rules: [...(trigger.prefix ? [{ prefix: trigger.prefix }] : []), ...(trigger.suffix ? [{ suffix: trigger.suffix }] : [])] }
                : {}),
            },
          }));
      }
    });
    functions[fn.name] = {
      name: deployName(names.service, names.stage, fn.name),
      handler: "index.handler",
      ...(fn.memorySize ? { memorySize: fn.memorySize } : {}),
      ...(fn.timeout ? { timeout: fn.timeout } : {}),
      environment,
      events,
      // osls deploys a function's own artifact only when packaging is individual; otherwise it looks for the service's zip.
      package: { individually: true, artifact: artifactOf(fn.name) },
    };
  }
  return { functions, resources, statements };
}
