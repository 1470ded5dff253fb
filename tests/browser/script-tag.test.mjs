// The script-tag way in Chromium: the demo page loads "./web" under the
// strict CSP, evaluates a form and builds a record that verifies elsewhere.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer } from "../../scripts/serve.mjs";
import { SignalEngine } from "@ind/signal-indicators";
import { launch, watchRequests } from "./chromium.mjs";

let server;
let browser;
const port = 18080;

before(async () => {
  server = await startServer({ port });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

test("the demo page evaluates a form under the strict CSP, with no outside request", async () => {
  const page = await browser.newPage();
  const outside = watchRequests(page);
  const violations = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused/.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto(`http://127.0.0.1:${port}/`);
  assert.match(response.headers()["content-security-policy"], /'wasm-unsafe-eval'/);
  await page.waitForSelector("html[data-ready]");
  assert.equal(await page.getAttribute("html", "data-ready"), "true", await page.textContent("#status"));
  assert.match(await page.textContent("#result"), /71\.2 — high/);
  const record = JSON.parse(await page.textContent("#record"));
  // The browser's record verifies in Node: same engine, same bytes.
  assert.equal(new SignalEngine().verifyRecord(record).ok, true);
  assert.deepEqual(violations, []);
  assert.deepEqual(outside, []);
  // Nothing stored: no cookies, no web storage, no IndexedDB databases.
  const stored = await page.evaluate(async () => ({
    cookies: document.cookie,
    local: localStorage.length,
    session: sessionStorage.length,
    databases: (await indexedDB.databases()).length,
  }));
  assert.deepEqual(stored, { cookies: "", local: 0, session: 0, databases: 0 });
});

test("init() twice is harmless and takes bytes or a URL", async () => {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForSelector("html[data-ready]");
  const result = await page.evaluate(async () => {
    const web = await import("/pkg/web.js");
    await web.default();
    await web.default({ module_or_path: "/pkg/web/signal_indicators_bg.wasm" });
    const engine = new web.SignalEngine({ locale: "en" });
    const evaluation = engine.evaluate({}, { today: "2026-11-28" });
    let error;
    try { engine.buildRecord(null); } catch (e) { error = { isError: e instanceof Error, name: e.name, code: e.code }; }
    return { valid: evaluation.valid, first: evaluation.issues[0].message, error, version: web.version };
  });
  assert.equal(result.valid, false);
  assert.equal(result.first, "This field is required.");
  assert.deepEqual(result.error, { isError: true, name: "SignalError", code: "form.invalid" });
});
