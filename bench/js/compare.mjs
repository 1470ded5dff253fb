// Node, one process, the same generated forms: the wasm package's `evaluate`
// against the same product in plain JavaScript giving the same output
// (./same-output.mjs, SPEC §11), and against Ajv + json-rules-engine and
// Ajv + plain JavaScript scoring, which reach the same verdicts and scores
// without messages or explanations. Agreement on every form is checked
// before anything is timed.
// Run alone with `node bench/js/compare.mjs`; `make bench` uses it.
import { isDeepStrictEqual } from "node:util";
import { readFileSync } from "node:fs";
import { SignalEngine } from "@ind/signal-indicators";
import { generateForms, tamperedRecords } from "./forms.mjs";
import { ajvRulesEngine, ajvPlainJs, engineOutcome } from "./reference.mjs";
import { sameOutputReference } from "./same-output.mjs";
import { sameOutputVerifier } from "./same-output-verify.mjs";

export const TODAY = "2026-11-28";
const STAMP = { today: TODAY, now: "2026-11-28T20:15:00.000Z", id: "3f0c6a52-8d1e-4c7a-9b2f-5e4d3c2b1a09" };
const RECORD_SCHEMA = JSON.parse(readFileSync(new URL("../../schemas/signal-record.schema.json", import.meta.url), "utf8"));

/** The implementations over one catalog (the engine's default one). */
export function implementations(locale = "nl") {
  const engine = new SignalEngine({ locale });
  const catalog = engine.catalog();
  return {
    engine,
    catalog,
    wasm: (form) => engine.evaluate(form, { today: TODAY }),
    same: sameOutputReference(catalog, TODAY, locale),
    verify: (record) => engine.verifyRecord(record),
    sameVerify: sameOutputVerifier(catalog, locale, RECORD_SCHEMA),
    rules: ajvRulesEngine(catalog, TODAY),
    plain: ajvPlainJs(catalog, TODAY),
  };
}

/** Inputs on which `reference` does not give what `engine` gives (deep-equal), with both. */
function mismatches(inputs, engine, reference, name) {
  const found = [];
  for (const [index, input] of inputs.entries()) {
    const expected = engine(input);
    let actual;
    try {
      actual = reference(input);
    } catch (error) {
      actual = `threw ${error}`;
    }
    if (!isDeepStrictEqual(actual, expected)) found.push({ index, reference: name, expected, actual });
  }
  return found;
}

/** Forms on which the same-output reference's evaluation is not deep-equal to the engine's. */
export function sameOutputDisagreements(forms, impl = implementations()) {
  return mismatches(forms, impl.wasm, impl.same, "same-output");
}

/** Forms on which a reference disagrees with the engine, with both outcomes. */
export async function disagreements(forms, impl = implementations()) {
  const found = [];
  for (const [index, form] of forms.entries()) {
    const expected = engineOutcome(impl.wasm(form));
    const rules = await impl.rules(form);
    const plain = impl.plain(form);
    if (!isDeepStrictEqual(rules, expected)) found.push({ index, reference: "ajv+json-rules-engine", expected, actual: rules });
    if (!isDeepStrictEqual(plain, expected)) found.push({ index, reference: "ajv+plain-js", expected, actual: plain });
  }
  return found;
}

/** The records of the valid ones of `forms`, as JSON text, each followed by its tampered copies when `tampered`. */
export function recordTexts(forms, impl, { tampered = false } = {}) {
  const texts = [];
  for (const form of forms) {
    if (!impl.wasm(form).valid) continue;
    const record = impl.engine.buildRecord(form, STAMP);
    texts.push(JSON.stringify(record));
    if (tampered) for (const copy of tamperedRecords(record)) texts.push(JSON.stringify(copy));
  }
  return texts;
}

/** Record texts on which the reference's verification is not deep-equal to the engine's. */
export function verifyDisagreements(texts, impl = implementations()) {
  return mismatches(texts, impl.verify, impl.sameVerify, "same-output verify");
}

/** Evaluations per second of `run` over `forms`, best of `rounds` passes. */
async function rate(forms, run, rounds) {
  let best = 0;
  for (let round = 0; round < rounds; round++) {
    const started = process.hrtime.bigint();
    for (const form of forms) await run(form);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    best = Math.max(best, forms.length / seconds);
  }
  return best;
}

/**
 * The comparison: `count` generated forms of 12 indicators; throws when a
 * reference disagrees, otherwise returns evaluations/s of each side.
 */
/**
 * Times the engine against each reference on the same forms, after checking
 * that every reference gives the engine's output; when one does not,
 * `{ disagreements, first, count }` instead of figures.
 */
export async function compare({ count = 2000, rounds = 5 } = {}) {
  const impl = implementations();
  const forms = generateForms(impl.catalog, count, 12);
  const records = recordTexts(forms, impl);
  const wrong = [
    ...sameOutputDisagreements(forms, impl),
    ...(await disagreements(forms, impl)),
    ...verifyDisagreements([...records, ...recordTexts(forms.slice(0, 200), impl, { tampered: true })], impl),
  ];
  // References that do other work than the engine are not timed against it.
  if (wrong.length > 0) return { disagreements: wrong.length, first: wrong[0], count: forms.length };
  const valid = forms.filter((form) => impl.wasm(form).valid).length;
  // Warm-up pass for every side, so each is timed with its JIT settled.
  await rate(forms, impl.wasm, 1);
  await rate(forms, impl.same, 1);
  await rate(forms, impl.rules, 1);
  await rate(forms, impl.plain, 1);
  const wasm = await rate(forms, impl.wasm, rounds);
  const same = await rate(forms, impl.same, rounds);
  const rules = await rate(forms, impl.rules, rounds);
  const plain = await rate(forms, impl.plain, rounds);
  // What a server receives: JSON text, parsed inside the engine, or by
  // JSON.parse for the reference.
  const texts = forms.map((form) => JSON.stringify(form));
  const wasmFromText = (text) => impl.engine.evaluate(text, { today: TODAY });
  const plainFromText = (text) => impl.plain(JSON.parse(text));
  const sameFromText = (text) => impl.same(JSON.parse(text));
  await rate(texts, wasmFromText, 1);
  await rate(texts, sameFromText, 1);
  await rate(texts, plainFromText, 1);
  const wasmText = await rate(texts, wasmFromText, rounds);
  const sameText = await rate(texts, sameFromText, rounds);
  const plainText = await rate(texts, plainFromText, rounds);
  // What a server does with a posted record: verify its JSON text.
  await rate(records, impl.verify, 1);
  await rate(records, impl.sameVerify, 1);
  const verifyWasm = await rate(records, impl.verify, rounds);
  const verifySame = await rate(records, impl.sameVerify, rounds);
  impl.engine.free();
  return { count, valid, wasm, same, rules, plain, wasmText, sameText, plainText, records: records.length, verifyWasm, verifySame };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await compare();
  console.log(JSON.stringify(result, null, 2));
  console.log(`same output: wasm/js ${(result.wasm / result.same).toFixed(2)}×, from text ${(result.wasmText / result.sameText).toFixed(2)}×, verifyRecord(text) ${(result.verifyWasm / result.verifySame).toFixed(2)}×; wasm/rules ${(result.wasm / result.rules).toFixed(2)}×, wasm/plain ${(result.wasm / result.plain).toFixed(2)}×`);
}
