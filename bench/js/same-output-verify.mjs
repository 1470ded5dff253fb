// The same product's verifyRecord, beside its evaluation (./same-output.mjs),
// whose form rules and messages it uses.
import { createHash } from "node:crypto";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import canonicalize from "canonicalize";
import { WARNINGS, dayNumber, exceedsLimits, formReader, indexOf, isObject, labelIn, message, pointer, sortFindings } from "./same-output.mjs";
// verifyRecord: Ajv (the published record schema, compiled once) + an
// RFC 8785 canonicalizer + node:crypto, and the same checks as the engine:
// schema, digest, catalog, content rebuilt by the form rules, assessment
// recomputed.

const RECORD_MESSAGES = {
  "record.digest": ["De integriteitshash klopt niet bij het record.", "The integrity digest does not match the record."],
  "record.catalog": ["Het record is gemaakt met een catalogus die hier niet geldt.", "The record was built with a catalog that is not accepted here."],
  "record.evaluated-on": ["De beoordelingsdatum ligt meer dan een dag van het aanmaakmoment.", "The evaluation date is more than one day from the creation time."],
  "record.category": ["De categorie van deze indicator wijkt af van de catalogus.", "This indicator's category differs from the catalog."],
  "record.content": ["Dit deel wijkt af van wat de engine uit dezelfde inhoud opbouwt.", "This part differs from what the engine builds from the same content."],
  "record.assessment": ["Dit deel wijkt af van een herberekening uit de vastgelegde indicatoren.", "This part differs from a recomputation from the recorded indicators."],
  "record.not-json": ["Het record is geen geldige JSON-tekst of noemt een veld twee keer.", "The record is not valid JSON text or names a member twice."],
};
const PROBLEMS = {
  missing: ["dit verplichte veld ontbreekt", "this required member is missing"],
  "not-allowed": ["dit veld hoort niet in een record", "this member is not allowed in a record"],
  type: ["deze waarde heeft het verkeerde JSON-type", "this value has the wrong JSON type"],
  value: ["deze waarde is hier niet toegestaan", "this value is not allowed here"],
  pattern: ["deze tekst heeft niet de vereiste vorm", "this text does not have the required form"],
  length: ["deze tekst is te kort of te lang", "this text is too short or too long"],
  range: ["dit getal valt buiten het bereik", "this number is out of range"],
};
const AJV_PROBLEMS = { required: "missing", additionalProperties: "not-allowed", type: "type", enum: "value", const: "value", pattern: "pattern", format: "pattern", minLength: "length", maxLength: "length", minimum: "range", maximum: "range" };
const CONTENT_SECTIONS = [["case"], ["subject"], ["context"], ["indicators"], ["routing", "sharedWith"], ["routing", "noShareReason"], ["handling"], ["officerJudgement"], ["summary"], ["officer"], ["extensions"]];
const COMPUTED_SECTIONS = [["assessment"], ["routing", "advised"], ["measuresForConsideration"]];
const at = (value, tokens) => tokens.reduce((v, t) => (v !== null && typeof v === "object" ? v[t] : undefined), value);
const sha256 = (text) => "sha256:" + createHash("sha256").update(text, "utf8").digest("hex");

const AMSTERDAM = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit" });

/** Whether two JSON values are equal (member order aside); undefined is absence. */
function sameJson(a, b) {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object" || Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.hasOwn(b, key) && sameJson(a[key], b[key]));
}

/**
 * The reference: `(record, { catalogs }) => verification` for records of
 * `catalog`, with the engine's checks and verdicts (`ok`, every check) and,
 * outside schema failures, its issues word for word. Schema failures are
 * Ajv's errors mapped to `record.schema` problems.
 */
export function sameOutputVerifier(catalog, locale = "nl", recordSchema) {
  const nl = locale === "nl";
  const label = labelIn(nl);
  const readForm = formReader(catalog);
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat("uint32", { type: "number", validate: (n) => Number.isInteger(n) && n >= 0 && n <= 4294967295 });
  const validate = ajv.compile(recordSchema);
  const catalogDigest = sha256(canonicalize(catalog));
  const words = (f) => {
    if (f.code === "record.schema") {
      const [dutch, english] = PROBLEMS[f.params?.problem] ?? ["te diep genest of te groot", "nested too deeply or too large"];
      return nl ? `Het record voldoet hier niet aan het recordschema: ${dutch}.` : `The record does not match the record schema here: ${english}.`;
    }
    const known = RECORD_MESSAGES[f.code];
    return known ? known[nl ? 0 : 1] : message(f.code, f.params, nl, label);
  };

  function finish(checks, findings) {
    const ok = checks.schema && checks.digest && checks.catalog && checks.content && checks.assessment;
    const issues = sortFindings(findings).map((f) => {
      const issue = { path: pointer(f.tokens), code: f.code, severity: "error", message: words(f) };
      if (f.params) issue.params = f.params;
      return issue;
    });
    return { ok, checks, issues };
  }

  function schemaCheck(record, findings) {
    if (!validate(record)) {
      for (const error of validate.errors) {
        const tokens = error.instancePath.split("/").slice(1).map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
        if (error.keyword === "required") tokens.push(error.params.missingProperty);
        if (error.keyword === "additionalProperties") tokens.push(error.params.additionalProperty);
        findings.push({ tokens: tokens.map((t) => indexOf(t) ?? t), code: "record.schema", params: { problem: AJV_PROBLEMS[error.keyword] ?? "value" } });
      }
      return false;
    }
    const before = findings.length;
    const bad = (ok, tokens) => ok || findings.push({ tokens, code: "record.schema", params: { problem: "value" } });
    const createdAt = record.createdAt;
    bad(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(createdAt) && new Date(createdAt).toISOString() === createdAt, ["createdAt"]);
    bad(dayNumber(record.assessment.evaluatedOn) !== null, ["assessment", "evaluatedOn"]);
    bad(record.subject.unknownSubject !== false, ["subject", "unknownSubject"]);
    bad(!record.indicators.some((i) => Array.isArray(i.evidenceRefs) && i.evidenceRefs.length === 0), ["indicators"]);
    return findings.length === before;
  }

  /** The form input a record was made from. */
  function inputOf(record) {
    const input = {};
    const put = (name, value) => value !== undefined && (input[name] = value);
    put("caseNumber", at(record, ["case", "caseNumber"]));
    put("procedure", at(record, ["case", "procedure"]));
    put("subject", record.subject);
    put("context", record.context);
    put("indicators", Array.isArray(record.indicators)
      ? record.indicators.map((item) => (isObject(item) ? Object.fromEntries(Object.entries(item).filter(([key]) => key !== "category")) : item))
      : undefined);
    put("summary", record.summary);
    put("officer", record.officer);
    put("handling", record.handling);
    put("officerJudgement", record.officerJudgement);
    put("sharedWith", at(record, ["routing", "sharedWith"]));
    put("noShareReason", at(record, ["routing", "noShareReason"]));
    put("extensions", record.extensions);
    return input;
  }

  /** The record sections the engine writes from a valid reading. */
  function rebuild(reading) {
    const v = reading.values;
    const optional = (object) => Object.fromEntries(Object.entries(object).filter(([, value]) => value !== null && value !== undefined));
    const context = optional({ type: v.contextType, screeningMethod: v.screeningMethod, partner: v.partner });
    if (v.sisAlert) context.sisAlert = { regulation: v.sisAlert.regulation, article: v.sisAlert.article, issuingState: v.sisAlert.issuingState, alertReference: v.sisAlert.alertReference };
    if (v.tip) context.tip = { channel: v.tip.channel, receivedOn: v.tip.receivedOn };
    return {
      case: { caseNumber: v.caseNumber, procedure: v.procedure },
      subject: optional({ vNumber: v.vNumber, bsn: v.bsn, unknownSubject: v.unknownSubject ? true : null, status: v.status }),
      context,
      indicators: v.indicators.map((i) => optional({
        code: i.code, category: i.category, reliability: i.reliability, credibility: i.credibility, observedOn: i.observedOn,
        evidenceRefs: i.evidenceRefs.length > 0 ? i.evidenceRefs : null, note: i.note,
      })),
      assessment: reading.assessment,
      routing: optional({ advised: reading.advice.advised, sharedWith: v.sharedWith, noShareReason: v.noShareReason }),
      measuresForConsideration: reading.advice.measures.map((m) => ({ code: m.code, category: m.category, legalBasis: m.legalBasis })),
      handling: { tlp: v.tlp },
      ...(v.view ? { officerJudgement: optional({ view: v.view, reason: v.reason }) } : {}),
      summary: v.summary,
      officer: { id: v.officerId, unit: v.officerUnit },
    };
  }

  function recompute(record, findings) {
    const before = findings.length;
    const evaluatedOn = record.assessment.evaluatedOn;
    const created = new Date(record.createdAt);
    const amsterdam = dayNumber(AMSTERDAM.format(created));
    if (Math.abs(dayNumber(evaluatedOn) - amsterdam) > 1) findings.push({ tokens: ["assessment", "evaluatedOn"], code: "record.evaluated-on" });
    const reading = readForm(inputOf(record), evaluatedOn);
    let valid = true;
    for (const f of reading.findings) {
      const error = !WARNINGS.has(f.code);
      valid &&= !error;
      if (error || f.code === "field.unknown" || f.code === "field.protected") {
        const [first] = f.tokens;
        const prefix = first === "caseNumber" || first === "procedure" ? ["case"] : first === "sharedWith" || first === "noShareReason" ? ["routing"] : [];
        findings.push({ ...f, tokens: [...prefix, ...f.tokens] });
      }
    }
    (reading.values.indicators ?? []).forEach((item, i) => {
      if (item.category !== undefined && item.category !== at(record, ["indicators", i, "category"])) findings.push({ tokens: ["indicators", i, "category"], code: "record.category" });
    });
    if (!valid) {
      if (findings.length === before) findings.push({ tokens: [], code: "record.content" });
      return [false, false];
    }
    const rebuilt = rebuild(reading);
    for (const section of CONTENT_SECTIONS) {
      if (!sameJson(at(rebuilt, section), at(record, section))) findings.push({ tokens: section, code: "record.content" });
    }
    const contentOk = findings.length === before;
    let assessmentOk = true;
    for (const section of COMPUTED_SECTIONS) {
      if (!sameJson(at(rebuilt, section), at(record, section))) {
        assessmentOk = false;
        findings.push({ tokens: section, code: "record.assessment" });
      }
    }
    return [contentOk, assessmentOk];
  }

  return function verify(input) {
    const checks = { schema: false, digest: false, catalog: false, content: false, assessment: false };
    const findings = [];
    let record = input;
    if (typeof input === "string") {
      try {
        record = JSON.parse(input);
      } catch {
        return finish(checks, [{ tokens: [], code: "record.not-json" }]);
      }
    }
    if (!isObject(record)) return finish(checks, [{ tokens: [], code: "record.schema", params: { problem: "type" } }]);
    if (exceedsLimits(record, 1, { bytes: 0 }, 4 << 20)) return finish(checks, [{ tokens: [], code: "input.too-large" }]);
    const { integrity, ...body } = record;
    checks.digest = typeof integrity?.digest === "string" && integrity.digest === sha256(canonicalize(body));
    if (!checks.digest) findings.push({ tokens: ["integrity", "digest"], code: "record.digest" });
    const stated = record.catalog;
    checks.catalog = isObject(stated) && stated.digest === catalogDigest && stated.id === catalog.id && stated.version === catalog.version &&
      (catalog.illustrative === true ? stated.illustrative === true : stated.illustrative === undefined);
    if (!checks.catalog) findings.push({ tokens: ["catalog"], code: "record.catalog" });
    checks.schema = schemaCheck(record, findings);
    if (checks.schema && checks.catalog) [checks.content, checks.assessment] = recompute(record, findings);
    return finish(checks, findings);
  };
}
