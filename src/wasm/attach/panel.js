// The advice panel of attach: the band word, the warnings linked to their
// fields, routing, measures, and "Waarom dit advies?" (SPEC §12.4), drawn
// with textContent only.

import { displayScore } from "./words.js";

/**
 * The panel's drawing function over `view` (the component's document,
 * words, catalog and element makers) and the links into the form.
 */
export function panelRenderer(view, { panel, live, warningControl, ensureId, fieldMessage }) {
  const { create, textElement, text, categoryLabel, words, locale, catalog, heading, subheading } = view;
  // "Waarom dit advies?" keeps the officer's open or closed choice across
  // updates; the band and routing last announced; the paths reported once.
  const state = { whyOpen: false, announced: null, reportedUnknown: new Set() };

  function partnerLabel(code) {
    const partner = catalog.partners.find((p) => (typeof p === "string" ? p : p?.code) === code);
    return (typeof partner === "object" && text(partner.labels)) || code;
  }

  /** A date `YYYY-MM-DD` in the locale's long form ("28 augustus 2026"). */
  function longDate(iso) {
    const [year, month, day] = iso.split("-").map(Number);
    const format = new Intl.DateTimeFormat(words.dateLocale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
    return format.format(new Date(Date.UTC(year, month - 1, day)));
  }

  /** `field.unknown` goes to the console, once per path per attach, naming the path and never the value. */
  function reportUnknown(issues) {
    for (const issue of issues) {
      if (issue.code !== "field.unknown" || state.reportedUnknown.has(issue.path)) continue;
      state.reportedUnknown.add(issue.path);
      console.warn(`signal-indicators: the form has a field the signal does not know, at ${issue.path}; it is not recorded.`);
    }
  }


  return function renderPanel(evaluation, current) {
    // Band words from the catalog where it has them.
    const band = (code) => text(catalog.bands.find((b) => b.code === code)?.labels) || (words.bands[code] ?? code);
    const score = (bp) => displayScore(bp, locale);
    const { assessment, routing, measures } = evaluation;
    const explanation = evaluation.explanation ?? [];
    const suspended = evaluation.suspendedMeasures ?? [];
    const indicatorLabel = (code) => text(catalog.indicators.find((d) => d.code === code)?.labels);
    panel.textContent = "";
    panel.append(textElement(heading, words.adviceHeading));
    if (evaluation.catalog?.illustrative) panel.append(textElement("p", words.illustrative, { class: "signal-indicators-illustrative" }));
    // The band word, never a number: the numbers are in the explanation.
    panel.append(textElement("p", `${words.overall}: ${band(assessment.overall.band)}`, { class: "signal-indicators-headline" }));

    // "Let op": every warning, naming its field and linking to its control.
    reportUnknown(evaluation.issues);
    const warnings = evaluation.issues.filter((issue) => issue.severity === "warning" && issue.code !== "field.unknown");
    if (warnings.length > 0) {
      panel.append(textElement(subheading, words.warnings));
      const list = create("ul", { class: "signal-indicators-warnings" });
      const linked = [];
      for (const issue of warnings) {
        const item = create("li");
        const control = warningControl(issue);
        if (control && !linked.includes(`${issue.code} ${ensureId(control)}`)) {
          linked.push(`${issue.code} ${control.id}`);
          item.append(textElement("a", fieldMessage(issue, control), { href: `#${control.id}` }));
        } else {
          item.textContent = issue.message;
        }
        list.append(item);
      }
      panel.append(list);
    }

    // Ticked indicators not counted (grading or date missing, or a duplicate): said outside the explanation.
    const unscored = explanation.filter((e) => e.reason === "not-scored" || e.reason === "duplicate").map((e) => e.code);
    if (unscored.length > 0) panel.append(textElement("p", `${words.unscored}: ${[...new Set(unscored)].join(", ")}`, { class: "signal-indicators-unscored" }));
    for (const flag of assessment.protectionFlags) {
      panel.append(textElement("p", `${words.protection}: ${categoryLabel(flag)}`, { class: "signal-indicators-protection" }));
    }
    const advised = routing.advised.length ? routing.advised.map(partnerLabel).join(", ") : words.nobody;
    panel.append(textElement("p", `${words.routing} ${advised}`, { class: "signal-indicators-routing" }));

    // Measures grouped by code: the categories and indicators that lead to each, the basis per category, the notes.
    const listed = new Set(measures.map((m) => m.code));
    if (measures.length > 0) {
      panel.append(textElement(subheading, words.measures));
      const list = create("ul", { class: "signal-indicators-measures" });
      for (const code of listed) {
        const rows = measures.filter((m) => m.code === code);
        const item = create("li");
        item.append(textElement("strong", rows[0].label));
        const basis = create("ul");
        for (const row of rows) {
          const leading = explanation.filter((e) => e.countsForMeasures && e.category === row.category).map((e) => e.code);
          basis.append(textElement("li", `${categoryLabel(row.category)} (${leading.join(", ")}) — ${words.basis}: ${row.legalBasis}`));
        }
        item.append(basis);
        for (const note of new Set(rows.map((row) => row.notes).filter(Boolean))) item.append(textElement("p", note));
        list.append(item);
      }
      panel.append(list);
    }
    // Held back per ground: a measure listed on another ground is listed
    // there, and said to be held back only for the grounds that are.
    const held = suspended;
    if (held.length > 0) {
      const named = [...new Set(held.map((m) => m.code))].map((code) => {
        const definition = catalog.measures.find((m) => m.code === code);
        const categories = held.filter((m) => m.code === code).map((m) => categoryLabel(m.category));
        return `${text(definition?.labels) || code} (${categories.join(", ")})`;
      });
      panel.append(textElement("p", `${words.suspended}: ${named.join("; ")}`, { class: "signal-indicators-suspended" }));
    }

    // "Waarom dit advies?": per category its score and band, per indicator why it counts for measures or not.
    if (explanation.length > 0) {
      const why = create("details", { class: "signal-indicators-why" });
      if (state.whyOpen) why.setAttribute("open", "");
      why.addEventListener("toggle", () => (state.whyOpen = why.open));
      why.append(textElement("summary", words.why));
      const shown = catalog.categories.filter((c) => explanation.some((e) => e.category === c.code));
      for (const category of shown) {
        const assessed = assessment.categories.find((c) => c.category === category.code);
        let line = categoryLabel(category.code);
        if (assessed) {
          line += `: ${score(assessed.score)} (${band(assessed.band)})`;
          if (assessed.evidencedBand !== assessed.band) line += `; ${words.withEvidence}: ${band(assessed.evidencedBand)}`;
        }
        why.append(textElement("p", line, { class: "signal-indicators-why-category" }));
        const list = create("ul");
        for (const item of explanation.filter((e) => e.category === category.code)) {
          const label = `${item.code} ${indicatorLabel(item.code)}`;
          if (item.reason === "routing-only") {
            list.append(textElement("li", `${label}: ${words.routesOnly} ${item.routesTo.map(partnerLabel).join(", ")}`));
            continue;
          }
          const picked = current?.indicators?.[item.index] ?? {};
          const weight = catalog.indicators.find((d) => d.code === item.code)?.weight;
          const parts = [`${words.weight} ${weight}`];
          if (picked.reliability && picked.credibility) parts.push(`${words.source} ${picked.reliability}, ${words.information} ${picked.credibility}`);
          if (item.countsFrom !== undefined) {
            const months = item.ageMonths ?? 0;
            const age = months < 24 ? words.months(months) : words.years(Math.floor(months / 12));
            parts.push(`${words.countsFrom} ${longDate(item.countsFrom)} (${age})`);
          }
          let verdict = words.counts;
          if (!item.countsForMeasures) {
            const sameAs = explanation.find((e) => e.index === item.sameAs)?.code ?? "";
            verdict = `${words.countsNot}: ${(words.reasons[item.reason] ?? item.reason).replace("{code}", sameAs)}`;
          }
          list.append(textElement("li", `${label} — ${parts.join(", ")}: ${verdict}`));
        }
        why.append(list);
      }
      panel.append(why);
    }
    // Say only what changed since the last render: the band, the routing
    // advice, or both. The first render says nothing (the panel is there to read).
    const latest = { band: band(assessment.overall.band), routing: advised };
    if (state.announced) {
      const parts = [];
      if (latest.band !== state.announced.band) parts.push(`${words.overall}: ${latest.band}.`);
      if (latest.routing !== state.announced.routing) parts.push(`${words.routing} ${latest.routing}.`);
      if (parts.length > 0) live.textContent = parts.join(" ");
    }
    state.announced = latest;
  };
}
