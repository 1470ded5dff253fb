// Error shapes and hostile input: no input traps the module, and the same
// engine instance keeps working after every error (SPEC §8.2).
import { test } from "node:test";
import assert from "node:assert/strict";
import { SignalEngine } from "@ind/signal-indicators";
import { validInput, FIXED, TODAY } from "./fixtures.mjs";

function isSignalError(code) {
  return (error) => {
    assert.ok(error instanceof Error, "a real Error");
    assert.equal(error.name, "SignalError");
    assert.equal(error.code, code);
    assert.equal(typeof error.message, "string");
    assert.ok(error.stack);
    return true;
  };
}

function stillWorks(engine) {
  assert.equal(engine.evaluate(validInput(), { today: TODAY }).valid, true);
  assert.equal(engine.verifyRecord(engine.buildRecord(validInput(), FIXED)).ok, true);
}

test("form.invalid carries the issues; invalid content is not an exception for evaluate", () => {
  const engine = new SignalEngine();
  assert.throws(() => engine.buildRecord({ caseNumber: "x" }, FIXED), (error) => {
    isSignalError("form.invalid")(error);
    assert.ok(Array.isArray(error.issues) && error.issues.length > 3);
    assert.deepEqual(Object.keys(error.issues[0]).sort(), ["code", "message", "path", "severity"]);
    return true;
  });
  assert.equal(engine.evaluate({ caseNumber: "x" }, { today: TODAY }).valid, false);
  stillWorks(engine);
});

test("bad options give option.invalid", () => {
  const engine = new SignalEngine();
  for (const [call, label] of [
    [() => new SignalEngine({ locale: "de" }), "locale"],
    [() => new SignalEngine({ colour: "blue" }), "unknown option"],
    [() => new SignalEngine("nl"), "string options"],
    [() => engine.evaluate(validInput(), { today: "28-11-2026" }), "today"],
    [() => engine.evaluate(validInput(), { today: 20261128 }), "numeric today"],
    [() => engine.buildRecord(validInput(), { ...FIXED, id: "not-a-uuid" }), "id"],
    [() => engine.buildRecord(validInput(), { ...FIXED, now: "yesterday" }), "now"],
    [() => engine.buildRecord(validInput(), { ...FIXED, today: "2026-11-01" }), "today far from now"],
    [() => engine.verifyRecord({}, { catalogs: "all" }), "catalogs"],
  ]) {
    assert.throws(call, isSignalError("option.invalid"), label);
  }
  stillWorks(engine);
});

test("a freed engine throws engine.freed; free() twice is harmless", () => {
  const engine = new SignalEngine();
  engine.free();
  engine.free();
  assert.throws(() => engine.evaluate(validInput()), isSignalError("engine.freed"));
  assert.throws(() => engine.buildRecord(validInput()), isSignalError("engine.freed"));
  assert.throws(() => engine.verifyRecord({}), isSignalError("engine.freed"));
  assert.throws(() => engine.catalog(), isSignalError("engine.freed"));
  assert.throws(() => engine.locale, isSignalError("engine.freed"));
  stillWorks(new SignalEngine());
});

class Custom { constructor() { this.caseNumber = "X"; } }

function hostileValues() {
  const cyclic = { a: {} };
  cyclic.a.back = cyclic;
  let deep = {};
  const top = deep;
  for (let i = 0; i < 10_000; i++) deep = deep.x = {};
  const withGetter = {};
  Object.defineProperty(withGetter, "caseNumber", { enumerable: true, get() { throw new Error("getter ran"); } });
  const throwingProxy = new Proxy({}, { ownKeys() { throw new Error("trap"); }, getPrototypeOf() { throw new Error("trap"); } });
  return {
    undefined, null: null, true: true, zero: 0, negZero: -0, nan: NaN, infinity: Infinity, big: 1e400,
    beyond53: 2 ** 60, bigint: 10n, symbol: Symbol("s"), string: "form", function: () => {},
    array: [1, 2, 3], hugeArray: new Array(100_000).fill({ code: "TER-01" }), map: new Map([["caseNumber", "x"]]),
    date: new Date(), custom: new Custom(), cyclic, deep: top, withGetter, throwingProxy,
    tenMegabytes: { summary: "x".repeat(10 * 1024 * 1024) },
    loneSurrogate: { ...validInput(), summary: "Feiten \ud800 en \udfff en NUL \u0000 in de tekst van de melding." },
  };
}

test("every JS type as the form, and inside it, yields issues, never a trap", () => {
  const engine = new SignalEngine();
  for (const [name, value] of Object.entries(hostileValues())) {
    const evaluation = engine.evaluate(value, { today: TODAY });
    assert.equal(typeof evaluation.valid, "boolean", name);
    if (name !== "loneSurrogate") assert.equal(evaluation.valid, false, name);
    assert.ok(evaluation.issues.length > 0, name);
    if (name !== "loneSurrogate") assert.throws(() => engine.buildRecord(value, FIXED), isSignalError("form.invalid"), name);
    // At every path of the form as well.
    const input = validInput();
    input.indicators[0].note = value;
    const inner = engine.evaluate(input, { today: TODAY });
    assert.equal(typeof inner.valid, "boolean", `${name} as a note`);
    stillWorks(engine);
  }
  const replaced = engine.evaluate(hostileValues().loneSurrogate, { today: TODAY });
  assert.equal(replaced.valid, true);
  assert.deepEqual(replaced.issues.map((i) => [i.path, i.code, i.severity]), [["/summary", "text.replaced", "warning"]]);
  const record = engine.buildRecord(hostileValues().loneSurrogate, FIXED);
  assert.ok(record.summary.includes("\ufffd") && !/[\ud800-\udfff]/.test(record.summary.replace(/[\ud800-\udbff][\udc00-\udfff]/g, "")));
  assert.equal(engine.verifyRecord(record).ok, true);
});

test("deep, huge and exotic shapes give the documented codes", () => {
  const engine = new SignalEngine();
  const values = hostileValues();
  const codes = (value) => engine.evaluate(value, { today: TODAY }).issues.map((i) => [i.path, i.code]);
  assert.deepEqual(codes(values.deep), [["", "input.too-large"]]);
  assert.deepEqual(codes(values.tenMegabytes), [["", "input.too-large"]]);
  assert.deepEqual(codes(values.map), [["", "input.not-object"]]);
  assert.deepEqual(codes(values.date), [["", "input.not-object"]]);
  assert.ok(codes({ ...validInput(), indicators: values.hugeArray }).some(([p, c]) => p === "/indicators" && c === "array.too-many"));
  assert.ok(codes({ ...validInput(), caseNumber: NaN }).some(([p, c]) => p === "/caseNumber" && c === "type"));
  assert.ok(codes({ ...validInput(), caseNumber: 2n }).some(([p, c]) => p === "/caseNumber" && c === "type"));
  assert.ok(codes(values.withGetter).some(([p, c]) => p === "/caseNumber" && c === "type"));
  assert.ok(codes({ ...validInput(), subject: values.cyclic }).length > 0);
  for (const value of [null, 5, "x", [], values.date, values.custom, values.throwingProxy]) {
    assert.equal(engine.evaluate(value, { today: TODAY }).valid, false);
  }
  stillWorks(engine);
});

test("__proto__ and constructor keys are data, and pollute nothing", () => {
  const engine = new SignalEngine();
  const input = JSON.parse(`{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}},
    "subject": {"__proto__": {"vNumber": "1234567890"}}}`);
  const evaluation = engine.evaluate({ ...validInput(), ...input }, { today: TODAY });
  const paths = evaluation.issues.map((i) => [i.path, i.code]);
  assert.ok(paths.some(([p, c]) => p === "/constructor" && c === "field.unknown"));
  assert.equal({}.polluted, undefined);
  assert.equal(Object.prototype.polluted, undefined);
  const record = engine.buildRecord(validInput(), FIXED);
  assert.equal(Object.getPrototypeOf(record), Object.prototype);
  stillWorks(engine);
});

test("verifyRecord survives anything and rejects what is not the engine's record", () => {
  const engine = new SignalEngine();
  const record = engine.buildRecord(validInput(), FIXED);
  for (const [name, value] of Object.entries(hostileValues())) {
    const verification = engine.verifyRecord(value);
    assert.equal(verification.ok, false, name);
  }
  const withNaN = structuredClone(record);
  withNaN.assessment.overall.score = NaN;
  assert.equal(engine.verifyRecord(withNaN).ok, false);
  const withFloat = structuredClone(record);
  withFloat.assessment.overall.score = 7124.5;
  assert.equal(engine.verifyRecord(withFloat).ok, false);
  const withDate = structuredClone(record);
  withDate.createdAt = new Date(record.createdAt);
  assert.equal(engine.verifyRecord(withDate).ok, false);
  stillWorks(engine);
});

test("SignalError is exported: instanceof holds for errors from the module and from JS", async () => {
  const { SignalError, SignalEngine } = await import("@ind/signal-indicators");
  const engine = new SignalEngine();
  for (const call of [() => engine.buildRecord({}), () => new SignalEngine({ locale: "fr" }), () => engine.evaluate({}, { bad: 1 })]) {
    try {
      call();
      assert.fail("no error");
    } catch (error) {
      assert.ok(error instanceof SignalError);
      assert.ok(error instanceof Error);
      assert.equal(error.name, "SignalError");
    }
  }
  const own = new SignalError("option.invalid", "x");
  assert.ok(own instanceof SignalError && own instanceof Error);
  assert.equal(own.code, "option.invalid");
  assert.equal(new Error("x") instanceof SignalError, false);
  engine.free();
});

test("options that throw while their members are taken apart are option.invalid, and the engine survives", async () => {
  const { SignalEngine, verifySubmission, renderPicker } = await import("@ind/signal-indicators");
  const hostile = (member) => new Proxy({ [member]: {} }, { ownKeys() { throw new Error("trap"); } });
  for (const call of [
    () => new SignalEngine(hostile("catalog")),
    () => verifySubmission([], hostile("seen")),
    () => renderPicker(hostile("catalog")),
  ]) {
    assert.throws(call, (error) => error.name === "SignalError" && error.code === "option.invalid");
  }
  const engine = new SignalEngine();
  assert.equal(engine.evaluate(validInput(), { today: TODAY }).valid, true);
  assert.equal(new SignalEngine({ catalog: engine.catalog(), locale: "en" }).locale, "en");
  engine.free();
});
