// "." for browsers and bundlers (Vite, webpack 5): ready on import. The
// .wasm is located with new URL(..., import.meta.url), which bundlers
// understand without a plugin.
import initWasm, * as bindings from "./web/signal_indicators.js";
import { api } from "./api.js";
export { version } from "./version.js";

await initWasm({ module_or_path: new URL("./web/signal_indicators_bg.wasm", import.meta.url) });

export const { SignalError, SignalEngine, inputFromFormData, recordSchema, catalogSchema, attach, verifySubmission, renderPicker } = api(bindings);
