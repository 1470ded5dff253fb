// Rollup: node-resolve finds the package's browser entry; Rollup keeps
// `new URL("./web/signal_indicators_bg.wasm", import.meta.url)` as it is, so
// a small plugin puts the .wasm at that place next to the bundle.
// Run: npx rollup -c examples/bundlers/rollup.config.mjs  (writes dist/)
import { nodeResolve } from "@rollup/plugin-node-resolve";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const wasm = fileURLToPath(import.meta.resolve("@ind/signal-indicators/signal_indicators_bg.wasm"));

export default {
  input: { main: fileURLToPath(new URL("main.js", import.meta.url)) },
  output: { dir: fileURLToPath(new URL("dist/", import.meta.url)), format: "es" },
  plugins: [
    nodeResolve({ browser: true }),
    {
      name: "signal-indicators-wasm",
      generateBundle() {
        this.emitFile({ type: "asset", fileName: "web/signal_indicators_bg.wasm", source: readFileSync(wasm) });
      },
    },
  ],
};
