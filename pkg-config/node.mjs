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
