import { runContractSuite } from "@faasport/contract";
import { workers } from "./harness";

runContractSuite(workers);
