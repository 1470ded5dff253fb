// Generated signal forms for the side-by-side benchmark and its agreement
// test: deterministic (seeded), about half valid, the rest with one or two
// faults from a list that covers the required, format, conditional, date,
// catalog and routing rules of SPEC §4.

/** A small seeded PRNG (mulberry32), so every run sees the same forms. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n, width) => String(n).padStart(width, "0");

/** A BSN that passes the 11-proef, derived from eight digits. */
function bsn(next) {
  for (;;) {
    const digits = Array.from({ length: 8 }, () => Math.floor(next() * 10));
    const sum = digits.reduce((acc, d, i) => acc + (9 - i) * d, 0);
    const last = sum % 11;
    if (last < 10) return digits.join("") + last;
  }
}

/** The first indicator (a throwaway object when a fault emptied the list). */
const first = (f) => f.indicators[0] ?? {};

const FAULTS = [
  (f) => delete f.caseNumber,
  (f) => (f.caseNumber = "IND 2026 000123"),
  (f) => (f.subject = { vNumber: "123456789" }),
  (f) => (f.subject.bsn = "123456789"),
  (f) => (f.subject.unknownSubject = true),
  (f) => (f.context = { type: "sis-check" }),
  (f) => (f.context = { type: "sis-check", sisAlert: { regulation: "2018/1861", article: "26", issuingState: "DE", alertReference: "SIS-1" } }),
  (f) => (f.context = { type: "sis-check", sisAlert: { regulation: "2018/1862", article: "36", issuingState: "XX", alertReference: "SIS-1" } }),
  (f) => (f.context = { type: "post-decision-tip", tip: { channel: "anonymous", receivedOn: "2027-01-05" } }),
  (f) => (f.context = { type: "partner-report" }),
  (f) => (first(f).observedOn = "2026-12-24"),
  (f) => (first(f).observedOn = "2026-02-30"),
  (f) => (first(f).code = "TER-99"),
  (f) => (first(f).reliability = "G"),
  (f) => (f.indicators = []),
  (f) => (f.indicators[0] = { code: "TER-01", reliability: "A", credibility: "1", observedOn: "2026-03-01" }),
  (f) => (f.summary = "Te kort."),
  (f) => (f.officer.id = "ind-4711"),
  (f) => (f.handling.tlp = "WHITE"),
  (f) => (f.sharedWith = ["AIVD", "AIVD"]),
  (f) => {
    f.sharedWith = [];
    delete f.noShareReason;
  },
  (f) => (f.subject.status = "tourist"),
  (f) => (f.officerJudgement = { view: "partly" }),
  (f) => (f.officerJudgement = { reason: "Zonder oordeel geschreven." }),
];

const CONTEXTS = [
  () => ({ type: "application-assessment" }),
  () => ({ type: "document-examination" }),
  () => ({ type: "sis-check", sisAlert: { regulation: "2018/1862", article: "36", issuingState: "BE", alertReference: "SIS-BE-2026-0007" } }),
  () => ({ type: "post-decision-tip", tip: { channel: "public", receivedOn: "2026-10-02" } }),
  () => ({ type: "asylum-screening", screeningMethod: "interview" }),
  () => ({ type: "partner-report", partner: "KMAR" }),
  () => ({ type: "partner-report", partner: "AIVD" }),
];

/**
 * `count` forms of `indicatorCount` indicators each, drawn from `catalog`;
 * every form shares `sharedWith` with all partners or explains why not,
 * unless a fault says otherwise.
 */
export function generateForms(catalog, count, indicatorCount = 12, seed = 2026) {
  const next = random(seed);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const forms = [];
  for (let n = 0; n < count; n++) {
    const indicators = Array.from({ length: indicatorCount }, () => {
      const definition = pick(catalog.indicators);
      const item = {
        code: definition.code,
        reliability: pick(["A", "B", "C", "D", "E", "F"]),
        credibility: pick(["1", "2", "3", "4", "5", "6"]),
        observedOn: `${2019 + Math.floor(next() * 8)}-${pad(1 + Math.floor(next() * 11), 2)}-${pad(1 + Math.floor(next() * 28), 2)}`,
      };
      if (definition.requiresEvidence || next() < 0.3) item.evidenceRefs = [`REF-${n}-${Math.floor(next() * 1000)}`];
      if (next() < 0.2) item.note = "Waargenomen tijdens het gehoor; zie verslag.";
      return item;
    });
    // Duplicates (same code and date, other grading or evidence) and
    // ungraded possible-victim items test the v1.2 scoring rules.
    if (next() < 0.3) {
      const copy = { ...indicators[0], reliability: pick(["A", "B", "C", "D", "E", "F"]) };
      if (next() < 0.5) delete copy.evidenceRefs;
      indicators.push(copy);
    }
    if (next() < 0.1) indicators.push({ code: pick(catalog.indicators.filter((d) => d.code.startsWith("VIC"))).code });
    const form = {
      caseNumber: `IND-2026-${pad(n, 6)}`,
      procedure: pick(["regular", "asylum", "naturalisation"]),
      subject: next() < 0.5 ? { vNumber: pad(Math.floor(next() * 1e10), 10), bsn: bsn(next) } : { vNumber: pad(Math.floor(next() * 1e10), 10) },
      context: pick(CONTEXTS)(),
      indicators,
      summary: "Ambtsbericht ontvangen over mogelijke betrokkenheid; nader onderzoek nodig.",
      officer: { id: `IND-${1000 + (n % 9000)}`, unit: "Unit Nationale Veiligheid" },
      handling: { tlp: pick(["RED", "AMBER+STRICT", "AMBER"]) },
      sharedWith: [],
    };
    const status = pick(["applicant", "permit-holder", "dutch-national", "union-law", "unknown", null]);
    if (status) form.subject.status = status;
    if (next() < 0.5) form.officerJudgement = pick([{ view: "agree" }, { view: "disagree", reason: "De bron is eerder onjuist gebleken." }]);
    if (next() < 0.5) form.sharedWith = [...catalog.partners];
    else form.noShareReason = "Afgestemd met de teamleider; delen volgt na overleg.";
    if (next() < 0.1) form.nationality = "XX"; // protected: a warning, never an input
    if (next() < 0.45) {
      pick(FAULTS)(form);
      if (next() < 0.3) pick(FAULTS)(form);
    }
    forms.push(form);
  }
  return forms;
}

/** Every [object or array, key] slot of a form, depth first. */
function slots(value, out = []) {
  if (value === null || typeof value !== "object") return out;
  for (const key of Object.keys(value)) {
    out.push([value, Array.isArray(value) ? Number(key) : key]);
    slots(value[key], out);
  }
  return out;
}

const ODD_VALUES = [null, "", "  \u00a0", 0, 7, true, false, [], {}, ["x"], { a: 1 }, "x", "AMBER", "2026-02-30", "1899-12-31", "A".repeat(70), " TER-01 "];
const ODD_KEYS = ["nationality", "subjectReligion", "countryOfBirthCode", "extra", "note2", "0", "x~y/z"];

/**
 * `count` generated forms with one to three random mutations each: any
 * value replaced by a value of another type, a blank, an over-long text or
 * a wrong date, or a key added anywhere (protected or unknown). For
 * agreement checks of references that must give the engine's exact issues.
 */
export function mutatedForms(catalog, count, seed = 11) {
  const next = random(seed);
  const pick = (list) => list[Math.floor(next() * list.length)];
  return generateForms(catalog, count, 4, seed).map((form) => {
    const mutations = 1 + Math.floor(next() * 3);
    for (let m = 0; m < mutations; m++) {
      const all = slots(form);
      if (all.length === 0) break;
      const [holder, key] = pick(all);
      if (next() < 0.75) holder[key] = structuredClone(pick(ODD_VALUES));
      else {
        const objects = [form, ...all.map(([h, k]) => h[k]).filter((v) => v && typeof v === "object" && !Array.isArray(v))];
        pick(objects)[pick(ODD_KEYS)] = structuredClone(pick(ODD_VALUES));
      }
    }
    return form;
  });
}

/**
 * Records changed after they were built, one way each: content that still
 * reads the same, a score, a category, the advice, untrimmed text, the
 * evaluation date, the catalog, the digest, a member the schema does not
 * allow. Each must fail verification for its own reason (or only on its
 * digest, where the content still reads the same).
 */
export function tamperedRecords(record) {
  const change = (edit) => {
    const copy = structuredClone(record);
    edit(copy);
    return copy;
  };
  return [
    change((r) => (r.summary += " (aangevuld)")),
    change((r) => (r.assessment.overall.score += 1)),
    change((r) => (r.indicators[0].category = r.indicators[0].category === "terrorism" ? "war-crimes" : "terrorism")),
    change((r) => (r.routing.advised = [])),
    change((r) => (r.case.caseNumber = ` ${r.case.caseNumber}`)),
    change((r) => (r.assessment.evaluatedOn = "2026-11-20")),
    change((r) => (r.catalog.version = "0")),
    change((r) => (r.integrity.digest = `sha256:${"0".repeat(64)}`)),
    change((r) => (r.subject.nationality = "NL")),
    change((r) => (r.indicators[0].reliability = "G")),
    change((r) => delete r.officer),
  ];
}
