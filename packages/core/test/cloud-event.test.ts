import { describe, expect, it } from "vitest";
import { toCloudEvent } from "@faasport/core";
import { createQueueBatch, createScheduledEvent } from "@faasport/core/runtime";

describe("toCloudEvent", () => {
  it("maps a storage event with CloudEvents 1.0 attributes", () => {
    const event = {
      bucket: "photos",
      key: "a b/ü.jpg",
      action: "created" as const,
      size: 10,
      etag: "e1",
      time: new Date("2024-01-02T03:04:05Z"),
      type: "ObjectCreated:Put",
      region: "us-east-1",
    };
    expect(toCloudEvent(event)).toEqual({
      specversion: "1.0",
      id: "photos/a b/ü.jpg@1704164645000#e1:created",
      source: "/buckets/photos",
      type: "dev.faasport.storage.object.created",
      time: "2024-01-02T03:04:05.000Z",
      subject: "a b/ü.jpg",
      datacontenttype: "application/json",
      data: { bucket: "photos", key: "a b/ü.jpg", size: 10, etag: "e1" },
    });
  });

  it("maps a scheduled event, with a deterministic id", () => {
    const { event } = createScheduledEvent({ name: "nightly", cron: "0 3 * * *", scheduledTime: 0 });
    const cloudEvent = toCloudEvent(event, { source: "aws:events" });
    expect(cloudEvent).toMatchObject({
      id: "nightly@0",
      source: "aws:events",
      type: "dev.faasport.scheduled",
      time: "1970-01-01T00:00:00.000Z",
      data: { name: "nightly", cron: "0 3 * * *" },
    });
  });

  it("maps queue messages, choosing the content type from the body", () => {
    const { batch } = createQueueBatch("jobs", [
      { id: "1", body: { a: 1 }, attempts: 1, timestamp: new Date(0) },
      { id: "2", body: "text", attempts: 1, timestamp: new Date(0) },
      { id: "3", body: new Uint8Array([1]), attempts: 1, timestamp: new Date(0) },
    ]);
    const [json, text, bytes] = batch.messages.map((message) => toCloudEvent(message, { queue: batch.queue }));
    expect(json).toMatchObject({ id: "1", source: "/queues/jobs", type: "dev.faasport.queue.message", datacontenttype: "application/json", data: { a: 1 } });
    expect(text?.datacontenttype).toBe("text/plain");
    expect(bytes?.datacontenttype).toBe("application/octet-stream");
  });
});
