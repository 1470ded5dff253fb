// A reference implementation of the same rules in plain JavaScript tools, for
// the side-by-side benchmark of SPEC §11: validation by Ajv (a draft 2020-12
// JSON Schema with if/then and custom formats for V-nummer and BSN), scoring
// by json-rules-engine (routing and measures as rules, the fixed-point
// arithmetic of §6.2 in fact functions with BigInt) or by plain JavaScript.
//
// It decides valid/invalid and computes scores, advice and measures; it does
// not produce localized issues (the engine does). bench/js/compare.mjs checks
// that both reach the same verdicts and scores before timing them.
import Ajv2020 from "ajv/dist/2020.js";
import { Engine } from "json-rules-engine";

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Calendar-valid `YYYY-MM-DD`. */
function calendarDate(text) {
  const match = DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (!days || day < 1 || day > days) return null;
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

/** The BSN 11-proef (SPEC §4). */
function elevenProof(text) {
  if (!/^[0-9]{9}$/.test(text)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * Number(text[i]);
  sum -= Number(text[8]);
  return sum % 11 === 0;
}

const text = (min, max) => ({ type: "string", minLength: min, maxLength: max });
const PROCEDURES = ["regular", "asylum", "naturalisation"];
const STATUSES = ["applicant", "permit-holder", "dutch-national", "union-law", "unknown"];

/** The form schema of SPEC §4 for one catalog and evaluation date. */
export function referenceSchema(catalog) {
  const codes = catalog.indicators.map((i) => i.code);
  const evidenceCodes = catalog.indicators.filter((i) => i.requiresEvidence).map((i) => i.code);
  const partner = { enum: catalog.partners };
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    type: "object",
    required: ["caseNumber", "procedure", "subject", "context", "indicators", "summary", "officer", "handling"],
    properties: {
      caseNumber: { type: "string", pattern: "^[A-Za-z0-9/.-]{1,40}$" },
      procedure: { enum: ["regular", "asylum", "naturalisation"] },
      subject: {
        type: "object",
        properties: {
          vNumber: { type: "string", format: "vnumber" },
          bsn: { type: "string", format: "bsn" },
          unknownSubject: { type: "boolean" },
          status: { enum: STATUSES },
        },
        if: { properties: { unknownSubject: { const: true } }, required: ["unknownSubject"] },
        then: { not: { required: ["vNumber"] } },
        else: { required: ["vNumber"] },
      },
      context: {
        type: "object",
        required: ["type"],
        properties: {
          type: { enum: ["application-assessment", "post-decision-tip", "sis-check", "asylum-screening", "partner-report", "document-examination"] },
        },
        allOf: [
          {
            if: { properties: { type: { const: "sis-check" } } },
            then: {
              required: ["sisAlert"],
              properties: {
                sisAlert: {
                  type: "object",
                  required: ["regulation", "article", "issuingState", "alertReference"],
                  properties: {
                    regulation: { enum: ["2018/1861", "2018/1862"] },
                    article: { type: "string" },
                    issuingState: { type: "string", enum: catalog.sisStates },
                    alertReference: text(1, 64),
                  },
                  if: { properties: { regulation: { const: "2018/1861" } } },
                  then: { properties: { article: { enum: ["24", "25"] } } },
                  else: { properties: { article: { enum: ["26", "36", "38"] } } },
                },
              },
            },
          },
          {
            if: { properties: { type: { const: "post-decision-tip" } } },
            then: {
              required: ["tip"],
              properties: {
                tip: {
                  type: "object",
                  required: ["channel", "receivedOn"],
                  properties: { channel: { enum: ["public", "anonymous", "partner"] }, receivedOn: { type: "string", format: "past-date" } },
                },
              },
            },
          },
          {
            if: { properties: { type: { const: "asylum-screening" } } },
            then: { required: ["screeningMethod"], properties: { screeningMethod: { enum: ["dossier-review", "internet-search", "interview"] } } },
          },
          {
            if: { properties: { type: { const: "partner-report" } } },
            then: { required: ["partner"], properties: { partner } },
          },
        ],
      },
      indicators: {
        type: "array",
        minItems: 1,
        maxItems: 200,
        items: {
          type: "object",
          required: ["code", "reliability", "credibility", "observedOn"],
          properties: {
            code: { enum: codes },
            reliability: { enum: ["A", "B", "C", "D", "E", "F"] },
            credibility: { enum: ["1", "2", "3", "4", "5", "6"] },
            observedOn: { type: "string", format: "past-date" },
            evidenceRefs: { type: "array", maxItems: 20, items: text(1, 512) },
            note: text(0, 2000),
          },
          if: { properties: { code: { enum: evidenceCodes } }, required: ["code"] },
          then: { required: ["evidenceRefs"], properties: { evidenceRefs: { minItems: 1 } } },
        },
      },
      summary: text(20, 4000),
      officer: {
        type: "object",
        required: ["id", "unit"],
        properties: { id: { type: "string", pattern: "^[A-Z0-9-]{2,32}$" }, unit: text(1, 80) },
      },
      handling: { type: "object", required: ["tlp"], properties: { tlp: { enum: ["RED", "AMBER+STRICT", "AMBER", "GREEN", "CLEAR"] } } },
      sharedWith: { type: "array", maxItems: 100, uniqueItems: true, items: partner },
      noShareReason: text(1, 2000),
      officerJudgement: {
        type: "object",
        properties: { view: { enum: ["agree", "partly", "disagree"] }, reason: text(10, 2000) },
        allOf: [
          { if: { properties: { view: { enum: ["partly", "disagree"] } }, required: ["view"] }, then: { required: ["reason"] } },
          { if: { required: ["reason"] }, then: { required: ["view"] } },
        ],
      },
    },
  };
}

/** Compiles the schema with the custom formats; dates are bounded by `today`. */
export function referenceValidator(catalog, today) {
  const last = calendarDate(today);
  const ajv = new Ajv2020({ allErrors: false, strict: false });
  ajv.addFormat("vnumber", /^[0-9]{10}$/);
  ajv.addFormat("bsn", { validate: elevenProof });
  ajv.addFormat("past-date", {
    validate: (value) => {
      const day = calendarDate(value);
      return day !== null && day <= last && value >= "1900-01-01";
    },
  });
  return ajv.compile(referenceSchema(catalog));
}

const BAND_NONE = "none";

/** At least one evidence reference of 1–512 characters (SPEC §6.2). */
function hasEvidence(item) {
  const refs = item?.evidenceRefs;
  return Array.isArray(refs) && refs.length <= 20 && refs.some((r) => typeof r === "string" && r.trim().length >= 1 && r.trim().length <= 512);
}

/** The §6.2 arithmetic over one catalog, in BigInt where it exceeds 2^53. */
export class Scoring {
  constructor(catalog, today) {
    this.catalog = catalog;
    this.today = calendarDate(today);
    this.indicators = new Map(catalog.indicators.map((i) => [i.code, i]));
    this.categoryOf = new Map(catalog.categories.map((c) => [c.code, c]));
    this.protective = new Set(catalog.categories.filter((c) => c.protective).map((c) => c.code));
    this.rank = new Map([[BAND_NONE, 0], ...catalog.bands.map((b, i) => [b.code, i + 1])]);
  }

  /** The valid observation date of an item as a day number, else null. */
  day(item) {
    const day = typeof item?.observedOn === "string" ? calendarDate(item.observedOn) : null;
    return day === null || day > this.today || item.observedOn < "1900-01-01" ? null : day;
  }

  /** Strength in bp of one indicator that can be scored, else null. */
  strength(item) {
    const definition = this.indicators.get(item?.code);
    const rel = this.catalog.grading.reliability[item?.reliability];
    const cred = this.catalog.grading.credibility[item?.credibility];
    const day = this.day(item);
    if (!definition || rel === undefined || cred === undefined || day === null) return null;
    const age = this.today - day;
    const decays = this.categoryOf.get(definition.category)?.decays !== false;
    const recency = decays ? this.catalog.recency.find((b) => b.maxDays === null || age <= b.maxDays).factor : 1000;
    const product = BigInt(definition.weight * 100) * BigInt(rel) * BigInt(cred) * BigInt(recency);
    return Number((product + 500_000_000n) / 1_000_000_000n);
  }

  fold(strengths) {
    strengths.sort((a, b) => b - a);
    let rest = 1_000_000_000_000n;
    for (const s of strengths) rest = (rest * BigInt(10_000 - s)) / 10_000n;
    return 10_000 - Number(rest / 100_000_000n);
  }

  /**
   * Category scores (noisy-OR fold) in catalog order: of items with the same
   * code and date only the strongest (then evidenced, then earliest) is
   * scored; the evidenced score takes the strongest evidenced, not
   * routing-only item per code and date.
   */
  categories(indicators) {
    const items = (Array.isArray(indicators) ? indicators : [])
      .map((item, index) => ({ item, index, definition: this.indicators.get(item?.code) }))
      .filter((x) => x.definition)
      .map((x) => ({ ...x, day: this.day(x.item), strength: this.strength(x.item), evidence: hasEvidence(x.item) }));
    const rank = (x) => [x.strength ?? -1, x.evidence ? 1 : 0];
    const beats = (a, b) => {
      const [ra, rb] = [rank(a), rank(b)];
      return ra[0] > rb[0] || (ra[0] === rb[0] && (ra[1] > rb[1] || (ra[1] === rb[1] && a.index < b.index)));
    };
    const same = (a, b) => a.item.code === b.item.code && a.day !== null && a.day === b.day;
    const scored = items.filter((x) => x.strength !== null && !items.some((o) => o !== x && same(o, x) && beats(o, x)));
    const evidenced = items.filter((x) => x.strength !== null && x.evidence && !x.definition.routingOnly);
    const counted = evidenced.filter((x) => !evidenced.some((o) => o !== x && same(o, x) && beats(o, x)));
    const out = [];
    for (const { code, protective } of this.catalog.categories) {
      if (protective) {
        if (items.some((x) => x.definition.category === code)) out.push({ category: code, score: 0, band: BAND_NONE, protective: true });
        continue;
      }
      const mine = scored.filter((x) => x.definition.category === code);
      if (mine.length === 0) continue;
      const score = this.fold(mine.map((x) => x.strength));
      const evidencedItems = counted.filter((x) => x.definition.category === code);
      const evidencedScore = this.fold(evidencedItems.map((x) => x.strength));
      out.push({
        category: code, score, band: this.band(score), evidencedScore, evidencedBand: this.band(evidencedScore),
        evidencedCodes: evidencedItems.map((x) => x.item.code), protective: false,
      });
    }
    return out;
  }

  band(score) {
    let band = BAND_NONE;
    for (const b of this.catalog.bands) if (score >= b.from) band = b.code;
    return band;
  }
}

/** What besides the indicators decides the advice: procedure, status, reporting partner. */
function circumstances(input, catalog) {
  const procedure = PROCEDURES.includes(input?.procedure) ? input.procedure : null;
  const status = STATUSES.includes(input?.subject?.status) ? input.subject.status : "unknown";
  const context = input?.context;
  const reporter = context?.type === "partner-report" && catalog.partners.includes(context.partner) ? context.partner : null;
  return { procedure, status, reporter };
}

/** The outcome both references produce: verdict, scores, advice, measures. */
function outcome(valid, categories, advised, measures, suspended) {
  const overall = categories.reduce((max, c) => (c.protective ? max : Math.max(max, c.score)), 0);
  return {
    valid,
    overall,
    categories: categories.filter((c) => !c.protective).map((c) => [c.category, c.score, c.band, c.evidencedScore, c.evidencedBand]),
    advised,
    measures,
    suspended,
  };
}

/** `routing.unshared`: an advised partner neither shared nor explained. */
function unshared(input, advised) {
  const shared = Array.isArray(input.sharedWith) ? input.sharedWith : [];
  const reason = typeof input.noShareReason === "string" ? input.noShareReason.trim() : "";
  return advised.some((p) => !shared.includes(p)) && reason.length < 10;
}

/** Reference 1: Ajv + json-rules-engine (async, as json-rules-engine is). */
export function ajvRulesEngine(catalog, today) {
  const validate = referenceValidator(catalog, today);
  const scoring = new Scoring(catalog, today);
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addOperator("containsAny", (fact, wanted) => Array.isArray(fact) && wanted.some((w) => fact.includes(w)));
  const band = (fact, category, minBand) => ({
    fact, path: `$['${category}']`, operator: "greaterThanInclusive", value: scoring.rank.get(minBand),
  });
  catalog.routing.forEach((r) =>
    engine.addRule({ priority: 2, conditions: { all: [band("bands", r.category, r.minBand)] }, event: { type: "route", params: { partners: r.partners } } }),
  );
  catalog.measures.forEach((m, i) => {
    if (scoring.protective.has(m.category)) return;
    const conditions = [band("evidencedBands", m.category, m.minBand)];
    if (m.procedures) conditions.push({ fact: "procedure", operator: "in", value: m.procedures });
    if (m.statuses) conditions.push({ fact: "status", operator: "in", value: m.statuses });
    if (m.requiresAnyOf) conditions.push({ fact: "evidencedCodes", path: `$['${m.category}']`, operator: "containsAny", value: m.requiresAnyOf });
    const params = { code: m.code, category: m.category, order: i };
    if (m.suspendedByProtection) {
      engine.addRule({ priority: 1, conditions: { all: [...conditions, { fact: "protection", operator: "equal", value: false }] }, event: { type: "measure", params } });
      engine.addRule({ priority: 1, conditions: { all: [...conditions, { fact: "protection", operator: "equal", value: true }] }, event: { type: "suspended", params } });
    } else {
      engine.addRule({ priority: 1, conditions: { all: conditions }, event: { type: "measure", params } });
    }
  });
  return async (input) => {
    const valid = validate(input);
    const categories = scoring.categories(input?.indicators);
    const { procedure, status, reporter } = circumstances(input, catalog);
    // Band ranks of the categories present; absent categories have no fact.
    const bands = {};
    const evidencedBands = {};
    const evidencedCodes = {};
    for (const c of categories) {
      bands[c.category] = scoring.rank.get(c.band);
      if (!c.protective && c.evidencedCodes.length > 0) {
        evidencedBands[c.category] = scoring.rank.get(c.evidencedBand);
        evidencedCodes[c.category] = c.evidencedCodes;
      }
    }
    const protection = categories.some((c) => c.protective);
    const { events } = await engine.run({ bands, evidencedBands, evidencedCodes, procedure, status, protection });
    const advised = [...new Set(events.filter((e) => e.type === "route").flatMap((e) => e.params.partners))]
      .filter((p) => p !== reporter)
      .sort();
    const listed = (type) =>
      events
        .filter((e) => e.type === type)
        .sort((a, b) => a.params.order - b.params.order)
        .map((e) => `${e.params.category}/${e.params.code}`);
    return outcome(valid && !unshared(input, advised), categories, advised, listed("measure"), listed("suspended"));
  };
}

/** Reference 2: Ajv + the scoring, routing and measures in plain JavaScript. */
export function ajvPlainJs(catalog, today) {
  const validate = referenceValidator(catalog, today);
  const scoring = new Scoring(catalog, today);
  return (input) => {
    const valid = validate(input);
    const categories = scoring.categories(input?.indicators);
    const { procedure, status, reporter } = circumstances(input, catalog);
    const byCode = new Map(categories.map((c) => [c.category, c]));
    const applies = (rule) => byCode.has(rule.category) && scoring.rank.get(byCode.get(rule.category).band) >= scoring.rank.get(rule.minBand);
    const advised = [...new Set(catalog.routing.filter(applies).flatMap((r) => r.partners))].filter((p) => p !== reporter).sort();
    const protection = categories.some((c) => c.protective);
    const measures = [];
    const suspended = [];
    for (const m of catalog.measures) {
      const c = byCode.get(m.category);
      const canApply =
        c && !c.protective && c.evidencedCodes.length > 0 &&
        scoring.rank.get(c.evidencedBand) >= scoring.rank.get(m.minBand) &&
        (!m.procedures || m.procedures.includes(procedure)) &&
        (!m.statuses || m.statuses.includes(status)) &&
        (!m.requiresAnyOf || m.requiresAnyOf.some((code) => c.evidencedCodes.includes(code)));
      if (!canApply) continue;
      (m.suspendedByProtection && protection ? suspended : measures).push(`${m.category}/${m.code}`);
    }
    return outcome(valid && !unshared(input, advised), categories, advised, measures, suspended);
  };
}

/** The same outcome read from the engine's `evaluate` result. */
export function engineOutcome(result) {
  return {
    valid: result.valid,
    overall: result.assessment.overall.score,
    categories: result.assessment.categories.map((c) => [c.category, c.score, c.band, c.evidencedScore, c.evidencedBand]),
    advised: [...result.routing.advised],
    measures: result.measures.map((m) => `${m.category}/${m.code}`),
    suspended: result.suspendedMeasures.map((m) => `${m.category}/${m.code}`),
  };
}
