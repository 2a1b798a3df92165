/** Every behaviour the contract suite proves, by id. A harness declares the ones its platform truly lacks. */
export const capabilities = {
  "http.methods": "Every method, HEAD and OPTIONS included, reaches the app",
  "http.path.unicode": "Paths with spaces and unicode arrive percent-encoded, as the client sent them",
  "http.path.encoded-slash": "An encoded slash (`%2F`) in the path stays distinct from `/`",
  "http.query.repeated": "Repeated query keys all reach the app, values containing commas intact",
  "http.query.empty": "An empty query value (`?q=`) differs from a missing one; a bare `?` is no query",
  "http.headers.case": "Header names are case-insensitive, whatever casing the client used",
  "http.headers.repeated": "Every value of a repeated request header reaches the app",
  "http.cookies.request": "Request cookies reach the app in the `cookie` header",
  "http.body.json": "JSON request bodies arrive intact",
  "http.body.form": "Form request bodies parse with `formData()`",
  "http.body.binary": "Binary request bodies arrive byte for byte",
  "http.status": "Statuses 200, 201, 204, 301 (with `Location`), 404 and 500 reach the client",
  "http.cookies.response": "Several `Set-Cookie` headers reach the client separately",
  "http.body.binary-response": "Binary responses reach the client byte for byte",
  "http.body.text-response": "UTF-8 text responses reach the client intact",
  "http.body.empty": "Empty bodies stay empty both ways",
  "http.errors": "A throwing handler answers 500 with only the request id, and the error is logged with it",
  "http.wait-until": "`ctx.waitUntil` work is finished, not lost",
  "queue.ack": "Acked and unsettled messages are not redelivered when the handler returns",
  "queue.retry": "Retried messages are redelivered",
  "queue.throw": "When the handler throws, every message it did not ack is redelivered",
  "queue.per-message": "The platform redelivers only the messages that failed, not the whole batch",
  "queue.retry-delay": "`retry({ delaySeconds })` delays that message's redelivery",
  "queue.body": "Text and JSON bodies arrive decoded, with attempts and timestamp",
  "scheduled.run": "Scheduled events reach the app with their name and time",
  "scheduled.cron": "The cron expression that fired is known to the app",
  "scheduled.retry": "A failing run fails the invocation so the platform retries; `noRetry()` stops that",
  "storage.created": "Object-created events arrive with bucket, key, size and etag",
  "storage.removed": "Object-removed events arrive",
  "storage.encoded-keys": "Keys with spaces, `+` and unicode arrive decoded",
  "storage.retry": "A failing storage handler fails the invocation so the platform retries",
  "bindings.kv": "A KV binding is reachable from the handlers",
} as const;

/** The id of one contract behaviour. */
export type Capability = keyof typeof capabilities;

/** The groups of the compatibility table, in order. */
export const capabilityGroups: readonly { readonly title: string; readonly prefix: string }[] = [
  { title: "HTTP", prefix: "http." },
  { title: "Queues", prefix: "queue." },
  { title: "Schedules", prefix: "scheduled." },
  { title: "Storage events", prefix: "storage." },
  { title: "Bindings", prefix: "bindings." },
];
