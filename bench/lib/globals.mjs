// faasport's Node adapters replace the global `Response` with a light stand-in (the fast
// Fetch path). Peers that use the global (Hono, the hand-written Fetch handler) must be
// timed with Node's own class, as they would run alone; faasport with its own. Importing
// this module first keeps Node's class before any adapter replaces it.
const native = globalThis.Response;
let faasport;

/** Call once every faasport handler has been made (the adapters install the stand-in then). */
export function captureFaasportGlobals() {
  faasport = globalThis.Response;
}

/** Puts the globals a contender runs with in place: "native" (Node's own) or "faasport". */
export function useGlobals(kind) {
  const Response = kind === "faasport" ? faasport : native;
  if (!Response) throw new Error("captureFaasportGlobals() must run before useGlobals()");
  Object.defineProperty(globalThis, "Response", { value: Response, writable: true, configurable: true, enumerable: false });
}
