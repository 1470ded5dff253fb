// Browser and Node figures for `make bench`: keystroke-to-advice latency in
// the demo portal (p50/p95 over 200 real keystrokes, performance marks from
// keydown to the advice panel updated and laid out; beside it the same
// keystrokes into a bare text area, what the browser alone takes), and cold
// start (import of the entry + first evaluate; SPEC §11) in Chromium and in
// Node.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "./serve.mjs";
import { launch } from "../tests/browser/chromium.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const port = 18099;
// The cold start is also measured with this round trip added to every
// request: what the loopback hides, the requests made one after another.
const NETWORK_LATENCY_MS = 20;

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Keydown-to-`input` latencies of `count` keystrokes typed into `selector`, measured in the page. */
async function typeAndMeasure(page, selector, count) {
  // A performance mark at keydown and a measure once the input event has
  // passed the form (where attach re-validates, re-scores and re-renders the
  // advice panel synchronously), after forcing the panel's layout.
  await page.evaluate(() => {
    window.__latencies = [];
    window.__attach = [];
    if (window.__measuring) return;
    window.__measuring = true;
    const panel = document.getElementById("advies");
    let inputSeen = 0;
    document.addEventListener("keydown", () => performance.mark("keystroke"), true);
    document.addEventListener("input", () => (inputSeen = performance.now()), true);
    document.addEventListener("input", () => {
      const handled = performance.now();
      panel.getBoundingClientRect();
      window.__latencies.push(performance.measure("keystroke-to-panel", "keystroke").duration);
      window.__attach.push(handled - inputSeen);
    });
  });
  await page.focus(selector);
  for (let i = 0; i < count; i++) await page.keyboard.press("x");
  const measured = await page.evaluate(() => ({ latencies: window.__latencies, attach: window.__attach }));
  if (measured.latencies.length !== count) throw new Error(`expected ${count} measures, got ${measured.latencies.length}`);
  return measured;
}

/** The README's example form (what the cold start evaluates first). */
function exampleForm() {
  return JSON.parse(readFileSync(join(root, "tests", "data", "valid-form.json"), "utf8"));
}

/**
 * SPEC §11 cold start: in a fresh browser context each time, from the start
 * of `import()` of the "." entry to the first `evaluate` of the README's
 * example form returning; the median of `runs`.
 */
async function coldStarts(browser, runs, { latencyMs = 0 } = {}) {
  const form = exampleForm();
  const times = [];
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${port}/tests/browser/pages/blank.html`);
      if (latencyMs > 0) {
        // Chromium's own network emulation: every request waits this long
        // for its answer, as on an intranet instead of the loopback.
        const cdp = await context.newCDPSession(page);
        await cdp.send("Network.enable");
        await cdp.send("Network.emulateNetworkConditions", {
          offline: false,
          latency: latencyMs,
          downloadThroughput: -1,
          uploadThroughput: -1,
        });
      }
      times.push(
        await page.evaluate(async (form) => {
          const start = performance.now();
          const { SignalEngine } = await import("/pkg/index.js");
          new SignalEngine({ locale: "nl" }).evaluate(form);
          return performance.now() - start;
        }, form),
      );
    } finally {
      await context.close();
    }
  }
  return times;
}

export async function browserFigures({ keystrokes = 200, coldRuns = 20 } = {}) {
  const server = await startServer({ port, testFiles: true });
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForSelector("html[data-ready]");
    await page.check('input[name="indicator"][value="TER-01"]');
    await page.selectOption('select[name="indicator.TER-01.reliability"]', "B");
    await page.selectOption('select[name="indicator.TER-01.credibility"]', "2");
    await page.fill('input[name="indicator.TER-01.observedOn"]', "2026-05-12");
    const portal = await typeAndMeasure(page, "#samenvatting", keystrokes);
    // The control: a bare text area on the same page, outside the form, so
    // nothing of the package runs. What the browser itself takes from
    // keydown to input on this machine, under the same load.
    await page.evaluate(() => {
      const bare = document.createElement("textarea");
      bare.id = "bench-bare";
      document.body.append(bare);
    });
    const bare = await typeAndMeasure(page, "#bench-bare", keystrokes);
    const cold = await coldStarts(browser, coldRuns);
    const coldOverNetwork = await coldStarts(browser, coldRuns, { latencyMs: NETWORK_LATENCY_MS });
    return {
      p50: percentile(portal.latencies, 50),
      p95: percentile(portal.latencies, 95),
      attachP50: percentile(portal.attach, 50),
      attachP95: percentile(portal.attach, 95),
      bareP50: percentile(bare.latencies, 50),
      bareP95: percentile(bare.latencies, 95),
      coldMs: percentile(cold, 50),
      coldMin: Math.min(...cold),
      coldMax: Math.max(...cold),
      coldRuns,
      coldNetworkMs: percentile(coldOverNetwork, 50),
      networkLatencyMs: NETWORK_LATENCY_MS,
    };
  } finally {
    await browser.close();
    server.close();
  }
}

export function nodeColdStart() {
  const script = `const t = performance.now();
    const { SignalEngine } = await import(${JSON.stringify(join(root, "pkg", "node.mjs"))});
    new SignalEngine().evaluate({ caseNumber: "X" }, { today: "2026-11-28" });
    console.log(performance.now() - t);`;
  return Number(execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" }).trim());
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(await browserFigures(), nodeColdStart());
}
