/**
 * Runs a faasport app on AWS Lambda: API Gateway REST (v1) and HTTP API
 * (v2), Function URLs, ALB, SQS, EventBridge schedules and S3.
 *
 * @module
 */
export { type AwsHandler, toAws } from "./handler";
export type { AwsOptions } from "./options";
export type * from "./types";
