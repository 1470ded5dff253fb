// The examples the READMEs show (examples/), run as written in Chromium:
// the script-tag page under its strict CSP, and the same form bundled by
// Vite (the current major and the previous one), webpack 5, esbuild and
// Rollup. Each page is filled in, submitted, and its record accepted by the
// example server's verifySubmission. A bundle of only the engine leaves
// attach() out.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build as vite8 } from "vite";
import { build as vite7 } from "vite7";
import webpack from "webpack";
import { rollup } from "rollup";
import { launch } from "./chromium.mjs";
import { portal } from "../../examples/script-tag/server.mjs";
import { bundle as esbuild } from "../../examples/bundlers/esbuild.mjs";
import webpackConfig from "../../examples/bundlers/webpack.config.mjs";
import rollupConfig from "../../examples/bundlers/rollup.config.mjs";

const examples = join(import.meta.dirname, "..", "..", "examples", "bundlers");
const work = mkdtempSync(join(tmpdir(), "signal-indicators-examples-"));
/** A string only attach.js has: its presence means attach() was bundled. */
const ATTACH_MARKER = "this form is already attached";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
  rmSync(work, { recursive: true, force: true });
});

/** Serves `root` with the example portal server and runs `fn(url)`. */
async function served(root, fn) {
  const server = portal({ root });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    return await fn(`http://127.0.0.1:${server.address().port}/`);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

/** An officer fills the example page and submits it; returns the server's answer. */
async function completeForm(url) {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/.test(message.text())) errors.push(message.text());
  });
  try {
    await page.goto(url);
    await page.waitForSelector('input[name="indicator"][value="IDF-01"]');
    await page.fill("#vnummer", "1234567890");
    await page.selectOption("#aanleiding", "document-examination");
    await page.fill("#samenvatting", "Vervalst document bij documentonderzoek aangetroffen.");
    await page.check('input[name="delen_met"][value="KMAR"]');
    await page.check('input[name="delen_met"][value="POLITIE"]');
    await page.check('input[name="indicator"][value="IDF-01"]');
    await page.selectOption('select[name="indicator.IDF-01.reliability"]', "B");
    await page.selectOption('select[name="indicator.IDF-01.credibility"]', "2");
    await page.fill('input[name="indicator.IDF-01.observedOn"]', "2026-11-01");
    await page.fill('textarea[name="indicator.IDF-01.evidenceRefs"]', "DOC-1");
    const [response] = await Promise.all([page.waitForResponse((r) => r.url().endsWith("/signaal")), page.click("button[type=submit]")]);
    return { status: response.status(), body: await response.json(), errors };
  } finally {
    await page.close();
  }
}

async function assertAccepted(root) {
  const { status, body, errors } = await served(root, completeForm);
  assert.deepEqual(errors, []);
  assert.equal(status, 200, JSON.stringify(body));
  assert.match(body.stored, /^[0-9a-f-]{36}$/);
}

/** Every .js file under `dir`, as one text. */
function scripts(dir) {
  return readdirSync(dir, { recursive: true })
    .filter((file) => file.endsWith(".js") && statSync(join(dir, file)).isFile())
    .map((file) => readFileSync(join(dir, file), "utf8"))
    .join("\n");
}

test("the script-tag page (external module, package served as it is) posts a record the server accepts", async () => {
  await assertAccepted(join(examples, "..", "script-tag", "public"));
});

test("the script-tag page's draft button (docs/INTEGRATION.md \"Saving drafts\") posts the incomplete form without a record", async () => {
  const { status, body, posted } = await served(join(examples, "..", "script-tag", "public"), async (url) => {
    const page = await browser.newPage();
    try {
      await page.goto(url);
      await page.waitForSelector('input[name="indicator"][value="IDF-01"]');
      await page.fill("#vnummer", "12");
      const [request, response] = await Promise.all([
        page.waitForRequest((r) => r.url().endsWith("/signaal")),
        page.waitForResponse((r) => r.url().endsWith("/signaal")),
        page.click('button[value="concept"]'),
      ]);
      return { status: response.status(), body: await response.json(), posted: new URLSearchParams(request.postData()) };
    } finally {
      await page.close();
    }
  });
  assert.equal(status, 200);
  assert.deepEqual(body, { draft: true });
  assert.deepEqual([posted.get("actie"), posted.get("signal_record"), posted.get("vnummer")], ["concept", "", "12"]);
});

const bundlers = {
  async "Vite 8"(entry, outDir) {
    await viteBuild(vite8, entry, outDir);
  },
  async "Vite 7"(entry, outDir) {
    await viteBuild(vite7, entry, outDir);
  },
  async "webpack 5"(entry, outDir) {
    const config = { ...webpackConfig, entry: { main: `./${entry}` }, output: { ...webpackConfig.output, path: outDir } };
    const stats = await new Promise((resolve, reject) => webpack(config, (error, result) => (error ? reject(error) : resolve(result))));
    assert.equal(stats.hasErrors(), false, stats.toString("errors-only"));
    copyFileSync(join(examples, "index.html"), join(outDir, "index.html"));
  },
  async esbuild(entry, outDir) {
    await esbuild({ entry, outdir: outDir });
    copyFileSync(join(examples, "index.html"), join(outDir, "index.html"));
  },
  async Rollup(entry, outDir) {
    const built = await rollup({ ...rollupConfig, input: { main: join(examples, entry) }, logLevel: "silent" });
    await built.write({ ...rollupConfig.output, dir: outDir });
    await built.close();
    copyFileSync(join(examples, "index.html"), join(outDir, "index.html"));
  },
};

/** Vite builds the page (index.html); for another entry, a page that loads only it. */
async function viteBuild(build, entry, outDir) {
  const input = entry === "main.js" ? join(examples, "index.html") : join(examples, entry);
  await build({
    root: examples,
    configFile: join(examples, "vite.config.mjs"),
    logLevel: "silent",
    build: { outDir, emptyOutDir: true, rollupOptions: { input } },
  });
}

for (const [name, bundle] of Object.entries(bundlers)) {
  test(`${name}: the bundled page posts a record the server accepts; an engine-only bundle leaves attach out`, async () => {
    const slug = name.replace(/\W+/g, "-");
    const page = join(work, `${slug}-page`);
    await bundle("main.js", page);
    assert.ok(scripts(page).includes(ATTACH_MARKER), "the page's bundle has attach");
    await assertAccepted(page);

    const engineOnly = join(work, `${slug}-engine`);
    await bundle("engine-only.js", engineOnly);
    const text = scripts(engineOnly);
    assert.ok(text.length > 0);
    assert.ok(!text.includes(ATTACH_MARKER), "an engine-only bundle must not contain attach.js");
  });
}
