// attach() on a bare form in Chromium: picker, errors after touch, summary
// and focus on a failed submit, record and event on a valid one, detach.
import { test } from "node:test";
import assert from "node:assert/strict";
import { SignalEngine } from "@ind/signal-indicators";
import { harness, watchErrors, watchRequests } from "./chromium.mjs";

const chromium = harness({ port: 18083, testFiles: true });

async function open(mode = "event-only") {
  const page = await chromium.page();
  const outside = watchRequests(page);
  const errors = watchErrors(page);
  await page.goto(`${chromium.base}tests/browser/pages/bare-form.html?mode=${mode}`);
  await page.waitForSelector("html[data-ready]");
  return { page, outside, errors };
}

async function fillValid(page) {
  await page.fill("#zaak", "IND-2026-000123");
  await page.selectOption("#procedure", "asylum");
  await page.fill("#vnr", "1234567890");
  await page.fill("#summary", "Ambtsbericht ontvangen over betrokkenheid bij een terroristische organisatie.");
  await page.check('input[name="indicator"][value="TER-05"]');
  await page.selectOption('select[name="indicator.TER-05.reliability"]', "A");
  await page.selectOption('select[name="indicator.TER-05.credibility"]', "1");
  await page.fill('input[name="indicator.TER-05.observedOn"]', "2026-11-01");
  for (const partner of ["AIVD", "NCTV", "CT-INFOBOX"]) await page.check(`input[name="sharedWith"][value="${partner}"]`);
}

test("the picker has the contract's control names, grading starts empty and hidden", async () => {
  const { page } = await open();
  assert.equal(await page.locator('input[type="checkbox"][name="indicator"]').count(), 29);
  const details = page.locator("#signal-indicators-TER-01-details");
  assert.equal(await details.getAttribute("hidden"), "");
  await page.check('input[name="indicator"][value="TER-01"]');
  assert.equal(await details.getAttribute("hidden"), null);
  assert.equal(await page.inputValue('select[name="indicator.TER-01.reliability"]'), "");
  assert.equal(await page.inputValue('select[name="indicator.TER-01.credibility"]'), "");
  assert.equal(await page.getAttribute('input[name="indicator.TER-01.observedOn"]', "type"), "date");
  assert.equal(await page.locator("textarea[name='indicator.TER-01.note']").count(), 1);
  assert.match(await page.textContent("#panel"), /Advies — geen besluit/);
});

test("the picker attach builds has the controls, labels and words of the one renderPicker writes", async () => {
  const { renderPicker } = await import("@ind/signal-indicators");
  const { page } = await open();
  for (const locale of ["nl", "en"]) {
    const html = renderPicker({ locale });
    const [built, written] = await page.evaluate(([locale, html]) => {
      const form = document.getElementById("signal");
      window.handle.detach();
      const handle = window.attach(form, window.pageOptions({ locale }));
      // What an officer meets: each control with its name, kind, limits and
      // description, each label, option, guidance and group heading with its words.
      const describe = (root) =>
        [...root.querySelectorAll("input, select, textarea, label, option, p.utrecht-form-field-description, legend")]
          .filter((element) => !element.closest(".signal-indicators-filter"))
          .map((element) => [
            element.tagName,
            ...["name", "type", "id", "value", "for", "maxlength", "rows", "aria-describedby"].map((name) => element.getAttribute(name) ?? ""),
            ["INPUT", "SELECT", "TEXTAREA"].includes(element.tagName) ? "" : element.textContent.replace(/\s+/g, " ").trim(),
          ]);
      const built = describe(document.querySelector("#indicators .signal-indicators-picker"));
      handle.detach();
      const written = describe(new DOMParser().parseFromString(html, "text/html").body);
      return [built, written];
    }, [locale, html]);
    assert.ok(built.length > 29 * 10, `${locale}: the whole picker (${built.length})`);
    assert.deepEqual(built, written, locale);
  }
});

test("errors show only after touch; aria attributes follow", async () => {
  const { page } = await open();
  assert.equal(await page.locator(".utrecht-form-field-error-message").count(), 0);
  await page.fill("#vnr", "12");
  assert.equal(await page.getAttribute("#vnr", "aria-invalid"), null, "not touched yet: typing alone");
  await page.locator("#vnr").blur();
  assert.equal(await page.getAttribute("#vnr", "aria-invalid"), "true");
  const describedBy = await page.getAttribute("#vnr", "aria-describedby");
  assert.match(await page.textContent(`#${describedBy}`), /V-nummer/);
  assert.equal(await page.getAttribute("#zaak", "aria-invalid"), null, "untouched fields stay quiet");
  await page.fill("#vnr", "1234567890");
  assert.equal(await page.getAttribute("#vnr", "aria-invalid"), null);
  assert.equal(await page.getAttribute("#vnr", "aria-describedby"), null);
});

test("a failed submit shows the summary, focuses it, links focus fields, keeps every value", async () => {
  const { page } = await open();
  await page.fill("#zaak", "IND 2026 <script>alert(1)</script>");
  await page.fill("#summary", "Kort");
  await page.click("button[type=submit]");
  const summary = page.locator(".signal-indicators-summary");
  assert.equal(await summary.count(), 1);
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains("signal-indicators-summary")), true);
  assert.ok(await page.locator(".signal-indicators-summary a").count() >= 3);
  await page.click('.signal-indicators-summary a[href="#zaak"]');
  assert.equal(await page.evaluate(() => document.activeElement.id), "zaak");
  assert.equal(await page.inputValue("#zaak"), "IND 2026 <script>alert(1)</script>");
  assert.equal(await page.inputValue("#summary"), "Kort");
  assert.equal(await page.evaluate(() => window.events.length), 0);
});

test("a valid submit writes the record and fires signal-record; it verifies elsewhere", async () => {
  const { page, outside } = await open("event-only");
  await fillValid(page);
  await page.click("button[type=submit]");
  const events = await page.evaluate(() => window.events);
  assert.equal(events.length, 1);
  const hidden = await page.inputValue('input[name="signal_record"]');
  assert.equal(hidden, JSON.stringify(events[0]));
  const record = JSON.parse(hidden);
  assert.deepEqual(record.case, { caseNumber: "IND-2026-000123", procedure: "asylum" });
  assert.equal(new SignalEngine().verifyRecord(record).ok, true);
  assert.equal(page.url().includes("/submitted"), false, "event-only: no navigation");
  assert.match(await page.textContent("#panel"), /Waarom dit advies\?/);
  assert.deepEqual(outside, []);
});

test("native mode submits the form with the record; the clicked button's name travels", async () => {
  const { page } = await open("native");
  await fillValid(page);
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.url().endsWith("/submitted")),
    page.click("button[type=submit]"),
  ]);
  const body = new URLSearchParams(request.postData());
  assert.equal(body.get("action"), "save");
  assert.equal(JSON.parse(body.get("signal_record")).case.caseNumber, "IND-2026-000123");
});

test("detach restores the original DOM and stops listening", async () => {
  const { page } = await open();
  await page.fill("#vnr", "12");
  await page.locator("#vnr").blur();
  await page.click("button[type=submit]");
  await page.evaluate(() => window.handle.detach());
  await page.evaluate(() => window.handle.detach());
  const [now, original] = await page.evaluate(() => [document.getElementById("signal").innerHTML, window.originalForm]);
  // Values typed by the officer stay (they are properties, not markup).
  assert.equal(now, original);
  assert.equal(await page.inputValue("#vnr"), "12");
  await page.fill("#vnr", "34");
  await page.locator("#vnr").blur();
  assert.equal(await page.getAttribute("#vnr", "aria-invalid"), null);
});

test("a signal-record listener may call evaluate() and detach() during the event", async () => {
  const { page, errors } = await open("event-only");
  await fillValid(page);
  await page.evaluate(() => {
    document.getElementById("signal").addEventListener("signal-record", () => {
      window.during = window.handle.evaluate().valid;
      window.handle.detach();
    });
  });
  await page.click("button[type=submit]");
  assert.equal(await page.evaluate(() => window.during), true);
  assert.equal(await page.locator(".signal-indicators-picker").count(), 0);
  await page.locator("#vnr").focus();
  await page.locator("#zaak").focus();
  assert.deepEqual(errors, []);
});

test("focus moves (summary, links) never re-enter the component", async () => {
  const { page, errors } = await open();
  await page.locator("#vnr").focus();
  await page.click("button[type=submit]");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await page.click("button[type=submit]");
  assert.deepEqual(errors, []);
  assert.equal(await page.evaluate(() => typeof window.handle.evaluate().valid), "boolean");
});

test("initial fills empty controls and the picker; what the officer typed stays", async () => {
  const { page, errors } = await open();
  const filled = await page.evaluate(() => {
    window.handle.detach();
    const form = document.getElementById("signal");
    form.querySelector("#zaak").value = "IND-2026-000999";
    window.handle = window.attach(form, {
      fieldMap: { caseNumber: "zaaknummer", "subject.vNumber": "vnr" },
      indicatorsContainer: document.getElementById("indicators"),
      submitMode: "event-only",
      today: "2026-11-28", now: "2026-11-28T20:15:00.000Z", id: "3f0c6a52-8d1e-4c7a-9b2f-5e4d3c2b1a09",
      initial: {
        caseNumber: "IND-1", procedure: "asylum", subject: { vNumber: "1234567890" },
        indicators: [{ code: "TER-01", reliability: "A", credibility: "1", observedOn: "2026-11-01", evidenceRefs: ["AB-1", "CD-2"] }],
        sharedWith: ["AIVD", "NCTV"],
      },
    });
    const q = (selector) => form.querySelector(selector);
    return {
      zaak: q("#zaak").value,
      procedure: q("#procedure").value,
      vnr: q("#vnr").value,
      picked: q('input[name="indicator"][value="TER-01"]').checked,
      reliability: q('[name="indicator.TER-01.reliability"]').value,
      credibility: q('[name="indicator.TER-01.credibility"]').value,
      evidence: q('[name="indicator.TER-01.evidenceRefs"]').value,
      detailsHidden: q("#signal-indicators-TER-01-details").hidden,
      shared: [...form.querySelectorAll('input[name="sharedWith"]')].filter((box) => box.checked).map((box) => box.value),
    };
  });
  assert.deepEqual(filled, {
    zaak: "IND-2026-000999",
    procedure: "asylum",
    vnr: "1234567890",
    picked: true,
    reliability: "A",
    credibility: "1",
    evidence: "AB-1\nCD-2",
    detailsHidden: false,
    shared: ["AIVD", "NCTV"],
  });
  // CT Infobox is advised but not shared: the officer is told in the "Let
  // op" list, linked to its box, and it does not block (SPEC §12.3).
  await page.fill("#summary", "Ambtsbericht ontvangen over betrokkenheid bij een terroristische organisatie.");
  assert.match(await page.textContent(".signal-indicators-warnings"), /CT Infobox/);
  const link = page.locator(".signal-indicators-warnings a");
  assert.equal(await page.getAttribute(`#${(await link.first().getAttribute("href")).slice(1)}`, "value"), "CT-INFOBOX");
  await page.click("button[type=submit]");
  assert.equal(await page.locator(".signal-indicators-summary").count(), 0);
  const events = await page.evaluate(() => window.events);
  assert.equal(events.length, 1);
  assert.equal(events[0].case.caseNumber, "IND-2026-000999");
  assert.equal(events[0].id, "3f0c6a52-8d1e-4c7a-9b2f-5e4d3c2b1a09");
  assert.equal(events[0].createdAt, "2026-11-28T20:15:00.000Z");
  assert.equal(new SignalEngine().verifyRecord(events[0]).ok, true);
  assert.deepEqual(errors, []);
});

test("bad options throw SignalError option.invalid and leave the form untouched", async () => {
  const { page } = await open();
  const outcomes = await page.evaluate(() => {
    window.handle.detach();
    const form = document.getElementById("signal");
    const before = form.innerHTML;
    const attempt = (target, options) => {
      try {
        window.attach(target, options).detach();
        return "attached";
      } catch (error) {
        return `${error instanceof Error}:${error.name}:${error.code}`;
      }
    };
    return {
      submitMode: attempt(form, { submitMode: "later" }),
      unknown: attempt(form, { colour: "red" }),
      today: attempt(form, { today: "28-11-2026" }),
      locale: attempt(form, { locale: "fr" }),
      fieldMap: attempt(form, { fieldMap: { caseNumber: 5 } }),
      notAForm: attempt(document.body, {}),
      notAnEngine: attempt(form, { engine: { locale: "nl" } }),
      fine: attempt(form, { locale: "en", today: "2026-11-28" }),
      untouched: form.innerHTML === before,
    };
  });
  const invalid = "true:SignalError:option.invalid";
  assert.deepEqual(outcomes, {
    submitMode: invalid, unknown: invalid, today: invalid, locale: invalid, fieldMap: invalid, notAForm: invalid, notAnEngine: invalid,
    fine: "attached", untouched: true,
  });
});

test("a host engine is used as given and keeps working after detach; the handle does not", async () => {
  const { page, errors } = await open();
  const outcome = await page.evaluate(() => {
    window.handle.detach();
    const form = document.getElementById("signal");
    const engine = new window.SignalEngine({ locale: "en" });
    const handle = window.attach(form, { engine, locale: "en", scorePanel: document.getElementById("panel") });
    const panel = document.getElementById("panel").textContent;
    const valid = handle.evaluate().valid;
    handle.detach();
    let afterDetach;
    try {
      handle.evaluate();
    } catch (error) {
      afterDetach = `${error.name}:${error.code}`;
    }
    return { panel, valid, afterDetach, engineAfter: typeof engine.evaluate({}).valid };
  });
  assert.match(outcome.panel, /Advice — not a decision/);
  assert.equal(outcome.valid, false);
  assert.equal(outcome.afterDetach, "SignalError:option.invalid");
  assert.equal(outcome.engineAfter, "boolean");
  assert.deepEqual(errors, []);
});

test("host fit: fieldMap checked, attach twice refused, unchecked details disabled, headingLevel, valueMap", async () => {
  const { page } = await open();
  // Unchecked indicators' details are disabled: the post carries only what was filled in.
  const posted = await page.evaluate(() => [...new FormData(document.getElementById("signal")).keys()].filter((k) => k.startsWith("indicator.")));
  assert.deepEqual(posted, []);
  await fillValid(page);
  const names = await page.evaluate(() => [...new FormData(document.getElementById("signal")).keys()].filter((k) => k.startsWith("indicator.")));
  assert.deepEqual(names.sort(), ["indicator.TER-05.credibility", "indicator.TER-05.evidenceRefs", "indicator.TER-05.factsOn", "indicator.TER-05.note", "indicator.TER-05.observedOn", "indicator.TER-05.reliability"]);
  await page.uncheck('input[name="indicator"][value="TER-05"]');
  assert.equal(await page.inputValue('select[name="indicator.TER-05.reliability"]'), "A", "typed values stay when unchecked");
  assert.equal(await page.isDisabled('select[name="indicator.TER-05.reliability"]'), true);

  const outcome = await page.evaluate(() => {
    const form = document.getElementById("signal");
    const attempt = (options) => {
      try {
        window.attach(form, options);
        return "attached";
      } catch (error) {
        return `${error.name} ${error.code} ${error.message}`;
      }
    };
    const twice = attempt({});
    window.handle.detach();
    const badKey = attempt({ fieldMap: { caseNumbr: "zaaknummer" } });
    const missing = attempt({ fieldMap: { caseNumber: "zaak_nr" } });
    const badLevel = attempt({ fieldMap: { caseNumber: "zaaknummer", "subject.vNumber": "vnr" }, headingLevel: 7 });
    const handle = window.attach(form, {
      fieldMap: { caseNumber: "zaaknummer", "subject.vNumber": "vnr" },
      valueMap: { procedure: { asiel: "asylum" } },
      headingLevel: 3,
      scorePanel: document.getElementById("panel"),
    });
    const select = form.querySelector("#procedure");
    const option = document.createElement("option");
    option.value = "asiel";
    select.append(option);
    select.value = "asiel";
    const procedure = handle.evaluate().issues.some((i) => i.path === "/procedure");
    const heading = document.querySelector("#panel h3")?.textContent ?? null;
    const h2 = document.querySelectorAll("#panel h2").length;
    handle.detach();
    return { twice, badKey, missing, badLevel, procedure, heading, h2, formAfter: form.querySelectorAll(".signal-indicators-picker").length };
  });
  assert.match(outcome.twice, /^SignalError option\.invalid .*already attached/);
  assert.match(outcome.badKey, /^SignalError option\.invalid .*caseNumbr/);
  assert.match(outcome.missing, /^SignalError option\.invalid .*zaak_nr/);
  assert.match(outcome.badLevel, /^SignalError option\.invalid .*headingLevel/);
  assert.equal(outcome.procedure, false, "asiel is read as asylum");
  assert.equal(outcome.heading, "Advies — geen besluit");
  assert.equal(outcome.h2, 0);
  assert.equal(outcome.formAfter, 0, "nothing rendered twice, nothing left after detach");
});

test("long catalogs: the filter narrows by code or label words, keeps checked ones, folds groups by keyboard", async () => {
  const { page } = await open();
  const visible = () => page.evaluate(() =>
    [...document.querySelectorAll('input[name="indicator"]')].filter((box) => box.closest(".utrecht-form-field").checkVisibility()).map((box) => box.value));
  assert.equal((await visible()).length, 29);
  assert.equal(await page.textContent(".signal-indicators-filter-status"), "29 van 29 indicatoren getoond");
  await page.check('input[name="indicator"][value="IDF-01"]');
  await page.focus("#signal-indicators-filter");
  await page.keyboard.type("ter-0");
  assert.deepEqual(await visible(), ["TER-01", "TER-02", "TER-03", "TER-04", "TER-05", "IDF-01"]);
  assert.equal(await page.textContent(".signal-indicators-filter-status"), "6 van 29 indicatoren getoond");
  await page.fill("#signal-indicators-filter", "schuldenbinding");
  assert.deepEqual(await visible(), ["IDF-01", "VIC-02"]);
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => window.events.length), 0, "Enter in the filter does not submit");
  await page.fill("#signal-indicators-filter", "");
  assert.equal((await visible()).length, 29);
  // The checked indicator still posts; the filter itself posts nothing.
  const names = await page.evaluate(() => [...new FormData(document.getElementById("signal"))].map(([name, value]) => `${name}=${value}`));
  assert.ok(names.includes("indicator=IDF-01"));
  assert.ok(!names.some((entry) => entry.startsWith("=")), "the filter has no name");
  // Fold a group by keyboard: its count shows what is checked inside.
  const toggle = page.locator("fieldset", { has: page.locator('input[value="IDF-01"]') }).locator(".signal-indicators-group-toggle");
  assert.match(await toggle.textContent(), /\(1 aangevinkt\)/);
  await toggle.focus();
  await page.keyboard.press("Enter");
  assert.equal(await toggle.getAttribute("aria-expanded"), "false");
  assert.equal((await visible()).includes("IDF-02"), false);
  await page.keyboard.press("Space");
  assert.equal(await toggle.getAttribute("aria-expanded"), "true");
  assert.equal((await visible()).length, 29);
});

test("a 200-indicator catalog: the post carries only the indicators ticked, far below body parsers' field limits", async () => {
  const { page } = await open();
  const outcome = await page.evaluate(() => {
    const form = document.getElementById("signal");
    window.handle.detach();
    // The example catalog grown to 200 indicators (copies of its own, new codes).
    const catalog = new window.SignalEngine().catalog();
    const originals = catalog.indicators;
    catalog.id = "ind-example-200";
    catalog.indicators = Array.from({ length: 200 }, (_, i) => {
      const source = originals[i % originals.length];
      return i < originals.length ? source : { ...source, code: `${source.code.slice(0, 3)}-${String(100 + i)}` };
    });
    const engine = new window.SignalEngine({ catalog });
    const handle = window.attach(form, window.pageOptions({ engine }));
    const boxes = form.querySelectorAll('input[name="indicator"]').length;
    const controls = form.querySelectorAll('[name^="indicator."]').length;
    const ticked = ["TER-05", catalog.indicators[150].code];
    for (const code of ticked) {
      const box = form.querySelector(`input[name="indicator"][value="${code}"]`);
      box.click();
      const reliability = form.querySelector(`select[name="indicator.${code}.reliability"]`);
      reliability.value = "B";
      reliability.dispatchEvent(new Event("change", { bubbles: true }));
    }
    const entries = [...new FormData(form)];
    handle.detach();
    engine.free();
    return {
      ticked,
      boxes,
      controls,
      total: entries.length,
      indicators: entries.filter(([name]) => name === "indicator").map(([, value]) => value),
      details: [...new Set(entries.filter(([name]) => name.startsWith("indicator.")).map(([name]) => name.split(".")[1]))],
    };
  });
  assert.equal(outcome.boxes, 200);
  assert.ok(outcome.controls >= 1000, `${outcome.controls} detail controls rendered`);
  assert.equal(outcome.ticked.length, 2);
  assert.deepEqual([...outcome.indicators].sort(), [...outcome.ticked].sort());
  assert.deepEqual(outcome.details.sort(), [...outcome.ticked].sort());
  assert.ok(outcome.total < 60, `${outcome.total} fields posted`);
});

test("each edit is one read of the form and one call into the module (the form's session), and an unchanged evaluation is not redrawn", async () => {
  const { page } = await open();
  const outcome = await page.evaluate(() => {
    const form = document.getElementById("signal");
    window.handle.detach();
    const engine = new window.SignalEngine();
    // The session attach makes reads each edit: no engine method is called per edit.
    const calls = { engine: 0, reads: 0 };
    for (const name of ["evaluateEntries", "evaluate", "buildRecord"]) {
      const method = engine[name].bind(engine);
      engine[name] = (...args) => (calls.engine++, method(...args));
    }
    const NativeFormData = window.FormData;
    window.FormData = class extends NativeFormData {
      constructor(...args) {
        super(...args);
        calls.reads++;
      }
    };
    const handle = window.attach(form, window.pageOptions({ engine }));
    const summary = form.querySelector("#summary");
    const panel = document.getElementById("panel");
    let redrawn = 0;
    new MutationObserver((records) => (redrawn += records.length)).observe(panel, { childList: true, subtree: true });
    const before = { ...calls };
    summary.value = "Ambtsbericht ontvangen over betrokkenheid bij een terroristische organisatie.";
    summary.dispatchEvent(new Event("input", { bubbles: true }));
    return new Promise((resolve) => setTimeout(() => {
      const afterFirst = redrawn;
      for (const letter of "abc") {
        summary.value += letter;
        summary.dispatchEvent(new Event("input", { bubbles: true }));
      }
      setTimeout(() => {
        handle.detach();
        window.FormData = NativeFormData;
        resolve({ reads: calls.reads - before.reads, engine: calls.engine - before.engine, afterFirst, extra: redrawn - afterFirst });
      }, 0);
    }, 0));
  });
  assert.equal(outcome.reads, 4, "one read of the form per edit");
  assert.equal(outcome.engine, 0, "no engine method per edit: the form's session crosses once");
  assert.equal(outcome.extra, 0, "typing that changes no issue or advice redraws nothing");
});

test("a field's changing message redraws that message alone; changed advice redraws the panel", async () => {
  const { page } = await open();
  await page.fill("#summary", "kort");
  await page.locator("#summary").blur();
  const message = async () => page.textContent(`#${await page.getAttribute("#summary", "aria-describedby")}`);
  assert.match(await message(), /\(nu 4\)/);
  await page.evaluate(() => {
    window.panelChanges = 0;
    new MutationObserver((records) => (window.panelChanges += records.length)).observe(document.getElementById("panel"), {
      childList: true,
      subtree: true,
      characterData: true,
    });
  });
  await page.locator("#summary").pressSequentially("er");
  assert.match(await message(), /\(nu 6\)/, "the field's message follows each keystroke");
  assert.equal(await page.evaluate(() => window.panelChanges), 0, "the advice did not change, so the panel is not redrawn");
  await page.check('input[name="indicator"][value="TER-01"]');
  assert.ok((await page.evaluate(() => window.panelChanges)) > 0, "new advice is drawn");
  assert.match(await page.textContent("#panel"), /TER-01/);
});
