// Launches Debian's Chromium through playwright-core, with the flags this
// machine needs (root: no sandbox; no background traffic to outside hosts).
import { chromium } from "playwright-core";

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    ],
  });
}

/** Records every request that does not go to 127.0.0.1. */
export function watchRequests(page) {
  const outside = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.protocol !== "data:" && url.protocol !== "blob:" && url.hostname !== "127.0.0.1") outside.push(request.url());
  });
  return outside;
}

/** Records uncaught page errors (a trapped WebAssembly instance shows up here). */
export function watchErrors(page) {
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}
