/**
 * In-process KV and queue, from core: for tests and throwaway runs. The KV
 * offers compare-and-set; the queue only holds what was sent (use the local
 * queue, `local:`, to have messages delivered to the app's queue handler).
 *
 * @module
 */
export { createMemoryKV, createMemoryQueue, type MemoryKVOptions, type MemoryQueue, type MemoryQueueMessage } from "@faasport/core";

/** The driver's name, in URLs (`memory:`). */
export const MEMORY_DRIVER = "memory";
