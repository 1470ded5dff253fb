// "." for Node: the nodejs build loads its .wasm synchronously.
import { createRequire } from "node:module";
import { finish } from "./api.js";
export { version } from "./version.js";

const require = createRequire(import.meta.url);
const bindings = finish(require("./node/signal_indicators.js"));

export const SignalEngine = bindings.SignalEngine;
export const inputFromFormData = bindings.inputFromFormData;
export const recordSchema = bindings.recordSchema;
export const catalogSchema = bindings.catalogSchema;

/** Attaches the engine to an existing form (SPEC §9); see the README. */
export function attach(form, options) {
  const { engine, ...rest } = options ?? {};
  const own = engine ?? new bindings.SignalEngine(rest.locale ? { locale: rest.locale } : undefined);
  try {
    return bindings.attachWithEngine(form, rest, own);
  } finally {
    // The handle keeps its own copy of the engine's state.
    if (!engine) own.free();
  }
}
