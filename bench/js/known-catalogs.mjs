// Known catalogs are read once (SPEC v1.3 §12.7): verifying with eleven
// catalogs given at construction should cost about what one costs. Run by
// `make bench`; prints records/s for each way of giving the catalogs.
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { SignalEngine } from "@ind/signal-indicators";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const builtIn = JSON.parse(readFileSync(join(root, "src", "catalog", "ind-example.json"), "utf8"));
// Eleven catalogs an archive could name: the built-in one and ten versions
// of it, with a record built under each.
const catalogs = [builtIn, ...Array.from({ length: 10 }, (_, i) => ({ ...builtIn, version: `2025.${i + 1}` }))];

const form = {
  caseNumber: "IND-2026-000123", procedure: "asylum", subject: { vNumber: "1234567890" },
  context: { type: "application-assessment" },
  indicators: [{ code: "TER-05", reliability: "A", credibility: "1", observedOn: "2026-11-01" }],
  summary: "Eigen openbare uitlatingen die geweld verheerlijken, vastgelegd.",
  officer: { id: "IND-4711", unit: "Unit NV" }, handling: { tlp: "AMBER+STRICT" }, sharedWith: ["AIVD", "CT-INFOBOX", "NCTV"],
};
const clock = { now: "2026-11-28T20:15:00.000Z", today: "2026-11-28", id: "3f0c6a52-8d1e-4c7a-9b2f-5e4d3c2b1a09" };
const records = catalogs.map((catalog) => new SignalEngine({ catalog }).buildRecord(form, clock));

/** Records verified per second (the given ones in turn), best of five half-second rounds. */
function rate(engine, verified, options) {
  for (const record of verified) if (!engine.verifyRecord(record, options).ok) throw new Error("a record does not verify");
  let best = 0;
  for (let round = 0; round < 5; round++) {
    let count = 0;
    const started = performance.now();
    while (performance.now() - started < 500) {
      for (let i = 0; i < 55; i++) engine.verifyRecord(verified[i % verified.length], options);
      count += 55;
    }
    best = Math.max(best, (count * 1000) / (performance.now() - started));
  }
  return Math.round(best);
}

/** Records/s: none given; one and eleven known at construction; one and eleven per call. */
export function knownCatalogFigures() {
  const [first] = records;
  return {
    none: rate(new SignalEngine(), [first]),
    one: rate(new SignalEngine({ catalogs: [builtIn] }), [first]),
    eleven: rate(new SignalEngine({ catalogs }), records),
    perCallOne: rate(new SignalEngine(), [first], { catalogs: [builtIn] }),
    perCallEleven: rate(new SignalEngine(), records, { catalogs }),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(knownCatalogFigures());
