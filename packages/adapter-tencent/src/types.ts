/**
 * The native shapes this adapter reads and writes, limited to the fields it
 * uses. They follow Tencent Cloud's documentation and the samples in
 * `test/fixtures` (see SOURCES.md there), among them the captures in
 * Tencent's own `scf-go-lib`; kept here so the package has no runtime dependency.
 */

/** A query value as API Gateway sends it: one value, every value of a repeated key, or `true` for a bare key (`?flag`). */
export type TencentQueryValue = string | readonly string[] | boolean;

/**
 * The SCF context object (Node.js runtime): snake_case data fields, plus
 * runtime members that are not data.
 */
export interface TencentContext {
  readonly request_id?: string;
  readonly function_name?: string;
  readonly function_version?: string;
  readonly namespace?: string;
  readonly memory_limit_in_mb?: number;
  readonly time_limit_in_ms?: number;
  readonly tencentcloud_region?: string;
  readonly tencentcloud_appid?: string;
  readonly tencentcloud_uin?: string;
  /** The function's environment variables as a JSON string. */
  readonly environment?: string;
  /** The same variables as a `;`-separated `KEY=value` string. */
  readonly environ?: string;
  getRemainingTimeInMillis?(): number;
  callbackWaitsForEmptyEventLoop?: boolean;
}

/** API Gateway trigger event (integration request). */
export interface TencentApiGatewayEvent {
  readonly requestContext: {
    readonly serviceId?: string;
    /** The API's path template (`/test/{path}`), not the request path. */
    readonly path?: string;
    /** The API's configured method (`ANY` in captures), not the request's. */
    readonly httpMethod?: string;
    readonly requestId?: string;
    readonly sourceIp?: string;
    /** The release environment: `release`, `prepub` or `test`. */
    readonly stage?: string;
    readonly identity?: Readonly<Record<string, unknown>>;
  };
  readonly httpMethod: string;
  /** The real request path. */
  readonly path: string;
  /** Every request header, one string each, names as the gateway passes them. */
  readonly headers?: Readonly<Record<string, string | undefined>> | null;
  /** The actual query of the request. */
  readonly queryString?: Readonly<Record<string, TencentQueryValue | undefined>> | null;
  /** Only the query parameters declared on the API, not the request's query. */
  readonly queryStringParameters?: Readonly<Record<string, string | undefined>> | null;
  /** Only the header parameters declared on the API. */
  readonly headerParameters?: Readonly<Record<string, string | undefined>> | null;
  readonly pathParameters?: Readonly<Record<string, string | undefined>> | null;
  readonly stageVariables?: Readonly<Record<string, string | undefined>> | null;
  /** Absent for requests without a body. */
  readonly body?: string | null;
  /** Present only when the API's Base64 encoding is on and applied to this request. */
  readonly isBase64Encoded?: boolean;
}

/** Function URL event for event functions: the API Gateway shape without `requestContext` and the declared-parameter maps. */
export interface TencentFunctionUrlEvent {
  readonly httpMethod: string;
  readonly path: string;
  readonly headers?: Readonly<Record<string, string | undefined>> | null;
  readonly queryString?: Readonly<Record<string, TencentQueryValue | undefined>> | null;
  readonly body?: string | null;
}

/**
 * The integration response, for API Gateway (with integration response on)
 * and function URLs. `Set-Cookie` may be a list: API Gateway sends each one.
 */
export interface TencentHttpResult {
  isBase64Encoded: boolean;
  statusCode: number;
  headers: Record<string, string | string[]>;
  body: string;
}

/** Timer trigger event. `Type` is `timer` in the docs and `Timer` in captures. */
export interface TencentTimerEvent {
  readonly Type: string;
  readonly TriggerName: string;
  /** When the trigger fired, ISO 8601 in UTC (`2019-02-21T11:49:00Z`). */
  readonly Time: string;
  /** The trigger's configured message; may be empty. */
  readonly Message?: string;
}

/** One CMQ topic message. */
export interface TencentCmqRecord {
  readonly CMQ: {
    readonly type?: string;
    readonly topicOwner?: number;
    readonly topicName: string;
    readonly subscriptionName?: string;
    /** ISO 8601 in UTC, whole seconds. */
    readonly publishTime?: string;
    readonly msgId: string;
    readonly requestId?: string;
    readonly msgBody: string;
    /** Comma-separated tags (`"a, b"`, or `""`) in Tencent's docs and captures; a list in the Serverless Framework's copy. */
    readonly msgTag?: string | readonly string[];
  };
}

/** A CMQ topic trigger event. */
export interface TencentCmqTopicEvent {
  readonly Records: readonly TencentCmqRecord[];
}

/** One CKafka message. */
export interface TencentCkafkaRecord {
  readonly Ckafka: {
    readonly topic: string;
    /** A number in the docs; scfcli's template has `""`. */
    readonly partition: number | string;
    readonly offset: number | string;
    /** The literal string `"None"` when the message has no key. */
    readonly msgKey?: string;
    readonly msgBody: string;
  };
}

/** A CKafka trigger event: 1 to `maxMsgNum` messages. */
export interface TencentCkafkaEvent {
  readonly Records: readonly TencentCkafkaRecord[];
}

/** One COS notification record. */
export interface TencentCosRecord {
  readonly cos: {
    readonly cosSchemaVersion?: string;
    readonly cosObject: {
      /** `/<appid>/<bucket>/<key>`, not the bare object key. */
      readonly key: string;
      readonly size?: number | string;
      readonly url?: string;
      readonly vid?: string;
      /** Object headers: `Content-Type`, `x-cos-request-id`, `ETag` (quoted) in live events, `x-cos-meta-*`. */
      readonly meta?: Readonly<Record<string, string | undefined>>;
    };
    readonly cosBucket: { readonly name: string; readonly appid?: string; readonly region?: string; readonly cosRegion?: string };
    readonly cosNotificationId?: string;
  };
  readonly event: {
    /** `cos:ObjectCreated:Put`, `cos:ObjectRemove:Delete`, … */
    readonly eventName: string;
    /** Epoch seconds. */
    readonly eventTime: number | string;
    readonly eventSource?: string;
    readonly eventVersion?: string;
    readonly eventQueue?: string;
    readonly reqid?: number;
    readonly reservedInfo?: string;
    readonly requestParameters?: Readonly<Record<string, unknown>>;
  };
}

/** A COS trigger event. */
export interface TencentCosEvent {
  readonly Records: readonly TencentCosRecord[];
}

/** Every event this adapter understands. */
export type TencentEvent = TencentApiGatewayEvent | TencentFunctionUrlEvent | TencentTimerEvent | TencentCmqTopicEvent | TencentCkafkaEvent | TencentCosEvent;

/** What the handler resolves with: the integration response for HTTP, nothing for the other triggers. */
export type TencentResult = TencentHttpResult | undefined;
