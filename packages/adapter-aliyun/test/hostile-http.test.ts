import { runHostileHttpSuite } from "@faasport/contract";
import { aliyunHarnesses } from "./harness";

for (const harness of aliyunHarnesses) if (harness.kinds.includes("http")) runHostileHttpSuite(harness);
