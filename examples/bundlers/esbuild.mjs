// esbuild bundles the module but leaves `new URL("./web/signal_indicators_bg.wasm",
// import.meta.url)` as it is, so the .wasm is copied to that place next to
// the bundle. Run: node examples/bundlers/esbuild.mjs  (writes dist/)
import { build } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));

/** Bundles `entry` into `outdir/main.js`, with the .wasm where the bundle looks for it. */
export async function bundle({ entry = "main.js", outdir = join(here, "dist") } = {}) {
  await build({
    entryPoints: { main: join(here, entry) },
    bundle: true,
    format: "esm",
    target: "es2022",
    minify: true,
    outdir,
    logLevel: "warning",
  });
  mkdirSync(join(outdir, "web"), { recursive: true });
  copyFileSync(fileURLToPath(import.meta.resolve("@ind/signal-indicators/signal_indicators_bg.wasm")), join(outdir, "web", "signal_indicators_bg.wasm"));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bundle();
