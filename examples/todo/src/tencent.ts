import { toTencent } from "@faasport/adapter-tencent";
import app from "./app";

/** Tencent SCF entry (event function): `handler: dist/tencent.main_handler`. Web functions use `node.ts` on port 9000 instead. */
export const main_handler = toTencent(app);
