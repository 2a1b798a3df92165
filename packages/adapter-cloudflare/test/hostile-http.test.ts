import { runHostileHttpSuite } from "@faasport/contract";
import { workers } from "./harness";

runHostileHttpSuite(workers);
