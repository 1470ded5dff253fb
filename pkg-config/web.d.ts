import type { InitInput } from "./web/signal_indicators.js";
// The same API and types as "." (SPEC §8.1), plus init().
export * from "./index.js";
/**
 * Loads the WebAssembly module: the co-located `.wasm` by default, or the
 * URL, `Response` or bytes given as `module_or_path`. Calling it twice is harmless.
 */
export default function init(
  options?: { module_or_path?: InitInput | Promise<InitInput> },
): Promise<void>;
