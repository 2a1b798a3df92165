import { runHostileHttpSuite } from "@faasport/contract";
import { tencentHarnesses } from "./harness";

for (const harness of tencentHarnesses) if (harness.kinds.includes("http")) runHostileHttpSuite(harness);
