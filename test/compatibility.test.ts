import { renderCompatibility } from "@faasport/contract";
import { expect, it } from "vitest";
import { allHarnesses, interopApps } from "./harnesses";

const intro = `
Which contract behaviours hold on which platform and event source. Node.js is the reference: it sees the
request exactly as the client sent it. Each platform column is one harness of the suite, which builds the
platform's native events from captured samples and reads its native answers back.
`;

// Regenerate with `pnpm docs:compat`; CI fails when the file and the harnesses disagree.
it("docs/compatibility.md matches the contract harnesses", async () => {
  await expect(renderCompatibility(allHarnesses, intro, interopApps)).toMatchFileSnapshot("../docs/compatibility.md");
});
