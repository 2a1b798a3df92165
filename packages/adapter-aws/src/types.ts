/**
 * The native shapes this adapter reads and writes, limited to the fields it
 * uses. They follow AWS's documentation and the captured samples in
 * `test/fixtures` (see SOURCES.md there); kept here so the package has no
 * dependency on `@types/aws-lambda`.
 */

type StringMap = Record<string, string | undefined>;
type MultiStringMap = Record<string, string[] | undefined>;

/** The Lambda context object (Node.js runtime). */
export interface LambdaContext {
  readonly awsRequestId: string;
  readonly functionName?: string;
  readonly invokedFunctionArn?: string;
  getRemainingTimeInMillis?(): number;
  callbackWaitsForEmptyEventLoop?: boolean;
}

/** API Gateway REST API (and HTTP API payload 1.0) proxy event. */
export interface ApiGatewayV1Event {
  readonly version?: "1.0";
  readonly resource?: string;
  readonly path: string;
  readonly httpMethod: string;
  readonly headers?: StringMap | null;
  readonly multiValueHeaders?: MultiStringMap | null;
  readonly queryStringParameters?: StringMap | null;
  readonly multiValueQueryStringParameters?: MultiStringMap | null;
  readonly requestContext: { readonly requestId?: string; readonly domainName?: string; readonly stage?: string; readonly path?: string };
  readonly body?: string | null;
  readonly isBase64Encoded?: boolean;
}

/** API Gateway REST API proxy result. */
export interface ApiGatewayV1Result {
  statusCode: number;
  multiValueHeaders: Record<string, string[]>;
  body: string;
  isBase64Encoded: boolean;
}

/** API Gateway HTTP API payload 2.0 event; Lambda Function URLs send the same shape. */
export interface ApiGatewayV2Event {
  readonly version: "2.0";
  readonly routeKey?: string;
  readonly rawPath: string;
  readonly rawQueryString?: string;
  readonly cookies?: string[];
  readonly headers?: StringMap;
  readonly queryStringParameters?: StringMap;
  readonly requestContext: {
    readonly requestId?: string;
    readonly domainName?: string;
    readonly stage?: string;
    readonly http: { readonly method: string; readonly path?: string; readonly sourceIp?: string };
  };
  readonly body?: string | null;
  readonly isBase64Encoded?: boolean;
}

/** HTTP API payload 2.0 / Function URL result. */
export interface ApiGatewayV2Result {
  statusCode: number;
  headers: Record<string, string>;
  cookies: string[];
  body: string;
  isBase64Encoded: boolean;
}

/** Application Load Balancer target event, in either header mode. */
export interface AlbEvent {
  readonly requestContext: { readonly elb: { readonly targetGroupArn: string } };
  readonly httpMethod: string;
  readonly path: string;
  readonly headers?: StringMap;
  readonly multiValueHeaders?: MultiStringMap;
  readonly queryStringParameters?: StringMap | null;
  readonly multiValueQueryStringParameters?: MultiStringMap | null;
  readonly body?: string | null;
  readonly isBase64Encoded?: boolean;
}

/** ALB result: `headers` in single-value mode, `multiValueHeaders` in multi-value mode. */
export interface AlbResult {
  statusCode: number;
  statusDescription: string;
  headers?: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
  body: string;
  isBase64Encoded: boolean;
}

/** One SQS record. */
export interface SqsRecord {
  readonly messageId: string;
  readonly receiptHandle?: string;
  readonly body: string;
  readonly attributes: { readonly ApproximateReceiveCount?: string; readonly SentTimestamp?: string } & StringMap;
  readonly messageAttributes?: Record<string, { readonly stringValue?: string; readonly binaryValue?: string; readonly dataType?: string } | undefined>;
  readonly eventSource: "aws:sqs";
  readonly eventSourceARN: string;
  readonly awsRegion?: string;
}

/** An SQS event. */
export interface SqsEvent {
  readonly Records: readonly SqsRecord[];
}

/** SQS partial batch response (needs `ReportBatchItemFailures` on the event source mapping). */
export interface SqsBatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}

/** EventBridge (CloudWatch Events) scheduled event. */
export interface EventBridgeScheduledEvent {
  readonly version?: string;
  readonly id?: string;
  readonly "detail-type": "Scheduled Event";
  readonly source: "aws.events";
  readonly time: string;
  readonly region?: string;
  readonly resources?: readonly string[];
  readonly detail?: unknown;
}

/** One S3 event notification record. */
export interface S3Record {
  readonly eventSource: "aws:s3";
  readonly eventName: string;
  readonly eventTime: string;
  readonly awsRegion?: string;
  readonly s3: {
    readonly bucket: { readonly name: string; readonly arn?: string };
    readonly object: { readonly key: string; readonly size?: number; readonly eTag?: string; readonly versionId?: string; readonly sequencer?: string };
  };
}

/** An S3 event notification. */
export interface S3Event {
  readonly Records: readonly S3Record[];
}

/** Every event this adapter understands. */
export type AwsEvent = ApiGatewayV1Event | ApiGatewayV2Event | AlbEvent | SqsEvent | EventBridgeScheduledEvent | S3Event;

/** What the handler resolves with, by event source. Scheduled and S3 events resolve with nothing. */
export type AwsResult = ApiGatewayV1Result | ApiGatewayV2Result | AlbResult | SqsBatchResponse | undefined;
