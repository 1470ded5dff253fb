// The bad-input table of tests/js/bad-input-table.mjs, in Chromium through
// the "./full" entry (it verifies records too); the "./web" entry builds the
// same record bytes and refuses the server-only functions.
import { test } from "node:test";
import assert from "node:assert/strict";
import { harness } from "./chromium.mjs";

const chromium = harness({ port: 18082, testFiles: true });

test("every hostile value at every path, and hostile records, in Chromium", async () => {
  const page = await chromium.page();
  await page.goto(chromium.base);
  await page.waitForSelector("html[data-ready]");
  const result = await page.evaluate(async () => {
    const web = await import("/pkg/full.js");
    const table = await import("/tests/js/bad-input-table.mjs");
    const FIXED = { today: "2026-11-28", now: "2026-11-28T20:15:00.000Z", id: "3f0c6a52-8d1e-4c7a-9b2f-5e4d3c2b1a09" };
    const engine = new web.SignalEngine();
    const failures = [];
    let rows = 0;
    for (const path of table.PATHS) {
      for (const [name, value] of table.hostileValues()) {
        const where = `${name} at /${path.join("/")}`;
        try {
          const input = table.plant(path, value);
          const evaluation = engine.evaluate(input, { today: FIXED.today });
          if (typeof evaluation.valid !== "boolean") failures.push(`${where}: no verdict`);
          try {
            const record = engine.buildRecord(input, FIXED);
            if (!engine.verifyRecord(record).ok) failures.push(`${where}: own record fails`);
          } catch (error) {
            if (!(error instanceof Error) || error.name !== "SignalError") failures.push(`${where}: ${error}`);
          }
        } catch (error) {
          failures.push(`${where}: threw ${error}`);
        }
        rows++;
      }
      if (!engine.evaluate(table.validForm(), { today: FIXED.today }).valid) failures.push("engine stopped working");
    }
    const record = engine.buildRecord(table.validForm(), FIXED);
    for (const [name, value] of table.hostileRecords(record)) {
      if (engine.verifyRecord(value).ok) failures.push(`record ${name} verified`);
    }
    if (!engine.verifyRecord(table.reordered(record)).ok) failures.push("reordered record failed");
    failures.push(...table.snapshotFailures(new web.SignalEngine(), FIXED));
    return { rows, failures, getterCalls: globalThis.__getterCalls ?? 0, expectedCalls: 2 * table.PATHS.length, polluted: {}.polluted ?? null };
  });
  assert.deepEqual(result.failures, []);
  assert.ok(result.rows >= 700);
  assert.equal(result.getterCalls, result.expectedCalls, "a getter read more than once per call");
  assert.equal(result.polluted, null);
});

test("in Chromium, through the browser module and \"./full\": JSON text agrees with JSON.parse of it, a post with inputFromFormData", async () => {
  const page = await chromium.page();
  await page.goto(chromium.base);
  await page.waitForSelector("html[data-ready]");
  const failures = await page.evaluate(async () => {
    const table = await import("/tests/js/bad-input-table.mjs");
    const web = await import("/pkg/web.js");
    await web.default();
    const full = await import("/pkg/full.js");
    const failures = [];
    for (const [entry, api] of [["./web", web], ["./full", full]]) {
      const engine = new api.SignalEngine();
      failures.push(...table.agreementFailures(api, engine, "2026-11-28").map((row) => `${entry}: ${row}`));
      engine.free();
    }
    return failures;
  });
  assert.deepEqual(failures, []);
});

test("Chromium builds the same record bytes as the native crate (schemaVersion 1.2)", async () => {
  const { nativeRecord } = await import("../js/fixtures.mjs");
  const { recordInputs } = await import("../js/bad-input-table.mjs");
  const page = await chromium.page();
  await page.goto(chromium.base);
  await page.waitForSelector("html[data-ready]");
  const { fromChromium, verified, refused } = await page.evaluate(async () => {
    const web = await import("/pkg/web.js");
    await web.default();
    const full = await import("/pkg/full.js");
    const table = await import("/tests/js/bad-input-table.mjs");
    const FIXED = { today: "2026-11-28", now: "2026-11-28T20:15:00.000Z", id: "3f0c6a52-8d1e-4c7a-9b2f-5e4d3c2b1a09" };
    const engine = new web.SignalEngine();
    const fromChromium = table.recordInputs().map((input) => JSON.stringify(engine.buildRecord(input, FIXED)));
    const checker = new full.SignalEngine();
    const verified = fromChromium.map((text) => checker.verifyRecord(JSON.parse(text)).ok);
    // The browser module refuses what only servers need, naming "./full".
    const refused = [
      () => engine.verifyRecord(JSON.parse(fromChromium[0])), () => web.recordSchema(), () => web.catalogSchema(),
      () => web.verifySubmission([]), () => web.renderPicker(),
    ].map((call) => {
      try {
        call();
        return "no error";
      } catch (error) {
        return `${error instanceof Error} ${error.name} ${error.code} ${error.message.includes("./full") || error.message.includes("/full")}`;
      }
    });
    return { fromChromium, verified, refused };
  });
  assert.deepEqual(verified, fromChromium.map(() => true));
  assert.deepEqual(refused, Array(5).fill("true SignalError unsupported true"));
  const inputs = recordInputs();
  assert.equal(fromChromium.length, inputs.length);
  for (const [i, input] of inputs.entries()) {
    assert.equal(fromChromium[i], nativeRecord(input), `record ${i}`);
    assert.equal(JSON.parse(fromChromium[i]).schemaVersion, "1.2");
  }
});

test("Chromium (\"./full\") builds the same extract and correction bytes as Node and the native crate", async () => {
  const { nativeDerived, FIXED } = await import("../js/fixtures.mjs");
  const { derivedDocuments } = await import("../js/bad-input-table.mjs");
  const { SignalEngine } = await import("@ind/signal-indicators");
  const page = await chromium.page();
  await page.goto(chromium.base);
  await page.waitForSelector("html[data-ready]");
  const fromChromium = await page.evaluate(async (fixed) => {
    const full = await import("/pkg/full.js");
    const table = await import("/tests/js/bad-input-table.mjs");
    const engine = new full.SignalEngine();
    return table.derivedDocuments(engine, fixed);
  }, FIXED);
  const fromNode = derivedDocuments(new SignalEngine(), FIXED);
  assert.deepEqual(fromChromium, fromNode);
  for (const document of fromChromium) assert.equal(document.text, nativeDerived(document), document.partner ?? document.request.action);
});
