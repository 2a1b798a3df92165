import { runContractSuite } from "@faasport/contract";
import { awsHarnesses } from "./harness";

for (const harness of awsHarnesses) runContractSuite(harness);
