// The app every contender serves, as a Fetch handler (what a faasport app or a module
// Worker holds) and a queue handler. No imports: bundles of it measure only the framework.

/** GET /hello answers {"hello":"world"}; POST /echo answers the bytes it was sent. */
export async function appFetch(request) {
  if (new URL(request.url).pathname === "/echo") return new Response(await request.arrayBuffer(), { headers: { "content-type": "application/octet-stream" } });
  return Response.json({ hello: "world" });
}

/** What the queue handlers add up, so no contender's work can be optimised away. */
export const sink = { total: 0 };

/** The queue handler: reads every message body (faasport has already parsed the JSON). */
export function appQueue(batch) {
  for (const message of batch.messages) sink.total += message.body.id;
}
