// Packaging: `npm pack pkg`, install the tarball into a fresh project, import
// it from Node ESM, build a Vite app that imports it, and run that app in
// Chromium.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync, readdirSync, rmSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join, extname, normalize } from "node:path";
import { build } from "vite";
import { launch, watchRequests } from "./chromium.mjs";

const root = join(import.meta.dirname, "..", "..");
const project = mkdtempSync(join(tmpdir(), "signal-indicators-consumer-"));
after(() => rmSync(project, { recursive: true, force: true }));

const form = {
  caseNumber: "IND-2026-000123", procedure: "asylum", subject: { vNumber: "1234567890" },
  context: { type: "application-assessment" },
  indicators: [{ code: "TER-05", reliability: "A", credibility: "1", observedOn: "2026-11-01" }],
  summary: "Eigen openbare uitlatingen die geweld verheerlijken, vastgelegd.",
  officer: { id: "IND-1", unit: "Unit NV" }, handling: { tlp: "AMBER+STRICT" },
  sharedWith: ["AIVD", "CT-INFOBOX", "NCTV"],
};

function install() {
  const tarball = execFileSync("npm", ["pack", join(root, "pkg"), "--pack-destination", project, "--silent"], { encoding: "utf8" }).trim().split("\n").pop();
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--offline", join(project, tarball)], { cwd: project, stdio: "pipe" });
  return tarball;
}

test("the packed tarball installs and imports from Node ESM", () => {
  const tarball = install();
  const manifest = JSON.parse(readFileSync(join(project, "node_modules", "@ind", "signal-indicators", "package.json"), "utf8"));
  assert.equal(manifest.name, "@ind/signal-indicators");
  assert.equal(manifest.license, "EUPL-1.2");
  assert.equal(manifest.sideEffects, false);
  assert.ok(tarball.endsWith(".tgz"));
  const installed = join(project, "node_modules", "@ind", "signal-indicators");
  const files = readdirSync(join(installed, "schemas"));
  assert.deepEqual(files.sort(), ["catalog.schema.json", "signal-correction.schema.json", "signal-extract.schema.json", "signal-record-1.1.schema.json", "signal-record.schema.json"]);
  // What a back end in another language needs travels with the package.
  assert.match(readFileSync(join(installed, "docs", "VERIFYING.md"), "utf8"), /^# Verifying signal records/);
  assert.ok(readFileSync(join(installed, "SECURITY.md"), "utf8").length > 100);
  writeFileSync(join(project, "check.mjs"), `
    import { SignalEngine, version } from "@ind/signal-indicators";
    import { SignalEngine as FullEngine } from "@ind/signal-indicators/full";
    import schema from "@ind/signal-indicators/schemas/signal-record.schema.json" with { type: "json" };
    const engine = new SignalEngine();
    const evaluation = engine.evaluate(${JSON.stringify(form)}, { today: "2026-11-28" });
    const record = engine.buildRecord(${JSON.stringify(form)}, { today: "2026-11-28", now: "2026-11-28T20:15:00.000Z" });
    const verified = engine.verifyRecord(record).ok && new FullEngine().verifyRecord(record).ok;
    console.log(JSON.stringify({ version, valid: evaluation.valid, overall: evaluation.assessment.overall, schema: schema.$schema, verified }));
  `);
  const out = JSON.parse(execFileSync(process.execPath, ["check.mjs"], { cwd: project, encoding: "utf8" }));
  assert.deepEqual(out.overall, { score: 3500, band: "low" });
  assert.equal(out.valid, true);
  assert.equal(out.verified, true, "Node's \".\" and \"./full\" both verify");
  assert.equal(out.schema, "https://json-schema.org/draft/2020-12/schema");
});

test("a Vite app built with the package evaluates a form in Chromium", async () => {
  writeFileSync(join(project, "index.html"), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>consumer</title>
    <script type="module" src="/main.js"></script></head><body><p id="out">loading</p></body></html>`);
  writeFileSync(join(project, "main.js"), `
    import { SignalEngine } from "@ind/signal-indicators";
    import * as full from "@ind/signal-indicators/full";
    const engine = new SignalEngine({ locale: "en" });
    const evaluation = engine.evaluate(${JSON.stringify(form)}, { today: "2026-11-28" });
    const record = engine.buildRecord(${JSON.stringify(form)}, { today: "2026-11-28", now: "2026-11-28T20:15:00.000Z" });
    let refused = "";
    try { engine.verifyRecord(record); } catch (error) { refused = error.code; }
    const verified = new full.SignalEngine().verifyRecord(record).ok;
    document.getElementById("out").textContent = JSON.stringify({ ...evaluation.assessment.overall, refused, verified });
    document.body.dataset.done = "yes";
  `);
  await build({ root: project, logLevel: "silent", build: { target: "es2022", outDir: join(project, "dist") } });
  const dist = join(project, "dist");
  assert.ok(readdirSync(join(dist, "assets")).some((f) => f.endsWith(".wasm")), "the .wasm is emitted as an asset");

  const server = createServer((request, response) => {
    const path = new URL(request.url, "http://127.0.0.1").pathname;
    const file = normalize(join(dist, path === "/" ? "index.html" : path));
    try {
      if (!file.startsWith(dist)) throw new Error("outside");
      const body = readFileSync(file);
      const type = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm" }[extname(file)] ?? "application/octet-stream";
      response.writeHead(200, { "content-type": type });
      response.end(body);
    } catch {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise((resolve) => server.listen(18081, "127.0.0.1", resolve));
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const outside = watchRequests(page);
    await page.goto("http://127.0.0.1:18081/");
    await page.waitForSelector("body[data-done]", { timeout: 15000 });
    assert.deepEqual(JSON.parse(await page.textContent("#out")), { score: 3500, band: "low", refused: "unsupported", verified: true });
    assert.deepEqual(outside, []);
  } finally {
    await browser.close();
    server.close();
  }
});
