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
            evidenceRefs: { type: "array", maxItems: 50, items: text(1, 64) },
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

/** The §6.2 arithmetic over one catalog, in BigInt where it exceeds 2^53. */
export class Scoring {
  constructor(catalog, today) {
    this.catalog = catalog;
    this.today = calendarDate(today);
    this.indicators = new Map(catalog.indicators.map((i) => [i.code, i]));
    this.protective = new Set(catalog.categories.filter((c) => c.protective).map((c) => c.code));
    this.rank = new Map([[BAND_NONE, 0], ...catalog.bands.map((b, i) => [b.code, i + 1])]);
  }

  /** Strength in bp of one indicator that can be scored, else null. */
  strength(item) {
    const definition = this.indicators.get(item?.code);
    const rel = this.catalog.grading.reliability[item?.reliability];
    const cred = this.catalog.grading.credibility[item?.credibility];
    const day = typeof item?.observedOn === "string" ? calendarDate(item.observedOn) : null;
    if (!definition || rel === undefined || cred === undefined || day === null || day > this.today || item.observedOn < "1900-01-01") return null;
    const age = this.today - day;
    const recency = this.catalog.recency.find((b) => b.maxDays === null || age <= b.maxDays).factor;
    const product = BigInt(definition.weight * 100) * BigInt(rel) * BigInt(cred) * BigInt(recency);
    return { category: definition.category, strength: Number((product + 500_000_000n) / 1_000_000_000n) };
  }

  /** Category scores (noisy-OR fold) of the scoreable indicators, in catalog order. */
  categories(indicators) {
    const byCategory = new Map();
    for (const item of Array.isArray(indicators) ? indicators : []) {
      const scored = this.strength(item);
      if (!scored) continue;
      if (!byCategory.has(scored.category)) byCategory.set(scored.category, []);
      byCategory.get(scored.category).push(scored.strength);
    }
    const out = [];
    for (const { code } of this.catalog.categories) {
      const strengths = byCategory.get(code);
      if (!strengths) continue;
      if (this.protective.has(code)) {
        out.push({ category: code, score: 0, band: BAND_NONE, protective: true });
        continue;
      }
      strengths.sort((a, b) => b - a);
      let rest = 1_000_000_000_000n;
      for (const s of strengths) rest = (rest * BigInt(10_000 - s)) / 10_000n;
      const score = 10_000 - Number(rest / 100_000_000n);
      out.push({ category: code, score, band: this.band(score), protective: false });
    }
    return out;
  }

  band(score) {
    let band = BAND_NONE;
    for (const b of this.catalog.bands) if (score >= b.from) band = b.code;
    return band;
  }
}

/** The outcome both references produce: verdict, scores, advice, measures. */
function outcome(valid, categories, advised, measures) {
  const overall = categories.reduce((max, c) => (c.protective ? max : Math.max(max, c.score)), 0);
  return {
    valid,
    overall,
    categories: categories.filter((c) => !c.protective).map((c) => [c.category, c.score, c.band]),
    advised,
    measures,
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
  const rule = (category, minBand, event, priority) => ({
    priority,
    conditions: {
      all: [
        { fact: "bands", path: `$['${category}']`, operator: "greaterThanInclusive", value: scoring.rank.get(minBand) },
      ],
    },
    event,
  });
  catalog.routing.forEach((r) => engine.addRule(rule(r.category, r.minBand, { type: "route", params: { partners: r.partners } }, 2)));
  catalog.measures.forEach((m, i) =>
    engine.addRule(rule(m.category, m.minBand, { type: "measure", params: { code: m.code, category: m.category, order: i } }, 1)),
  );
  return async (input) => {
    const valid = validate(input);
    const categories = scoring.categories(input?.indicators);
    // Band ranks of the categories present; absent categories have no fact.
    const bands = {};
    for (const c of categories) bands[c.category] = scoring.rank.get(c.band);
    const { events } = await engine.run({ bands });
    const advised = [...new Set(events.filter((e) => e.type === "route").flatMap((e) => e.params.partners))].sort();
    const measures = events
      .filter((e) => e.type === "measure")
      .sort((a, b) => a.params.order - b.params.order)
      .map((e) => `${e.params.category}/${e.params.code}`);
    return outcome(valid && !unshared(input, advised), categories, advised, measures);
  };
}

/** Reference 2: Ajv + the scoring, routing and measures in plain JavaScript. */
export function ajvPlainJs(catalog, today) {
  const validate = referenceValidator(catalog, today);
  const scoring = new Scoring(catalog, today);
  return (input) => {
    const valid = validate(input);
    const categories = scoring.categories(input?.indicators);
    const rank = new Map(categories.map((c) => [c.category, scoring.rank.get(c.band)]));
    const applies = (rule) => rank.has(rule.category) && rank.get(rule.category) >= scoring.rank.get(rule.minBand);
    const advised = [...new Set(catalog.routing.filter(applies).flatMap((r) => r.partners))].sort();
    const measures = catalog.measures.filter(applies).map((m) => `${m.category}/${m.code}`);
    return outcome(valid && !unshared(input, advised), categories, advised, measures);
  };
}

/** The same outcome read from the engine's `evaluate` result. */
export function engineOutcome(result) {
  return {
    valid: result.valid,
    overall: result.assessment.overall.score,
    categories: result.assessment.categories.map((c) => [c.category, c.score, c.band]),
    advised: [...result.routing.advised],
    measures: result.measures.map((m) => `${m.category}/${m.code}`),
  };
}
