// A tiny portal on Node's own `http`: the page and its module, the package
// directory as it is under /static/signal-indicators/ (the .wasm sent as
// `application/wasm`, which streaming compilation requires), a strict CSP,
// and every post of the signal form checked with verifySubmission
// (SPEC §8.3). Run it with
//   node examples/script-tag/server.mjs      (http://127.0.0.1:8090)
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { dirname, extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { verifySubmission } from "@ind/signal-indicators";
import { fieldMap } from "./public/field-map.js";

const pages = join(dirname(fileURLToPath(import.meta.url)), "public");
const packageDir = dirname(fileURLToPath(import.meta.resolve("@ind/signal-indicators/package.json")));
const STATIC = "/static/signal-indicators/";
// #region types
const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
};
// WebAssembly needs 'wasm-unsafe-eval'; never 'unsafe-eval'.
const csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
// #endregion
const MAX_BODY_BYTES = 2 * 1024 * 1024;

// #region handle-post
// Accepted signals: record id → digest. In a real portal a table with a
// unique key on the record id, storing the digest beside it.
const stored = new Map();

/** Checks one urlencoded post body; stores an accepted record once. */
export function handlePost(bodyText, now) {
  const body = new URLSearchParams(bodyText);
  // A draft (the "Opslaan als concept" button, `formnovalidate`): kept as it
  // is, unchecked; its record field is posted empty.
  if (body.get("actie") === "concept") return { draft: true };
  const result = verifySubmission(body, {
    fieldMap,
    // The stored digest: the same record posted again (the officer went
    // back and saved unchanged input) is `duplicate`, another one a replay.
    seen: (id) => stored.get(id) ?? false,
    now, // default: the current instant
  });
  if (result.ok && !result.duplicate) stored.set(result.record.id, result.record.integrity.digest);
  return result;
}
// #endregion

function receive(request, response) {
  const chunks = [];
  let size = 0;
  request.on("data", (chunk) => {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) request.destroy();
    else chunks.push(chunk);
  });
  request.on("end", () => {
    const result = handlePost(Buffer.concat(chunks).toString("utf8"));
    if (result.draft) {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ draft: true }));
      return;
    }
    // Log what an audit needs, never the officer's text: id, case, verdict, codes.
    console.log(JSON.stringify({ id: result.record?.id ?? null, case: result.input.caseNumber ?? null, ok: result.ok, duplicate: result.duplicate, codes: result.issues.map((i) => i.code) }));
    // A refused post goes back to the form with its issues (re-render it with
    // attach's `initial: result.input`); an accepted record is stored once,
    // a repeat shows the stored signal.
    response.writeHead(result.ok ? 200 : 422, { "content-type": "application/json" });
    response.end(JSON.stringify(result.ok ? { stored: result.record.id, duplicate: result.duplicate } : { issues: result.issues, input: result.input }));
  });
}

/** A file under `base`, or null for a path that leaves it. */
function fileUnder(base, path) {
  const file = normalize(join(base, decodeURIComponent(path)));
  return file.startsWith(base + sep) ? file : null;
}

/** The portal: pages from `root` (default: public/), the package under /static/signal-indicators/. */
export function portal({ root = pages } = {}) {
  return createServer(async (request, response) => {
    const { pathname } = new URL(request.url ?? "/", "http://127.0.0.1");
    if (request.method === "POST" && pathname === "/signaal") return receive(request, response);
    const file = pathname.startsWith(STATIC)
      ? fileUnder(packageDir, pathname.slice(STATIC.length))
      : fileUnder(root, pathname === "/" ? "index.html" : pathname.slice(1));
    try {
      if (!file) throw new Error("outside");
      const body = await readFile(file);
      response.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream", "content-security-policy": csp });
      response.end(body);
    } catch {
      response.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found");
    }
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  portal().listen(8090, "127.0.0.1", () => console.log("http://127.0.0.1:8090/"));
}
