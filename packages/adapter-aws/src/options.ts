import { defaultTextTypes, type HttpAnswerOptions, type PlatformOptions, type TextTypeMatcher, textTypeMatcher } from "@faasport/core/runtime";

/** Options for {@link toAws}. */
export interface AwsOptions extends PlatformOptions, HttpAnswerOptions {
  /**
   * Whether the SQS event source mapping reports partial failures
   * (`FunctionResponseTypes: ReportBatchItemFailures`, set by faasport's
   * Serverless plugin). Default `true`. With `false`, a batch with any
   * message to retry fails as a whole, since Lambda would otherwise delete
   * every message of a successful invocation.
   */
  readonly reportBatchItemFailures?: boolean;
  /**
   * Each schedule's EventBridge rule, by schedule name:
   * `{ nightly: "todo-prod-nightly" }`. A rule's name must be unique in its
   * account and region, so deployments prefix it; the app then sees the
   * schedule's own name (`nightly`), as on every other cloud (Workers take the
   * same option with the cron). `faasport build` and the Serverless plugin set
   * it. A rule not listed is named after itself.
   */
  readonly schedules?: Readonly<Record<string, string>>;
}

/** Options with every default applied, computed once per cold start. */
export interface ResolvedAwsOptions {
  readonly basePath: string | undefined;
  readonly isText: TextTypeMatcher;
  readonly reportBatchItemFailures: boolean;
  readonly scheduleNames: ReadonlyMap<string, string>;
}

export function resolveOptions(options: AwsOptions): ResolvedAwsOptions {
  return {
    basePath: options.basePath,
    isText: textTypeMatcher(options.textContentTypes ?? defaultTextTypes),
    reportBatchItemFailures: options.reportBatchItemFailures ?? true,
    // By rule, in a Map: a rule named like an Object.prototype member must not find one.
    scheduleNames: new Map(Object.entries(options.schedules ?? {}).map(([name, rule]) => [rule, name])),
  };
}
