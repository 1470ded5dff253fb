// Assembles ONE npm package in pkg/ from the three module builds
// (target/pkg-build/web, full and node) and the entry shims here.
// `--dev`: the package `make test-js` tests, in target/pkg-dev, from the one
// dev build of the Node module (target/pkg-build/node-dev), without the
// browser modules.
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build as bundle, buildSync } from "esbuild";
import { minify as terse } from "terser";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const build = join(root, "target", "pkg-build");
const dev = process.argv.includes("--dev");
const out = dev ? join(root, "target", "pkg-dev") : join(root, "pkg");
/** Each module of the package, and the build it comes from. */
const modules = dev ? { node: "node-dev" } : { web: "web", full: "full", node: "node" };

const cargo = readFileSync(join(root, "Cargo.toml"), "utf8");
const version = /^version\s*=\s*"([^"]+)"/m.exec(cargo)?.[1];
if (!version) throw new Error("no version in Cargo.toml");

for (const from of Object.values(modules)) {
  if (!existsSync(join(build, from, "signal_indicators_bg.wasm"))) {
    throw new Error(`missing ${from} build; run ${dev ? "make test-js" : "make pkg"}`);
  }
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const [target, from] of Object.entries(modules)) {
  mkdirSync(join(out, target));
  for (const file of ["signal_indicators.js", "signal_indicators_bg.wasm", "signal_indicators.d.ts", "signal_indicators_bg.wasm.d.ts"]) {
    if (existsSync(join(build, from, file))) cpSync(join(build, from, file), join(out, target, file));
  }
  // JS the Rust side imports (the boundary reader, src/wasm/read.js).
  cpSync(join(build, from, "snippets"), join(out, target, "snippets"), { recursive: true });
}

// The dev package has no browser modules, but their declarations are those
// of the Node build (the same Rust, the same bindings), so TypeScript
// checks the entries as published.
if (dev) {
  for (const target of ["web", "full"]) {
    mkdirSync(join(out, target));
    cpSync(join(build, modules.node, "signal_indicators.d.ts"), join(out, target, "signal_indicators.d.ts"));
  }
}

// The browser glue first takes in the JS it imports (the boundary reader,
// src/wasm/read.js); each browser entry then takes in the glue (below).
for (const target of ["web", "full"].filter((target) => target in modules)) {
  const glue = join(out, target, "signal_indicators.js");
  buildSync({
    entryPoints: [glue], outfile: glue, allowOverwrite: true, bundle: true,
    format: "esm", minify: true, target: "es2022", legalComments: "none",
  });
  rmSync(join(out, target, "snippets"), { recursive: true });
}
for (const file of ["index.d.ts", "node.mjs", "web.d.ts", "api.js", "style.css"]) {
  cpSync(join(here, file), join(out, file));
}
// attach()'s DOM side lives with the bindings (src/wasm/attach.js); its
// parts (src/wasm/attach/) become the one file Node's entry imports, and
// the browser entries bundle (below). Minified, like everything a browser
// downloads (the sources, with comments, are in pkg-config/ and src/wasm/).
buildSync({
  entryPoints: [join(root, "src", "wasm", "attach.js")], outfile: join(out, "attach.js"), bundle: true,
  format: "esm", minify: true, target: "es2022", legalComments: "none",
});
writeFileSync(join(out, "version.js"), `/** The crate version. */\nexport const version = ${JSON.stringify(version)};\n`);
// Each browser entry becomes ONE file with its glue, api.js, attach.js and
// version.js: a page then waits for one request before the .wasm is
// requested instead of two, which on a cold start is most of the time
// (docs/PERFORMANCE.md). Bundlers still leave attach() out of an
// engine-only bundle (tests/browser/examples.test.mjs). The glue's own
// default .wasm URL is written relative to the entry, where it now lives.
if (!dev) {
  const glueUrl = 'new URL("signal_indicators_bg.wasm",import.meta.url)';
  const entryGlue = {
    name: "entry-glue",
    setup(bundler) {
      bundler.onLoad({ filter: /[\\/](web|full)[\\/]signal_indicators\.js$/ }, ({ path }) => {
        const code = readFileSync(path, "utf8");
        const target = basename(dirname(path));
        if (!code.includes(glueUrl)) throw new Error(`${path}: no default .wasm URL to relocate`);
        return { contents: code.replaceAll(glueUrl, `new URL("./${target}/signal_indicators_bg.wasm",import.meta.url)`), loader: "js" };
      });
    },
  };
  for (const file of ["index.js", "web.js", "full.js"]) {
    const path = join(out, file);
    cpSync(join(here, file), path);
    await bundle({
      entryPoints: [path], outfile: path, allowOverwrite: true, bundle: true, plugins: [entryGlue], logLevel: "error",
      format: "esm", minify: true, target: "es2022", legalComments: "none",
    });
    // Then terser, whose repeated compression passes find what esbuild's
    // single pass leaves (−0.65 kB gzip of the entry); no unsafe option, so
    // the behaviour is the bundle's (the same suites run against it).
    const { code } = await terse(readFileSync(path, "utf8"), {
      module: true, ecma: 2022, compress: { passes: 3 }, mangle: true, format: { comments: false },
    });
    writeFileSync(path, code);
  }
  // The glue is inside the entries now; its declarations stay.
  for (const target of ["web", "full"]) rmSync(join(out, target, "signal_indicators.js"));
} else {
  // The dev package has no browser glue to bundle: the entries as written.
  for (const file of ["index.js", "web.js", "full.js"]) cpSync(join(here, file), join(out, file));
}
// Every options parameter is optional (SPEC §8): wasm-bindgen writes a
// parameter with an explicit type as required, so the generated
// declarations are completed here, one rule for every `…Options` parameter.
// Our SignalEngine (api.js) adds `[Symbol.dispose]` where the platform has
// it; declaring it would make every consumer's `lib` include esnext.
// Node's entry initializes itself: its declarations leave out init(), whose
// types (`Response`, `WebAssembly.Module`) need the DOM lib.
for (const target of ["web", "full", "node"]) {
  const file = join(out, target, "signal_indicators.d.ts");
  if (!existsSync(file)) continue;
  let types = readFileSync(file, "utf8")
    .replace(/\b(options|_options): (\w+Options)\)/g, "$1?: $2)")
    .replace(/^ *\[Symbol\.dispose\]\(\): void;\n/gm, "");
  if (target === "node") {
    const init = types.indexOf("export type InitInput");
    if (init < 0) throw new Error("node declarations: no init section to leave out");
    types = types.slice(0, init);
  }
  writeFileSync(file, types);
}
// "./full" has the same types as "."; Node's condition the same over its own build.
cpSync(join(here, "index.d.ts"), join(out, "full.d.ts"));
writeFileSync(join(out, "node.d.ts"), readFileSync(join(here, "index.d.ts"), "utf8").replaceAll("./web/", "./node/"));
cpSync(join(here, "README.md"), join(out, "README.md"));
if (existsSync(join(root, "LICENSE"))) cpSync(join(root, "LICENSE"), join(out, "LICENSE"));
// What a back end in another language needs, and the security notes.
mkdirSync(join(out, "docs"));
cpSync(join(root, "docs", "VERIFYING.md"), join(out, "docs", "VERIFYING.md"));
cpSync(join(root, "SECURITY.md"), join(out, "SECURITY.md"));
mkdirSync(join(out, "schemas"));
for (const file of ["signal-record.schema.json", "signal-record-1.1.schema.json", "signal-extract.schema.json", "signal-correction.schema.json", "catalog.schema.json"]) {
  cpSync(join(root, "schemas", file), join(out, "schemas", file));
}
const manifest = JSON.parse(readFileSync(join(here, "package.template.json"), "utf8"));
manifest.version = version;
writeFileSync(join(out, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
console.log(`${dev ? "target/pkg-dev" : "pkg"}/: @ind/signal-indicators ${version}`);
