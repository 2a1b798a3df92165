import { runHostileHttpSuite } from "@faasport/contract";
import { nodeHttp } from "./harness";

runHostileHttpSuite(nodeHttp);
