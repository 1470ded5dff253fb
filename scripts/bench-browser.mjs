// Browser and Node figures for `make bench`: keystroke-to-advice latency in
// the demo portal (p50/p95 over 200 real keystrokes, performance marks from
// keydown to the advice panel updated and laid out), and cold start (fetch +
// instantiate + first evaluate) in Chromium and in Node.
import { execFileSync } from "node:child_process";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "./serve.mjs";
import { launch } from "../tests/browser/chromium.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const port = 18099;

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function browserFigures() {
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
    // Real keystrokes through Playwright; in the page, a performance mark at
    // keydown and a measure once the input event has passed the form (where
    // attach re-validates, re-scores and re-renders the advice panel
    // synchronously), after forcing the panel's layout.
    await page.evaluate(() => {
      window.__latencies = [];
      const panel = document.getElementById("advies");
      document.addEventListener("keydown", () => performance.mark("keystroke"), true);
      document.addEventListener("input", () => {
        panel.getBoundingClientRect();
        window.__latencies.push(performance.measure("keystroke-to-panel", "keystroke").duration);
      });
    });
    await page.focus("#samenvatting");
    for (let i = 0; i < 200; i++) await page.keyboard.press("x");
    const latencies = await page.evaluate(() => window.__latencies);
    if (latencies.length !== 200) throw new Error(`expected 200 measures, got ${latencies.length}`);
    const cold = await browser.newPage();
    await cold.goto(`http://127.0.0.1:${port}/tests/browser/pages/bare-form.html`);
    const coldMs = await cold.evaluate(async () => {
      const start = performance.now();
      const web = await import(`/pkg/web.js?cold=${Date.now()}`);
      await web.default({ module_or_path: `/pkg/web/signal_indicators_bg.wasm?cold=${Date.now()}` });
      new web.SignalEngine().evaluate({ caseNumber: "X" }, { today: "2026-11-28" });
      return performance.now() - start;
    });
    return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), coldMs };
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
