// The whole JS API of the Node build (SPEC §8), with independent checks of
// every record: Ajv against the shipped schema, and the digest recomputed
// with another RFC 8785 implementation and node:crypto.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  SignalEngine, inputFromFormData, recordSchema, catalogSchema, version,
} from "@ind/signal-indicators";
import { validInput, FIXED, TODAY, NOW, ID, root, pkgDir, validateRecord, independentDigest } from "./fixtures.mjs";

function checkIndependently(record) {
  assert.ok(validateRecord(record), JSON.stringify(validateRecord.errors));
  assert.equal(record.integrity.digest, independentDigest(record));
}

test("evaluate gives the worked example of docs/RULES.md", () => {
  const engine = new SignalEngine();
  const evaluation = engine.evaluate(validInput(), { today: TODAY });
  assert.equal(evaluation.valid, true);
  assert.deepEqual(evaluation.issues, []);
  assert.deepEqual(evaluation.assessment.overall, { score: 6865, band: "medium" });
  const [terrorism] = evaluation.assessment.categories;
  assert.deepEqual(terrorism.contributions.map((c) => c.strength), [6503, 1035]);
  assert.deepEqual(evaluation.routing, { advised: ["AIVD", "CT-INFOBOX", "NCTV"] });
  // Measures follow the evidenced score (TER-01 only) and the procedure (asylum).
  assert.deepEqual(terrorism.evidencedScore, 6503);
  assert.equal(terrorism.evidencedBand, "medium");
  assert.deepEqual(evaluation.measures.map((m) => m.code), ["refuse-or-withdraw-asylum"]);
  assert.equal(evaluation.measures[0].label, "Aanvraag verblijfsvergunning asiel afwijzen of verblijfsvergunning asiel intrekken");
  assert.deepEqual(evaluation.suspendedMeasures, []);
  assert.deepEqual(evaluation.catalog, { id: "ind-example", version: "2026.3", illustrative: true });
});

test("buildRecord writes the documented record, which verifies", () => {
  const engine = new SignalEngine();
  const record = engine.buildRecord(validInput(), FIXED);
  assert.deepEqual(Object.keys(record), [
    "recordType", "schemaVersion", "id", "createdAt", "engine", "catalog", "case", "subject", "context",
    "indicators", "assessment", "routing", "measuresForConsideration", "handling", "officerJudgement", "summary",
    "officer", "integrity",
  ]);
  assert.equal(record.schemaVersion, "1.2");
  assert.deepEqual(record.subject, { vNumber: "1234567890", bsn: "123456782", status: "applicant" });
  assert.deepEqual(record.officerJudgement, { view: "agree" });
  assert.equal(record.catalog.illustrative, true);
  assert.equal(record.id, ID);
  assert.equal(record.createdAt, NOW);
  assert.equal(record.engine.version, version);
  assert.equal(record.catalog.digest, engine.catalogDigest);
  assert.ok(!JSON.stringify(record).includes("null"));
  checkIndependently(record);
  const verification = engine.verifyRecord(record);
  assert.equal(verification.ok, true);
  assert.deepEqual(verification.checks, { schema: true, digest: true, catalog: true, content: true, assessment: true });
  // A record that travelled as text verifies too.
  assert.equal(engine.verifyRecord(JSON.parse(JSON.stringify(record))).ok, true);
});

test("defaults: a fresh UUID v4, the current instant, today in Amsterdam", () => {
  const engine = new SignalEngine();
  const before = Date.now();
  const record = engine.buildRecord(validInput());
  const created = Date.parse(record.createdAt);
  assert.match(record.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.ok(created >= before - 1 && created <= Date.now() + 1);
  const amsterdam = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" }).format(new Date(created));
  assert.equal(record.assessment.evaluatedOn, amsterdam);
  assert.notEqual(engine.buildRecord(validInput()).id, record.id);
  checkIndependently(record);
  assert.equal(engine.verifyRecord(record).ok, true);
});

test("the Amsterdam date at now is the default today, across midnight and DST", () => {
  const engine = new SignalEngine();
  for (const [now, date] of [
    ["2026-11-28T23:30:00.000Z", "2026-11-29"],
    ["2026-07-01T22:00:00.000Z", "2026-07-02"],
    ["2026-07-01T21:59:59.999Z", "2026-07-01"],
  ]) {
    const input = validInput();
    const record = engine.buildRecord(input, { now, id: ID });
    assert.equal(record.assessment.evaluatedOn, date, now);
    const expected = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" }).format(new Date(now));
    assert.equal(date, expected);
  }
});

test("locale switching changes messages and labels, never the record", () => {
  const input = validInput();
  input.subject.vNumber = "12";
  const nl = new SignalEngine({ locale: "nl" }).evaluate(input, { today: TODAY });
  const en = new SignalEngine({ locale: "en" }).evaluate(input, { today: TODAY });
  assert.equal(nl.issues[0].code, "format.vnumber");
  assert.match(nl.issues[0].message, /V-nummer/);
  assert.match(en.issues[0].message, /V-number/);
  assert.equal(new SignalEngine({ locale: "en" }).locale, "en");
  assert.equal(en.measures[0].label, "Refuse the asylum application or withdraw the asylum residence permit");
  const a = JSON.stringify(new SignalEngine({ locale: "nl" }).buildRecord(validInput(), FIXED));
  const b = JSON.stringify(new SignalEngine({ locale: "en" }).buildRecord(validInput(), FIXED));
  assert.equal(a, b);
});

test("catalog() round-trips to the same digest; a custom catalog works; an invalid one lists its problems", () => {
  const engine = new SignalEngine();
  const catalog = engine.catalog();
  assert.equal(catalog.id, "ind-example");
  assert.equal(catalog.recency.at(-1).maxDays, null);
  assert.equal(new SignalEngine({ catalog }).catalogDigest, engine.catalogDigest);

  const custom = structuredClone(catalog);
  custom.version = "2027.1";
  custom.indicators.find((i) => i.code === "TER-01").weight = 50;
  const customEngine = new SignalEngine({ catalog: custom });
  assert.notEqual(customEngine.catalogDigest, engine.catalogDigest);
  const evaluation = customEngine.evaluate(validInput(), { today: TODAY });
  assert.equal(evaluation.assessment.categories[0].contributions[0].strength, 3613);
  const record = customEngine.buildRecord(validInput(), FIXED);
  checkIndependently(record);
  assert.equal(engine.verifyRecord(record).ok, false);
  assert.equal(engine.verifyRecord(record).checks.catalog, false);
  assert.equal(engine.verifyRecord(record, { catalogs: [custom] }).ok, true);

  const broken = structuredClone(catalog);
  broken.indicators[0].weight = 0;
  broken.recency[1].maxDays = 100;
  broken.measures.push({ ...broken.measures[0], category: "trafficking-victim", minBand: "none" });
  assert.throws(() => new SignalEngine({ catalog: broken }), (error) => {
    assert.ok(error instanceof Error);
    assert.equal(error.name, "SignalError");
    assert.equal(error.code, "catalog.invalid");
    assert.deepEqual(error.issues.map((i) => i.code).sort(),
      ["catalog.order", "catalog.protective-measure", "catalog.range"]);
    return true;
  });
});

test("inputFromFormData rebuilds the input from FormData and from pairs, with fieldMap", () => {
  const form = new FormData();
  form.append("zaaknummer", "IND-2026-000123");
  form.append("procedure", "asylum");
  form.append("indicator", "TER-05");
  form.append("indicator.TER-05.reliability", "C");
  form.append("indicator.TER-05.evidenceRefs", "A-1\r\n\r\n https://dms.example/d?x=1,2 \rB-2");
  form.append("sharedWith", "AIVD");
  form.append("sharedWith", "NCTV");
  form.append("upload", new Blob(["x"]), "x.txt");
  const input = inputFromFormData(form, { fieldMap: { caseNumber: "zaaknummer" } });
  assert.deepEqual(input, {
    caseNumber: "IND-2026-000123",
    procedure: "asylum",
    indicators: [{ code: "TER-05", reliability: "C", evidenceRefs: ["A-1", "https://dms.example/d?x=1,2", "B-2"] }],
    sharedWith: ["AIVD", "NCTV"],
  });
  assert.deepEqual(inputFromFormData([["subject.vNumber", "1234567890"], ["subject.unknownSubject", "on"]]),
    { subject: { vNumber: "1234567890", unknownSubject: true } });
  assert.throws(() => inputFromFormData(42), { name: "SignalError", code: "option.invalid" });
});

test("schemas and version", () => {
  const record = recordSchema();
  assert.equal(record.$schema, "https://json-schema.org/draft/2020-12/schema");
  assert.deepEqual(record, JSON.parse(readFileSync(join(pkgDir, "schemas", "signal-record.schema.json"), "utf8")));
  assert.equal(catalogSchema().$schema, "https://json-schema.org/draft/2020-12/schema");
  assert.deepEqual(catalogSchema(), JSON.parse(readFileSync(join(pkgDir, "schemas", "catalog.schema.json"), "utf8")));
  // The module embeds minified copies: the same values as the published files.
  assert.deepEqual(new SignalEngine().catalog(), JSON.parse(readFileSync(join(root, "src", "catalog", "ind-example.json"), "utf8")));
  const cargo = readFileSync(join(root, "Cargo.toml"), "utf8");
  assert.equal(version, /^version = "([^"]+)"/m.exec(cargo)[1]);
});

test("host extensions are validated and recorded", () => {
  const engine = new SignalEngine({ extensions: [
    { name: "teamCode", type: "string", required: true, pattern: "[A-Z]{2}[0-9]{2}" },
    { name: "priority", type: "enum", values: ["normal", "urgent"] },
  ] });
  const input = validInput();
  assert.deepEqual(engine.evaluate(input, { today: TODAY }).issues.map((i) => [i.path, i.code]),
    [["/extensions/teamCode", "required"]]);
  input.extensions = { teamCode: "AB12", priority: "urgent" };
  const record = engine.buildRecord(input, FIXED);
  assert.deepEqual(record.extensions, { priority: "urgent", teamCode: "AB12" });
  checkIndependently(record);
  assert.equal(engine.verifyRecord(record).ok, true);
  assert.throws(() => new SignalEngine({ extensions: [{ name: "Bad", type: "string" }] }),
    { name: "SignalError", code: "option.invalid" });
});

test("JSON text goes straight in: evaluate, buildRecord and verifyRecord", () => {
  const engine = new SignalEngine();
  const forms = [validInput(), { caseNumber: "x" }, { ...validInput(), nationality: "XX" }];
  for (const form of forms) {
    assert.deepEqual(engine.evaluate(JSON.stringify(form), { today: TODAY }), engine.evaluate(form, { today: TODAY }));
  }
  const text = JSON.stringify(validInput(), null, 2);
  const fromText = engine.buildRecord(text, FIXED);
  assert.equal(JSON.stringify(fromText), JSON.stringify(engine.buildRecord(validInput(), FIXED)));
  for (const bad of ["", "{", "{} x", '{"a":1,"a":2}', text.replace("{", '{"caseNumber":"X",')]) {
    assert.deepEqual(engine.evaluate(bad, { today: TODAY }).issues.map((i) => [i.path, i.code]), [["", "input.not-json"]]);
    assert.throws(() => engine.buildRecord(bad, FIXED), (error) => error.code === "form.invalid" && error.issues[0].code === "input.not-json");
  }
  const record = JSON.stringify(fromText);
  assert.equal(engine.verifyRecord(record).ok, true);
  assert.equal(engine.verifyRecord(record.replace('"score":6865', '"score":7000')).ok, false);
  const broken = engine.verifyRecord(record.slice(0, -1));
  assert.deepEqual(broken.issues.map((i) => [i.path, i.code]), [["", "record.not-json"]]);
  assert.equal(broken.ok, false);
  assert.ok(engine.evaluate("x".repeat(5 * 1024 * 1024), { today: TODAY }).issues.some((i) => i.code === "input.too-large"));
  assert.equal(engine.evaluate(validInput(), { today: TODAY }).valid, true, "the engine still works");
  engine.free();
});

test("JSON text gives what JSON.parse(text) gives: lone surrogates, numbers, depth", () => {
  const engine = new SignalEngine();
  const form = JSON.stringify({ ...validInput(), summary: "SUMMARY", officer: { id: "IND-4711", unit: "UNIT" } });
  const texts = [
    // A lone surrogate, escaped and raw, in a value and in a name.
    form.replace("SUMMARY", "Ambtsbericht \\ud800 ontvangen over betrokkenheid"),
    form.replace("SUMMARY", "Ambtsbericht \ud800 ontvangen over betrokkenheid").replace("UNIT", "Unit \udc00"),
    form.replace('"summary"', '"summ\\udfffary"'),
    // Numbers: beyond the double range, and whole numbers written as floats.
    form.replace('"UNIT"', "1e400").replace('"procedure":"asylum"', '"procedure":-1E999'),
    form.replace('"UNIT"', "1.0"),
    // Deeper than the limit, yet JSON.
    form.replace('"UNIT"', `${"[".repeat(300)}${"]".repeat(300)}`),
  ];
  for (const text of texts) {
    const parsed = JSON.parse(text);
    const expected = engine.evaluate(parsed, { today: TODAY });
    assert.deepEqual(engine.evaluate(text, { today: TODAY }), expected, text.slice(0, 80));
    assert.ok(expected.issues.some((i) => ["text.replaced", "type", "input.too-large", "field.unknown"].includes(i.code)));
  }
  const surrogate = engine.evaluate(texts[1], { today: TODAY });
  assert.deepEqual(surrogate.issues.filter((i) => i.code === "text.replaced").map((i) => i.path), ["/summary", "/officer/unit"]);
  const record = JSON.stringify(engine.buildRecord(validInput(), FIXED));
  const tampered = record.replace('"unit":"', '"unit":"\\ud800');
  assert.deepEqual(engine.verifyRecord(tampered), engine.verifyRecord(JSON.parse(tampered)));
  assert.equal(engine.verifyRecord(tampered).ok, false);
  engine.free();
});

test("evaluateEntries equals evaluate(inputFromFormData(...)) in one call", () => {
  const engine = new SignalEngine();
  const fieldMap = { caseNumber: "zaaknummer", "subject.vNumber": "vnr" };
  const posts = [
    [["zaaknummer", "IND-2026-000123"], ["procedure", "asylum"], ["vnr", "1234567890"], ["subject.status", "applicant"],
      ["context.type", "application-assessment"], ["indicator", "TER-01"], ["indicator.TER-01.reliability", "B"],
      ["indicator.TER-01.credibility", "2"], ["indicator.TER-01.observedOn", "2026-05-12"],
      ["indicator.TER-01.evidenceRefs", "AB-1\r\nAB-2"], ["summary", "Ambtsbericht ontvangen over betrokkenheid, zie dossier."],
      ["officer.id", "IND-4711"], ["officer.unit", "Unit NV"], ["handling.tlp", "AMBER+STRICT"],
      ["sharedWith", "AIVD"], ["sharedWith", "CT-INFOBOX"], ["sharedWith", "NCTV"], ["officerJudgement.view", "agree"]],
    [["zaaknummer", "bad number"], ["indicator", "TER-99"], ["nationality", "XX"]],
    [],
  ];
  for (const pairs of posts) {
    const expected = engine.evaluate(inputFromFormData(pairs, { fieldMap }), { today: TODAY });
    assert.deepEqual(engine.evaluateEntries(pairs, { fieldMap, today: TODAY }), expected);
    const form = new FormData();
    for (const [name, value] of pairs) form.append(name, value);
    assert.deepEqual(engine.evaluateEntries(form, { fieldMap, today: TODAY }), expected);
  }
  assert.equal(engine.evaluateEntries(posts[0], { fieldMap, today: TODAY }).valid, true);
  assert.throws(() => engine.evaluateEntries(42), { name: "SignalError", code: "option.invalid" });
  // Hostile entries: an iterator that throws is refused, never an exception from the module.
  const throwing = { [Symbol.iterator]() { return { next() { throw new Error("boom"); } }; } };
  assert.throws(() => engine.evaluateEntries(throwing), { name: "SignalError", code: "option.invalid" });
  // Files, non-pairs and lone surrogates: left out, left out, replaced.
  const mixed = new FormData();
  mixed.append("caseNumber", "IND-\ud800-1");
  mixed.append("upload", new Blob(["x"]), "x.txt");
  const odd = [["summary"], 7, ["caseNumber", "IND-\ud800-1"]];
  assert.deepEqual(
    engine.evaluateEntries(mixed, { today: TODAY }),
    engine.evaluate(inputFromFormData([["caseNumber", "IND-\ufffd-1"]]), { today: TODAY }),
  );
  assert.deepEqual(engine.evaluateEntries(odd, { today: TODAY }), engine.evaluateEntries(mixed, { today: TODAY }));
  assert.throws(() => engine.evaluateEntries([], { other: 1 }), { name: "SignalError", code: "option.invalid" });
  engine.free();
});

test("renderPicker gives the picker attach adopts, every text escaped", async () => {
  const { renderPicker } = await import("@ind/signal-indicators");
  const html = renderPicker({ locale: "en", values: validInput() });
  assert.match(html, /^<div class="signal-indicators-picker" lang="en">/);
  assert.equal(html.match(/name="indicator"/g).length, 29);
  assert.match(html, /value="TER-01" id="signal-indicators-TER-01"[^>]*checked>/);
  assert.match(html, /Source reliability/);
  const catalog = new SignalEngine().catalog();
  catalog.indicators[0].labels.nl = "<b>vet</b>";
  assert.ok(renderPicker({ catalog }).includes("&lt;b&gt;vet&lt;/b&gt;"));
  assert.throws(() => renderPicker({ locale: "fr" }), { name: "SignalError", code: "option.invalid" });
  assert.throws(() => renderPicker({ other: 1 }), { name: "SignalError", code: "option.invalid" });
});

test("issue paths are RFC 6901 pointers: '~' and '/' in a key are escaped, in Node as natively", () => {
  const engine = new SignalEngine({ locale: "en" });
  const form = validInput();
  form["a/b~c"] = "x";
  form.subject["x~1"] = "y";
  const paths = engine.evaluate(form, { today: TODAY }).issues.filter((i) => i.code === "field.unknown").map((i) => i.path);
  assert.deepEqual(paths.sort(), ["/a~1b~0c", "/subject/x~01"]);
  engine.free();
});

test("without crypto.randomUUID (plain-HTTP pages) the record id is a v4 UUID from crypto.getRandomValues; without crypto, option.invalid", () => {
  const engine = new SignalEngine();
  const original = Object.getOwnPropertyDescriptor(globalThis, "crypto");
  const bytes = Uint8Array.from({ length: 16 }, (_, index) => index * 0x11); // 00 11 22 … ff
  try {
    Object.defineProperty(globalThis, "crypto", { value: { getRandomValues: (array) => array.set(bytes) ?? array }, configurable: true });
    const record = engine.buildRecord(validInput(), { today: TODAY, now: NOW });
    // Byte 6 takes the version (0x66 → 0x46), byte 8 the RFC 4122 variant (0x88 stays).
    assert.equal(record.id, "00112233-4455-4677-8899-aabbccddeeff");
    checkIndependently(record);
    Object.defineProperty(globalThis, "crypto", { value: undefined, configurable: true });
    assert.throws(() => engine.buildRecord(validInput(), { today: TODAY, now: NOW }), (error) => error.code === "option.invalid" && /options\.id/.test(error.message));
  } finally {
    Object.defineProperty(globalThis, "crypto", original);
    engine.free();
  }
  assert.match(new SignalEngine().buildRecord(validInput(), { today: TODAY, now: NOW }).id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});
