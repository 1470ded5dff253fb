// Prints raw, gzip -9 and brotli bytes of what a browser downloads for the
// package's browser entry: the .wasm plus its JS (glue and entry shims).
// With --budget-gzip N, exits 1 when the gzip total is above N bytes.
import { readFileSync, readdirSync } from "node:fs";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const pkg = join(dirname(fileURLToPath(import.meta.url)), "..", "pkg");
// The JS the module imports (wasm-bindgen snippets) is downloaded too.
const snippets = readdirSync(join(pkg, "web", "snippets"), { recursive: true })
  .filter((file) => file.endsWith(".js"))
  .map((file) => join("web", "snippets", file));
const files = ["web/signal_indicators_bg.wasm", "web/signal_indicators.js", ...snippets, "index.js", "api.js", "attach.js", "version.js"];
let total = { raw: 0, gzip: 0, brotli: 0 };
const rows = files.map((file) => {
  const bytes = readFileSync(join(pkg, file));
  const row = {
    file,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
  for (const key of ["raw", "gzip", "brotli"]) total[key] += row[key];
  return row;
});
// kB = 1000 bytes, as in the budget (SPEC §11).
const kb = (n) => `${(n / 1000).toFixed(1)} kB`;
for (const row of [...rows, { file: "total", ...total }]) {
  console.log(`${row.file.padEnd(32)} raw ${kb(row.raw).padStart(10)}  gzip ${kb(row.gzip).padStart(9)}  brotli ${kb(row.brotli).padStart(9)}`);
}
const at = process.argv.indexOf("--budget-gzip");
if (at > 0) {
  const budget = Number(process.argv[at + 1]);
  if (total.gzip > budget) {
    console.error(`over budget: ${total.gzip} bytes gzip > ${budget}`);
    process.exit(1);
  }
  console.log(`within budget: ${total.gzip} <= ${budget} bytes gzip`);
}
