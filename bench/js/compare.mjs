// Node, one process, the same generated forms: the wasm package's `evaluate`
// against Ajv + json-rules-engine and against Ajv + plain JavaScript scoring
// (SPEC §11). Agreement on every form is checked before anything is timed.
// Run alone with `node bench/js/compare.mjs`; `make bench` uses it.
import { isDeepStrictEqual } from "node:util";
import { SignalEngine } from "@ind/signal-indicators";
import { generateForms } from "./forms.mjs";
import { ajvRulesEngine, ajvPlainJs, engineOutcome } from "./reference.mjs";

export const TODAY = "2026-11-28";

/** The three implementations over one catalog (the engine's default one). */
export function implementations() {
  const engine = new SignalEngine({ locale: "nl" });
  const catalog = engine.catalog();
  return {
    engine,
    catalog,
    wasm: (form) => engine.evaluate(form, { today: TODAY }),
    rules: ajvRulesEngine(catalog, TODAY),
    plain: ajvPlainJs(catalog, TODAY),
  };
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
export async function compare({ count = 2000, rounds = 5 } = {}) {
  const impl = implementations();
  const forms = generateForms(impl.catalog, count, 12);
  const wrong = await disagreements(forms, impl);
  if (wrong.length > 0) {
    throw new Error(`the references disagree with the engine on ${wrong.length} forms; first: ${JSON.stringify(wrong[0])}`);
  }
  const valid = forms.filter((form) => impl.wasm(form).valid).length;
  // Warm-up pass for every side, so each is timed with its JIT settled.
  await rate(forms, impl.wasm, 1);
  await rate(forms, impl.rules, 1);
  await rate(forms, impl.plain, 1);
  const wasm = await rate(forms, impl.wasm, rounds);
  const rules = await rate(forms, impl.rules, rounds);
  const plain = await rate(forms, impl.plain, rounds);
  // What a server receives: JSON text, parsed inside the engine, or by
  // JSON.parse for the reference.
  const texts = forms.map((form) => JSON.stringify(form));
  const wasmFromText = (text) => impl.engine.evaluate(text, { today: TODAY });
  const plainFromText = (text) => impl.plain(JSON.parse(text));
  await rate(texts, wasmFromText, 1);
  await rate(texts, plainFromText, 1);
  const wasmText = await rate(texts, wasmFromText, rounds);
  const plainText = await rate(texts, plainFromText, rounds);
  impl.engine.free();
  return { count, valid, wasm, rules, plain, wasmText, plainText };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await compare();
  console.log(JSON.stringify(result, null, 2));
  console.log(`wasm/rules ${(result.wasm / result.rules).toFixed(2)}×, wasm/plain ${(result.wasm / result.plain).toFixed(2)}×, from text ${(result.wasmText / result.plainText).toFixed(2)}×`);
}
