// The same portal on Express: the page and the package directory as static
// files (Express sends .wasm as application/wasm), a strict CSP, and every
// post of the signal form checked with verifySubmission (SPEC §8.3). Run it with
//   node examples/express-server.mjs         (http://127.0.0.1:8091)
import express from "express";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { verifySubmission } from "@ind/signal-indicators";
import { fieldMap } from "./script-tag/public/field-map.js";

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = dirname(fileURLToPath(import.meta.resolve("@ind/signal-indicators/package.json")));
// Accepted signals, record id → digest: in a real portal a unique key on the record id, the digest beside it.
const stored = new Map();

export const app = express();
app.use((request, response, next) => {
  response.set("content-security-policy", "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'");
  next();
});
app.use("/static/signal-indicators", express.static(packageDir));
app.use(express.static(join(here, "script-tag", "public")));
// #region route
// `extended: false`: repeated names (checkboxes) arrive as arrays, which verifySubmission takes.
app.post("/signaal", express.urlencoded({ extended: false, limit: "2mb", parameterLimit: 5000 }), (request, response) => {
  // A draft (a `formnovalidate` button) is kept unchecked; its record field is empty.
  if (request.body.actie === "concept") return response.json({ draft: true });
  const result = verifySubmission(request.body, { fieldMap, seen: (id) => stored.get(id) ?? false });
  console.log(JSON.stringify({ id: result.record?.id ?? null, ok: result.ok, duplicate: result.duplicate, codes: result.issues.map((i) => i.code) }));
  if (!result.ok) return response.status(422).json({ issues: result.issues, input: result.input });
  // A repeat of an accepted record (same id and digest) stores nothing.
  if (!result.duplicate) stored.set(result.record.id, result.record.integrity.digest);
  response.json({ stored: result.record.id, duplicate: result.duplicate });
});
// #endregion

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  app.listen(8091, "127.0.0.1", () => console.log("http://127.0.0.1:8091/"));
}
