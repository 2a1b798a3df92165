import { runContractSuite } from "@faasport/contract";
import { nodeHttp } from "./harness";

runContractSuite(nodeHttp);
