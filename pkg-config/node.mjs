// "." for Node: the nodejs build loads its .wasm synchronously.
import { createRequire } from "node:module";
import { api } from "./api.js";
export { version } from "./version.js";

const require = createRequire(import.meta.url);

export const { SignalEngine, inputFromFormData, recordSchema, catalogSchema, attach } = api(require("./node/signal_indicators.js"));
