import { runHostileHttpSuite } from "@faasport/contract";
import { awsHarnesses } from "./harness";

for (const harness of awsHarnesses) if (harness.kinds.includes("http")) runHostileHttpSuite(harness);
