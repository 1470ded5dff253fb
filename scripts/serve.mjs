// Serves the demo on http://127.0.0.1:8080 (PORT to change): www/ at "/",
// the built package at "/pkg/". Loopback only; no request leaves the machine.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { join, normalize, extname, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const port = Number(process.env.PORT ?? 8080);
const host = "127.0.0.1";
const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".woff2": "font/woff2",
};
// The strict policy a portal page would send; WebAssembly needs 'wasm-unsafe-eval'.
const csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

/** Maps a URL path to a file under www/ or pkg/, refusing anything outside them. */
function fileFor(pathname, testFiles) {
  const [base, rest] = testFiles && pathname.startsWith("/tests/js/")
    ? [join(root, "tests", "js"), pathname.slice(10)]
    : testFiles && pathname.startsWith("/tests/data/")
      ? [join(root, "tests", "data"), pathname.slice(12)]
    : testFiles && pathname.startsWith("/tests/browser/pages/")
      ? [join(root, "tests", "browser", "pages"), pathname.slice(21)]
    : testFiles && pathname.startsWith("/examples/")
      ? [join(root, "examples"), pathname.slice(10)]
      : pathname.startsWith("/pkg/")
    ? [join(root, "pkg"), pathname.slice(5)]
    : pathname.startsWith("/node_modules/")
      ? [join(root, "node_modules"), pathname.slice(14)]
      : [join(root, "www"), pathname.slice(1) || "index.html"];
  const file = normalize(join(base, decodeURIComponent(rest)));
  return file.startsWith(base) ? file : null;
}

/**
 * Starts the server; `testFiles` also serves tests/js/, tests/data/ and
 * tests/browser/pages/ (for the browser suites); `blockModule` answers 404
 * for every .wasm, as a portal behind a filter that strips it would (the
 * officer's path without the module, in any browser).
 */
export function startServer({ port: listenPort = port, testFiles = false, blockModule = false } = {}) {
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", `http://${host}`);
    if (request.method === "POST" && url.pathname === "/signaal") {
      // A slow answer (test servers, `?slow`) keeps a second click within the first post.
      if (testFiles && url.searchParams.has("slow")) await new Promise((resolve) => setTimeout(resolve, 400));
      // A 204 answer (test servers, `?nocontent`): the browser stays on the form.
      if (testFiles && url.searchParams.has("nocontent")) {
        received.push({ action: null, record: new URLSearchParams(await body(request)).get("signal_record") });
        response.writeHead(204).end();
        return;
      }
      await receiveSignal(request, response);
      return;
    }
    if (testFiles && url.pathname === "/received") {
      response.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
      response.end(JSON.stringify(received));
      return;
    }
    let file = blockModule && url.pathname.endsWith(".wasm") ? null : fileFor(url.pathname, testFiles);
    if (file && url.pathname.endsWith("/") && url.pathname !== "/") file = join(file, "index.html");
    try {
      if (!file) throw new Error("outside");
      let body = await readFile(file);
      if (file === join(root, "www", "index.html")) body = await withPicker(body, url.searchParams.get("lang") === "en" ? "en" : "nl");
      // The test portal page with the picker rendered here (`?picker=server`),
      // or `?cacheable`, is sent so the browser may keep it in its history, as
      // most portal pages are: going back then restores what the officer entered.
      const hostForm = file === join(root, "tests", "browser", "pages", "host-form.html");
      const serverPicker = hostForm && url.searchParams.get("picker") === "server";
      const portalPage = serverPicker || (hostForm && url.searchParams.has("cacheable"));
      if (serverPicker) body = await withPicker(body, "nl", '<div id="indicators"></div>');
      response.writeHead(200, {
        "content-type": types[extname(file)] ?? "application/octet-stream",
        "content-security-policy": csp,
        "x-content-type-options": "nosniff",
        "cache-control": portalPage ? "no-cache" : "no-store",
      });
      response.end(body);
    } catch {
      response.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
      response.end("not found");
    }
  });
  return new Promise((resolve) => server.listen(listenPort, host, () => resolve(server)));
}

/**
 * The portal page with the indicator picker rendered on the server
 * (renderPicker): without the module an officer can still tick, grade and
 * post indicators; with it, attach adopts these controls.
 */
async function withPicker(page, locale, container = '<div id="indicatoren"></div>') {
  const { renderPicker } = await import("../pkg/node.mjs");
  return Buffer.from(page.toString("utf8").replace(container, `${container.slice(0, -6)}${renderPicker({ locale })}</div>`));
}

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Reads a request body, at most 8 MiB. */
async function body(request) {
  const chunks = [];
  let size = 0;
  for await (const chunk of request) {
    size += chunk.length;
    if (size > 8 * 1024 * 1024) throw new Error("too large");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * The demo's store of accepted signals: record id → digest, as a database
 * table with a unique key on the id would keep them. A repeat of an
 * accepted record (the same id and digest: the officer pressed save again
 * after going back) is recognised and stored nothing; another record under
 * a known id is a replay.
 */
const stored = new Map();

/** Every post this server received, in order (test servers show them at /received). */
const received = [];

/**
 * The portal's server side: a draft is kept as it is (no checks, no record);
 * otherwise it re-verifies the posted record with the same engine (Node
 * build), or rebuilds the input from a plain post when the page had no
 * JavaScript, and shows what it received.
 */
async function receiveSignal(request, response) {
  const { verifySubmission } = await import("../pkg/node.mjs");
  const { fieldMap } = await import("../www/field-map.js");
  let html;
  try {
    const form = new URLSearchParams(await body(request));
    received.push({ action: form.get("actie"), record: form.get("signal_record") });
    if (form.get("actie") === "concept") {
      // A draft: the record field is posted empty; nothing is checked yet.
      response.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-security-policy": csp });
      response.end(`<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Concept — IND zaakportaal (demo)</title>
        <link rel="stylesheet" href="/demo.css"></head><body><main class="portal-main"><h1>Concept opgeslagen</h1>
        <p id="verdict">Concept opgeslagen, nog niet gecontroleerd en zonder record.</p><p><a href="/">Terug</a></p></main></body></html>`);
      return;
    }
    const result = verifySubmission(form, { fieldMap, seen: (id) => stored.get(id) ?? false });
    if (result.ok && !result.duplicate) stored.set(result.record.id, result.record.integrity.digest);
    const issues = `<ul id="issues">${result.issues.map((i) => `<li>${escape(i.path)} ${escape(i.code)}: ${escape(i.message)}</li>`).join("")}</ul>`;
    if (form.get("signal_record")) {
      const record = JSON.parse(form.get("signal_record"));
      const verdict = result.duplicate
        ? "Dit signaal was al opgeslagen; er is niets opnieuw opgeslagen."
        : result.ok ? "Record geverifieerd door de server." : "Record NIET geverifieerd.";
      html = `<h1>Signaal ontvangen</h1>
        <p id="verdict">${verdict}</p>${issues}
        <h2>Record</h2><pre id="record" tabindex="0">${escape(JSON.stringify(record, null, 2))}</pre>`;
    } else {
      html = `<h1>Formulier ontvangen zonder record</h1>
        <p id="verdict">De pagina had geen JavaScript; de server bouwde de invoer opnieuw op (${result.ok ? "geldig, record gebouwd door de server" : "ongeldig"}).</p>${issues}
        <h2>Ontvangen invoer</h2><pre id="input" tabindex="0">${escape(JSON.stringify(result.input, null, 2))}</pre>
        ${result.ok ? `<h2>Record</h2><pre id="record" tabindex="0">${escape(JSON.stringify(result.record, null, 2))}</pre>` : ""}`;
    }
  } catch (error) {
    html = `<h1>Ongeldige inzending</h1><p id="verdict">${escape(error.message)}</p>`;
  }
  response.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-security-policy": csp });
  response.end(`<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Ontvangen — IND zaakportaal (demo)</title>
    <link rel="stylesheet" href="/demo.css"></head><body><main class="portal-main">${html}<p><a href="/">Terug</a></p></main></body></html>`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await startServer();
  console.log(`Demo: http://${host}:${port}/  (Ctrl+C stops it)`);
}
