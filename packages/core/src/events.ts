/**
 * A timer or cron trigger fired.
 *
 * @example
 * async scheduled(event, env, ctx) {
 *   ctx.log.info("nightly run", { at: new Date(event.scheduledTime).toISOString(), cron: event.cron });
 * }
 */
export interface ScheduledEvent {
  /** The rule or trigger name (EventBridge rule, FC/SCF trigger name); the cron string on Workers. */
  readonly name: string;
  /** The cron expression, where the platform tells. */
  readonly cron: string | undefined;
  /** When the trigger was due, epoch ms. */
  readonly scheduledTime: number;
  /** On failure, do not let the platform retry this run (the error is still logged). */
  noRetry(): void;
}

/**
 * An object was created in or removed from a bucket (S3, OSS, COS, R2).
 *
 * @example
 * async storage(event) {
 *   if (event.action === "created") console.log(`${event.bucket}/${event.key}: ${event.size} bytes`);
 * }
 */
export interface StorageEvent {
  readonly bucket: string;
  /** The object key, decoded (platforms send it URL-encoded). */
  readonly key: string;
  readonly action: "created" | "removed";
  /** Bytes, where the platform tells (not on removals). */
  readonly size: number | undefined;
  readonly etag: string | undefined;
  readonly time: Date;
  /** The platform's name for what happened (`ObjectCreated:Put`, `cos:ObjectCreated:*`), for logs and filters. */
  readonly type: string;
  /** The bucket's region, where the platform tells. */
  readonly region: string | undefined;
}

/** Fields to build a {@link ScheduledEvent} from; adapters use it. */
export interface ScheduledEventInit {
  readonly name: string;
  readonly cron?: string | undefined;
  readonly scheduledTime: number;
}

/** A scheduled event plus whether the handler asked for no retry. */
export interface ScheduledEventHandle {
  readonly event: ScheduledEvent;
  readonly retryDisabled: () => boolean;
}

/** Builds a {@link ScheduledEvent}; `retryDisabled()` tells the adapter whether `noRetry()` was called. */
export function createScheduledEvent(init: ScheduledEventInit): ScheduledEventHandle {
  let noRetry = false;
  const event: ScheduledEvent = {
    name: init.name,
    cron: init.cron,
    scheduledTime: init.scheduledTime,
    noRetry: () => {
      noRetry = true;
    },
  };
  return { event, retryDisabled: () => noRetry };
}
