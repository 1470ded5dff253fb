// "." for Node: the same web-target glue as browsers (an ES module), built
// for speed, with its .wasm read and instantiated synchronously on import.
import { readFileSync } from "node:fs";
import * as bindings from "./node/signal_indicators.js";
import { api } from "./api.js";
export { version } from "./version.js";

bindings.initSync({ module: readFileSync(new URL("./node/signal_indicators_bg.wasm", import.meta.url)) });

export const { SignalError, SignalEngine, inputFromFormData, recordSchema, catalogSchema, attach, verifySubmission, renderPicker } = api(bindings);
