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
      await receiveSignal(request, response);
      return;
    }
    let file = blockModule && url.pathname.endsWith(".wasm") ? null : fileFor(url.pathname, testFiles);
    if (file && url.pathname.endsWith("/") && url.pathname !== "/") file = join(file, "index.html");
    try {
      if (!file) throw new Error("outside");
      let body = await readFile(file);
      if (file === join(root, "www", "index.html")) body = await withPicker(body, url.searchParams.get("lang") === "en" ? "en" : "nl");
      response.writeHead(200, {
        "content-type": types[extname(file)] ?? "application/octet-stream",
        "content-security-policy": csp,
        "x-content-type-options": "nosniff",
        "cache-control": "no-store",
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
async function withPicker(page, locale) {
  const { renderPicker } = await import("../pkg/node.mjs");
  return Buffer.from(page.toString("utf8").replace('<div id="indicatoren"></div>', `<div id="indicatoren">${renderPicker({ locale })}</div>`));
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
 * The portal's server side: re-verifies the posted record with the same
 * engine (Node build), or rebuilds the input from a plain post when the page
 * had no JavaScript, and shows what it received.
 */
async function receiveSignal(request, response) {
  const { verifySubmission } = await import("../pkg/node.mjs");
  const { fieldMap } = await import("../www/field-map.js");
  let html;
  try {
    const form = new URLSearchParams(await body(request));
    const result = verifySubmission(form, { fieldMap });
    const issues = `<ul id="issues">${result.issues.map((i) => `<li>${escape(i.path)} ${escape(i.code)}: ${escape(i.message)}</li>`).join("")}</ul>`;
    if (form.get("signal_record")) {
      const record = JSON.parse(form.get("signal_record"));
      html = `<h1>Signaal ontvangen</h1>
        <p id="verdict">${result.ok ? "Record geverifieerd door de server." : "Record NIET geverifieerd."}</p>${issues}
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
