// The shipped TypeScript definitions, as a portal team's tsc sees them
// (through node_modules and the package's "exports"): the examples in
// examples/typescript/ compile under --strict (a browser page with the DOM
// lib, a Node back end with lib ES2022 only), and the must-fail file gets
// exactly the errors its comments name, line by line.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { root, pkgDir } from "./fixtures.mjs";

const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
const dir = join(root, "examples", "typescript");

function compile(project) {
  return spawnSync(process.execPath, [tsc, "--noEmit", "--pretty", "false", "-p", join(dir, project)], { encoding: "utf8" });
}

test("examples/typescript/page.ts compiles: strict, lib ES2022 + DOM, no ESNext", () => {
  const result = compile("tsconfig.json");
  assert.equal(result.status, 0, result.stdout + result.stderr);
});

test("examples/typescript/server.ts compiles: strict, lib ES2022 only, Node's resolution", () => {
  const result = compile("tsconfig.node.json");
  assert.equal(result.status, 0, result.stdout + result.stderr);
});

test("examples/typescript/must-fail.ts gets exactly the errors it names", () => {
  const result = compile("tsconfig.must-fail.json");
  assert.notEqual(result.status, 0);
  const expected = readFileSync(join(dir, "must-fail.ts"), "utf8").split("\n")
    .map((line, index) => [index + 1, /\/\/ (TS\d+)$/.exec(line)?.[1]])
    .filter(([, code]) => code)
    .map(([line, code]) => `${line} ${code}`);
  const reported = [...result.stdout.matchAll(/must-fail\.ts\((\d+),\d+\): error (TS\d+)/g)].map((m) => `${m[1]} ${m[2]}`);
  assert.ok(expected.length >= 5);
  assert.deepEqual([...new Set(reported)].sort(), expected.sort(), result.stdout);
});

test("every key an options type declares is accepted by its call, and nothing else", async () => {
  const { SignalEngine, inputFromFormData, renderPicker, verifySubmission } = await import("@ind/signal-indicators");
  const declarations = readFileSync(join(pkgDir, "node", "signal_indicators.d.ts"), "utf8");
  const keysOf = (name) => {
    const body = new RegExp(`export interface ${name} \\{([\\s\\S]*?)\\n\\}`).exec(declarations)?.[1];
    assert.ok(body, `${name} is declared`);
    return [...body.matchAll(/^ {4}(\w+)\?:/gm)].map((m) => m[1]);
  };
  const engine = new SignalEngine();
  const form = JSON.parse(readFileSync(join(root, "tests", "data", "valid-form.json"), "utf8"));
  const record = engine.buildRecord(form);
  const calls = {
    EngineOptions: (options) => new SignalEngine(options).free(),
    EvaluateOptions: (options) => engine.evaluate(form, options),
    EvaluateEntriesOptions: (options) => engine.evaluateEntries([], options),
    BuildRecordOptions: (options) => engine.buildRecord(form, options),
    VerifyOptions: (options) => engine.verifyRecord(record, options),
    FormDataOptions: (options) => inputFromFormData([], options),
    SubmissionOptions: (options) => verifySubmission({}, options),
    RenderPickerOptions: (options) => renderPicker(options),
  };
  const refusal = (call, options) => {
    try {
      call(options);
      return null;
    } catch (error) {
      return `${error.code}: ${error.message}`;
    }
  };
  for (const [name, call] of Object.entries(calls)) {
    const keys = keysOf(name);
    assert.ok(keys.length > 0, name);
    for (const key of keys) {
      const outcome = refusal(call, { [key]: null });
      assert.ok(!/unknown option/.test(outcome ?? ""), `${name}.${key} is declared but refused: ${outcome}`);
    }
    assert.match(refusal(call, { notAnOption: 1 }) ?? "", /^option\.invalid: .*unknown option "notAnOption"/, name);
  }
  engine.free();
});

test("the TypeScript form (SignalForm and the interfaces of its objects) has exactly the members of the form's field table", () => {
  const declarations = readFileSync(join(pkgDir, "node", "signal_indicators.d.ts"), "utf8");
  const fields = JSON.parse(readFileSync(join(root, "schemas", "form-fields.json"), "utf8"));
  /** `[name, type]` of each member of an interface, in declaration order. */
  const membersOf = (name) => {
    const body = new RegExp(`export interface ${name} \\{([\\s\\S]*?)\\n\\}`).exec(declarations)?.[1];
    assert.ok(body, `${name} is declared`);
    return [...body.matchAll(/^ {4}(\w+)\?: ([^;]+);/gm)].map((m) => [m[1], m[2]]);
  };
  const childrenOf = (parent) =>
    fields.map((field) => field.path).filter((path) => path.startsWith(parent ? `${parent}.` : "") && !path.slice(parent ? parent.length + 1 : 0).includes("."))
      .map((path) => path.slice(parent ? parent.length + 1 : 0));
  let objects = 0;
  const compare = (parent, interfaceName) => {
    objects++;
    const declared = membersOf(interfaceName);
    assert.deepEqual(declared.map(([name]) => name), childrenOf(parent), `${interfaceName} against the table's ${parent || "root"}`);
    for (const [name, type] of declared) {
      const path = parent ? `${parent}.${name}` : name;
      const kind = fields.find((field) => field.path === path)?.kind;
      if (kind === "object") compare(path, type);
      if (kind === "indicators") compare(`${path}.*`, type.replace(/\[\]$/, ""));
    }
  };
  compare("", "SignalForm");
  assert.equal(objects, 9, "the root, subject, context, its SIS alert and tip, an indicator, officer, handling, judgement");
});
