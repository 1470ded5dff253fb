// The benchmark's references (bench/js/) must do the engine's work, or the
// side-by-side figures compare different work: the same product in plain
// JavaScript must give the engine's evaluation member for member (issues,
// messages, contributions, advice, measures), and Ajv + json-rules-engine
// and Ajv + plain JS must reach its verdicts and scores. They double as
// independent checks of the validation and scoring rules.
import { test } from "node:test";
import assert from "node:assert/strict";
import { implementations, disagreements, sameOutputDisagreements, recordTexts, verifyDisagreements } from "./compare.mjs";
import { generateForms, mutatedForms } from "./forms.mjs";

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

for (const locale of ["nl", "en"]) {
  test(`the same product in plain JavaScript gives the engine's evaluation on every generated and mutated form (${locale})`, () => {
    const impl = implementations(locale);
    const forms = [...generateForms(impl.catalog, 400, 12, 7), ...mutatedForms(impl.catalog, 1500, 13)];
    const codes = new Set(forms.flatMap((form) => impl.wasm(form).issues.map((issue) => issue.code)));
    // The forms reach far into the rules: most issue codes a form can have.
    for (const code of ["required", "type", "enum", "text.too-short", "text.too-long", "format.date", "date.future", "field.protected", "field.unknown", "indicator.duplicate", "routing.unshared", "sis.article", "judgement.missing"]) {
      assert.ok(codes.has(code), `no form gives ${code}`);
    }
    assert.deepEqual(sameOutputDisagreements(forms, impl).slice(0, 2), []);
    impl.engine.free();
  });
}

test("the same product's verifyRecord (Ajv, RFC 8785, node:crypto and the form rules) gives the engine's verification of valid and tampered records", () => {
  for (const locale of ["nl", "en"]) {
    const impl = implementations(locale);
    const texts = recordTexts(generateForms(impl.catalog, 120, 12, 9), impl, { tampered: true });
    const verdicts = texts.map((text) => impl.verify(text));
    assert.ok(verdicts.filter((v) => v.ok).length >= 30, "enough valid records");
    const codes = new Set(verdicts.flatMap((v) => v.issues.map((issue) => issue.code)));
    for (const code of ["record.digest", "record.assessment", "record.content", "record.category", "record.catalog", "record.evaluated-on", "record.schema"]) {
      assert.ok(codes.has(code), `no record gives ${code}`);
    }
    assert.deepEqual(verifyDisagreements(texts, impl).slice(0, 2), []);
    impl.engine.free();
  }
});

test("the agreement checks notice a reference that scores or words differently", async () => {
  const impl = implementations();
  const forms = generateForms(impl.catalog, 20, 12, 7);
  const plain = impl.plain;
  impl.plain = (form) => ({ ...plain(form), overall: plain(form).overall + 1 });
  const wrong = await disagreements(forms, impl);
  assert.equal(wrong.filter((w) => w.reference === "ajv+plain-js").length, forms.length);
  const same = impl.same;
  impl.same = (form) => {
    const evaluation = same(form);
    return { ...evaluation, issues: evaluation.issues.map((issue) => ({ ...issue, message: issue.message.toUpperCase() })) };
  };
  const withIssues = forms.filter((form) => impl.wasm(form).issues.length > 0).length;
  assert.ok(withIssues > 0);
  assert.equal(sameOutputDisagreements(forms, impl).length, withIssues);
  impl.engine.free();
});
