import { runContractSuite } from "@faasport/contract";
import { tencentHarnesses } from "./harness";

for (const harness of tencentHarnesses) runContractSuite(harness);
