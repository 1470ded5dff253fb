// The benchmark's reference implementation (Ajv + json-rules-engine, and Ajv
// + plain JavaScript; bench/js/) must reach the engine's verdicts and scores
// on the generated forms, or the side-by-side figures compare different work.
// It doubles as an independent check of the validation and scoring rules.
import { test } from "node:test";
import assert from "node:assert/strict";
import { implementations, disagreements } from "../../bench/js/compare.mjs";
import { generateForms } from "../../bench/js/forms.mjs";

test("Ajv + json-rules-engine and Ajv + plain JS agree with the engine on every generated form", async () => {
  const impl = implementations();
  const forms = generateForms(impl.catalog, 600, 12, 7);
  const verdicts = forms.map((form) => impl.wasm(form).valid);
  // The set exercises both outcomes, and advice that needs a reason.
  assert.ok(verdicts.filter(Boolean).length > 150, "enough valid forms");
  assert.ok(verdicts.filter((v) => !v).length > 150, "enough invalid forms");
  const wrong = await disagreements(forms, impl);
  assert.deepEqual(wrong.slice(0, 3), []);
  impl.engine.free();
});

test("the agreement check notices a reference that scores differently", async () => {
  const impl = implementations();
  const forms = generateForms(impl.catalog, 20, 12, 7);
  const plain = impl.plain;
  impl.plain = (form) => ({ ...plain(form), overall: plain(form).overall + 1 });
  const wrong = await disagreements(forms, impl);
  assert.equal(wrong.filter((w) => w.reference === "ajv+plain-js").length, forms.length);
  impl.engine.free();
});
