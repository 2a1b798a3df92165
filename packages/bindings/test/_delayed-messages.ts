/** A message a checking endpoint accepted, with its id and send time. */
export interface AcceptedMessage {
  readonly id: string;
  readonly body: string;
  readonly sentAt: number;
}

/**
 * What a checking endpoint (MNS, CMQ) holds of the messages it accepted:
 * each becomes visible after its delay, as the service documents, and the
 * test takes the due ones to hand to the consumer.
 */
export function delayedMessages(): { accept(id: string, body: string, delaySeconds: number): void; takeDue(): AcceptedMessage[] } {
  const waiting: (AcceptedMessage & { readonly visibleAt: number })[] = [];
  return {
    accept(id, body, delaySeconds) {
      const sentAt = Date.now();
      waiting.push({ id, body, sentAt, visibleAt: sentAt + delaySeconds * 1000 });
    },
    takeDue() {
      const now = Date.now();
      const due = waiting.filter((message) => message.visibleAt <= now);
      for (const message of due) waiting.splice(waiting.indexOf(message), 1);
      return due.map(({ id, body, sentAt }) => ({ id, body, sentAt }));
    },
  };
}
