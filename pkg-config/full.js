// "./full" for browsers and bundlers: like ".", ready on import, with the
// functions the browser module leaves out (verifyRecord, recordSchema();
// SPEC §8.1) for pages that do want them. Node resolves "./full" to its
// "." entry, which always has everything.
import initWasm, * as bindings from "./full/signal_indicators.js";
import { bind } from "./api.js";
import { attachForm } from "./attach.js";
export { version } from "./version.js";

await initWasm({ module_or_path: new URL("./full/signal_indicators_bg.wasm", import.meta.url) });

const api = bind(bindings);
export const { SignalEngine, inputFromFormData, recordSchema, catalogSchema, renderPicker, verifySubmission, diffCatalogs, catalogImpact, describeCatalog } = api;
export { SignalError } from "./api.js";

/** Attaches the engine to an existing form (SPEC §9); see the README. */
export function attach(form, options) {
  return attachForm(api, form, options);
}
