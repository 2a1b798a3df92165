/**
 * The native shapes this adapter reads and writes, limited to the fields it
 * uses. They follow Alibaba Cloud's Function Compute documentation and the
 * captured samples in `test/fixtures` (see SOURCES.md there); kept here so
 * the package has no dependency on any Alibaba Cloud SDK.
 */

type StringMap = Record<string, string | undefined>;

/**
 * The context FC passes as the second argument (FC 3.0 event handlers) or
 * the third (FC 2.0 HTTP handlers). `credentials` are STS temporary keys:
 * faasport never copies them anywhere but `ctx.raw.context`.
 */
export interface AliyunContext {
  readonly requestId: string;
  readonly credentials?: { readonly accessKeyId?: string; readonly accessKeySecret?: string; readonly securityToken?: string };
  readonly function?: { readonly name?: string; readonly handler?: string; readonly memory?: number; readonly timeout?: number };
  /** FC 2.0 has a service (with `name`); FC 3.0 keeps only the log and qualifier fields here. */
  readonly service?: { readonly name?: string; readonly logProject?: string; readonly logStore?: string; readonly qualifier?: string; readonly versionId?: string };
  readonly region?: string;
  readonly accountId?: string;
  /** Not in the documented field table, but present in runtime captures: 0 on the first delivery of an asynchronous invocation. */
  readonly retryCount?: number;
}

/** The FC 3.0 HTTP trigger event of built-in runtimes (`version: "v1"`), once the Buffer is parsed. */
export interface AliyunHttpTriggerEvent {
  readonly version: "v1";
  /** The path as sent, percent-encoded. */
  readonly rawPath: string;
  /** Repeated header names arrive as one value, joined with commas. */
  readonly headers?: StringMap;
  /** Decoded values; a repeated key arrives as one value, joined with commas. */
  readonly queryParameters?: Record<string, string | string[] | undefined>;
  readonly body?: string;
  readonly isBase64Encoded?: boolean;
  readonly requestContext: {
    readonly accountId?: string;
    readonly domainName?: string;
    readonly domainPrefix?: string;
    /** May be empty (the captured sample has `""`): the context's `requestId` is the one to trust. */
    readonly requestId?: string;
    readonly triggerId?: string;
    readonly time?: string;
    /** Epoch ms, as a string. */
    readonly timeEpoch?: string;
    readonly http: { readonly method: string; readonly path?: string; readonly protocol?: string; readonly sourceIp?: string; readonly userAgent?: string };
  };
}

/** What an FC 3.0 built-in runtime turns into the HTTP answer. `headers` holds one string per name. */
export interface AliyunHttpTriggerResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: boolean;
}

/** A timer trigger firing. */
export interface AliyunTimerEvent {
  readonly triggerTime: string;
  readonly triggerName: string;
  /** The trigger's configured message, as is (it may itself be JSON text). */
  readonly payload?: string;
}

/** One OSS trigger record. */
export interface AliyunOssRecord {
  /** `ObjectCreated:PutObject`, `ObjectRemoved:DeleteObject`: no `oss:` prefix, unlike the trigger configuration. */
  readonly eventName: string;
  readonly eventSource: "acs:oss";
  readonly eventTime: string;
  readonly eventVersion?: string;
  readonly region?: string;
  readonly oss: {
    readonly bucket: { readonly name: string; readonly arn?: string; readonly ownerIdentity?: string; readonly virtualBucket?: string };
    readonly object: { readonly key: string; readonly size?: number; readonly deltaSize?: number; readonly eTag?: string };
    readonly ossSchemaVersion?: string;
    readonly ruleId?: string;
  };
}

/** An OSS trigger event: a batch under `events` (lower case, not `Records`). */
export interface AliyunOssEvent {
  readonly events: readonly AliyunOssRecord[];
}

/**
 * An MNS topic trigger message in JSON format. Message attributes are not
 * nested: each one is a top-level key beside these fields.
 */
export interface AliyunMnsJsonEvent {
  readonly TopicOwner?: string;
  readonly TopicName: string;
  readonly Subscriber?: string;
  readonly SubscriptionName?: string;
  readonly MessageId: string;
  readonly MessageMD5?: string;
  readonly Message: string;
  /** Epoch ms, a number. */
  readonly PublishTime: number;
  readonly [attribute: string]: unknown;
}

/**
 * An MNS topic trigger message in STREAM format (the default) that has
 * message attributes. Without attributes the event is the raw message body
 * itself, with no envelope at all.
 */
export interface AliyunMnsStreamEvent {
  readonly body: string;
  readonly attrs: Readonly<Record<string, unknown>>;
}

/** The FC 2.0 HTTP handler's request: a readable stream of the body, with these fields. */
export interface AliyunFc2Request {
  /** Lower-case names; repeated names may arrive joined or as arrays. */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The path, decoded, including `/2016-08-15/proxy/<service>/<function>` on the default endpoint. */
  readonly path: string;
  /** Query values: a string, or an array for a repeated key. */
  readonly queries?: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly method: string;
  readonly clientIP?: string;
  /** Path and raw query, as requested. */
  readonly url?: string;
  /** Not in the documented field table, but read by the documented example; older runtimes only stream it. */
  readonly body?: unknown;
}

/** The FC 2.0 HTTP handler's response methods. */
export interface AliyunFc2Response {
  setStatusCode(statusCode: number): void;
  /** A string per the field table; an array sends the header once per value (as Node's `set-cookie`). */
  setHeader(headerKey: string, headerValue: string | string[]): void;
  deleteHeader?(headerKey: string): void;
  send(body: string | Uint8Array): void;
}

/** Every event `toAliyun` understands, once parsed. */
export type AliyunEvent = AliyunHttpTriggerEvent | AliyunTimerEvent | AliyunOssEvent | AliyunMnsJsonEvent | AliyunMnsStreamEvent;

/** What the FC 3.0 handler resolves with: the HTTP answer, or nothing for the other triggers. */
export type AliyunResult = AliyunHttpTriggerResult | undefined;
