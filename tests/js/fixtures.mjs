// Shared fixtures of the JS suites: the same form as the native tests.
import { existsSync, readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { DERIVED } from "./bad-input-table.mjs";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import canonicalize from "canonicalize";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
/**
 * The package under test and the native CLI beside it: `pkg/` and the
 * release CLI (`make test`), or the one dev build `make test-js` makes.
 */
export const pkgDir = process.env.SIGNAL_PKG ?? join(root, "pkg");
export const cli = process.env.SIGNAL_CLI ?? join(root, "target", "release", "signal-indicators");
/** Whether the package holds the browser modules (`make test-js` builds only Node's). */
export const hasBrowserModules = existsSync(join(pkgDir, "web", "signal_indicators_bg.wasm"));
export const TODAY = "2026-11-28";
export const NOW = "2026-11-28T20:15:00.000Z";
export const ID = "3f0c6a52-8d1e-4c7a-9b2f-5e4d3c2b1a09";
export const FIXED = { today: TODAY, now: NOW, id: ID };

/** The valid form of every suite (one definition, in the bad-input table). */
export { validForm as validInput } from "./bad-input-table.mjs";

/** Every record the suites build, for the independent checks. */
export const builtRecords = [];

const schema = JSON.parse(readFileSync(join(pkgDir, "schemas", "signal-record.schema.json"), "utf8"));
// The published schemas use only standard formats: Ajv 8 with ajv-formats
// compiles them as they are, in strict mode too (nothing registered here).
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
export const validateRecord = ajv.compile(schema);

/** The digest rule of SPEC §7 with an independent RFC 8785 implementation. */
export function independentDigest(record) {
  const { integrity, ...body } = record;
  return "sha256:" + createHash("sha256").update(canonicalize(body), "utf8").digest("hex");
}

/** The record the native CLI builds for `input` with the fixed id and clock. */
export function nativeRecord(input) {
  return execFileSync(cli, ["build", "--id", ID, "--now", NOW, "--today", TODAY], {
    input: JSON.stringify(input),
  }).toString().trimEnd();
}

/**
 * What the native CLI gives for one entry of `derivedDocuments`: the
 * extract (`extract --for`) or the correction (`correct`) of the same record.
 */
export function nativeDerived({ recordText, partner, request, replacementText }) {
  if (partner) return execFileSync(cli, ["extract", "--for", partner, "-"], { input: recordText }).toString().trimEnd();
  const args = ["correct", "--id", DERIVED.stamp.id, "--now", DERIVED.stamp.now, "--action", request.action, "--reason", request.reason,
    "--officer-id", request.officer.id, "--officer-unit", request.officer.unit];
  if (replacementText) {
    const file = join(mkdtempSync(join(tmpdir(), "signal-replacement-")), "replacement.json");
    writeFileSync(file, replacementText);
    args.push("--replacement", file);
  }
  return execFileSync(cli, [...args, "-"], { input: recordText }).toString().trimEnd();
}

/** The built-in catalog of the engine before 0.2 (2026.2), as an archive keeps it. */
export const oldCatalog = JSON.parse(readFileSync(join(root, "tests", "data", "catalog-2026.2.json"), "utf8"));
const sha256 = (value) => "sha256:" + createHash("sha256").update(canonicalize(value), "utf8").digest("hex");

/** A 1.1 record as the v1.2 engine wrote it, digested here independently. */
export function earlierRecord() {
  const record = {
    recordType: "signal-record", schemaVersion: "1.1",
    id: "3f0c6a52-8d1e-4c7a-9b2f-5e4d3c2b1a09", createdAt: "2026-11-28T20:15:00.000Z",
    engine: { name: "signal-indicators", version: "0.1.0" },
    catalog: { id: "ind-example", version: "2026.2", digest: sha256(oldCatalog), illustrative: true },
    case: { caseNumber: "IND-2026-000123", procedure: "asylum" },
    subject: { vNumber: "1234567890" },
    context: { type: "application-assessment" },
    indicators: [{ code: "TER-05", category: "terrorism", reliability: "A", credibility: "1", observedOn: "2026-11-01" }],
    assessment: {
      evaluatedOn: "2026-11-28", method: "noisy-or-fixed-v1", advisory: true, overall: { score: 6000, band: "medium" },
      categories: [{ category: "terrorism", score: 6000, band: "medium", evidencedScore: 0, evidencedBand: "none",
        contributions: [{ index: 0, code: "TER-05", strength: 6000, reliabilityFactor: 1000, credibilityFactor: 1000, recencyFactor: 1000 }] }],
      protectionFlags: [],
    },
    routing: { advised: ["AIVD", "CT-INFOBOX", "NCTV"], sharedWith: ["AIVD", "CT-INFOBOX", "NCTV"] },
    measuresForConsideration: [],
    handling: { tlp: "AMBER+STRICT" },
    summary: "Eigen openbare uitlatingen die terroristisch geweld verheerlijken.",
    officer: { id: "IND-4711", unit: "Unit Nationale Veiligheid" },
  };
  return { ...record, integrity: { canonicalization: "RFC8785", digest: sha256(record) } };
}
