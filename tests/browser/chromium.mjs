// Launches Debian's Chromium through playwright-core, with the flags this
// machine needs (root: no sandbox; no background traffic to outside hosts).
import { before, after } from "node:test";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { startServer } from "../../scripts/serve.mjs";

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

/**
 * One server and one Chromium for a test file: started before its tests,
 * closed after them, and no uncaught page error allowed in any page opened
 * with `page()`.
 */
export function harness({ port, testFiles = false }) {
  const state = { server: undefined, browser: undefined, errors: [] };
  before(async () => {
    state.server = await startServer({ port, testFiles });
    state.browser = await launch();
  });
  after(async () => {
    await state.browser?.close();
    state.server?.close();
    assert.deepEqual(state.errors.flat(), [], "uncaught page errors");
  });
  return {
    base: `http://127.0.0.1:${port}/`,
    get browser() {
      return state.browser;
    },
    /** A new page whose uncaught errors fail the file. */
    async page(contextOptions) {
      const context = await state.browser.newContext(contextOptions);
      const page = await context.newPage();
      state.errors.push(watchErrors(page));
      return page;
    },
  };
}
