// The form session attach() makes with its settings (SPEC §9): the mapping
// checked once; each edit and each submit one crossing, read once, with the
// control of every issue and, on a valid submit, the record; a repeated
// submit gives the same record. Internal to the package: reached here the
// way attach() reaches it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { SignalEngine, inputFromFormData } from "@ind/signal-indicators";
import { FIXED, TODAY, pkgDir, validateRecord, independentDigest } from "./fixtures.mjs";

const { bind } = await import(pathToFileURL(join(pkgDir, "api.js")).href);
const bindings = await import(pathToFileURL(join(pkgDir, "node", "signal_indicators.js")).href);
const api = bind(bindings);
/** The session attach() would make for a form with these options. */
const sessionOf = (engine, options) => api.attachSettings(options, engine).session;

const fieldMap = { caseNumber: "zaaknummer", "subject.vNumber": "vnr", sharedWith: "delen" };
const valueMap = { procedure: { asiel: "asylum" } };
const VALID = [
  ["zaaknummer", "IND-2026-000123"], ["procedure", "asiel"], ["vnr", "1234567890"], ["subject.status", "applicant"],
  ["context.type", "application-assessment"], ["indicator", "TER-01"], ["indicator.TER-01.reliability", "B"],
  ["indicator.TER-01.credibility", "2"], ["indicator.TER-01.observedOn", "2026-05-12"],
  ["indicator.TER-01.evidenceRefs", "AB-1\r\nAB-2"], ["summary", "Ambtsbericht ontvangen over betrokkenheid, zie dossier."],
  ["officer.id", "IND-4711"], ["officer.unit", "Unit NV"], ["handling.tlp", "AMBER+STRICT"],
  ["delen", "AIVD"], ["delen", "CT-INFOBOX"], ["delen", "NCTV"], ["officerJudgement.view", "agree"],
];
const edited = (pairs, name, value) => pairs.map(([n, v]) => [n, n === name ? value : v]);

test("an edit gives the form as read, its evaluation and each issue's control", () => {
  const engine = new SignalEngine();
  const session = sessionOf(engine, { fieldMap, valueMap, today: TODAY });
  const post = [
    ...edited(VALID, "vnr", "12"),
    ["indicator", "TER-05"], ["indicator.TER-05.reliability", "Z"],
  ];
  const state = session.update(post);
  assert.deepEqual(state.input, inputFromFormData(post, { fieldMap, valueMap }));
  assert.deepEqual(state.evaluation, engine.evaluateEntries(post, { fieldMap, valueMap, today: TODAY }));
  assert.equal(state.record, undefined, "an edit builds no record");
  assert.equal(state.controls.length, state.evaluation.issues.length);
  const controlAt = (path) => state.controls[state.evaluation.issues.findIndex((issue) => issue.path === path)];
  assert.deepEqual(controlAt("/subject/vNumber"), { name: "vnr" });
  assert.deepEqual(controlAt("/indicators/1/reliability"), { name: "indicator.TER-05.reliability" });
  assert.deepEqual(controlAt("/indicators/1/credibility"), { name: "indicator.TER-05.credibility" });
  // FormData works the same as pairs.
  const form = new FormData();
  for (const [name, value] of post) form.append(name, value);
  assert.deepEqual(session.update(form), state);
  // The picked indicators in the order posted, with their grading: what the panel explains.
  assert.deepEqual(state.input.indicators.map(({ code, reliability }) => [code, reliability]), [["TER-01", "B"], ["TER-05", "Z"]]);
  session.free();
  engine.free();
});

test("a valid submit gives the record, the same again for the same input, a new one for another", () => {
  const engine = new SignalEngine();
  const session = sessionOf(engine, { fieldMap, valueMap, ...FIXED });
  const first = session.submit(VALID);
  assert.equal(first.evaluation.valid, true);
  assert.deepEqual(first.controls, []);
  assert.deepEqual(first.record, engine.buildRecord(inputFromFormData(VALID, { fieldMap, valueMap }), FIXED));
  assert.ok(validateRecord(first.record), JSON.stringify(validateRecord.errors));
  assert.equal(first.record.integrity.digest, independentDigest(first.record));
  assert.deepEqual(session.submit(VALID).record, first.record, "a repeat posts the same record");

  // Without a fixed id and time, each new input is a new record; a repeat is not.
  const live = sessionOf(engine, { fieldMap, valueMap });
  const one = live.submit(VALID).record;
  assert.deepEqual(live.submit(VALID).record, one);
  const other = live.submit(edited(VALID, "officer.unit", "Unit Nationale Veiligheid")).record;
  assert.notEqual(other.id, one.id);
  assert.equal(other.officer.unit, "Unit Nationale Veiligheid");

  // An invalid form: its issues and controls, no record.
  const invalid = session.submit(edited(VALID, "zaaknummer", ""));
  assert.equal(invalid.evaluation.valid, false);
  assert.equal(invalid.record, undefined);
  const at = invalid.evaluation.issues.findIndex((issue) => issue.path === "/caseNumber");
  assert.deepEqual(invalid.controls[at], { name: "zaaknummer" });
  session.free();
  live.free();
  engine.free();
});

test("a session's options are checked once; it outlives its engine", () => {
  const engine = new SignalEngine();
  for (const options of [{ fieldMap: { "subject.vnummer": "vnr" } }, { other: 1 }, { today: "28-11-2026" }, { valueMap: { procedure: 1 } }, 7]) {
    assert.throws(() => sessionOf(engine, options), { name: "SignalError", code: "option.invalid" }, JSON.stringify(options));
  }
  // A session's settings are attach's: today, or the date of a given now.
  const dated = sessionOf(engine, { now: "2026-11-28T23:30:00.000Z" });
  assert.equal(dated.update([]).evaluation.assessment.evaluatedOn, "2026-11-29", "Amsterdam's date at now");
  dated.free();
  const session = sessionOf(engine, { today: TODAY });
  assert.throws(() => session.update(42), { name: "SignalError", code: "option.invalid" });
  const throwing = { [Symbol.iterator]() { return { next() { throw new Error("boom"); } }; } };
  assert.throws(() => session.submit(throwing), { name: "SignalError", code: "option.invalid" });
  engine.free();
  assert.equal(session.update([["caseNumber", "IND-2026-000123"]]).evaluation.valid, false);
  session.free();
});
