import { runContractSuite } from "@faasport/contract";
import { aliyunHarnesses } from "./harness";

for (const harness of aliyunHarnesses) runContractSuite(harness);
