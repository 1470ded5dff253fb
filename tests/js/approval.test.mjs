// Production use (SPEC v1.3 §12.5, requireApproved): an illustrative or
// unapproved catalog is refused, an evaluation outside the catalog's
// validity is an error, and records of such catalogs fail record.catalog.
import { test } from "node:test";
import assert from "node:assert/strict";
import { SignalEngine, verifySubmission, inputFromFormData } from "@ind/signal-indicators";
import { validInput, FIXED, TODAY } from "./fixtures.mjs";

function approvedCatalog() {
  const { illustrative, ...catalog } = new SignalEngine().catalog();
  assert.equal(illustrative, true);
  return {
    ...catalog, version: "2027.1", validUntil: "2027-06-30",
    approval: { by: "Beleidseigenaar Nationale Veiligheid", on: "2026-12-01", reference: "BES-2026-0412" },
  };
}

test("requireApproved refuses the illustrative built-in catalog and any catalog without an approval", () => {
  assert.throws(() => new SignalEngine({ requireApproved: true }), (error) => {
    assert.equal(error.code, "catalog.invalid");
    assert.deepEqual(error.issues.map((i) => [i.path, i.code]), [["", "catalog.unapproved"]]);
    return true;
  });
  const { approval, ...unapproved } = approvedCatalog();
  assert.ok(approval);
  assert.throws(() => new SignalEngine({ catalog: unapproved, requireApproved: true }), { code: "catalog.invalid" });
  assert.throws(() => new SignalEngine({ requireApproved: "yes" }), { name: "SignalError", code: "option.invalid" });
});

test("with an approved catalog: evaluations within its validity, its records verify; the illustrative catalog's do not", () => {
  const engine = new SignalEngine({ catalog: approvedCatalog(), requireApproved: true });
  assert.equal(engine.evaluate(validInput(), { today: TODAY }).valid, true);
  const late = engine.evaluate(validInput(), { today: "2027-07-01" });
  assert.equal(late.valid, false);
  assert.ok(late.issues.some((i) => i.code === "catalog.outside-validity" && i.severity === "error" && i.path === ""));
  const record = engine.buildRecord(validInput(), FIXED);
  assert.equal(engine.verifyRecord(record).ok, true);
  // A record of the illustrative catalog, verified for production.
  const example = new SignalEngine({ catalogs: [approvedCatalog()] });
  const illustrativeRecord = example.buildRecord(validInput(), FIXED);
  assert.equal(example.verifyRecord(illustrativeRecord).ok, true);
  const strict = example.verifyRecord(illustrativeRecord, { requireApproved: true });
  assert.deepEqual([strict.ok, strict.checks.catalog], [false, false]);
  assert.equal(engine.verifyRecord(illustrativeRecord).checks.catalog, false, "the engine's own setting is the default");
  assert.equal(engine.verifyRecord(illustrativeRecord, { requireApproved: false, catalogs: [new SignalEngine().catalog()] }).ok, true);
  // verifySubmission: the same rule, by option or by the engine.
  const post = new URLSearchParams({ signal_record: JSON.stringify(illustrativeRecord) });
  for (const [name, value] of new URLSearchParams(entries(validInput()))) post.append(name, value);
  assert.ok(inputFromFormData(post).caseNumber);
  const relaxed = verifySubmission(post, { now: FIXED.now });
  assert.equal(relaxed.ok, true, JSON.stringify(relaxed.issues));
  const refused = verifySubmission(post, { now: FIXED.now, requireApproved: true });
  assert.equal(refused.ok, false);
  assert.ok(refused.issues.some((i) => i.code === "record.catalog"));
  engine.free();
  example.free();
});

/** The post of an input object with the input paths as control names. */
function entries(input) {
  const out = [];
  const walk = (value, path) => {
    if (path === "indicators") {
      for (const item of value) {
        out.push(["indicator", item.code]);
        for (const [member, text] of Object.entries(item)) {
          if (member !== "code") out.push([`indicator.${item.code}.${member}`, Array.isArray(text) ? text.join("\n") : text]);
        }
      }
    } else if (Array.isArray(value)) {
      for (const item of value) out.push([path, item]);
    } else if (value !== null && typeof value === "object") {
      for (const [key, member] of Object.entries(value)) walk(member, path ? `${path}.${key}` : key);
    } else {
      out.push([path, String(value)]);
    }
  };
  walk(input, "");
  return out;
}

test("the published schemas compile in Ajv 8 with ajv-formats, default options and strict mode, and validate what the engine writes", async () => {
  const { default: Ajv2020 } = await import("ajv/dist/2020.js");
  const { default: addFormats } = await import("ajv-formats");
  const { readFileSync } = await import("node:fs");
  const { join } = await import("node:path");
  const { root, pkgDir, cli } = await import("./fixtures.mjs");
  const read = (file) => JSON.parse(readFileSync(join(pkgDir, "schemas", file), "utf8"));
  for (const options of [{}, { strict: true }]) {
    const ajv = new Ajv2020(options);
    addFormats(ajv);
    const record = ajv.compile(read("signal-record.schema.json"));
    const catalog = ajv.compile(read("catalog.schema.json"));
    const engine = new SignalEngine();
    assert.equal(record(engine.buildRecord(validInput(), FIXED)), true, JSON.stringify(record.errors));
    assert.equal(catalog(engine.catalog()), true, JSON.stringify(catalog.errors));
    assert.equal(catalog(approvedCatalog()), true, JSON.stringify(catalog.errors));
    engine.free();
  }
});

test("diffCatalogs lists every difference keyed by codes, as the CLI does", async () => {
  const { diffCatalogs } = await import("@ind/signal-indicators");
  const { execFileSync, spawnSync } = await import("node:child_process");
  const { writeFileSync, mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const { root, pkgDir, cli } = await import("./fixtures.mjs");
  const old = new SignalEngine().catalog();
  const changed = structuredClone(approvedCatalog());
  changed.indicators.find((i) => i.code === "TER-05").weight = 30;
  changed.routing = changed.routing.filter((rule) => !(rule.category === "terrorism" && rule.minBand === "medium"));
  const differences = diffCatalogs(old, changed);
  const paths = differences.map((d) => `${d.kind} ${d.path}`);
  assert.deepEqual(paths, [
    "added /approval", "removed /illustrative", "changed /indicators/TER-05/weight",
    "removed /routing/terrorism/medium", "added /validUntil", "changed /version",
  ]);
  assert.deepEqual(differences.find((d) => d.path === "/indicators/TER-05/weight"), { path: "/indicators/TER-05/weight", kind: "changed", old: 35, new: 30 });
  assert.deepEqual(diffCatalogs(old, old), []);
  assert.throws(() => diffCatalogs(old, 7), { name: "SignalError", code: "option.invalid" });
  // The CLI gives the same list, exit 1 when they differ, 0 when equal; md for a memo.
  const dir = mkdtempSync(join(tmpdir(), "diff-"));
  writeFileSync(join(dir, "old.json"), JSON.stringify(old));
  writeFileSync(join(dir, "new.json"), JSON.stringify(changed));
    const run = spawnSync(cli, ["catalog", "diff", join(dir, "old.json"), join(dir, "new.json")], { encoding: "utf8" });
  assert.equal(run.status, 1);
  assert.deepEqual(JSON.parse(run.stdout), differences);
  const memo = execFileSync(cli, ["catalog", "diff", join(dir, "old.json"), join(dir, "old.json"), "--format", "md", "--locale", "en"], { encoding: "utf8" });
  assert.match(memo, /No changes\./);
  const table = spawnSync(cli, ["catalog", "diff", join(dir, "old.json"), join(dir, "new.json"), "--format", "md"], { encoding: "utf8" }).stdout;
  assert.match(table, /\| `\/indicators\/TER-05\/weight` \| gewijzigd \| `35` \| `30` \|/);
});

test("catalogImpact evaluates stored records under both catalogs, as the CLI does", async () => {
  const { catalogImpact } = await import("@ind/signal-indicators");
  const { spawnSync } = await import("node:child_process");
  const { writeFileSync, mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const { root, pkgDir, cli } = await import("./fixtures.mjs");
  const engine = new SignalEngine();
  const current = engine.catalog();
  // The proposal: TER-01 weighs 30 (no longer enough on its own).
  const proposed = structuredClone(current);
  proposed.version = "2027.1";
  const ter01 = proposed.indicators.find((i) => i.code === "TER-01");
  ter01.weight = 30;
  delete ter01.sufficientAlone;
  const strong = engine.buildRecord({ ...validInput(), procedure: "regular" }, FIXED);
  const other = engine.buildRecord({ ...validInput(), indicators: [{ code: "IDF-01", reliability: "A", credibility: "1", observedOn: "2026-11-01", evidenceRefs: ["PV-2026-9"] }], sharedWith: ["KMAR", "POLITIE"] }, FIXED);
  const impact = catalogImpact(current, proposed, [strong, JSON.stringify(other)]);
  assert.deepEqual(impact.summary, {
    records: 2, changed: 1, bandUp: 0, bandDown: 1, measuresGained: 0, measuresLost: 1, routingChanged: 1, notComparable: 0,
  });
  assert.equal(impact.records[0].id, strong.id);
  assert.deepEqual(impact.records[0].before.measures, ["terrorism/refuse-or-withdraw-residence"]);
  assert.deepEqual(impact.records[0].after.measures, []);
  assert.equal(impact.records[1].changed, false);
  assert.throws(() => catalogImpact(current, { id: 1 }, []), { code: "catalog.invalid" });
  // The CLI: the same object from NDJSON.
  const dir = mkdtempSync(join(tmpdir(), "impact-"));
  writeFileSync(join(dir, "current.json"), JSON.stringify(current));
  writeFileSync(join(dir, "proposed.json"), JSON.stringify(proposed));
  writeFileSync(join(dir, "records.ndjson"), `${JSON.stringify(strong)}\n${JSON.stringify(other)}\n`);
    const run = spawnSync(cli, ["catalog", "impact", join(dir, "current.json"), join(dir, "proposed.json"), join(dir, "records.ndjson")], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), impact);
  engine.free();
});

test("describeCatalog gives the same deterministic document as the CLI, in Markdown and escaped HTML", async () => {
  const { describeCatalog } = await import("@ind/signal-indicators");
  const { execFileSync } = await import("node:child_process");
  const { writeFileSync, mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const { root, pkgDir, cli } = await import("./fixtures.mjs");
  const catalog = approvedCatalog();
  catalog.indicators[0].labels.nl = catalog.indicators[0].labels.en = "<img src=x onerror=alert(1)> & co";
  const md = describeCatalog(catalog);
  assert.match(md, /^# Catalogus ind-example 2027\.1\n/);
  assert.match(md, /Goedgekeurd door Beleidseigenaar Nationale Veiligheid op 2026-12-01 \(BES-2026-0412\)\./);
  assert.equal(describeCatalog(catalog, { locale: "nl", format: "md" }), md, "deterministic");
  const html = describeCatalog(catalog, { locale: "en", format: "html" });
  assert.match(html, /^<article lang="en">\n<h1>Catalog ind-example 2027\.1<\/h1>/);
  assert.ok(!html.includes("<img") && html.includes("&lt;img src=x onerror=alert(1)&gt; &amp; co"));
  assert.throws(() => describeCatalog(catalog, { format: "pdf" }), { name: "SignalError", code: "option.invalid" });
  const dir = mkdtempSync(join(tmpdir(), "describe-"));
  writeFileSync(join(dir, "catalog.json"), JSON.stringify(catalog));
    assert.equal(execFileSync(cli, ["catalog", "describe", join(dir, "catalog.json")], { encoding: "utf8" }), md);
  assert.equal(execFileSync(cli, ["catalog", "describe", join(dir, "catalog.json"), "--format", "html", "--locale", "en"], { encoding: "utf8" }), html);
});
