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
 * Both methods resolve once the queue has accepted the messages; what they
 * resolve with is the backend's own (send metadata on Workers), so portable
 * code does not read it.
 *
 * @example
 * await env.JOBS.send({ id: "42" }, { delaySeconds: 10 });
 */
export interface Queue<T = unknown> {
  send(body: T, options?: QueueSendOptions): Promise<unknown>;
  sendBatch(messages: Iterable<QueueSendRequest<T>>): Promise<unknown>;
}
