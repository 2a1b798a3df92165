/** Options for {@link Queue.send}. */
export interface QueueSendOptions {
  /** Seconds before the message becomes visible to consumers. */
  delaySeconds?: number;
}

/** One entry of {@link Queue.sendBatch}. */
export interface QueueSendRequest<T> {
  body: T;
  delaySeconds?: number;
}

/**
 * A queue producer, shaped after Cloudflare's `Queue` so the native Workers
 * binding satisfies it. Bodies are strings, JSON-serialisable values or bytes.
 *
 * @example
 * await env.JOBS.send({ id: "42" }, { delaySeconds: 10 });
 */
export interface Queue<T = unknown> {
  send(body: T, options?: QueueSendOptions): Promise<void>;
  sendBatch(messages: Iterable<QueueSendRequest<T>>): Promise<void>;
}
