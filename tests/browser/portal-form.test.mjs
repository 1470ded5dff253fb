// A portal's form in Chromium (SPEC v1.3 §12.4, second half): a page with
// its own validation script and an unload handler; one POST for a double
// click or a double Enter, the same record for unchanged input, drafts,
// the portal drawing its own errors, and no click lost to a redraw.
import { test } from "node:test";
import assert from "node:assert/strict";
import { SignalEngine, verifySubmission } from "@ind/signal-indicators";
import { harness } from "./chromium.mjs";

const chromium = harness({ port: 18086, testFiles: true });
const { fieldMap } = await import("../../www/field-map.js");

async function open(query = "") {
  const page = await chromium.page();
  const posts = [];
  page.on("request", (request) => {
    if (request.method() === "POST") posts.push(new URLSearchParams(request.postData() ?? ""));
  });
  await page.goto(`${chromium.base}tests/browser/pages/host-form.html${query}`);
  await page.waitForSelector("html[data-ready]");
  return { page, posts };
}

/** Everything the form needs to be valid, but the summary. */
async function fillAllButSummary(page) {
  await page.fill("#vnr", "1234567890");
  await page.check('input[name="indicator"][value="TER-05"]');
  await page.selectOption('select[name="indicator.TER-05.reliability"]', "A");
  await page.selectOption('select[name="indicator.TER-05.credibility"]', "1");
  await page.fill('input[name="indicator.TER-05.observedOn"]', "2026-11-01");
  await page.check('input[name="delen_met"][value="AIVD"]');
}

const SUMMARY = "Eigen openbare uitlatingen die terroristisch geweld verheerlijken, vastgelegd.";

test("two rapid clicks and a double Enter post the signal once", async () => {
  for (const how of ["clicks", "enter"]) {
    const { page, posts } = await open();
    await fillAllButSummary(page);
    await page.fill("#summary", SUMMARY);
    if (how === "clicks") {
      await page.dblclick('button[value="opslaan"]');
    } else {
      await page.focus("#vnr");
      await page.keyboard.press("Enter");
      await page.keyboard.press("Enter");
    }
    await page.waitForSelector("#verdict");
    assert.equal(posts.length, 1, how);
    assert.equal(await page.textContent("#verdict"), "Record geverifieerd door de server.");
  }
});

test("unchanged input posts the same record again; the server answers duplicate and stores nothing", async () => {
  const { page } = await open("?mode=event-only");
  await fillAllButSummary(page);
  await page.fill("#summary", SUMMARY);
  await page.click('button[value="opslaan"]');
  await page.click('button[value="opslaan"]');
  const [first, second] = await page.evaluate(() => window.events);
  assert.ok(first && second);
  assert.deepEqual([second.id, second.createdAt, second.integrity.digest], [first.id, first.createdAt, first.integrity.digest]);
  // A changed form builds a new record.
  await page.fill("#summary", `${SUMMARY} Aangevuld.`);
  await page.click('button[value="opslaan"]');
  const third = (await page.evaluate(() => window.events))[2];
  assert.notEqual(third.id, first.id);
  // The server: the same post twice, with a store keeping the digest under the id.
  const body = new URLSearchParams(await page.evaluate(() => new URLSearchParams(new FormData(document.getElementById("signal"))).toString()));
  body.set("signal_record", JSON.stringify(first));
  body.set("samenvatting", SUMMARY);
  const store = new Map();
  const seen = (id) => store.get(id) ?? false;
  const once = verifySubmission(body, { fieldMap, seen, now: first.createdAt });
  assert.equal(once.ok, true, JSON.stringify(once.issues));
  assert.equal(once.duplicate, false);
  store.set(once.record.id, once.record.integrity.digest);
  const again = verifySubmission(body, { fieldMap, seen, now: first.createdAt });
  assert.deepEqual([again.ok, again.duplicate, again.record.id], [true, true, first.id]);
  // A different record under a known id is a replay.
  store.set(first.id, "sha256:0000");
  const replay = verifySubmission(body, { fieldMap, seen, now: first.createdAt });
  assert.deepEqual([replay.ok, replay.duplicate, replay.issues.map((i) => i.code)], [false, false, ["record.replayed"]]);
  assert.equal(new SignalEngine().verifyRecord(first).ok, true);
});

test("going back from the cache and saving unchanged input posts the same record; the server stores it once", async () => {
  const { page, posts } = await open("?cacheable");
  await fillAllButSummary(page);
  await page.fill("#summary", SUMMARY);
  await page.click('button[value="opslaan"]');
  await page.waitForSelector("#verdict");
  await page.goBack();
  await page.waitForSelector("html[data-ready]");
  const fromCache = await page.evaluate(() => window.fromCache);
  if (!fromCache) {
    // Loaded again: the picker attach drew is new, so the officer fills it in again.
    await fillAllButSummary(page);
    await page.fill("#summary", SUMMARY);
  }
  await page.click('button[value="opslaan"]');
  await page.waitForSelector("#verdict");
  const [first, second] = posts.map((post) => JSON.parse(post.get("signal_record")));
  assert.equal(posts.length, 2);
  if (fromCache) {
    // The same page: the same record, which the server knows.
    assert.deepEqual([second.id, second.createdAt, second.integrity.digest], [first.id, first.createdAt, first.integrity.digest]);
    assert.equal(await page.textContent("#verdict"), "Dit signaal was al opgeslagen; er is niets opnieuw opgeslagen.");
  } else {
    // Loaded again (this browser keeps no page in its cache): a new page builds a new record.
    assert.notEqual(second.id, first.id);
    assert.equal(await page.textContent("#verdict"), "Record geverifieerd door de server.");
  }
});

test("with an unload handler and the server-rendered picker, going back keeps ticked indicators and grading", async () => {
  const { page } = await open("?picker=server");
  await fillAllButSummary(page);
  await page.fill('textarea[name="indicator.TER-05.evidenceRefs"]', "AMB-2026-17");
  await page.fill("#summary", SUMMARY);
  await page.click('button[value="opslaan"]');
  await page.waitForSelector("#verdict");
  await page.goBack();
  await page.waitForSelector("html[data-ready]");
  assert.equal(await page.evaluate(() => window.fromCache), false, "the unload handler keeps it out of the cache");
  assert.equal(await page.isChecked('input[name="indicator"][value="TER-05"]'), true);
  assert.equal(await page.inputValue('select[name="indicator.TER-05.reliability"]'), "A");
  assert.equal(await page.inputValue('select[name="indicator.TER-05.credibility"]'), "1");
  assert.equal(await page.inputValue('input[name="indicator.TER-05.observedOn"]'), "2026-11-01");
  assert.equal(await page.inputValue('textarea[name="indicator.TER-05.evidenceRefs"]'), "AMB-2026-17");
  // attach adopted the restored picker: the details of the ticked indicator are open and enabled.
  assert.equal(await page.isEnabled('select[name="indicator.TER-05.reliability"]'), true);
});

test("a post that leaves the officer on the form (a 204 answer): after 10 s saving again posts the same record, which the server knows", async () => {
  const page = await chromium.page();
  const posts = [];
  page.on("request", (request) => {
    if (request.method() === "POST") posts.push(new URLSearchParams(request.postData() ?? ""));
  });
  await page.clock.install();
  await page.goto(`${chromium.base}tests/browser/pages/host-form.html`);
  await page.waitForSelector("html[data-ready]");
  await page.evaluate(() => (document.getElementById("signal").action = "/signaal?nocontent"));
  await fillAllButSummary(page);
  await page.fill("#summary", SUMMARY);
  await page.click('button[value="opslaan"]');
  await page.waitForTimeout(200);
  // Within 10 s a further submit is taken for a double click.
  await page.click('button[value="opslaan"]');
  await page.waitForTimeout(200);
  assert.equal(posts.length, 1);
  await page.clock.fastForward(10_001);
  await page.click('button[value="opslaan"]');
  await page.waitForTimeout(200);
  assert.equal(posts.length, 2);
  const [first, second] = posts.map((post) => JSON.parse(post.get("signal_record")));
  assert.deepEqual([second.id, second.createdAt, second.integrity.digest], [first.id, first.createdAt, first.integrity.digest]);
  // The server stored the first under its id with its digest: the second is a duplicate.
  const store = new Map([[first.id, first.integrity.digest]]);
  const again = verifySubmission(posts[1], { fieldMap, seen: (id) => store.get(id) ?? false, now: first.createdAt });
  assert.deepEqual([again.ok, again.duplicate], [true, true], JSON.stringify(again.issues));
});

test("a formnovalidate draft posts the incomplete form without a record, summary or event", async () => {
  const { page, posts } = await open();
  await page.fill("#vnr", "12");
  await page.click('button[value="concept"]');
  await page.waitForSelector("#verdict");
  assert.equal(posts.length, 1);
  assert.equal(posts[0].get("actie"), "concept");
  assert.equal(posts[0].get("signal_record"), "", "the record field is posted, empty");
  assert.equal(posts[0].get("vnummer"), "12");
  assert.equal(await page.textContent("#verdict"), "Concept opgeslagen, nog niet gecontroleerd en zonder record.");
});

test('summary: "host": no summary, inline texts or aria-invalid from the package; every issue in the signal-issues event', async () => {
  const { page, posts } = await open("?summary=host");
  await page.fill("#vnr", "12");
  await page.check('input[name="indicator"][value="TER-01"]');
  await page.click('button[value="opslaan"]');
  assert.equal(posts.length, 0, "an invalid submit is cancelled");
  assert.equal(await page.locator(".signal-indicators-summary").count(), 0);
  assert.equal(await page.locator(".utrecht-form-field-error-message").count(), 0);
  assert.equal(await page.textContent("#host-errors"), "", "the portal's own check still runs");
  const marked = await page.evaluate(() => [...document.querySelectorAll("[aria-invalid]")].map((e) => e.id));
  assert.deepEqual(marked, ["zaak"], "only the portal's own check set aria-invalid");
  const { issues } = await page.evaluate(() => window.issueEvents.at(-1));
  const vnumber = issues.find((issue) => issue.path === "/subject/vNumber");
  assert.deepEqual(vnumber, {
    code: "format.vnumber", severity: "error", path: "/subject/vNumber",
    message: "Een V-nummer bestaat uit precies 10 cijfers.", control: "vnummer", label: "V-nummer",
  });
  const grading = issues.find((issue) => issue.path === "/indicators/0/reliability");
  assert.deepEqual([grading.control, grading.label], ["indicator.TER-01.reliability", "TER-01 — Betrouwbaarheid van de bron"]);
  const whole = issues.find((issue) => issue.path === "");
  assert.equal(whole, undefined);
  // Every evaluation dispatches it: typing too.
  const before = await page.evaluate(() => window.issueEvents.length);
  await page.fill("#vnr", "1234567890");
  assert.ok((await page.evaluate(() => window.issueEvents.length)) > before);
  const latest = await page.evaluate(() => window.issueEvents.at(-1).issues);
  assert.equal(latest.some((issue) => issue.path === "/subject/vNumber"), false);

  // The event bubbles and cannot be cancelled.
  const flags = await page.evaluate(() => new Promise((resolve) => {
    document.addEventListener("signal-issues", (event) => resolve([event.bubbles, event.cancelable]), { once: true });
    document.getElementById("vnr").dispatchEvent(new Event("input", { bubbles: true }));
  }));
  assert.deepEqual(flags, [true, false]);
  // The panel is drawn as before.
  assert.match(await page.textContent("#panel"), /Advies — geen besluit/);
});

test("the own-validation example of docs/INTEGRATION.md draws the engine's errors the portal's way", async () => {
  const { page } = await open("?summary=host&draw");
  await page.fill("#vnr", "12");
  await page.click('button[value="opslaan"]');
  assert.equal(await page.textContent("#vnr + .portal-error"), "V-nummer: Een V-nummer bestaat uit precies 10 cijfers.");
  assert.equal(await page.getAttribute("#vnr", "aria-invalid"), "true", "set by the portal");
  await page.fill("#vnr", "1234567890");
  assert.equal(await page.locator("#vnr + .portal-error").count(), 0);
});

test("typing into the text area above the button and clicking the button once: that first click counts", async () => {
  // Invalid: the click shows the summary at once.
  const { page } = await open();
  await fillAllButSummary(page);
  await page.click("#summary");
  await page.keyboard.type("Kort");
  await page.click('button[value="opslaan"]');
  assert.equal(await page.locator(".signal-indicators-summary").count(), 1, "the first click submitted");
  // Valid: the click posts.
  const { page: valid, posts } = await open();
  await fillAllButSummary(valid);
  await valid.click("#summary");
  await valid.keyboard.type("Kort");
  await valid.fill("#summary", "");
  await valid.click("#summary");
  await valid.keyboard.type(SUMMARY);
  await valid.click('button[value="opslaan"]');
  await valid.waitForSelector("#verdict");
  assert.equal(posts.length, 1);
  // A press on a button that never ends in a click still draws what waited.
  const { page: held } = await open();
  await held.click("#summary");
  await held.keyboard.type("Kort");
  const box = await held.locator('button[value="opslaan"]').boundingBox();
  await held.mouse.move(box.x + 5, box.y + 5);
  await held.mouse.down();
  assert.equal(await held.locator("#summary + .utrecht-form-field-error-message").count(), 0, "nothing moves under the pointer");
  await held.mouse.move(box.x + 5, box.y + 300);
  await held.mouse.up();
  await held.waitForSelector(".utrecht-form-field-error-message");
});
