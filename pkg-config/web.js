// "./web" for <script type="module"> pages that serve the .wasm themselves:
//   import init, { SignalEngine } from "@ind/signal-indicators/web";
//   await init();                                   // the co-located .wasm
//   await init({ module_or_path: "/static/signal_indicators_bg.wasm" });
import initWasm, * as bindings from "./web/signal_indicators.js";
import { bind } from "./api.js";
import { attachForm } from "./attach.js";
export { version } from "./version.js";

let ready;

/** Loads the module once; later calls return the same promise. */
export default function init(options) {
  if (!ready) {
    const input = options ?? { module_or_path: new URL("./web/signal_indicators_bg.wasm", import.meta.url) };
    ready = initWasm(input).then(() => undefined);
    ready.catch(() => {
      ready = undefined; // allow a retry after a failed load
    });
  }
  return ready;
}

const api = bind(bindings);
export const { SignalEngine, inputFromFormData, recordSchema, catalogSchema, renderPicker, verifySubmission, diffCatalogs, catalogImpact, describeCatalog } = api;
export { SignalError } from "./api.js";

/** Attaches the engine to an existing form (SPEC §9); see the README. */
export function attach(form, options) {
  return attachForm(api, form, options);
}
