// "./web" for <script type="module"> pages that serve the .wasm themselves:
//   import init, { SignalEngine } from "@ind/signal-indicators/web";
//   await init();                                   // the co-located .wasm
//   await init({ module_or_path: "/static/signal_indicators_bg.wasm" });
import initWasm, * as bindings from "./web/signal_indicators.js";
import { finish } from "./api.js";
export { version } from "./version.js";

let ready;

/** Loads the module once; later calls return the same promise. */
export default function init(options) {
  if (!ready) {
    const input = options ?? { module_or_path: new URL("./web/signal_indicators_bg.wasm", import.meta.url) };
    ready = initWasm(input).then(() => {
      finish(bindings);
    });
    ready.catch(() => {
      ready = undefined; // allow a retry after a failed load
    });
  }
  return ready;
}

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
