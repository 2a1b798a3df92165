import { isLocalQueueBinding, type Runtime } from "@faasport/core/runtime";

/**
 * Connects every local queue binding to the app's `queue` handler, as a
 * cloud queue trigger would. Returns a function that disconnects them all.
 */
export function attachLocalQueues(runtime: Runtime): () => void {
  if (!runtime.app.queue) return () => {};
  const detachers: (() => void)[] = [];
  for (const binding of Object.values(runtime.env)) {
    if (!isLocalQueueBinding(binding)) continue;
    detachers.push(
      binding.attachConsumer(async (queueName, messages) => {
        const invocation = runtime.begin({ raw: { event: { queue: queueName, messages }, context: undefined } });
        const result = await runtime.queue(queueName, messages, invocation);
        await invocation.settle();
        return result;
      }),
    );
  }
  return () => {
    for (const detach of detachers) detach();
  };
}
