// "./full" for browsers and bundlers: like ".", ready on import, with the
// functions the browser module leaves out (verifyRecord, recordSchema();
// SPEC §8.1) for pages that do want them. Node resolves "./full" to its
// "." entry, which always has everything.
import initWasm, * as bindings from "./full/signal_indicators.js";
import { api } from "./api.js";
export { version } from "./version.js";

await initWasm({ module_or_path: new URL("./full/signal_indicators_bg.wasm", import.meta.url) });

export const { SignalError, SignalEngine, inputFromFormData, recordSchema, catalogSchema, attach, verifySubmission, renderPicker } = api(bindings);
