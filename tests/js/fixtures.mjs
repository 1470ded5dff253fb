// Shared fixtures of the JS suites: the same form as the native tests.
import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import canonicalize from "canonicalize";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const TODAY = "2026-11-28";
export const NOW = "2026-11-28T20:15:00.000Z";
export const ID = "3f0c6a52-8d1e-4c7a-9b2f-5e4d3c2b1a09";
export const FIXED = { today: TODAY, now: NOW, id: ID };

export function validInput() {
  return {
    caseNumber: "IND-2026-000123",
    procedure: "asylum",
    subject: { vNumber: "1234567890", bsn: "123456782" },
    context: {
      type: "sis-check",
      sisAlert: { regulation: "2018/1861", article: "24", issuingState: "DE", alertReference: "SIS-DE-2026-0042" },
    },
    indicators: [
      { code: "TER-01", reliability: "B", credibility: "2", observedOn: "2026-05-12", evidenceRefs: ["AB-2026-17"] },
      { code: "TER-05", reliability: "C", credibility: "3", observedOn: "2024-09-10" },
    ],
    summary: "Ambtsbericht ontvangen over betrokkenheid bij een terroristische organisatie.",
    officer: { id: "IND-4711", unit: "Unit Nationale Veiligheid" },
    handling: { tlp: "AMBER+STRICT" },
    sharedWith: ["AIVD", "CT-INFOBOX", "NCTV"],
  };
}

/** Every record the suites build, for the independent checks. */
export const builtRecords = [];

const schema = JSON.parse(readFileSync(join(root, "pkg", "schemas", "signal-record.schema.json"), "utf8"));
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
// schemars marks u32 fields with format "uint32"; give Ajv its meaning.
ajv.addFormat("uint32", { type: "number", validate: (n) => Number.isInteger(n) && n >= 0 && n <= 4294967295 });
export const validateRecord = ajv.compile(schema);

/** The digest rule of SPEC §7 with an independent RFC 8785 implementation. */
export function independentDigest(record) {
  const { integrity, ...body } = record;
  return "sha256:" + createHash("sha256").update(canonicalize(body), "utf8").digest("hex");
}
