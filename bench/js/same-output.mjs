// The same product in plain JavaScript, for the side-by-side figures of
// SPEC §11: from a form (JSON data) to the SAME evaluation the engine
// returns, deep-equal member for member: every issue with its path, code,
// severity, localized message and params, in the same order; the
// assessment with every contribution; routing; measures with their labels
// and notes; suspended measures; the catalog's identity. What a portal team
// would write instead of the package. bench/js/compare.mjs checks it equal
// to the engine on every generated form before anything is timed.
//
// It reads JSON data (what JSON.parse gives); the engine's walk over
// arbitrary JS values (getters, proxies, cycles) has no counterpart here,
// nor its refusal of repeated member names in JSON text.

const ROWS = [
  ["caseNumber"], ["procedure"], ["subject", "vNumber"], ["subject", "bsn"], ["subject", "unknownSubject"],
  ["subject", "status"], ["context", "type"], ["context", "sisAlert"], ["context", "tip"],
  ["context", "screeningMethod"], ["context", "partner"], ["indicators"], ["indicators", "*", "code"],
  ["indicators", "*", "reliability"], ["indicators", "*", "credibility"], ["indicators", "*", "observedOn"],
  ["indicators", "*", "evidenceRefs"], ["indicators", "*", "note"], ["summary"], ["officer", "id"],
  ["officer", "unit"], ["handling", "tlp"], ["sharedWith"], ["noShareReason"], ["officerJudgement", "view"],
  ["officerJudgement", "reason"], ["extensions"],
];

// The closed lists with the words officers read (the engine's vocabulary).
const LISTS = {
  procedure: { regular: ["regulier", "regular"], asylum: ["asiel", "asylum"], naturalisation: ["naturalisatie", "naturalisation"] },
  status: {
    applicant: ["aanvrager", "applicant"], "permit-holder": ["vergunninghouder", "permit holder"],
    "dutch-national": ["Nederlander", "Dutch national"], "union-law": ["unierecht", "Union law"], unknown: ["onbekend", "unknown"],
  },
  contextType: {
    "application-assessment": ["beoordeling aanvraag", "assessment of an application"],
    "post-decision-tip": ["tip na besluit", "tip after a decision"], "sis-check": ["SIS-bevraging", "SIS check"],
    "asylum-screening": ["screening asiel", "asylum screening"], "partner-report": ["melding partner", "partner report"],
    "document-examination": ["documentonderzoek", "document examination"],
  },
  screening: { "dossier-review": ["dossieronderzoek", "dossier review"], "internet-search": ["internetonderzoek", "internet search"], interview: ["gehoor", "interview"] },
  channel: { public: ["publiek", "public"], anonymous: ["anoniem", "anonymous"], partner: ["partner", "partner"] },
  regulation: { "2018/1861": ["Vo. 2018/1861 (grenscontroles)", "Reg. 2018/1861 (border checks)"], "2018/1862": ["Vo. 2018/1862 (politie en justitie)", "Reg. 2018/1862 (police and justice)"] },
  view: { agree: ["eens", "agree"], partly: ["deels eens", "partly agree"], disagree: ["oneens", "disagree"] },
};
const CODES = Object.fromEntries(Object.entries(LISTS).map(([name, words]) => [name, Object.keys(words)]));
const RELIABILITY = ["A", "B", "C", "D", "E", "F"];
const CREDIBILITY = ["1", "2", "3", "4", "5", "6"];
const TLP = ["RED", "AMBER+STRICT", "AMBER", "GREEN", "CLEAR"];
const SIS_ARTICLES = { "2018/1861": ["24", "25"], "2018/1862": ["26", "36", "38"] };
const LABELS = new Map(Object.values(LISTS).flatMap((words) => Object.entries(words)));

const PROTECTED = [
  "nationality", "nationalities", "dualNationality", "citizenship", "countryOfBirth", "countryOfOrigin", "birthCountry",
  "placeOfBirth", "ethnicity", "race", "religion", "politicalOpinion", "sexualOrientation", "gender", "sex",
  "maritalStatus", "health", "disability", "language", "nationaliteit", "geboorteland", "geboorteplaats", "herkomst",
  "afkomst", "etniciteit", "ras", "godsdienst", "religie", "geslacht", "seksueleGeaardheid", "gezondheid", "handicap",
  "burgerlijkeStaat", "politiekeVoorkeur", "taal",
];

/** The words of a key (SPEC §4): split at non-alphanumerics, case changes and letter–digit changes; lower-cased. */
function keyWords(key) {
  const words = [];
  for (const run of key.split(/[^A-Za-z0-9]+/)) {
    const parts = run.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g);
    if (parts) for (const part of parts) words.push(part.toLowerCase());
  }
  return words;
}
const PROTECTED_WORDS = PROTECTED.map(keyWords);
const isProtected = (key) => {
  const words = keyWords(key);
  return PROTECTED_WORDS.some((listed) => {
    for (let i = 0; i + listed.length <= words.length; i++) if (listed.every((w, k) => words[i + k] === w)) return true;
    return false;
  });
};

const TRIM = /^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+|[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+$/g;
const trim = (text) => text.replace(TRIM, "");
const isAbsent = (value) => value === undefined || value === null || (typeof value === "string" && trim(value) === "");
export const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Days since 1970-01-01 of a calendar-valid `YYYY-MM-DD` (years 1–9999), else null. */
export function dayNumber(text) {
  const match = DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (year < 1 || !days || day < 1 || day > days) return null;
  // Howard Hinnant's days_from_civil.
  const y = year - (month <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

const isCaseNumber = (t) => /^[A-Za-z0-9/.-]{1,40}$/.test(t);
const isVNumber = (t) => /^[0-9]{10}$/.test(t);
const isOfficerId = (t) => /^[A-Z0-9-]{2,32}$/.test(t);
function isBsn(t) {
  if (!/^[0-9]{9}$/.test(t)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * (t.charCodeAt(i) - 48);
  sum -= t.charCodeAt(8) - 48;
  return ((sum % 11) + 11) % 11 === 0;
}

/** Messages in Dutch and English, from the code and params only. */
export function message(code, params, nl, label) {
  const pick = (dutch, english) => (nl ? dutch : english);
  switch (code) {
    case "required": return pick("Vul dit veld in.", "Fill in this field.");
    case "type": return pick("Deze waarde kan hier niet worden gebruikt.", "This value cannot be used here.");
    case "enum": {
      const allowed = (params?.allowed ?? []).map(label).join(", ");
      if (!allowed) return pick("Kies een van de toegestane waarden.", "Choose one of the allowed values.");
      return pick(`Kies een van de toegestane waarden: ${allowed}.`, `Choose one of the allowed values: ${allowed}.`);
    }
    case "format.case-number": return pick("Een zaaknummer bestaat uit 1 tot 40 letters, cijfers, '/', '.' of '-'.", "A case number has 1 to 40 letters, digits, '/', '.' or '-'.");
    case "format.vnumber": return pick("Een V-nummer bestaat uit precies 10 cijfers.", "A V-number has exactly 10 digits.");
    case "format.bsn": return pick("Een BSN bestaat uit 9 cijfers en moet voldoen aan de elfproef.", "A BSN has 9 digits and must pass the eleven test.");
    case "format.date": return pick("Vul een bestaande datum in als JJJJ-MM-DD.", "Enter an existing date as YYYY-MM-DD.");
    case "format.country": return pick("Kies een land dat SIS-signaleringen uitvaardigt.", "Choose a country that issues SIS alerts.");
    case "format.officer-id": return pick("Een medewerkerscode bestaat uit 2 tot 32 hoofdletters, cijfers of '-'.", "A staff code has 2 to 32 capital letters, digits or '-'.");
    case "text.too-short": return pick(`Vul minstens ${params.min} tekens in (nu ${params.actual}).`, `Enter at least ${params.min} characters (now ${params.actual}).`);
    case "text.too-long": return pick(`Gebruik hoogstens ${params.max} tekens (nu ${params.actual}).`, `Use at most ${params.max} characters (now ${params.actual}).`);
    case "array.too-few": return pick(`Kies er minstens ${params.min}.`, `Choose at least ${params.min}.`);
    case "array.too-many": return pick(`Hoogstens ${params.max} toegestaan (nu ${params.actual}).`, `At most ${params.max} allowed (now ${params.actual}).`);
    case "array.duplicate": return pick("Deze waarde staat er al in.", "This value is already listed.");
    case "date.future": return pick("Deze datum ligt in de toekomst.", "This date is in the future.");
    case "date.too-old": return pick("Deze datum ligt vóór 1900-01-01.", "This date is before 1900-01-01.");
    case "indicator.unknown": return pick("Deze indicator staat niet in de catalogus.", "This indicator is not in the catalog.");
    case "indicator.evidence-required": return pick("Deze indicator vraagt om minstens één bronverwijzing.", "This indicator needs at least one evidence reference.");
    case "indicator.duplicate": return pick("Deze indicator is al vastgelegd met dezelfde datum.", "This indicator was already recorded with the same date.");
    case "sis.article": {
      const allowed = params.allowed.join(", ");
      return pick(`Dit artikel hoort niet bij deze verordening (toegestaan: ${allowed}).`, `This article does not belong to this regulation (allowed: ${allowed}).`);
    }
    case "subject.conflict": return pick("Laat het V-nummer leeg als 'V-nummer onbekend' is aangevinkt.", "Leave the V-number empty when 'V-number unknown' is ticked.");
    case "routing.unshared": {
      const partners = params.partners.join(", ");
      return pick(`Deel met de geadviseerde partners (${partners}) of leg uit waarom niet.`, `Share with the advised partners (${partners}) or explain why not.`);
    }
    case "handling.too-open": return pick("Deze deelbaarheid is te ruim voor dit signaal; gebruikelijk is AMBER+STRICT.", "This sharing level is too open for this signal; AMBER+STRICT is usual.");
    case "judgement.missing": return pick("Er worden maatregelen genoemd: geef uw eigen oordeel over het advies.", "Measures are listed: give your own view of the advice.");
    case "subject.status-unknown": return pick("Er worden maatregelen genoemd terwijl de verblijfspositie onbekend is; vul die in zodat alleen toepasselijke maatregelen overblijven.", "Measures are listed while the person's status is unknown; fill it in so only measures that can apply remain.");
    case "field.unknown": return pick("Dit veld is onbekend en wordt niet vastgelegd.", "This field is unknown and is not recorded.");
    case "field.protected": return pick("Dit veld beschrijft een beschermd persoonskenmerk; het telt nooit mee en wordt niet vastgelegd.", "This field describes a protected personal attribute; it never counts and is not recorded.");
    case "input.too-large": return pick("De invoer is te groot of te diep genest en is niet gelezen.", "The input is too large or nested too deeply and was not read.");
    case "input.not-object": return pick("De invoer moet een object zijn.", "The input must be an object.");
    default: throw new Error(`no message for ${code}`);
  }
}

export const WARNINGS = new Set(["field.unknown", "field.protected", "handling.too-open", "indicator.duplicate", "judgement.missing", "subject.status-unknown"]);
export const pointer = (tokens) => tokens.map((t) => "/" + String(t).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
export const indexOf = (token) => (typeof token === "number" ? token : /^(0|[1-9][0-9]*)$/.test(token) ? Number(token) : null);

/** The table row a path falls under (the engine's issue order). */
function rowOf(tokens) {
  if (tokens.length === 0) return 0;
  const matches = (pattern, token) => (typeof token === "number" ? pattern === "*" : token === pattern);
  let best = null;
  ROWS.forEach((pattern, row) => {
    const under = pattern.length <= tokens.length && pattern.every((p, k) => matches(p, tokens[k]));
    if (under && (best === null || pattern.length > best[0])) best = [pattern.length, row];
  });
  if (best) return best[1];
  for (let keep = tokens.length - 1; keep >= 1; keep--) {
    for (const [row, pattern] of ROWS.entries()) {
      if (pattern.length > keep && tokens.slice(0, keep).every((t, k) => matches(pattern[k], t))) return row;
    }
  }
  if (tokens.length === 1) for (const [row, pattern] of ROWS.entries()) if (matches(pattern[0], tokens[0])) return row;
  return ROWS.length;
}

const compareTokens = (a, b) => {
  if (typeof a === "number" && typeof b === "number") return a - b;
  const [x, y] = [String(a), String(b)];
  return x < y ? -1 : x > y ? 1 : 0;
};
function compareLists(a, b, compare) {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compare(a[i], b[i]);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** The engine's stable order, one finding per (path, code). */
export function sortFindings(findings) {
  const keyed = findings.map((f) => ({ f, row: rowOf(f.tokens), indexes: f.tokens.map(indexOf).filter((i) => i !== null) }));
  keyed.sort((a, b) =>
    a.row - b.row ||
    compareLists(a.indexes, b.indexes, (x, y) => x - y) ||
    (a.f.code < b.f.code ? -1 : a.f.code > b.f.code ? 1 : 0) ||
    compareLists(a.f.tokens, b.f.tokens, compareTokens));
  const out = [];
  for (const { f } of keyed) {
    const last = out[out.length - 1];
    if (last && last.code === f.code && compareLists(last.tokens, f.tokens, compareTokens) === 0) continue;
    out.push(f);
  }
  return out;
}

/** Whether a value holds more than `maxBytes` of strings (UTF-8; 1 MiB for forms) or nests deeper than 16. */
export function exceedsLimits(value, depth = 1, budget = { bytes: 0 }, maxBytes = 1 << 20) {
  if (typeof value === "string") return (budget.bytes += Buffer.byteLength(value)) > maxBytes;
  if (value === null || typeof value !== "object") return false;
  if (depth > 16) return true;
  if (Array.isArray(value)) return value.some((item) => exceedsLimits(item, depth + 1, budget, maxBytes));
  for (const key in value) {
    if ((budget.bytes += Buffer.byteLength(key)) > maxBytes || exceedsLimits(value[key], depth + 1, budget, maxBytes)) return true;
  }
  return false;
}

/** `floor(rest × (10000 − s) / 10000)` for rest ≤ 10^12, exact in doubles. */
function shrink(rest, s) {
  const q = Math.floor(rest / 10_000);
  return q * (10_000 - s) + Math.floor(((rest - q * 10_000) * (10_000 - s)) / 10_000);
}
function noisyOr(strengths) {
  const sorted = [...strengths].sort((a, b) => b - a);
  let rest = 1_000_000_000_000;
  for (const s of sorted) rest = shrink(rest, Math.min(s, 10_000));
  return 10_000 - Math.floor(rest / 100_000_000);
}

/**
 * Reads forms against `catalog` (the engine's `catalog()`): `(input, today)`
 * gives the findings (unsorted, with tokens for paths), the assessment, the
 * advice and the values a record is made of.
 */
export function formReader(catalog) {
  const indicatorIndex = new Map(catalog.indicators.map((d, i) => [d.code, i]));
  const categoryIndex = new Map(catalog.categories.map((c, i) => [c.code, i]));
  const reliability = RELIABILITY.map((c) => catalog.grading.reliability[c] ?? 0);
  const credibility = CREDIBILITY.map((c) => catalog.grading.credibility[c] ?? 0);
  const bandOf = (score) => {
    let rank = 0;
    catalog.bands.forEach((b, i) => { if (b.from <= score) rank = i + 1; });
    return [rank, rank === 0 ? "none" : catalog.bands[rank - 1].code];
  };
  const bandRank = (code) => (code === "none" ? 0 : catalog.bands.findIndex((b) => b.code === code) + 1 || null);
  const target = (category, minBand, allowed) => {
    const c = categoryIndex.get(category);
    const rank = bandRank(minBand);
    return c !== undefined && rank !== null && allowed ? { category: c, minRank: rank } : null;
  };
  const protectiveCode = (code) => catalog.categories.some((c) => c.code === code && c.protective);
  const routing = catalog.routing.map((r) => ({ target: target(r.category, r.minBand, true), partners: r.partners.filter((p) => catalog.partners.includes(p)) }));
  const measureRules = catalog.measures.map((m) => ({
    measure: m,
    target: target(m.category, m.minBand, !protectiveCode(m.category)),
    requires: (m.requiresAnyOf ?? []).map((code) => indicatorIndex.get(code)).filter((i) => i !== undefined),
  }));
  const recency = (age) => {
    const bucket = catalog.recency.find((b) => b.maxDays === null || b.maxDays === undefined || Math.max(age, 0) <= b.maxDays);
    return bucket ? bucket.factor : 0;
  };

  return function readForm(input, today) {
    const todayDay = dayNumber(today);
    const findings = [];
    const push = (tokens, code, params) => findings.push({ tokens, code, params });
    const values = { sharedWith: [] };
    const observed = [];

    const unknownKey = (tokens, key) => push([...tokens, key], isProtected(key) ? "field.protected" : "field.unknown");
    const checkKeys = (map, tokens, known) => {
      for (const key of Object.keys(map)) if (!known.includes(key)) unknownKey(tokens, key);
    };
    const object = (value, tokens) => {
      if (isObject(value)) return value;
      if (!isAbsent(value)) push(tokens, "type");
      return null;
    };
    const readText = (value, tokens, required) => {
      if (typeof value === "string") {
        const trimmed = trim(value);
        if (trimmed !== "") return trimmed;
      }
      if (isAbsent(value)) {
        if (required) push(tokens, "required");
      } else {
        push(tokens, "type");
      }
      return null;
    };
    const length = (value, tokens, min, max) => {
      const actual = value.length;
      if (actual < min) push(tokens, "text.too-short", { actual, min });
      else if (actual > max) push(tokens, "text.too-long", { actual, max });
      else return true;
      return false;
    };
    const choice = (value, tokens, required, allowed) => {
      const found = readText(value, tokens, required);
      if (found === null) return null;
      if (allowed.includes(found)) return found;
      push(tokens, "enum", allowed.length <= 12 ? { allowed: [...allowed] } : undefined);
      return null;
    };
    const date = (value, tokens, required) => {
      const found = readText(value, tokens, required);
      if (found === null) return null;
      const day = found.length === 10 ? dayNumber(found) : null;
      if (day === null) push(tokens, "format.date");
      else if (day > todayDay) push(tokens, "date.future");
      else if (found < "1900") push(tokens, "date.too-old");
      else return [day, found];
      return null;
    };
    const textList = (value, tokens, maxItems, maxLength) => {
      if (!Array.isArray(value)) {
        if (!isAbsent(value)) push(tokens, "type");
        return [];
      }
      if (value.length > maxItems) {
        push(tokens, "array.too-many", { actual: value.length, max: maxItems });
        return [];
      }
      const out = [];
      value.forEach((item, i) => {
        const at = [...tokens, i];
        const found = readText(item, at, true);
        if (found === null || !length(found, at, 1, maxLength)) return;
        if (out.some(([, seen]) => seen === found)) push(at, "array.duplicate");
        else out.push([i, found]);
      });
      return out;
    };

    const stop = (code) => ({ findings: [{ tokens: [], code }], assessment: assessment([]), advice: { advised: [], measures: [], suspended: [] }, values });

    function read() {
      if (!isObject(input)) return stop("input.not-object");
      if (exceedsLimits(input)) return stop("input.too-large");
      const root = input;
      const known = ["caseNumber", "procedure", "subject", "context", "indicators", "summary", "officer", "handling", "sharedWith", "noShareReason", "extensions", "officerJudgement"];
      checkKeys(root, [], known);
      const caseNumber = readText(root.caseNumber, ["caseNumber"], true);
      if (caseNumber !== null && !isCaseNumber(caseNumber)) push(["caseNumber"], "format.case-number");
      else values.caseNumber = caseNumber;
      values.procedure = choice(root.procedure, ["procedure"], true, CODES.procedure);
      readSubject(root.subject);
      readContext(root.context);
      readIndicators(root.indicators);
      const summary = readText(root.summary, ["summary"], true);
      if (summary !== null && length(summary, ["summary"], 20, 4000)) values.summary = summary;
      const officer = object(root.officer, ["officer"]);
      if (officer) checkKeys(officer, ["officer"], ["id", "unit"]);
      const officerId = readText(officer?.id, ["officer", "id"], true);
      if (officerId !== null && !isOfficerId(officerId)) push(["officer", "id"], "format.officer-id");
      else values.officerId = officerId;
      const unit = readText(officer?.unit, ["officer", "unit"], true);
      if (unit !== null && length(unit, ["officer", "unit"], 1, 80)) values.officerUnit = unit;
      const handling = object(root.handling, ["handling"]);
      if (handling) checkKeys(handling, ["handling"], ["tlp"]);
      const tlp = choice(handling?.tlp, ["handling", "tlp"], true, TLP);
      values.tlp = tlp;
      const discreet = values.sisArticle === "36";
      if (tlp === "GREEN" || tlp === "CLEAR" || (tlp === "AMBER" && discreet)) push(["handling", "tlp"], "handling.too-open");
      for (const [i, partner] of textList(root.sharedWith, ["sharedWith"], 100, 64)) {
        if (catalog.partners.includes(partner)) values.sharedWith.push(partner);
        else push(["sharedWith", i], "enum");
      }
      const reason = readText(root.noShareReason, ["noShareReason"], false);
      values.noShareReason = reason !== null && length(reason, ["noShareReason"], 1, 2000) ? reason : null;
      readJudgement(root.officerJudgement);
      const extensions = object(root.extensions, ["extensions"]);
      if (extensions) checkKeys(extensions, ["extensions"], []);

      const scoring = assess(observed);
      for (const index of scoring.duplicates) push(["indicators", index], "indicator.duplicate");
      const advice = advise(scoring);
      checkRouting(advice);
      if (advice.measures.length > 0) {
        if (values.view === null) push(["officerJudgement", "view"], "judgement.missing");
        if (values.status === null || values.status === "unknown") push(["subject", "status"], "subject.status-unknown");
      }
      return { findings, assessment: scoring.assessment, advice, values };
    }

    function readSubject(value) {
      const subject = object(value, ["subject"]);
      if (subject) checkKeys(subject, ["subject"], ["vNumber", "bsn", "unknownSubject", "status"]);
      const flag = subject?.unknownSubject;
      let unknown = false;
      if (typeof flag === "boolean") unknown = flag;
      else if (!isAbsent(flag)) push(["subject", "unknownSubject"], "type");
      values.unknownSubject = unknown;
      const vNumber = readText(subject?.vNumber, ["subject", "vNumber"], !unknown);
      if (vNumber !== null) {
        if (unknown) push(["subject", "vNumber"], "subject.conflict");
        else if (!isVNumber(vNumber)) push(["subject", "vNumber"], "format.vnumber");
        else values.vNumber = vNumber;
      }
      values.status = choice(subject?.status, ["subject", "status"], false, CODES.status);
      const bsn = readText(subject?.bsn, ["subject", "bsn"], false);
      if (bsn !== null && !isBsn(bsn)) push(["subject", "bsn"], "format.bsn");
      else values.bsn = bsn;
    }

    function readContext(value) {
      const context = object(value, ["context"]);
      if (context) checkKeys(context, ["context"], ["type", "sisAlert", "tip", "screeningMethod", "partner"]);
      const type = choice(context?.type, ["context", "type"], true, CODES.contextType);
      values.contextType = type;
      if (type === null) return;
      const owners = { sisAlert: "sis-check", tip: "post-decision-tip", screeningMethod: "asylum-screening", partner: "partner-report" };
      for (const [key, owner] of Object.entries(owners)) {
        const member = context?.[key];
        const at = ["context", key];
        if (owner !== type) {
          if (!isAbsent(member)) push(at, "field.unknown");
        } else if (key === "sisAlert") {
          readSisAlert(member, at);
        } else if (key === "tip") {
          readTip(member, at);
        } else if (key === "screeningMethod") {
          values.screeningMethod = choice(member, at, true, CODES.screening);
        } else {
          values.partner = choice(member, at, true, catalog.partners);
        }
      }
    }

    function readSisAlert(value, at) {
      const out = {};
      values.sisAlert = out;
      if (isAbsent(value)) return push(at, "required");
      const alert = object(value, at);
      if (!alert) return;
      checkKeys(alert, at, ["regulation", "article", "issuingState", "alertReference"]);
      const regulation = choice(alert.regulation, [...at, "regulation"], true, CODES.regulation);
      out.regulation = regulation;
      const article = readText(alert.article, [...at, "article"], true);
      if (article !== null) {
        const allowed = regulation !== null ? SIS_ARTICLES[regulation] : Object.values(SIS_ARTICLES).flat();
        if (allowed.includes(article)) values.sisArticle = out.article = article;
        else push([...at, "article"], "sis.article", { allowed: [...allowed] });
      }
      const state = readText(alert.issuingState, [...at, "issuingState"], true);
      if (state !== null && !catalog.sisStates.includes(state)) push([...at, "issuingState"], "format.country");
      else out.issuingState = state;
      const reference = readText(alert.alertReference, [...at, "alertReference"], true);
      if (reference !== null && length(reference, [...at, "alertReference"], 1, 64)) out.alertReference = reference;
    }

    function readTip(value, at) {
      const out = {};
      values.tip = out;
      if (isAbsent(value)) return push(at, "required");
      const tip = object(value, at);
      if (!tip) return;
      checkKeys(tip, at, ["channel", "receivedOn"]);
      out.channel = choice(tip.channel, [...at, "channel"], true, CODES.channel);
      out.receivedOn = date(tip.receivedOn, [...at, "receivedOn"], true)?.[1] ?? null;
    }

    function readIndicators(items) {
      values.indicators = [];
      if (!Array.isArray(items)) return push(["indicators"], isAbsent(items) ? "required" : "type");
      if (items.length > 200) return push(["indicators"], "array.too-many", { actual: items.length, max: 200 });
      if (items.length === 0) return push(["indicators"], "array.too-few", { actual: 0, min: 1 });
      items.forEach((item, i) => {
        const at = ["indicators", i];
        const out = {};
        values.indicators.push(out);
        if (!isObject(item)) return push(at, "type");
        checkKeys(item, at, ["code", "reliability", "credibility", "observedOn", "evidenceRefs", "note"]);
        const code = readText(item.code, [...at, "code"], true);
        let indicator = null;
        if (code !== null) {
          indicator = indicatorIndex.get(code) ?? null;
          if (indicator === null) push([...at, "code"], "indicator.unknown");
        }
        const rel = choice(item.reliability, [...at, "reliability"], true, RELIABILITY);
        const cred = choice(item.credibility, [...at, "credibility"], true, CREDIBILITY);
        const observedOn = date(item.observedOn, [...at, "observedOn"], true);
        const refs = textList(item.evidenceRefs, [...at, "evidenceRefs"], 20, 512);
        const refsGiven = !isAbsent(item.evidenceRefs) && Array.isArray(item.evidenceRefs) && item.evidenceRefs.length > 0;
        if (indicator !== null && catalog.indicators[indicator].requiresEvidence && !refsGiven) push([...at, "evidenceRefs"], "indicator.evidence-required");
        const note = readText(item.note, [...at, "note"], false);
        if (note !== null && length(note, [...at, "note"], 0, 2000)) out.note = note;
        Object.assign(out, { reliability: rel, credibility: cred, observedOn: observedOn?.[1] ?? null, evidenceRefs: refs.map(([, ref]) => ref) });
        if (indicator !== null) {
          const definition = catalog.indicators[indicator];
          out.code = code;
          out.category = definition.category;
          observed.push({
            index: i, indicator, category: categoryIndex.get(definition.category) ?? 0,
            grading: rel !== null && cred !== null ? [reliability[RELIABILITY.indexOf(rel)], credibility[CREDIBILITY.indexOf(cred)]] : null,
            day: observedOn ? observedOn[0] : null, hasEvidence: refs.length > 0,
          });
        }
      });
    }

    function readJudgement(value) {
      const judgement = object(value, ["officerJudgement"]);
      values.view = null;
      if (!judgement) return;
      checkKeys(judgement, ["officerJudgement"], ["view", "reason"]);
      values.view = choice(judgement.view, ["officerJudgement", "view"], false, CODES.view);
      const needsReason = values.view === "partly" || values.view === "disagree";
      const reason = readText(judgement.reason, ["officerJudgement", "reason"], needsReason);
      if (reason !== null && length(reason, ["officerJudgement", "reason"], 10, 2000)) values.reason = reason;
      if (isAbsent(judgement.view) && !isAbsent(judgement.reason)) push(["officerJudgement", "view"], "required");
    }

    function checkRouting(advice) {
      const unshared = advice.advised.filter((p) => !values.sharedWith.includes(p));
      if (unshared.length === 0) return;
      if (values.noShareReason === null) {
        if (!findings.some((f) => f.tokens.length === 1 && f.tokens[0] === "noShareReason")) push(["sharedWith"], "routing.unshared", { partners: unshared });
      } else {
        length(values.noShareReason, ["noShareReason"], 10, 2000);
      }
    }

    function assess(items) {
      const decays = (category) => catalog.categories[category]?.decays !== false;
      const recencyOf = (item) => (decays(item.category) ? recency(todayDay - item.day) : 1000);
      const strengths = items.map((item) => {
        if (!item.grading || item.day === null) return null;
        const weight = Math.min(catalog.indicators[item.indicator].weight, 100);
        const product = weight * 100 * Math.min(item.grading[0], 1000) * Math.min(item.grading[1], 1000) * Math.min(recencyOf(item), 1000);
        return Math.floor((product + 500_000_000) / 1_000_000_000);
      });
      const same = (a, b) => a.indicator === b.indicator && a.day !== null && a.day === b.day;
      const beaten = (i, counts) => items.some((other, k) => {
        if (k === i || !counts(k) || !same(items[i], other)) return false;
        const [mine, theirs] = [strengths[i] ?? -1, strengths[k] ?? -1];
        const [myEvidence, theirEvidence] = [items[i].hasEvidence ? 1 : 0, other.hasEvidence ? 1 : 0];
        return theirs > mine || (theirs === mine && (theirEvidence > myEvidence || (theirEvidence === myEvidence && k < i)));
      });
      const duplicate = items.map((_, i) => beaten(i, () => true));
      const evidencedItem = (k) => items[k].hasEvidence && catalog.indicators[items[k].indicator].routingOnly !== true && strengths[k] !== null;
      const evidencedCounts = items.map((_, i) => evidencedItem(i) && !beaten(i, evidencedItem));
      const categories = [];
      const protectionFlags = [];
      const routingRanks = [];
      const evidenced = [];
      let overall = 0;
      catalog.categories.forEach((category, c) => {
        const members = items.map((item, i) => [item, i]).filter(([item]) => item.category === c);
        if (category.protective) {
          if (members.length > 0) {
            protectionFlags.push(category.code);
            routingRanks[c] = 0;
          }
          return;
        }
        const contributions = [];
        const scored = [];
        const evidencedStrengths = [];
        const evidencedIndicators = [];
        for (const [item, i] of members) {
          if (strengths[i] === null || item.day === null) continue;
          if (evidencedCounts[i]) {
            evidencedStrengths.push(strengths[i]);
            evidencedIndicators.push(item.indicator);
          }
          if (duplicate[i]) continue;
          scored.push(strengths[i]);
          contributions.push({
            index: item.index, code: catalog.indicators[item.indicator].code, strength: strengths[i],
            reliabilityFactor: item.grading[0], credibilityFactor: item.grading[1], recencyFactor: recencyOf(item),
          });
        }
        if (contributions.length === 0) return;
        const score = noisyOr(scored);
        const evidencedScore = noisyOr(evidencedStrengths);
        const [rank, band] = bandOf(score);
        const [evidencedRank, evidencedBand] = bandOf(evidencedScore);
        overall = Math.max(overall, score);
        routingRanks[c] = rank;
        if (evidencedIndicators.length > 0) evidenced[c] = [evidencedRank, evidencedIndicators];
        categories.push({ category: category.code, score, band, evidencedScore, evidencedBand, contributions });
      });
      return {
        assessment: { evaluatedOn: today, method: "noisy-or-fixed-v1", advisory: true, overall: { score: overall, band: bandOf(overall)[1] }, categories, protectionFlags },
        duplicates: items.filter((_, i) => duplicate[i]).map((item) => item.index),
        routingRanks, evidenced,
        protection: items.some((item) => catalog.categories[item.category]?.protective),
      };
    }

    function assessment(items) {
      return assess(items).assessment;
    }

    function advise(scoring) {
      const advised = [];
      for (const rule of routing) {
        const rank = rule.target ? scoring.routingRanks[rule.target.category] : undefined;
        if (rank === undefined || rank < rule.target.minRank) continue;
        for (const partner of rule.partners) if (partner !== values.partner && !advised.includes(partner)) advised.push(partner);
      }
      advised.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const measures = [];
      const suspended = [];
      for (const { measure, target: t, requires } of measureRules) {
        const counted = t ? scoring.evidenced[t.category] : undefined;
        if (!counted) continue;
        const canApply = counted[0] >= t.minRank &&
          values.procedure !== null && (!measure.procedures || measure.procedures.includes(values.procedure)) &&
          (!measure.statuses || measure.statuses.includes(values.status ?? "unknown")) &&
          (requires.length === 0 || requires.some((r) => counted[1].includes(r)));
        if (!canApply) continue;
        (measure.suspendedByProtection && scoring.protection ? suspended : measures).push(measure);
      }
      return { advised, measures, suspended };
    }

    return read();
  };
}

/** A finding in words, as the engine reports it. */
function localize(f, nl, label) {
  const issue = { path: pointer(f.tokens), code: f.code, severity: WARNINGS.has(f.code) ? "warning" : "error", message: message(f.code, f.params, nl, label) };
  if (f.params) issue.params = f.params;
  return issue;
}

export const labelIn = (nl) => (code) => LABELS.get(code)?.[nl ? 0 : 1] ?? code;

/**
 * The reference: `(form) => evaluation`, deep-equal to the engine's
 * `evaluate(form, { today })` for `catalog` (the engine's `catalog()`).
 */
export function sameOutputReference(catalog, today, locale = "nl") {
  const nl = locale === "nl";
  const label = labelIn(nl);
  const text = (labels) => labels?.[locale] ?? labels?.[catalog.locales?.[0]] ?? "";
  const readForm = formReader(catalog);
  return function evaluate(input) {
    const outcome = readForm(input, today);
    const issues = sortFindings(outcome.findings).map((f) => localize(f, nl, label));
    return {
      valid: issues.every((i) => i.severity !== "error"),
      issues,
      assessment: outcome.assessment,
      routing: { advised: outcome.advice.advised },
      measures: outcome.advice.measures.map((m) => {
        const out = { code: m.code, category: m.category, legalBasis: m.legalBasis, label: text(m.labels) };
        if (m.notes) out.notes = text(m.notes);
        return out;
      }),
      suspendedMeasures: outcome.advice.suspended.map((m) => ({ code: m.code, category: m.category, reason: "protection" })),
      catalog: { id: catalog.id, version: catalog.version, illustrative: catalog.illustrative === true },
    };
  };
}
