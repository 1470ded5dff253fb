// "." for Node: the same web-target glue as browsers (an ES module), built
// for speed, with its .wasm read and instantiated synchronously on import.
import { readFileSync } from "node:fs";
import * as bindings from "./node/signal_indicators.js";
import { bind } from "./api.js";
import { attachForm } from "./attach.js";
export { version } from "./version.js";

bindings.initSync({ module: readFileSync(new URL("./node/signal_indicators_bg.wasm", import.meta.url)) });

const api = bind(bindings);
export const { SignalEngine, inputFromFormData, recordSchema, catalogSchema, renderPicker, verifySubmission, diffCatalogs, catalogImpact, describeCatalog } = api;
export { SignalError } from "./api.js";

/** Attaches the engine to an existing form (SPEC §9); see the README. */
export function attach(form, options) {
  return attachForm(api, form, options);
}
