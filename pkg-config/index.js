// "." for browsers and bundlers (Vite, webpack 5): ready on import. The
// .wasm is located with new URL(..., import.meta.url), which bundlers
// understand without a plugin.
import initWasm, * as bindings from "./web/signal_indicators.js";
import { bind } from "./api.js";
import { attachForm } from "./attach.js";
export { version } from "./version.js";

await initWasm({ module_or_path: new URL("./web/signal_indicators_bg.wasm", import.meta.url) });

const api = bind(bindings);
export const { SignalEngine, inputFromFormData, recordSchema, catalogSchema, renderPicker, verifySubmission, diffCatalogs, catalogImpact, describeCatalog } = api;
export { SignalError } from "./api.js";

/** Attaches the engine to an existing form (SPEC §9); see the README. */
export function attach(form, options) {
  return attachForm(api, form, options);
}
