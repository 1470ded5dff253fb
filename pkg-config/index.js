// "." for browsers and bundlers (Vite, webpack 5): ready on import. The
// .wasm is located with new URL(..., import.meta.url), which bundlers
// understand without a plugin.
import initWasm, * as bindings from "./web/signal_indicators.js";
import { finish } from "./api.js";
export { version } from "./version.js";

await initWasm({ module_or_path: new URL("./web/signal_indicators_bg.wasm", import.meta.url) });
finish(bindings);

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
