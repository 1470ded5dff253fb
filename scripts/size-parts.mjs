// `make size`: where the browser module's bytes go, per part. The module
// (target/pkg-build/web-named.wasm, kept with its function names when the
// package is built) is optimized as the shipped one is, names kept (-g),
// and twiggy's size of every function and data segment is summed per part:
// the infrastructure crate, each area of the core, the bindings, serde,
// the standard library, wasm-bindgen, and the data. Code the optimizer
// inlined counts where it was inlined (the form's reading inside the
// engine's `read`, catalog loading inside the constructor's export).
import { execFileSync } from "node:child_process";
import { mkdtempSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const named = join(root, "target", "pkg-build", "web-named.wasm");
if (!existsSync(named)) {
  console.error("size-parts: no target/pkg-build/web-named.wasm; run make pkg");
  process.exit(1);
}
const optimized = join(mkdtempSync(join(tmpdir(), "size-parts-")), "named.wasm");
const flags = (process.env.WASM_OPT_FLAGS ?? "-Oz").split(/\s+/).filter(Boolean);
execFileSync("wasm-opt", [...flags, "-g", named, "-o", optimized]);
const items = JSON.parse(execFileSync("twiggy", ["top", "-n", "1000000", "--format", "json", optimized], { encoding: "utf8", maxBuffer: 1 << 28 }));

/** The parts, first match wins: a name is attributed to the first part it names. */
const PARTS = [
  ["names (not shipped)", (name) => name.startsWith('"function names"') || name.startsWith("custom section")],
  ["bindings: the exported functions, with what they inline", (name) => / shim$/.test(name)],
  ["data (catalog, schemas, texts)", (name) => name.startsWith("data segment") || name.startsWith("data[")],
  ["core: form and its reading", (name) => /signal_indicators\[\w+\]::core::(form|form_data|fields|identifiers|extensions|protected)\b/.test(name)],
  ["core: catalog", (name) => /signal_indicators\[\w+\]::core::catalog/.test(name)],
  ["core: scoring and advice", (name) => /signal_indicators\[\w+\]::core::scoring/.test(name)],
  ["core: record, verification", (name) => /signal_indicators\[\w+\]::core::(record|extract|correction|submission)/.test(name)],
  ["core: issues and messages", (name) => /signal_indicators\[\w+\]::core::(issue|messages|vocabulary|locale|error)/.test(name)],
  ["core: engine and the rest", (name) => /signal_indicators\[\w+\]::core::/.test(name)],
  ["bindings (src/wasm)", (name) => /signal_indicators\[\w+\]::wasm::/.test(name)],
  ["infra: JSON reader and writer", (name) => /signal_infra\[\w+\]::json_text/.test(name)],
  ["infra: schema validator", (name) => /signal_infra\[\w+\]::schema/.test(name)],
  ["infra: pattern matcher", (name) => /signal_infra\[\w+\]::pattern/.test(name)],
  ["infra: canonical form, SHA-256, dates, the rest", (name) => /signal_infra\[\w+\]::|sha2\[/.test(name)],
  ["serde and serde_json", (name) => /serde(_json|_core)?\[/.test(name)],
  ["wasm-bindgen, js-sys", (name) => /wasm_bindgen|js_sys/.test(name)],
  ["allocator", (name) => /dlmalloc|talc|alloc\[\w+\]::alloc/.test(name)],
  ["standard library (core, alloc, std)", (name) => /\b(core|alloc|std)\[/.test(name)],
];
const totals = new Map(PARTS.map(([part]) => [part, 0]));
let other = 0;
for (const { name, shallow_size: size } of items) {
  const part = PARTS.find(([, matches]) => matches(name));
  if (part) totals.set(part[0], totals.get(part[0]) + size);
  else other += size;
}
totals.set("other (unnamed code, tables, imports)", other);
const shipped = [...totals].filter(([part]) => part !== "names (not shipped)");
const sum = shipped.reduce((n, [, size]) => n + size, 0);
console.log(`\nThe browser module by part (wasm-opt -Oz with names kept, names left out; ${(sum / 1000).toFixed(1)} kB raw; inlined code counts where it was inlined):`);
for (const [part, size] of shipped.sort((a, b) => b[1] - a[1])) {
  console.log(`${part.padEnd(58)} ${(size / 1000).toFixed(1).padStart(6)} kB  ${((100 * size) / sum).toFixed(1).padStart(5)} %`);
}
