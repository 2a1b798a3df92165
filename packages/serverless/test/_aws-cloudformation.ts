import { randomUUID } from "node:crypto";
import type { Answer } from "./_endpoint";
import { account, cfnNs, queryAnswer, queryError, requireParams } from "./_aws-protocol";

/** A template CloudFormation was given, with the TemplateURL it was read from, if any. */
export interface Given {
  readonly action: string;
  readonly template: Template;
  readonly url?: string;
}

export interface Template {
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
  Outputs?: Record<string, { Value: unknown }>;
}

export interface Stack {
  readonly id: string;
  readonly name: string;
  template: Template;
  status: string;
  readonly events: Record<string, string>[];
}

/** CloudFormation's state and actions: stacks, change sets, and the templates given, reading TemplateURLs from the S3 objects. */
export interface CloudFormation {
  readonly stacks: Map<string, Stack>;
  readonly templates: Given[];
  handle(action: string, form: URLSearchParams): Answer;
}

export function cloudFormationApi(region: string, objects: Map<string, Buffer>, buckets: Set<string>): CloudFormation {
  const stacks = new Map<string, Stack>();
  const changeSets = new Map<string, { id: string; stack: string; type: string; template: Template }>();
  const templates: Given[] = [];
  const deleted = new Map<string, Stack>();
  const now = (): string => new Date().toISOString();

  const findStack = (nameOrId: string): Stack | undefined => stacks.get(nameOrId) ?? [...stacks.values(), ...deleted.values()].find((stack) => stack.id === nameOrId);
  const missingStack = (name: string): never => queryError("ValidationError", `Stack with id ${name} does not exist`, 400, true);

  /** The template of a request: its body, or the S3 object its TemplateURL names (which must exist); recorded in `templates`. */
  function templateOf(action: string, form: URLSearchParams): Template {
    const body = form.get("TemplateBody");
    const url = form.get("TemplateURL");
    if (!body === !url) queryError("ValidationError", "exactly one of TemplateBody and TemplateURL is required");
    let text = body;
    if (url) {
      // "The URL must point to a template (max size: 1 MB) that's located in an Amazon S3 bucket."
      const match = /^https:\/\/s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?\/([^/]+)\/(.+)$/.exec(url);
      const object = match ? objects.get(`${match[1]}/${decodeURIComponent(match[2]!)}`) : undefined;
      if (!object) queryError("ValidationError", `TemplateURL ${url} names no uploaded object`);
      text = object!.toString("utf8");
    }
    try {
      const template = JSON.parse(text!) as Template;
      if (typeof template.Resources !== "object") throw new Error("no Resources");
      templates.push(url ? { action, template, url } : { action, template });
      return template;
    } catch (error) {
      return queryError("ValidationError", `Template format error: ${String(error)}`);
    }
  }

  function event(stack: Stack, logicalId: string, type: string, status: string, physicalId: string): void {
    // Newest first, as DescribeStackEvents returns them.
    stack.events.unshift({
      StackId: stack.id,
      EventId: randomUUID(),
      StackName: stack.name,
      LogicalResourceId: logicalId,
      PhysicalResourceId: physicalId,
      ResourceType: type,
      Timestamp: now(),
      ResourceStatus: status,
    });
  }

  const physicalId = (stack: Stack, logicalId: string): string =>
    logicalId === "ServerlessDeploymentBucket" ? `${stack.name}-serverlessdeploymentbucket-test` : `${stack.name}-${logicalId}`;

  /** Applies a template at once: every resource and then the stack reach `{OP}_COMPLETE`. */
  function apply(stack: Stack, operation: "CREATE" | "UPDATE" | "DELETE", template: Template): void {
    event(stack, stack.name, "AWS::CloudFormation::Stack", `${operation}_IN_PROGRESS`, stack.id);
    for (const [logicalId, resource] of Object.entries(template.Resources)) {
      event(stack, logicalId, resource.Type, `${operation}_COMPLETE`, physicalId(stack, logicalId));
      if (resource.Type === "AWS::S3::Bucket") {
        if (operation === "DELETE") buckets.delete(physicalId(stack, logicalId));
        else buckets.add(physicalId(stack, logicalId));
      }
    }
    stack.template = template;
    stack.status = `${operation}_COMPLETE`;
    event(stack, stack.name, "AWS::CloudFormation::Stack", stack.status, stack.id);
  }

  function outputs(stack: Stack): Record<string, string>[] {
    return Object.entries(stack.template.Outputs ?? {}).flatMap(([key, output]) => {
      const value = output.Value as Record<string, unknown> | string;
      // Only what a Ref to a resource of this stack resolves to; the rest would be invented.
      if (typeof value === "object" && typeof value["Ref"] === "string") return [{ OutputKey: key, OutputValue: physicalId(stack, value["Ref"]) }];
      return [];
    });
  }

  function cloudFormation(action: string, form: URLSearchParams): Answer {
    const answer = (result: Record<string, unknown>): Answer => queryAnswer(action, cfnNs, result);
    switch (action) {
      case "DescribeStacks": {
        const name = form.get("StackName");
        const stack = name ? findStack(name) : undefined;
        if (name && (!stack || stack.status === "DELETE_COMPLETE")) return missingStack(name);
        const list = stack ? [stack] : [...stacks.values()];
        return answer({ Stacks: list.map((each) => ({ StackId: each.id, StackName: each.name, CreationTime: now(), StackStatus: each.status, Outputs: outputs(each) })) });
      }
      case "CreateChangeSet": {
        requireParams(form, ["StackName", "ChangeSetName"]);
        const name = form.get("StackName")!;
        const type = form.get("ChangeSetType") ?? "UPDATE";
        if (!["CREATE", "UPDATE"].includes(type)) queryError("ValidationError", `ChangeSetType ${type}`);
        if (type === "CREATE" && stacks.has(name)) queryError("AlreadyExistsException", `Stack [${name}] already exists`);
        if (type === "UPDATE" && !stacks.has(name)) missingStack(name);
        const template = templateOf(action, form);
        const capabilities = [...form.entries()].filter(([key]) => key.startsWith("Capabilities.member.")).map(([, value]) => value);
        // A template that creates named IAM resources needs CAPABILITY_NAMED_IAM (or CAPABILITY_IAM for unnamed ones).
        if (Object.values(template.Resources).some((resource) => resource.Type.startsWith("AWS::IAM::")) && !capabilities.some((each) => each.startsWith("CAPABILITY_")))
          queryError("InsufficientCapabilitiesException", "Requires capabilities : [CAPABILITY_NAMED_IAM]");
        const stackId = stacks.get(name)?.id ?? `arn:aws:cloudformation:${region}:${account}:stack/${name}/${randomUUID()}`;
        if (type === "CREATE") stacks.set(name, { id: stackId, name, template: { Resources: {} }, status: "REVIEW_IN_PROGRESS", events: [] });
        const id = `arn:aws:cloudformation:${region}:${account}:changeSet/${form.get("ChangeSetName")}/${randomUUID()}`;
        changeSets.set(`${name}/${form.get("ChangeSetName")}`, { id, stack: name, type, template });
        return answer({ Id: id, StackId: stackId });
      }
      case "DescribeChangeSet": {
        requireParams(form, ["ChangeSetName"]);
        const changeSet =
          changeSets.get(`${form.get("StackName")}/${form.get("ChangeSetName")}`) ?? queryError("ChangeSetNotFound", `ChangeSet ${form.get("ChangeSetName")} does not exist`, 404);
        const stack = stacks.get(changeSet.stack)!;
        const changes = Object.entries(changeSet.template.Resources).map(([logicalId, resource]) => ({
          Type: "Resource",
          ResourceChange: { Action: stack.template.Resources[logicalId] ? "Modify" : "Add", LogicalResourceId: logicalId, ResourceType: resource.Type },
        }));
        return answer({
          ChangeSetName: form.get("ChangeSetName"),
          ChangeSetId: changeSet.id,
          StackId: stack.id,
          StackName: stack.name,
          CreationTime: now(),
          ExecutionStatus: "AVAILABLE",
          Status: "CREATE_COMPLETE",
          Changes: changes,
        });
      }
      case "ExecuteChangeSet": {
        requireParams(form, ["ChangeSetName"]);
        const key = `${form.get("StackName")}/${form.get("ChangeSetName")}`;
        const changeSet = changeSets.get(key) ?? queryError("ChangeSetNotFound", `ChangeSet ${form.get("ChangeSetName")} does not exist`, 404);
        changeSets.delete(key);
        apply(stacks.get(changeSet.stack)!, changeSet.type === "CREATE" ? "CREATE" : "UPDATE", changeSet.template);
        return answer({});
      }
      case "DescribeStackEvents": {
        requireParams(form, ["StackName"]);
        const stack = findStack(form.get("StackName")!) ?? missingStack(form.get("StackName")!);
        return answer({ StackEvents: stack.events });
      }
      case "DescribeStackResource": {
        requireParams(form, ["StackName", "LogicalResourceId"]);
        const stack = findStack(form.get("StackName")!) ?? missingStack(form.get("StackName")!);
        const logicalId = form.get("LogicalResourceId")!;
        const resource = stack.template.Resources[logicalId] ?? queryError("ValidationError", `Resource ${logicalId} does not exist for stack ${stack.name}`);
        return answer({
          StackResourceDetail: {
            StackName: stack.name,
            StackId: stack.id,
            LogicalResourceId: logicalId,
            PhysicalResourceId: physicalId(stack, logicalId),
            ResourceType: resource.Type,
            LastUpdatedTimestamp: now(),
            ResourceStatus: stack.status,
          },
        });
      }
      case "ListStackResources": {
        requireParams(form, ["StackName"]);
        const stack = findStack(form.get("StackName")!) ?? missingStack(form.get("StackName")!);
        return answer({
          StackResourceSummaries: Object.entries(stack.template.Resources).map(([logicalId, resource]) => ({
            LogicalResourceId: logicalId,
            PhysicalResourceId: physicalId(stack, logicalId),
            ResourceType: resource.Type,
            LastUpdatedTimestamp: now(),
            ResourceStatus: stack.status,
          })),
        });
      }
      case "ValidateTemplate": {
        const template = templateOf(action, form);
        return answer({ Parameters: [], Description: String((template as { Description?: string }).Description ?? "") });
      }
      case "DeleteChangeSet": {
        requireParams(form, ["ChangeSetName"]);
        // osls clears its change set name before each update; one that is not there leaves nothing to delete.
        changeSets.delete(`${form.get("StackName")}/${form.get("ChangeSetName")}`);
        return answer({});
      }
      case "DeleteStack": {
        requireParams(form, ["StackName"]);
        const stack = stacks.get(form.get("StackName")!);
        // Deleting a stack that does not exist succeeds, as AWS documents.
        if (stack) {
          apply(stack, "DELETE", stack.template);
          stacks.delete(stack.name);
          deleted.set(stack.id, stack);
        }
        return answer({});
      }
      default:
        return queryError("InvalidAction", `CloudFormation action ${action} is not one this endpoint knows`);
    }
  }

  return { stacks, templates, handle: cloudFormation };
}
