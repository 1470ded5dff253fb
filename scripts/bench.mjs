// `make bench`: runs the native benchmarks (criterion), the CLI on an NDJSON
// file of 100 000 records, and the size report, and writes
// docs/BENCHMARKS.md with the machine, the command and each figure.
import { execFileSync, spawnSync } from "node:child_process";
import { writeFileSync, mkdtempSync, createWriteStream } from "node:fs";
import { cpus, totalmem, tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const rows = [];

// 1. criterion, natively.
const criterion = spawnSync("cargo", ["bench", "--bench", "engine"], { cwd: join(root, "bench"), encoding: "utf8", maxBuffer: 64 << 20 });
if (criterion.status !== 0) throw new Error(criterion.stderr);
const lines = criterion.stdout.split("\n");
for (let i = 0; i < lines.length; i++) {
  const name = lines[i].match(/^engine\/(.+)$/)?.[1];
  if (!name) continue;
  const time = lines.slice(i, i + 3).join(" ").match(/time:\s+\[\S+ \S+ (\S+) (\S+)/);
  if (!time) continue;
  const micros = Number(time[1]) * ({ ns: 1e-3, "µs": 1, ms: 1e3, s: 1e6 }[time[2]] ?? 1);
  rows.push([`native \`${name.trim()}\``, `${micros.toFixed(1)} µs`, `${Math.round(1e6 / micros).toLocaleString("en")} /s`, "criterion, median of 30 samples"]);
}

// 1b. Instruction counts (callgrind): the same operations, counted rather
// than timed, so a regression shows as a number whatever the machine's load.
const counts = [];
if (spawnSync("valgrind", ["--version"]).status === 0) {
  const built = spawnSync("cargo", ["build", "--profile", "bench", "--example", "instructions"], { cwd: join(root, "bench"), encoding: "utf8" });
  if (built.status !== 0) throw new Error(built.stderr);
  const program = join(root, "bench", "target", "release", "examples", "instructions");
  const collected = (operation, times) => {
    const run = spawnSync("valgrind", ["--tool=callgrind", "--callgrind-out-file=/dev/null", program, operation, String(times)], { encoding: "utf8" });
    const found = /Collected : (\d+)/.exec(run.stderr);
    if (!found) throw new Error(`callgrind: ${run.stderr}`);
    return Number(found[1]);
  };
  const TIMES = 100;
  const operations = {
    evaluate: "`evaluate`, 12 indicators, from a parsed value",
    "evaluate-text": "`evaluate`, 12 indicators, from JSON text (SPEC §11)",
    buildRecord: "`buildRecord`, 12 indicators",
    verify: "`verify` of its record, from a parsed value",
    "verify-text": "`verify` of its record, from JSON text (SPEC §11)",
    submission: "`verifySubmission` of the post of its fields and record",
    "canonicalize+digest": "canonical form + SHA-256 of the record",
  };
  for (const [operation, label] of Object.entries(operations)) {
    const perOperation = Math.round((collected(operation, TIMES) - collected(operation, 0)) / TIMES);
    counts.push(`| ${label} | ${perOperation.toLocaleString("en")} |`);
  }
}

// 2. The CLI verifying 100 000 records of NDJSON.
const cli = join(root, "target", "release", "signal-indicators");
const form = JSON.stringify({
  caseNumber: "IND-2026-000123", procedure: "asylum", subject: { vNumber: "1234567890" },
  context: { type: "application-assessment" },
  indicators: [{ code: "TER-05", reliability: "A", credibility: "1", observedOn: "2026-11-01" }],
  summary: "Eigen openbare uitlatingen die geweld verheerlijken, vastgelegd.",
  officer: { id: "IND-4711", unit: "Unit NV" }, handling: { tlp: "AMBER+STRICT" }, sharedWith: ["AIVD", "CT-INFOBOX", "NCTV"],
});
const record = execFileSync(cli, ["build", "--id", "3f0c6a52-8d1e-4c7a-9b2f-5e4d3c2b1a09", "--now", "2026-11-28T20:15:00.000Z"], { input: form }).toString().trim();
const file = join(mkdtempSync(join(tmpdir(), "signal-bench-")), "records.ndjson");
const out = createWriteStream(file);
for (let i = 0; i < 100_000; i++) out.write(record + "\n");
await new Promise((resolve) => out.end(resolve));
const started = process.hrtime.bigint();
const verified = spawnSync(cli, ["verify", file], { encoding: "utf8", maxBuffer: 1 << 30 });
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
if (verified.status !== 0) throw new Error(`verify failed: ${verified.status}`);
rows.push(["CLI `verify`, 100 000 records (NDJSON)", `${seconds.toFixed(2)} s`, `${Math.round(100_000 / seconds).toLocaleString("en")} records/s`, "wall clock, one process"]);

// 3. Chromium and Node: keystroke-to-advice latency, cold start.
const { browserFigures, nodeColdStart } = await import("./bench-browser.mjs");
const browser = await browserFigures();
rows.push(["Chromium: keystroke → advice panel (demo portal)", `p50 ${browser.p50.toFixed(1)} ms, p95 ${browser.p95.toFixed(1)} ms`, "—", "200 keystrokes (Playwright), performance marks from keydown to the panel updated and laid out"]);
rows.push(["… of which the form's input handlers (attach)", `p50 ${browser.attachP50.toFixed(1)} ms, p95 ${browser.attachP95.toFixed(1)} ms`, "—", "from the input event reaching the page to it having passed the form: FormData, one `update` of the form's session, the comparison with what is shown"]);
rows.push(["Control: the same keystrokes into a bare text area", `p50 ${browser.bareP50.toFixed(1)} ms, p95 ${browser.bareP95.toFixed(1)} ms`, "—", "same page, outside the form: what the browser alone takes on this machine"]);
rows.push(["Chromium: cold start (import of \".\" + first evaluate of the README's form)", `median ${browser.coldMs.toFixed(1)} ms`, "—", `${browser.coldRuns} fresh browser contexts (empty caches), local server; fastest ${browser.coldMin.toFixed(1)} ms, slowest ${browser.coldMax.toFixed(1)} ms`]);
const node = nodeColdStart();
rows.push(["Chromium: cold start with a round trip per request", `median ${browser.coldNetworkMs.toFixed(1)} ms`, "—", `the same, with ${browser.networkLatencyMs} ms added to every request by Chromium's network emulation (an intranet rather than the loopback): the entry and the files it imports come first, then the .wasm, so the round trip counts at least twice`]);
rows.push(["Node: cold start (import + first evaluate)", `${node.toFixed(1)} ms`, "—", "fresh process"]);

// 3b. Node: verifying with the catalogs an archive names, read once at
// construction (SPEC v1.3 §12.7: eleven within 20 % of one) or per call.
const { knownCatalogFigures } = await import("../bench/js/known-catalogs.mjs");
const known = knownCatalogFigures();
const knownRate = (n) => `${n.toLocaleString("en")} /s`;
const knownHow = "`verifyRecord` of one record (an object), best of 5 half-second rounds";
rows.push(["Node: `verifyRecord`, no catalogs given", "—", knownRate(known.none), knownHow]);
rows.push(["… one catalog given at construction (`new SignalEngine({ catalogs })`)", "—", knownRate(known.one), knownHow]);
rows.push(["… eleven catalogs given at construction", "—", knownRate(known.eleven), `records of each in turn; ${Math.round((100 * known.eleven) / known.one)} % of one`]);
rows.push(["… one catalog given per call (`{ catalogs }`)", "—", knownRate(known.perCallOne), "each call reads and digests it"]);
rows.push(["… eleven catalogs given per call", "—", knownRate(known.perCallEleven), "records of each in turn; each call reads and digests all eleven"]);

// 4. Node, one process: the wasm package against the same product in plain
// JavaScript giving the same output, and against Ajv + json-rules-engine and
// Ajv + plain JavaScript reaching the same verdicts and scores (agreement
// checked first).
const { compare } = await import("../bench/js/compare.mjs");
const side = await compare();
if (side.disagreements) {
  // Nothing is timed against references that do other work (they still
  // implement the v1.2 rules; see bench/js/agreement.test.mjs).
  rows.push(["Node: side by side with the JavaScript references", "—", "—", `not measured: the references (v1.2 rules) disagree with the engine ${side.disagreements} times over ${side.count} generated forms and their records (first: ${JSON.stringify(side.first).slice(0, 200)})`]);
} else {
  const perSecond = (n) => `${Math.round(n).toLocaleString("en")} /s`;
  const micros = (n) => `${(1e6 / n).toFixed(1)} µs`;
  const how = `${side.count.toLocaleString("en")} generated forms of 12 indicators (${side.valid} valid); every reference checked against the engine first; best of 5 passes`;
  rows.push(["Node: wasm package `evaluate(object)`", micros(side.wasm), perSecond(side.wasm), how]);
  rows.push(["Node: the same product in plain JavaScript (same output)", micros(side.same), perSecond(side.same), `deep-equal evaluations (issues, messages, contributions, advice, measures); wasm is ${(side.wasm / side.same).toFixed(2)}× this`]);
  rows.push(["Node: Ajv (2020-12, if/then, formats) + json-rules-engine", micros(side.rules), perSecond(side.rules), `same verdicts and scores, no messages; wasm is ${(side.wasm / side.rules).toFixed(2)}× this`]);
  rows.push(["Node: Ajv + scoring in plain JavaScript", micros(side.plain), perSecond(side.plain), `same verdicts and scores, no messages; wasm is ${(side.wasm / side.plain).toFixed(2)}× this`]);
  rows.push(["Node: wasm package `evaluate(JSON text)`", micros(side.wasmText), perSecond(side.wasmText), "the same forms as JSON text, parsed inside the engine"]);
  rows.push(["Node: `JSON.parse` + the same product in plain JavaScript", micros(side.sameText), perSecond(side.sameText), `same texts, same output; wasm is ${(side.wasmText / side.sameText).toFixed(2)}× this`]);
  rows.push(["Node: `JSON.parse` + Ajv + scoring in plain JavaScript", micros(side.plainText), perSecond(side.plainText), `same texts; wasm is ${(side.wasmText / side.plainText).toFixed(2)}× this`]);
  rows.push(["Node: wasm package `verifyRecord(JSON text)`", micros(side.verifyWasm), perSecond(side.verifyWasm), `the ${side.records.toLocaleString("en")} records of the valid forms`]);
  rows.push(["Node: the same checks with Ajv + RFC 8785 (`canonicalize`) + `node:crypto`", micros(side.verifySame), perSecond(side.verifySame), `deep-equal verifications, of tampered records too; wasm is ${(side.verifyWasm / side.verifySame).toFixed(2)}× this`]);
}

// 5. Size of the browser download.
// The module by part: the same report as `make size` (the Makefile's wasm-opt flags, passed by `make bench`).
const size = execFileSync("node", [join(root, "scripts", "size.mjs")], { encoding: "utf8" }) +
  execFileSync("node", [join(root, "scripts", "size-parts.mjs")], { encoding: "utf8" });
const total = size.split("\n").find((l) => l.startsWith("total"));

const rustc = execFileSync("rustc", ["--version"], { encoding: "utf8" }).trim();
const text = `# Benchmarks

Produced by \`make bench\` (scripts/bench.mjs). Machine: ${cpus().length} × ${cpus()[0]?.model ?? "CPU"},
${Math.round(totalmem() / 2 ** 30)} GiB; ${rustc}; Node ${process.version}.

| what | time | rate | how |
|---|---|---|---|
${rows.map((r) => `| ${r.join(" | ")} |`).join("\n")}

Instructions per operation, natively (\`valgrind --tool=callgrind\` over
\`bench/examples/instructions.rs\`: the count for 100 operations minus the
count for none, divided by 100; the same binary and input give the same
count on any load, so compare these between commits):

| operation | instructions |
|---|---|
${counts.join("\n") || "| (valgrind not installed) | — |"}

Browser download (\`make size\`, the .wasm after wasm-opt plus its JS):

\`\`\`
${size.trim()}
\`\`\`

Targets (SPEC §11, v1.2): natively, from JSON text to result, \`evaluate\`
≥ 250 000/s and \`verify\` ≥ 50 000 records/s per core; in Node ≥ 2× Ajv +
plain JavaScript producing the same output; keystroke to updated panel
< 4 ms at p95; cold start < 50 ms; browser download ≤ 80 000 bytes gzip.
Where each stands and why: see "At a glance" in docs/PERFORMANCE.md.

Under callgrind SHA-256 runs in software (valgrind does not offer the
CPU's SHA instructions), so the counts of \`verify\` and the digest
overstate what the hashing costs on a CPU with SHA extensions, where
\`sha2\` uses them (detected at run time).

The reference implementation is \`bench/js/reference.mjs\` (the schema is
built from the catalog: enums of codes, partners and SIS states; if/then for
the context types, the SIS articles per regulation, evidence per indicator
and the unknown subject; formats \`vnumber\`, \`bsn\` (11-proef) and
\`past-date\`), the forms come from \`bench/js/forms.mjs\` (seeded; about half
carry one or two faults), and \`bench/js/agreement.test.mjs\` (run first by \`make bench\`) keeps the
reference in agreement with the engine.
`;
writeFileSync(join(root, "docs", "BENCHMARKS.md"), text);
console.log(text);
console.log(total);
