// `make lint`: layers only import downward. Lists every import circle
// between the crate's Rust files (a file naming another through `crate::`,
// `super::` or a child module's path, in a `use` or inline), and every
// arrow back up between the crate's layers (the core, `src/core`, below the
// bindings, `src/wasm`, below the crate root, `src/lib.rs`); exits 1 if
// there is either. The infrastructure below them all is a crate of its own
// (`crates/infra`), which Cargo keeps from importing the crate above it.
import { readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { join, dirname, relative, basename } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const src = join(root, "src");

function rustFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return rustFiles(path);
    return name.endsWith(".rs") ? [path] : [];
  });
}

/** The directory holding a file's child modules. */
const moduleDir = (file) => (["mod.rs", "lib.rs"].includes(basename(file)) ? dirname(file) : file.slice(0, -3));
/** The file of module `name` in directory `dir`, if any. */
function moduleFile(dir, name) {
  for (const path of [join(dir, `${name}.rs`), join(dir, name, "mod.rs")]) if (existsSync(path)) return path;
  return null;
}

/** The file a path such as `super::issue::Kind` names, seen from `file`. */
function resolve(file, segments) {
  let dir;
  let rest = segments;
  if (rest[0] === "crate") {
    dir = src;
    rest = rest.slice(1);
  } else {
    dir = moduleDir(file);
    while (rest[0] === "super") {
      dir = dirname(dir);
      rest = rest.slice(1);
    }
    if (segments[0] !== "super" && !moduleFile(dir, rest[0] ?? "")) return null;
  }
  let found = null;
  for (const name of rest) {
    const next = moduleFile(dir, name);
    if (!next) break;
    found = next;
    dir = moduleDir(next);
  }
  return found;
}

const files = rustFiles(src);
const edges = new Map(files.map((file) => [file, new Map()]));
for (const file of files) {
  // Comments and strings say nothing about imports.
  // A `#[cfg(test)] mod … { … }` at the end of a file is the tests', which
  // may use any layer (as the shared rust-layers tool reads it too).
  const source = readFileSync(file, "utf8");
  const tests = /#\[cfg\(test\)\]\s*mod\s+\w+\s*\{/.exec(source);
  const code = (tests ? source.slice(0, tests.index) : source).replace(/\/\/.*$/gm, "").replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const paths = [...code.matchAll(/\b((?:crate|super)(?:::\w+)+)/g)].map((m) => m[1].split("::"));
  // Relative `use child::…` in a module's own file.
  if (["mod.rs", "lib.rs"].includes(basename(file))) {
    for (const m of code.matchAll(/\buse\s+(\w+)::/g)) paths.push([m[1]]);
  }
  for (const segments of paths) {
    const target = resolve(file, segments);
    if (target && target !== file && !moduleDir(target).startsWith(moduleDir(file) + "/") && target !== join(moduleDir(file), "mod.rs")) {
      edges.get(file).set(target, segments.join("::"));
    }
  }
}

// Tarjan's strongly connected components: each with more than one file is a circle.
let index = 0;
const state = new Map();
const stack = [];
const circles = [];
function visit(file) {
  state.set(file, { index, low: index, onStack: true });
  index++;
  stack.push(file);
  for (const target of edges.get(file).keys()) {
    if (!state.has(target)) {
      visit(target);
      state.get(file).low = Math.min(state.get(file).low, state.get(target).low);
    } else if (state.get(target).onStack) {
      state.get(file).low = Math.min(state.get(file).low, state.get(target).index);
    }
  }
  if (state.get(file).low === state.get(file).index) {
    const component = [];
    let member;
    do {
      member = stack.pop();
      state.get(member).onStack = false;
      component.push(member);
    } while (member !== file);
    if (component.length > 1) circles.push(component);
  }
}
for (const file of files) if (!state.has(file)) visit(file);

for (const [n, circle] of circles.entries()) {
  console.error(`circle ${n + 1}: ${circle.length} files`);
  for (const file of circle.sort()) {
    for (const [target, path] of edges.get(file)) {
      if (circle.includes(target)) console.error(`  ${relative(root, file)} -> ${relative(root, target)}: ${path}`);
    }
  }
}
/** The layer of a file: the core, then the bindings, then the crate root. */
function layerOf(file) {
  const path = relative(src, file);
  if (path.startsWith("core/") || path === "core.rs") return { rank: 1, name: "core" };
  if (path.startsWith("wasm/") || path === "wasm.rs") return { rank: 2, name: "bindings" };
  return { rank: 3, name: "crate root" };
}
const upward = [];
for (const [file, targets] of edges) {
  for (const [target, path] of targets) {
    const [from, to] = [layerOf(file), layerOf(target)];
    if (to.rank > from.rank) upward.push(`  ${relative(root, file)} (${from.name}) -> ${relative(root, target)} (${to.name}): ${path}`);
  }
}
if (upward.length) {
  console.error(`layers: ${upward.length} arrow(s) back up; a layer only imports the layers below it`);
  for (const line of upward) console.error(line);
}

if (circles.length) {
  console.error(`layers: ${circles.length} import circle(s); a layer only imports the layers below it`);
}
if (circles.length || upward.length) process.exit(1);
console.log(`layers: ${files.length} files, no import circle, no arrow back up`);
