// Prints raw, gzip -9 and brotli bytes of what a browser downloads for the
// package's browser entry: the .wasm plus its JS (glue and entry shims).
// With --budget-gzip N, exits 1 when the gzip total is above N bytes.
import { readFileSync } from "node:fs";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { join, dirname, normalize } from "node:path";
import { fileURLToPath } from "node:url";

const pkg = join(dirname(fileURLToPath(import.meta.url)), "..", "pkg");

/**
 * Every file a browser fetches to import `entry`: the entry, what it
 * imports, transitively, and every .wasm located with `new URL(...)`. Found
 * by reading the files, so a file added to the graph is counted without
 * anyone listing it here.
 */
function downloadedFiles(entry) {
  const found = [];
  const visit = (file) => {
    if (found.includes(file)) return;
    found.push(file);
    if (!file.endsWith(".js")) return;
    const code = readFileSync(join(pkg, file), "utf8");
    // Static imports, dynamic imports of a fixed path, and .wasm URLs.
    const imports = /(?:\bfrom|\bimport)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']|new URL\(\s*["']([^"']+\.wasm)["']/g;
    for (const match of code.matchAll(imports)) {
      const target = match[1] ?? match[2];
      // Only what the entry itself names: the glue's default .wasm URL is
      // the same file, named relative to the glue.
      visit(normalize(join(dirname(file), target)));
    }
  };
  visit(entry);
  return found;
}

const files = downloadedFiles("index.js");
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
