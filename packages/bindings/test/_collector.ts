import type { LocalConsumer, QueueMessageInit } from "@faasport/core/runtime";

/** A consumer that acks everything and hands the messages to the suite's `receive`. */
export function createCollector(): {
  consumer: LocalConsumer;
  push(messages: readonly QueueMessageInit[]): void;
  receive(count: number, timeoutMs: number): Promise<QueueMessageInit[]>;
} {
  const arrived: QueueMessageInit[] = [];
  const push = (messages: readonly QueueMessageInit[]): void => void arrived.push(...messages);
  return {
    push,
    consumer: async (_queue, messages) => {
      push(messages);
      return { outcomes: messages.map((message) => ({ id: message.id, action: "ack" as const })), threw: false, error: undefined };
    },
    receive: async (count, timeoutMs) => {
      const deadline = Date.now() + timeoutMs;
      while (arrived.length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      // Everything that arrived, so an unexpected extra message fails the suite's count.
      return arrived.splice(0, arrived.length);
    },
  };
}
