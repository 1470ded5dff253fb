// The words of attach's panel and picker, per language, and the small
// helpers every part of it uses.

/** Interface words of the component, per language. */
export const WORDS = {
  nl: {
    adviceHeading: "Advies — geen besluit",
    overall: "Advies",
    why: "Waarom dit advies?",
    warnings: "Let op",
    withEvidence: "met bewijs",
    weight: "gewicht",
    source: "bron",
    information: "informatie",
    countsFrom: "telt vanaf",
    months: (n) => (n === 1 ? "1 maand" : `${n} maanden`),
    years: (n) => (n === 1 ? "1 jaar" : `${n} jaar`),
    counts: "telt mee voor maatregelen",
    countsNot: "telt niet mee voor maatregelen",
    reasons: {
      "no-evidence": "geen bewijs",
      "same-source": "zelfde bron als {code}",
      duplicate: "dubbel",
      "no-measures": "geen maatregelen in deze categorie",
      protective: "beschermend",
      "not-scored": "nog niet meegeteld",
    },
    routesOnly: "alleen doorgeven aan",
    protection: "Let op: beschermend signaal",
    routing: "Advies: doorgeven aan",
    nobody: "niemand",
    measures: "Maatregelen ter overweging door de beslismedewerker",
    basis: "grondslag",
    summary: "Controleer het formulier",
    chooseValue: "kies een waarde",
    indicators: "Indicatoren",
    bands: { none: "geen", low: "laag", medium: "gemiddeld", high: "hoog" },
    unscored: "Aangevinkt, maar nog niet meegeteld (betrouwbaarheid, geloofwaardigheid of datum ontbreekt, of dubbel)",
    suspended: "Aangehouden (mogelijk slachtoffer mensenhandel, beginsel van niet-bestraffing)",
    illustrative: "Voorbeeldcatalogus: niet voor echte zaken.",
    dateLocale: "nl-NL",
  },
  en: {
    adviceHeading: "Advice — not a decision",
    overall: "Advice",
    why: "Why this advice?",
    warnings: "Note",
    withEvidence: "with evidence",
    weight: "weight",
    source: "source",
    information: "information",
    countsFrom: "counts from",
    months: (n) => (n === 1 ? "1 month" : `${n} months`),
    years: (n) => (n === 1 ? "1 year" : `${n} years`),
    counts: "counts for measures",
    countsNot: "does not count for measures",
    reasons: {
      "no-evidence": "no evidence",
      "same-source": "same source as {code}",
      duplicate: "duplicate",
      "no-measures": "no measures in this category",
      protective: "protective",
      "not-scored": "not counted yet",
    },
    routesOnly: "only pass on to",
    protection: "Note: protective signal",
    routing: "Advice: pass on to",
    nobody: "nobody",
    measures: "Measures for consideration by the decision-maker",
    basis: "legal basis",
    summary: "Check the form",
    chooseValue: "choose a value",
    indicators: "Indicators",
    bands: { none: "none", low: "low", medium: "medium", high: "high" },
    unscored: "Ticked, but not counted yet (reliability, credibility or date missing, or a duplicate)",
    suspended: "Held back (possible victim of human trafficking, non-punishment principle)",
    illustrative: "Example catalog: not for real cases.",
    dateLocale: "en-GB",
  },
};

/** A score in basis points as a percentage with one decimal, in the locale's form ("71,2" in Dutch). */
export function displayScore(bp, locale) {
  const tenths = Math.floor((bp + 5) / 10);
  return `${Math.floor(tenths / 10)}${locale === "nl" ? "," : "."}${tenths % 10}`;
}

/** An indicator code as a safe part of an element id. */
export function idSafe(code) {
  return code.replace(/[^A-Za-z0-9_-]/gu, "_");
}

export function isElement(value) {
  return value !== null && typeof value === "object" && value.nodeType === 1;
}
