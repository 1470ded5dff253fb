// The engine directly, in Node: evaluate a form, build its record, verify it,
// and hand JSON text straight in, as a server receives it. Run it with
//   node examples/engine.mjs
import { readFileSync } from "node:fs";

const form = JSON.parse(readFileSync(new URL("../tests/data/valid-form.json", import.meta.url), "utf8"));

// #region use
import { SignalEngine, SignalError } from "@ind/signal-indicators";

const engine = new SignalEngine({ locale: "nl" });
const { valid, issues, assessment, routing, measures } = engine.evaluate(form);
const record = engine.buildRecord(form);              // throws SignalError "form.invalid" if invalid
const { ok, checks } = engine.verifyRecord(record);   // Node, native, or "./full" in a browser

// Servers: the JSON text they received goes straight in, parsed inside the
// engine with the §4 limits (a repeated member name is refused).
const posted = JSON.stringify(record);
engine.verifyRecord(posted);                          // { ok: true, … }; record.not-json when broken
engine.evaluate('{"caseNumber": "A", "caseNumber": "B"}'); // input.not-json: a repeated name
engine.evaluateEntries(new URLSearchParams("zaak_nr=IND-2026-000123"), { fieldMap: { caseNumber: "zaak_nr" } });
// #endregion

// #region errors
try {
  engine.buildRecord({});
} catch (error) {
  if (!(error instanceof SignalError)) throw error;
  console.error(error.code, error.issues.length); // "form.invalid", the issues that make it so
}
// #endregion

console.log(JSON.stringify({
  valid,
  issues: issues.length,
  overall: assessment.overall,
  advised: routing.advised,
  measures: measures.length,
  ok,
  digest: checks.digest,
  postedOk: engine.verifyRecord(posted).ok,
  brokenText: engine.verifyRecord(posted.slice(1)).issues.map((issue) => issue.code),
  repeated: engine.evaluate('{"caseNumber": "A", "caseNumber": "B"}').issues.map((issue) => issue.code),
}));
engine.free();
