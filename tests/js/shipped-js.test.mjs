// The JavaScript the package ships never turns text into markup or code:
// officer text reaches the page only as textContent and attribute values.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { pkgDir, hasBrowserModules } from "./fixtures.mjs";

const pkg = pkgDir;
const shipped = readdirSync(pkg, { recursive: true }).filter((file) => file.endsWith(".js") || file.endsWith(".mjs"));

test("the package ships its JavaScript", () => {
  for (const file of ["attach.js", "api.js", "index.js", "web.js", "node.mjs"]) assert.ok(shipped.includes(file), file);
});

test("no innerHTML, eval, Function constructor or document.write in any shipped file", () => {
  const forbidden = /\b(innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\s*\(|new\s+Function\b|setTimeout\s*\(\s*["'`])/;
  for (const file of shipped) {
    const text = readFileSync(join(pkg, file), "utf8");
    assert.doesNotMatch(text, forbidden, file);
  }
});

test("the Node module hashes with node:crypto; no browser module imports it", () => {
  const imports = (file) => [...readFileSync(join(pkg, file), "utf8").matchAll(/(?:\bfrom|\bimport)\s*\(?\s*["']([^"']+)["']/g)].map((m) => m[1]);
  const nodeSnippet = imports("node/signal_indicators.js").find((target) => target.endsWith("/node-sha256.js"));
  assert.ok(nodeSnippet, "the Node glue imports its SHA-256 from node-sha256.js");
  assert.ok(imports(join("node", nodeSnippet)).includes("node:crypto"));
  for (const file of shipped.filter((file) => !file.startsWith("node"))) {
    assert.ok(!imports(file).some((target) => target.startsWith("node:")), `${file} imports nothing of Node`);
  }
});

// SPEC §11 cold start: a page's requests come one after another, so each
// browser entry is one file (glue, API, attach and version inside) whose
// only request is its own .wasm; a static import would be one more round
// trip before the .wasm is even asked for.
test("each browser entry is one file that requests only its own .wasm", { skip: !hasBrowserModules && "no browser modules in this package" }, () => {
  for (const [entry, build] of [["index.js", "web"], ["web.js", "web"], ["full.js", "full"]]) {
    const code = readFileSync(join(pkg, entry), "utf8");
    // A static import (`import"…"`, `import{…}from"…"`, `import*as…from"…"`) or a dynamic one.
    const importing = /(?:^|[;}\s])import\s*(?:[\w*{$][^;"']*?\bfrom\s*)?["']|\bimport\s*\(/.exec(code);
    assert.equal(importing?.[0], undefined, `${entry} imports nothing`);
    const urls = new Set([...code.matchAll(/new URL\(\s*["']([^"']+)["']/g)].map((match) => match[1]));
    assert.deepEqual([...urls], [`./${build}/signal_indicators_bg.wasm`], entry);
  }
});
