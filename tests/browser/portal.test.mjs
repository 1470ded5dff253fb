// The demo portal end to end in Chromium (SPEC §9): strict CSP, keyboard
// only, live advice, accessibility (axe-core, WCAG 2.0/2.1 A and AA) in both
// languages, script payloads stay text, nothing leaves 127.0.0.1, and the
// form still posts natively when the module cannot load.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { SignalEngine } from "@ind/signal-indicators";
import { harness, watchRequests } from "./chromium.mjs";

const require = createRequire(import.meta.url);
const axePath = require.resolve("axe-core/axe.min.js");
const chromium = harness({ port: 18084 });
const base = chromium.base;

async function open(path = "", contextOptions = {}) {
  const page = await chromium.page(contextOptions);
  const outside = watchRequests(page);
  const violations = [];
  page.on("console", (m) => { if (/Content Security Policy|Refused to/.test(m.text())) violations.push(m.text()); });
  await page.goto(base + path);
  await page.waitForSelector("html[data-ready]");
  return { page, outside, violations };
}

async function fillValid(page) {
  await page.fill("#vnummer", "1234567890");
  await page.selectOption("#aanleiding", "sis-check");
  await page.selectOption("#sis-verordening", "2018/1861");
  await page.selectOption("#sis-artikel", "24");
  await page.fill("#sis-land", "DE");
  await page.fill("#sis-ref", "SIS-DE-2026-0042");
  await page.check('input[name="indicator"][value="TER-05"]');
  await page.selectOption('select[name="indicator.TER-05.reliability"]', "A");
  await page.selectOption('select[name="indicator.TER-05.credibility"]', "1");
  await page.fill('input[name="indicator.TER-05.observedOn"]', "2026-11-01");
  await page.fill("#samenvatting", "Eigen openbare uitlatingen die terroristisch geweld verheerlijken, vastgelegd.");
  for (const partner of ["AIVD", "NCTV", "CT-INFOBOX"]) await page.check(`input[name="delen_met"][value="${partner}"]`);
}

async function axe(page) {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
}

test("under the strict CSP the portal loads, advises and posts a record the server verifies", async () => {
  const { page, outside, violations } = await open();
  assert.equal(await page.locator('input[name="indicator"]').count(), 29);
  await fillValid(page);
  await Promise.all([page.waitForURL(/\/signaal$/), page.click("button[type=submit]")]);
  assert.equal(await page.textContent("#verdict"), "Record geverifieerd door de server.");
  const record = JSON.parse(await page.textContent("#record"));
  assert.equal(record.case.caseNumber, "IND-2026-000123");
  assert.equal(new SignalEngine().verifyRecord(record).ok, true);
  assert.deepEqual(violations, []);
  assert.deepEqual(outside, []);
  const stored = await page.evaluate(async () => ({
    cookies: document.cookie, local: localStorage.length, session: sessionStorage.length,
    databases: (await indexedDB.databases()).length,
  }));
  assert.deepEqual(stored, { cookies: "", local: 0, session: 0, databases: 0 });
});

async function tabTo(page, selector, limit = 200) {
  for (let i = 0; i < limit; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`could not reach ${selector} with Tab`);
}

test("keyboard only: a valid signal is completed and submitted; the event carries the posted record", async () => {
  const { page } = await open();
  const events = [];
  await page.exposeFunction("reportRecord", (text) => events.push(text));
  await page.evaluate(() => document.getElementById("signal-form")
    .addEventListener("signal-record", (e) => window.reportRecord(JSON.stringify(e.detail))));
  await tabTo(page, "#vnummer");
  await page.keyboard.type("1234567890");
  await tabTo(page, "#aanleiding");
  await page.keyboard.press("ArrowDown"); // application-assessment
  await tabTo(page, 'input[name="indicator"][value="TER-05"]');
  await page.keyboard.press("Space");
  await tabTo(page, 'select[name="indicator.TER-05.reliability"]');
  await page.keyboard.press("ArrowDown"); // A
  await tabTo(page, 'select[name="indicator.TER-05.credibility"]');
  await page.keyboard.press("ArrowDown"); // 1
  await tabTo(page, 'input[name="indicator.TER-05.observedOn"]');
  await page.keyboard.type("11012026");
  await tabTo(page, "#samenvatting");
  await page.keyboard.type("Eigen openbare uitlatingen die terroristisch geweld verheerlijken, vastgelegd.");
  for (const partner of ["AIVD", "NCTV", "CT-INFOBOX"]) {
    await tabTo(page, `input[name="delen_met"][value="${partner}"]`);
    await page.keyboard.press("Space");
  }
  await tabTo(page, "button[type=submit]");
  const [request] = await Promise.all([page.waitForRequest((r) => r.url().endsWith("/signaal")), page.keyboard.press("Enter")]);
  const posted = new URLSearchParams(request.postData()).get("signal_record");
  const record = JSON.parse(posted);
  assert.equal(record.context.type, "application-assessment");
  assert.equal(record.indicators[0].observedOn, "2026-11-01");
  assert.equal(new SignalEngine().verifyRecord(record).ok, true);
  assert.equal(events.length, 1);
  assert.deepEqual(JSON.parse(events[0]), record);
});

test("the advice panel follows indicators and gradings: the band word as headline, the numbers in the explanation", async () => {
  const { page } = await open();
  const panel = page.locator("#advies");
  assert.match(await panel.textContent(), /Advies — geen besluit/);
  await page.check('input[name="indicator"][value="TER-01"]');
  assert.match(await page.textContent(".signal-indicators-unscored"), /nog niet meegeteld .*of dubbel\): TER-01$/);
  await page.selectOption('select[name="indicator.TER-01.reliability"]', "A");
  await page.selectOption('select[name="indicator.TER-01.credibility"]', "1");
  await page.fill('input[name="indicator.TER-01.observedOn"]', "2026-11-01");
  assert.equal(await page.locator(".signal-indicators-unscored").count(), 0, "scored now");
  assert.equal(await page.textContent(".signal-indicators-headline"), "Advies: hoog", "a word, no number");
  assert.match(await panel.textContent(), /Voorbeeldcatalogus: niet voor echte zaken/);
  assert.equal(await page.textContent(".signal-indicators-routing"), "Advies: doorgeven aan AIVD");
  // The explanation starts collapsed; its numbers, and why the item counts for measures or not.
  const why = page.locator(".signal-indicators-why");
  assert.equal(await why.getAttribute("open"), null);
  await page.click(".signal-indicators-why summary");
  const explained = await why.textContent();
  assert.match(explained, /90,0 \(hoog\); met bewijs: geen/);
  assert.match(explained, /TER-01 .* — gewicht 90, bron A, informatie 1, telt vanaf 1 november 2026 \((1 maand|\d+ maanden)\): telt niet mee voor maatregelen: geen bewijs/);
  // Evidence: CT Infobox and the NCTV are advised too, by their names.
  await page.fill('textarea[name="indicator.TER-01.evidenceRefs"]', "AMB-2026-17");
  assert.equal(await page.textContent(".signal-indicators-routing"), "Advies: doorgeven aan AIVD, CT Infobox, NCTV");
  assert.match(await why.textContent(), /telt mee voor maatregelen/);
  assert.notEqual(await why.getAttribute("open"), null, "stays open across updates");
  // Lower credibility: the live region says only what changed, in words.
  await page.selectOption('select[name="indicator.TER-01.credibility"]', "4");
  assert.equal(await page.textContent(".signal-indicators-announcement"), "Advies: laag. Advies: doorgeven aan AIVD.");
  assert.match(await why.textContent(), /36,0 \(laag\)/);
  await page.uncheck('input[name="indicator"][value="TER-01"]');
  assert.equal(await page.textContent(".signal-indicators-announcement"), "Advies: geen. Advies: doorgeven aan niemand.");
  assert.doesNotMatch(await page.textContent(".signal-indicators-headline") + await page.textContent(".signal-indicators-announcement"), /\d/);
});

test("warnings appear live in a Let op list that names and links their fields; measures are grouped", async () => {
  const { page } = await open();
  await page.selectOption("#verblijfspositie", "");
  await page.check('input[name="indicator"][value="TER-01"]');
  await page.selectOption('select[name="indicator.TER-01.reliability"]', "A");
  await page.selectOption('select[name="indicator.TER-01.credibility"]', "1");
  await page.fill('input[name="indicator.TER-01.observedOn"]', "2026-11-01");
  await page.fill('textarea[name="indicator.TER-01.evidenceRefs"]', "AMB-2026-17");
  const warnings = page.locator(".signal-indicators-warnings");
  // Unknown status: nothing status-bound is listed, and the officer is told why.
  assert.match(await warnings.textContent(), /Huidige verblijfspositie: vul de huidige verblijfspositie in/);
  assert.equal(await page.locator(".signal-indicators-measures").count(), 0);
  // Unshared advice links to the first advised partner not shared.
  assert.match(await warnings.textContent(), /Delen met: deel met de geadviseerde partners \(AIVD, CT Infobox, NCTV\)/);
  await page.click('.signal-indicators-warnings a:has-text("Delen met")');
  assert.equal(await page.evaluate(() => document.activeElement.value), "AIVD");
  // Protected words in free text.
  await page.fill("#samenvatting", "Betrokkene noemde zijn nationaliteit in het gehoor, verder niets.");
  assert.match(await warnings.textContent(), /Feitelijk verslag .*: deze tekst noemt mogelijk een beschermd kenmerk/);
  // A known status: measures appear, grouped by measure with categories, indicators and bases.
  await page.selectOption("#verblijfspositie", "applicant");
  assert.doesNotMatch(await warnings.textContent(), /verblijfspositie/);
  const measures = await page.locator(".signal-indicators-measures > li").allTextContents();
  assert.equal(measures.length, 2, measures.join(" | "));
  assert.match(measures[0], /^Aanvraag verblijfsvergunning asiel afwijzen .*Terrorisme en gewelddadig extremisme \(TER-01\) — grondslag: Vw 2000 art\. 30b/);
  assert.match(measures[1], /^Inreisverbod opleggen/);
  // Then the officer's own view is required.
  await page.click("button[type=submit]");
  assert.match(await page.textContent(".signal-indicators-summary"), /Oordeel: .*eigen oordeel/);
  // A known possible victim holds public-order measures back, said in words.
  await page.check('input[name="indicator"][value="PUB-04"]');
  await page.selectOption('select[name="indicator.PUB-04.reliability"]', "A");
  await page.selectOption('select[name="indicator.PUB-04.credibility"]', "1");
  await page.fill('input[name="indicator.PUB-04.observedOn"]', "2026-11-01");
  await page.fill('textarea[name="indicator.PUB-04.evidenceRefs"]', "VONNIS-2025-3");
  await page.check("#slachtoffer");
  assert.match(await page.textContent(".signal-indicators-suspended"), /^Aangehouden \(mogelijk slachtoffer mensenhandel, beginsel van niet-bestraffing\): Aanvraag verblijfsvergunning asiel afwijzen .*\(Openbare orde/);
  assert.match(await page.textContent(".signal-indicators-routing"), /CoMensha/);
});

test("axe-core finds no WCAG 2.1 A/AA violation: fresh, with errors, after submit, in both languages", async () => {
  for (const path of ["", "?lang=en"]) {
    const { page } = await open(path, { bypassCSP: true });
    assert.deepEqual(await axe(page), [], `fresh ${path}`);
    await page.click("button[type=submit]");
    assert.ok(await page.locator(".utrecht-form-field-error-message").count() > 0);
    assert.deepEqual(await axe(page), [], `errors ${path}`);
    // Warnings, measures and the open explanation.
    await page.check('input[name="indicator"][value="TER-01"]');
    await page.selectOption('select[name="indicator.TER-01.reliability"]', "A");
    await page.selectOption('select[name="indicator.TER-01.credibility"]', "1");
    await page.fill('input[name="indicator.TER-01.observedOn"]', "2026-11-01");
    await page.fill('textarea[name="indicator.TER-01.evidenceRefs"]', "AMB-2026-17");
    await page.selectOption("#verblijfspositie", "applicant");
    await page.click(".signal-indicators-why summary");
    assert.ok(await page.locator(".signal-indicators-warnings li").count() > 0);
    assert.ok(await page.locator(".signal-indicators-measures li").count() > 0);
    assert.deepEqual(await axe(page), [], `warnings and measures ${path}`);
    await page.uncheck('input[name="indicator"][value="TER-01"]');
    await fillValid(page);
    await Promise.all([page.waitForURL(/\/signaal$/), page.click("button[type=submit]")]);
    assert.deepEqual(await axe(page), [], `after submit ${path}`);
  }
});

test("English switch: interface and messages in English", async () => {
  const { page } = await open("?lang=en");
  assert.equal(await page.getAttribute("html", "lang"), "en");
  assert.match(await page.textContent("#advies"), /Advice — not a decision/);
  await page.click("button[type=submit]");
  assert.match(await page.textContent(".signal-indicators-summary"), /Check the form/);
  // Numbers and bands in English: a decimal point, the catalog's English band word.
  await page.check('input[name="indicator"][value="TER-05"]');
  await page.selectOption('select[name="indicator.TER-05.reliability"]', "A");
  await page.selectOption('select[name="indicator.TER-05.credibility"]', "1");
  await page.fill('input[name="indicator.TER-05.observedOn"]', "2026-11-01");
  assert.match(await page.textContent("#advies"), /35\.0 \(low\)/);
  assert.doesNotMatch(await page.textContent("#advies"), /35,0/);
  assert.equal(await page.textContent(".signal-indicators-headline"), "Advice: low");
});

test("script payloads typed into every text field stay text and never run", async () => {
  const { page } = await open();
  const payloads = ['<img src=x onerror="window.__xss=1">', '"><script>window.__xss=1</script>', "<svg onload=window.__xss=1>"];
  await page.selectOption("#aanleiding", "sis-check");
  await page.check('input[name="indicator"][value="TER-01"]');
  const fields = ["#vnummer", "#bsn", "#sis-land", "#sis-ref", "#samenvatting", "#reden",
    'textarea[name="indicator.TER-01.evidenceRefs"]', 'textarea[name="indicator.TER-01.note"]'];
  for (const [i, selector] of fields.entries()) await page.fill(selector, payloads[i % payloads.length].slice(0, selector === "#sis-land" ? 2 : 200));
  await page.click("button[type=submit]");
  for (const [i, selector] of fields.entries()) {
    assert.equal(await page.inputValue(selector), payloads[i % payloads.length].slice(0, selector === "#sis-land" ? 2 : 200), "typed values stay");
  }
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.equal(await page.locator("form img, form svg, .signal-indicators-summary script, #advies script").count(), 0);

  // Valid, with payloads in the free-text fields: the server view shows them as text.
  await page.fill("#vnummer", "1234567890");
  await page.fill("#bsn", "");
  await page.selectOption("#sis-verordening", "2018/1861");
  await page.selectOption("#sis-artikel", "24");
  await page.fill("#sis-land", "DE");
  await page.fill("#sis-ref", payloads[0]);
  await page.fill("#samenvatting", `Verslag met ${payloads[1]} als letterlijke tekst erin.`);
  await page.selectOption('select[name="indicator.TER-01.reliability"]', "B");
  await page.selectOption('select[name="indicator.TER-01.credibility"]', "2");
  await page.fill('input[name="indicator.TER-01.observedOn"]', "2026-05-12");
  await page.fill('textarea[name="indicator.TER-01.evidenceRefs"]', payloads[2]);
  await page.fill('textarea[name="indicator.TER-01.note"]', payloads[0]);
  await page.fill("#reden", `Niet gedeeld: ${payloads[2]}`);
  await Promise.all([page.waitForURL(/\/signaal$/), page.click("button[type=submit]")]);
  assert.equal(await page.textContent("#verdict"), "Record geverifieerd door de server.");
  const shown = await page.textContent("#record");
  for (const payload of payloads) assert.ok(shown.includes(JSON.stringify(payload).slice(1, -1)), payload);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.equal(await page.locator("img, svg, main script").count(), 0);
});

test("with the .wasm blocked the form still submits natively with every field intact", async () => {
  const page = await chromium.page();
  await page.route("**/*.wasm", (route) => route.abort());
  await page.goto(base);
  await page.waitForSelector('html[data-ready="without-module"]');
  await page.fill("#vnummer", "1234567890");
  await page.selectOption("#aanleiding", "document-examination");
  await page.fill("#samenvatting", "Vervalst document bij documentonderzoek aangetroffen.");
  await page.check('input[name="delen_met"][value="KMAR"]');
  await page.check('input[name="delen_met"][value="POLITIE"]');
  // The server-rendered picker works without any script.
  await page.check('input[name="indicator"][value="IDF-01"]');
  await page.click("#signal-indicators-IDF-01-details summary");
  await page.selectOption('select[name="indicator.IDF-01.reliability"]', "B");
  await page.selectOption('select[name="indicator.IDF-01.credibility"]', "2");
  await page.fill('input[name="indicator.IDF-01.observedOn"]', "2026-11-01");
  await page.fill('textarea[name="indicator.IDF-01.evidenceRefs"]', "DOC-1\nDOC-2");
  await Promise.all([page.waitForURL(/\/signaal$/), page.click("button[type=submit]")]);
  const input = JSON.parse(await page.textContent("#input"));
  const expected = {
    caseNumber: "IND-2026-000123", procedure: "asylum", subject: { vNumber: "1234567890" },
    context: { type: "document-examination" },
    indicators: [{ code: "IDF-01", reliability: "B", credibility: "2", observedOn: "2026-11-01", evidenceRefs: ["DOC-1", "DOC-2"] }],
    summary: "Vervalst document bij documentonderzoek aangetroffen.",
    officer: { id: "IND-4711", unit: "Unit Nationale Veiligheid" }, handling: { tlp: "AMBER+STRICT" }, sharedWith: ["POLITIE", "KMAR"],
  };
  assert.deepEqual(input, expected);
  assert.match(await page.textContent("#verdict"), /geldig, record gebouwd door de server/);

  // The same officer actions with the module give the same input.
  const { page: scripted } = await open();
  await scripted.fill("#vnummer", "1234567890");
  await scripted.selectOption("#aanleiding", "document-examination");
  await scripted.fill("#samenvatting", "Vervalst document bij documentonderzoek aangetroffen.");
  await scripted.check('input[name="delen_met"][value="KMAR"]');
  await scripted.check('input[name="delen_met"][value="POLITIE"]');
  await scripted.check('input[name="indicator"][value="IDF-01"]');
  await scripted.selectOption('select[name="indicator.IDF-01.reliability"]', "B");
  await scripted.selectOption('select[name="indicator.IDF-01.credibility"]', "2");
  await scripted.fill('input[name="indicator.IDF-01.observedOn"]', "2026-11-01");
  await scripted.fill('textarea[name="indicator.IDF-01.evidenceRefs"]', "DOC-1\nDOC-2");
  const fromScript = await scripted.evaluate(async () => {
    const { inputFromFormData } = await import("/pkg/web.js");
    const { fieldMap } = await import("/field-map.js");
    const entries = [...new FormData(document.getElementById("signal-form"))].filter(([, v]) => typeof v === "string");
    return inputFromFormData(entries, { fieldMap });
  });
  assert.deepEqual(fromScript, expected);
});

test("attach adopts the server-rendered picker: no control, id or name twice", async () => {
  const { page } = await open();
  const counts = await page.evaluate(() => {
    const ids = [...document.querySelectorAll("[id]")].map((e) => e.id);
    const boxes = document.querySelectorAll('input[name="indicator"]').length;
    const reliability = document.querySelectorAll('[name="indicator.TER-01.reliability"]').length;
    const pickers = document.querySelectorAll(".signal-indicators-picker").length;
    return { duplicateIds: ids.filter((id, i) => ids.indexOf(id) !== i), boxes, reliability, pickers };
  });
  assert.deepEqual(counts, { duplicateIds: [], boxes: 29, reliability: 1, pickers: 1 });
  // Unchecked details are hidden and disabled once the module runs; checked ones open.
  assert.equal(await page.isDisabled('select[name="indicator.TER-01.reliability"]'), true);
  await page.check('input[name="indicator"][value="TER-01"]');
  assert.equal(await page.isDisabled('select[name="indicator.TER-01.reliability"]'), false);
  assert.equal(await page.isVisible('select[name="indicator.TER-01.reliability"]'), true);
});

test("the error summary names each field: no two lines alike, each link focuses its control", async () => {
  const { page } = await open();
  await page.selectOption("#aanleiding", "sis-check");
  await page.check('input[name="indicator"][value="TER-01"]');
  await page.check('input[name="indicator"][value="TER-05"]');
  await page.click("button[type=submit]");
  const links = page.locator(".signal-indicators-summary a");
  const texts = await links.allTextContents();
  assert.ok(texts.length >= 6, texts.join(" | "));
  assert.equal(new Set(texts).size, texts.length, `duplicate lines: ${texts.join(" | ")}`);
  assert.ok(texts.includes("V-nummer: vul dit veld in"), texts.join(" | "));
  assert.ok(texts.includes("TER-01 — Betrouwbaarheid van de bron: kies een waarde"), texts.join(" | "));
  assert.ok(texts.some((t) => t.startsWith("TER-05 — Datum van de informatie: ")), texts.join(" | "));
  for (let i = 0; i < texts.length; i++) {
    const href = await links.nth(i).getAttribute("href");
    await links.nth(i).click();
    assert.equal(await page.evaluate(() => `#${document.activeElement.id}`), href, texts[i]);
  }
  // The inline error under a control uses the same words.
  const describedBy = await page.getAttribute("#vnummer", "aria-describedby");
  assert.equal(await page.textContent(`#${describedBy.split(" ").pop()}`), "V-nummer: vul dit veld in");
});

test("the package stylesheet loads under style-src 'self' and hides screen-reader-only text", async () => {
  const { page } = await open();
  const sheet = await page.evaluate(() => [...document.styleSheets].some((s) => (s.href ?? "").endsWith("/pkg/style.css") && s.cssRules.length > 0));
  assert.equal(sheet, true);
  const box = await page.locator(".signal-indicators-announcement").boundingBox();
  assert.ok(box && box.width <= 1 && box.height <= 1, JSON.stringify(box));
});

test("the portal makes no failing request, uses one font and reads at 320 CSS px without scrolling sideways", async () => {
  const page = await chromium.page();
  const failed = [];
  page.on("response", (response) => { if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`); });
  page.on("requestfailed", (request) => failed.push(`failed ${request.url()}`));
  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto(base);
  await page.waitForSelector("html[data-ready]");
  await page.check('input[name="indicator"][value="TER-01"]');
  await page.click("button[type=submit]");
  await page.waitForTimeout(200);
  assert.deepEqual(failed, []);
  const layout = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    fonts: [...new Set([".portal-title", ".signal-indicators-picker label", "#advies p", ".signal-indicators-summary a", "#vnummer"]
      .map((selector) => getComputedStyle(document.querySelector(selector)).fontFamily))],
  }));
  assert.ok(layout.scroll <= 320, `page is ${layout.scroll} px wide at 320`);
  assert.equal(layout.fonts.length, 1, layout.fonts.join(" | "));
});

test("the advice stands beside the form on wide screens and stays in view; below it on narrow ones", async () => {
  const { page } = await open("", { viewport: { width: 1280, height: 800 } });
  const boxes = async () => page.evaluate(() => {
    const rect = (selector) => document.querySelector(selector).getBoundingClientRect().toJSON();
    return { form: rect("#signal-form"), panel: rect("#advies"), height: innerHeight };
  });
  let layout = await boxes();
  assert.ok(layout.panel.left >= layout.form.right, JSON.stringify(layout));
  // Ticking an indicator far down the form: the advice is still in view.
  await page.locator('input[name="indicator"][value="IDF-03"]').scrollIntoViewIfNeeded();
  await page.check('input[name="indicator"][value="IDF-03"]');
  layout = await boxes();
  assert.ok(layout.panel.top >= 0 && layout.panel.top < layout.height, JSON.stringify(layout));
  await page.setViewportSize({ width: 600, height: 800 });
  layout = await boxes();
  assert.ok(layout.panel.top >= layout.form.bottom - 1, JSON.stringify(layout));
});

test("axe-core at 320 CSS px: filtered, folded and with errors", async () => {
  const { page } = await open("", { bypassCSP: true, viewport: { width: 320, height: 800 } });
  await page.fill("#signal-indicators-filter", "ter");
  assert.deepEqual(await axe(page), [], "filtered");
  await page.locator(".signal-indicators-group-toggle").first().click();
  assert.deepEqual(await axe(page), [], "folded");
  await page.click("button[type=submit]");
  assert.deepEqual(await axe(page), [], "errors");
});
