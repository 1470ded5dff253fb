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

/** Starts the server; `testFiles` also serves tests/js/ and tests/browser/pages/ (for the browser suites). */
export function startServer({ port: listenPort = port, testFiles = false } = {}) {
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", `http://${host}`);
    let file = fileFor(url.pathname, testFiles);
    if (file && url.pathname.endsWith("/") && url.pathname !== "/") file = join(file, "index.html");
    try {
      if (!file) throw new Error("outside");
      const body = await readFile(file);
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

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await startServer();
  console.log(`Demo: http://${host}:${port}/  (Ctrl+C stops it)`);
}
