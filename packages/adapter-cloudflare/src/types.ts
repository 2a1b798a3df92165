/**
 * The Workers shapes the adapter reads, structurally: the native objects from
 * workerd (and `@cloudflare/workers-types`' `MessageBatch`,
 * `ScheduledController`, `ExecutionContext`) satisfy them, so the package
 * needs no runtime or type dependency on Cloudflare's packages.
 */

/** The third argument of every Workers handler (the fields faasport uses). */
export interface CloudflareExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
  passThroughOnException(): void;
  /** Service-binding props, on runtimes that have them. */
  readonly props?: unknown;
}

/** Options of a native `Message.retry()`. */
export interface CloudflareRetryOptions {
  delaySeconds?: number;
}

/** One message of a native queue batch. */
export interface CloudflareMessage<Body = unknown> {
  readonly id: string;
  /** When it was sent. */
  readonly timestamp: Date;
  /** As the producer sent it: a string, a structured-clone value, or an `ArrayBuffer` for `bytes` messages. */
  readonly body: Body;
  /** 1 on first delivery. */
  readonly attempts: number;
  ack(): void;
  retry(options?: CloudflareRetryOptions): void;
}

/** The batch a queue consumer Worker receives. */
export interface CloudflareMessageBatch<Body = unknown> {
  readonly queue: string;
  readonly messages: readonly CloudflareMessage<Body>[];
  ackAll(): void;
  retryAll(options?: CloudflareRetryOptions): void;
}

/** What a Cron Trigger passes to `scheduled()`. */
export interface CloudflareScheduledController {
  /** Epoch ms. */
  readonly scheduledTime: number;
  /** The cron expression that fired; `""` when fired by hand (`/cdn-cgi/handler/scheduled` without a cron). */
  readonly cron: string;
  noRetry(): void;
}

/** The R2 actions that send an event notification (R2 docs, Event notifications: event types). */
export type R2NotificationAction = "PutObject" | "CopyObject" | "CompleteMultipartUpload" | "DeleteObject" | "LifecycleDeletion";

/**
 * The body of a queue message that R2 sends for an event notification
 * (R2 docs, Event notifications: message format).
 */
export interface R2EventNotification {
  readonly account: string;
  readonly action: R2NotificationAction | (string & {});
  readonly bucket: string;
  readonly object: {
    readonly key: string;
    /** Absent on deletions. */
    readonly size?: number;
    /** Absent on deletions. */
    readonly eTag?: string;
  };
  /** ISO 8601. */
  readonly eventTime: string;
  /** Only on `CopyObject`. */
  readonly copySource?: { readonly bucket: string; readonly object: string };
}

/**
 * The module Worker `toCloudflare` produces: export it as the default export
 * of the Worker's entry. `env` is typed `unknown` so that any `Env` interface
 * fits `ExportedHandler<Env>`; the adapter checks the bindings it needs.
 */
export interface CloudflareWorker {
  fetch(request: Request, env: unknown, ctx: CloudflareExecutionContext): Promise<Response>;
  queue(batch: CloudflareMessageBatch, env: unknown, ctx: CloudflareExecutionContext): Promise<void>;
  scheduled(controller: CloudflareScheduledController, env: unknown, ctx: CloudflareExecutionContext): Promise<void>;
}
