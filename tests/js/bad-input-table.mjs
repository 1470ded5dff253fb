// The bad-input table (SPEC §2, §8.2), shared by the Node suite and the
// Chromium suite so both runtimes face exactly the same rows. Each row is
// a form or a record that must give issues or a SignalError, never a trap,
// with the engine still working afterwards. The native suite mirrors it in
// tests/bad_input.rs.

const MB = 1024 * 1024;

// The one fixture of every suite (tests/data/valid-form.json): read from the
// file in Node, fetched in the browser suites.
const fixtureUrl = new URL("../data/valid-form.json", import.meta.url);
const FIXTURE =
  fixtureUrl.protocol === "file:"
    ? JSON.parse((await import("node:fs")).readFileSync(fixtureUrl, "utf8"))
    : await (await fetch(fixtureUrl)).json();

/** A fresh copy of the valid form. */
export function validForm() {
  return structuredClone(FIXTURE);
}

/**
 * Valid forms whose records must be byte-identical in Node, Chromium and
 * native: the fixture, a tip about a person with no V-nummer known, and one
 * with the v1.2 and v1.3 members (status, a known possible victim, a
 * judgement with a reason, a duplicate, one source behind two indicators, a
 * war crime that does not fade with the date of its facts, a measure
 * suspended by a possible victim).
 */
export function recordInputs() {
  const tip = validForm();
  tip.context = { type: "post-decision-tip", tip: { channel: "anonymous", receivedOn: "2026-11-01" } };
  tip.subject = { unknownSubject: true };
  tip.indicators.push({ code: "VIC-01", reliability: "F", credibility: "6", observedOn: "2019-02-28", note: "Ëën nöt€ 😀" });
  tip.sharedWith.push("AVIM", "COMENSHA");
  tip.summary = "  Melding met \"aanhalingstekens\", <tags> en \\ backslash.\u2028  ";
  const lawful = validForm();
  lawful.procedure = "naturalisation";
  lawful.subject.status = "union-law";
  lawful.subject.protection = "possible-victim";
  lawful.officerJudgement = { view: "partly", reason: "Ernst lager dan het advies; zie verslag." };
  lawful.indicators.push(
    { code: "TER-01", reliability: "A", credibility: "1", observedOn: "2026-05-12", evidenceRefs: ["AB-2026-18"] },
    { code: "TER-03", reliability: "B", credibility: "2", observedOn: "2026-05-12", evidenceRefs: [" ab-2026-18"] },
    { code: "WAR-03", reliability: "B", credibility: "2", observedOn: "2001-03-04", factsOn: "1994-07-01", evidenceRefs: ["https://tribunal.example/case?id=1,2"] },
    { code: "PUB-04", reliability: "A", credibility: "1", observedOn: "2026-10-01", factsOn: "2025-06-30", evidenceRefs: ["VONNIS-9"] },
    { code: "VIC-02", reliability: "C", credibility: "3", observedOn: "2026-10-01" },
  );
  lawful.sharedWith = ["AIVD", "AVIM", "COMENSHA", "CT-INFOBOX", "DTV", "IND-1F", "KMAR", "NCTV", "OM", "POLITIE"];
  return [validForm(), tip, lawful];
}

/** How the derived documents of `derivedDocuments` are requested: the same in every runtime. */
export const DERIVED = {
  stamp: { id: "9f0c6a52-8d1e-4c7a-9b2f-5e4d3c2b1a09", now: "2026-12-01T09:00:00.000Z" },
  replacementId: "6b2c3d4e-5f60-4b7c-8d9e-0f1a2b3c4d5e",
  replacementSummary: "Ambtsbericht ontvangen; de eerdere samenvatting was onvolledig.",
  withdrawal: { action: "withdrawn", reason: "De bron is later onjuist gebleken.", officer: { id: "IND-4712", unit: "Unit NV" } },
  supersession: { action: "superseded", reason: "Samenvatting aangevuld na nader onderzoek.", officer: { id: "IND-4712", unit: "Unit NV" } },
};

/**
 * Extracts and corrections whose bytes must be identical in Node, Chromium
 * and native: of each record of `recordInputs`, the extract for every
 * partner it was shared with and a withdrawal; of the first, a supersession
 * by the same form with another summary. Each entry names the record (as
 * text), what was asked, and the document as `JSON.stringify` writes it.
 */
export function derivedDocuments(engine, fixed) {
  const documents = [];
  for (const input of recordInputs()) {
    const record = engine.buildRecord(input, fixed);
    const recordText = JSON.stringify(record);
    for (const partner of record.routing.sharedWith) {
      documents.push({ recordText, partner, text: JSON.stringify(engine.extractFor(record, partner)) });
    }
    const withdrawal = engine.buildCorrection(record, { ...DERIVED.withdrawal, ...DERIVED.stamp });
    documents.push({ recordText, request: DERIVED.withdrawal, text: JSON.stringify(withdrawal) });
  }
  const original = engine.buildRecord(validForm(), fixed);
  const replacement = engine.buildRecord({ ...validForm(), summary: DERIVED.replacementSummary }, { ...fixed, id: DERIVED.replacementId });
  const supersession = engine.buildCorrection(original, { ...DERIVED.supersession, ...DERIVED.stamp, replacement });
  documents.push({
    recordText: JSON.stringify(original), request: DERIVED.supersession, replacementText: JSON.stringify(replacement),
    text: JSON.stringify(supersession),
  });
  return documents;
}

/** Paths of the form where a hostile value is planted. */
export const PATHS = [
  [], ["caseNumber"], ["procedure"], ["subject"], ["subject", "vNumber"], ["subject", "unknownSubject"],
  ["context"], ["context", "sisAlert"], ["context", "sisAlert", "article"], ["indicators"], ["indicators", 0],
  ["indicators", 0, "reliability"], ["indicators", 0, "observedOn"], ["indicators", 0, "evidenceRefs"],
  ["indicators", 0, "evidenceRefs", 0], ["indicators", 0, "note"], ["summary"], ["officer"], ["officer", "id"],
  ["handling", "tlp"], ["sharedWith"], ["sharedWith", 0], ["noShareReason"], ["extensions"],
];

function deep(levels) {
  let inner = {};
  const top = inner;
  for (let i = 0; i < levels; i++) inner = inner.x = {};
  return top;
}

class Instance { constructor() { this.value = "x"; } }

/** Hostile values of every JS type. Made fresh per call (some are big). */
export function hostileValues() {
  const cyclic = {};
  cyclic.self = cyclic;
  const getter = {};
  Object.defineProperty(getter, "value", { enumerable: true, get() { globalThis.__getterCalls = (globalThis.__getterCalls ?? 0) + 1; return "x"; } });
  const throwingGetter = {};
  Object.defineProperty(throwingGetter, "value", { enumerable: true, get() { throw new Error("getter"); } });
  return [
    ["undefined", undefined], ["null", null], ["true", true], ["NaN", NaN], ["Infinity", Infinity],
    ["-Infinity", -Infinity], ["-0", -0], ["1e400", 1e400], ["2^60", 2 ** 60], ["float", 1.5],
    ["bigint", 2n ** 70n], ["symbol", Symbol("x")], ["function", () => 1], ["empty string", ""],
    ["lone surrogates", "\ud800x\udfff"], ["NUL", "a\u0000b"], ["10 MB string", "x".repeat(10 * MB)],
    ["100 000 items", new Array(100_000).fill("AIVD")], ["array with holes", [, , "x"]],
    ["10 000 deep", deep(10_000)], ["cycle", cyclic], ["getter", getter], ["throwing getter", throwingGetter], ["Map", new Map([["a", 1]])],
    ["Date", new Date(0)], ["RegExp", /x/], ["class instance", new Instance()], ["typed array", new Uint8Array(4)],
    ["proxy that throws", new Proxy({}, { ownKeys() { throw new Error("trap"); }, getPrototypeOf() { throw new Error("trap"); } })],
    ["proxy whose get throws", new Proxy({ value: "x" }, { get() { throw new Error("trap"); } })],
    ["own toJSON that throws", { value: "x", toJSON() { throw new Error("toJSON"); } }],
    ["revoked proxy", (() => { const { proxy, revoke } = Proxy.revocable({}, {}); revoke(); return proxy; })()],
    ["__proto__ key", JSON.parse('{"__proto__": {"polluted": true}}')],
    ["constructor key", JSON.parse('{"constructor": {"prototype": {"polluted": true}}}')],
  ];
}

/**
 * The boundary reads a snapshot (SPEC §8.2): every member once per call, a
 * getter's value is what is read (validation and record see the same
 * value), and a getter that throws is a `type` issue at its path. Returns
 * what does not hold. `engine` is of the entry under test.
 */
export function snapshotFailures(engine, fixed) {
  const failures = [];
  const texts = ["Ambtsbericht ontvangen over betrokkenheid, zie dossier.", "Een andere, ook geldige samenvatting van het signaal."];
  let calls = 0;
  const form = validForm();
  Object.defineProperty(form, "summary", { enumerable: true, get: () => texts[calls++ % 2] });
  const record = engine.buildRecord(form, fixed);
  if (calls !== 1) failures.push(`buildRecord read the getter ${calls} times`);
  if (record.summary !== texts[0]) failures.push("the record holds another value than the one validated");
  const evaluation = engine.evaluate(form, { today: fixed.today });
  if (calls !== 2) failures.push(`evaluate read the getter ${calls - 1} times`);
  if (!evaluation.valid) failures.push("the getter's value was not read");
  const throwing = validForm();
  Object.defineProperty(throwing, "summary", { enumerable: true, get() { throw new Error("getter"); } });
  const issues = engine.evaluate(throwing, { today: fixed.today }).issues.filter((issue) => issue.path === "/summary");
  if (issues.map((issue) => issue.code).join() !== "type") failures.push(`a throwing getter gave ${JSON.stringify(issues)}`);
  if (!engine.evaluate(validForm(), { today: fixed.today }).valid) failures.push("the engine stopped working");
  return failures;
}

/** Plants `value` at `path` in a fresh valid form. */
export function plant(path, value) {
  if (path.length === 0) return value;
  const form = validForm();
  let target = form;
  for (const key of path.slice(0, -1)) {
    if (typeof target[key] !== "object" || target[key] === null) target[key] = {};
    target = target[key];
  }
  target[path.at(-1)] = value;
  return form;
}

/** Records that must not verify: tampered text and JS values of wrong types. */
export function hostileRecords(record) {
  const text = JSON.stringify(record);
  const rows = [
    ["duplicate key (last wins, digest breaks)", JSON.parse(text.replace('"summary":', '"summary":"tampered","summary":').replace(/"summary":"([^"]*)"(?=,"officer")/, '"summary":"$1 (changed)"'))],
    ["extra member", { ...record, extra: 1 }],
    ["integrity removed", (({ integrity, ...rest }) => rest)(record)],
    ["float where an integer belongs", { ...record, assessment: { ...record.assessment, overall: { ...record.assessment.overall, score: record.assessment.overall.score + 0.5 } } }],
    ["NaN score", { ...record, assessment: { ...record.assessment, overall: { ...record.assessment.overall, score: NaN } } }],
    ["score beyond 2^53", { ...record, assessment: { ...record.assessment, overall: { ...record.assessment.overall, score: 2 ** 60 } } }],
    ["string score", { ...record, assessment: { ...record.assessment, overall: { ...record.assessment.overall, score: String(record.assessment.overall.score) } } }],
    ["Date createdAt", { ...record, createdAt: new Date(record.createdAt) }],
    ["lone surrogate in summary", { ...record, summary: record.summary + "\ud800" }],
    ["null subject member", { ...record, subject: { ...record.subject, bsn: null } }],
  ];
  return rows;
}

/** A record re-serialized with its members in another order. */
export function reordered(record) {
  return Object.fromEntries(Object.entries(record).reverse());
}

/** The valid form as a plain post sends it (the picker's control names). */
function validPost() {
  return [
    ["caseNumber", "IND-2026-000123"], ["procedure", "asylum"], ["subject.vNumber", "1234567890"],
    ["subject.status", "applicant"], ["context.type", "application-assessment"], ["indicator", "TER-01"],
    ["indicator.TER-01.reliability", "B"], ["indicator.TER-01.credibility", "2"],
    ["indicator.TER-01.observedOn", "2026-05-12"], ["indicator.TER-01.evidenceRefs", "AB-1\r\nAB-2"],
    ["summary", "Ambtsbericht ontvangen over betrokkenheid, zie dossier."], ["officer.id", "IND-4711"],
    ["officer.unit", "Unit NV"], ["handling.tlp", "AMBER+STRICT"], ["sharedWith", "AIVD"],
    ["sharedWith", "CT-INFOBOX"], ["sharedWith", "NCTV"], ["officerJudgement.view", "agree"],
  ];
}

/** What a control could post for a value, or undefined. */
function posted(value) {
  try {
    return typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    return undefined;
  }
}

/**
 * Every hostile value at every path, three ways that must agree (SPEC §8):
 * the form as JSON text (escaped and with its lone surrogates raw) against
 * the object `JSON.parse` makes of that text, and a post carrying the value
 * through `evaluateEntries` against `evaluate(inputFromFormData(...))`.
 * Returns the rows that disagree. `api` is the entry under test.
 */
export function agreementFailures(api, engine, today) {
  const failures = [];
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  for (const path of PATHS) {
    for (const [name, value] of hostileValues()) {
      const where = `${name} at /${path.join("/")}`;
      let text;
      try {
        text = JSON.stringify(plant(path, value));
      } catch {
        text = undefined; // a cycle or a bigint: no JSON text to compare
      }
      // (A string at the root would be read as JSON text again.)
      if (typeof text === "string" && typeof JSON.parse(text) !== "string") {
        const expected = engine.evaluate(JSON.parse(text), { today });
        if (!same(engine.evaluate(text, { today }), expected)) failures.push(`text: ${where}`);
        const raw = text.replace(/\\u(d[89a-f][0-9a-f]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
        if (raw !== text && !same(engine.evaluate(raw, { today }), expected)) failures.push(`raw text: ${where}`);
      }
      const entry = posted(value);
      if (typeof entry === "string" && entry.length < MB) {
        const pairs = [...validPost(), [path.join(".") || "summary", entry]];
        const expected = engine.evaluate(api.inputFromFormData(pairs), { today });
        if (!same(engine.evaluateEntries(pairs, { today }), expected)) failures.push(`entries: ${where}`);
      }
    }
  }
  return failures;
}
