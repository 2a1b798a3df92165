import { describe } from "vitest";
import { queueSuite, scheduledSuite, storageSuite } from "./event-suite";
import type { HarnessDefinition } from "./harness";
import { httpSuite } from "./http-suite";
import { type ContractSubject, useHarness } from "./suite-context";

/**
 * Runs the whole contract against one adapter's event source. An adapter's
 * contract test file is one call to it per event source.
 *
 * @example
 * import { runContractSuite } from "@faasport/contract";
 * import { httpApiV2 } from "./harness";
 * runContractSuite(httpApiV2);
 */
export function runContractSuite(definition: HarnessDefinition, subject?: ContractSubject): void {
  describe(`contract${subject?.label ? ` (${subject.label})` : ""}: ${definition.name}`, () => {
    const context = useHarness(definition, subject);
    if (definition.kinds.includes("http")) describe("http", () => httpSuite(context));
    // Other implementations of the contract app (Fetch routers) cover its HTTP routes only.
    if (subject) return;
    if (definition.kinds.includes("queue")) describe("queue", () => queueSuite(context));
    if (definition.kinds.includes("scheduled")) describe("scheduled", () => scheduledSuite(context));
    if (definition.kinds.includes("storage")) describe("storage", () => storageSuite(context));
  });
}
