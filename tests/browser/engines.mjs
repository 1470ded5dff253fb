// The three browser engines a portal's officers use, each behind the same
// small "officer" interface, so one scenario runs in all of them:
//   Chromium  Debian's chromium through playwright-core (chromium.mjs)
//   Firefox   Debian's firefox-esr through puppeteer-core over WebDriver BiDi
//   WebKit    Debian's WebKitGTK MiniBrowser through its WebKitWebDriver
//             (selenium-webdriver), on a virtual display (Xvfb)
// scripts/setup.sh browser installs all three.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import puppeteer from "puppeteer-core";
import { Builder, By, Key } from "selenium-webdriver";
import { launch as launchChromium } from "./chromium.mjs";

const TIMEOUT_MS = 30_000;
const FIREFOX = process.env.FIREFOX ?? "/usr/bin/firefox-esr";
const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER ?? "/usr/bin/WebKitWebDriver";
const MINIBROWSER = process.env.MINIBROWSER ?? "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";

/** Sets a date control's value as a date picker does (typing into one is locale-specific per engine). */
function setDateInPage({ selector, value }) {
  const element = document.querySelector(selector);
  element.value = value;
  element.dispatchEvent(new Event("input", { bubbles: true }));
  element.dispatchEvent(new Event("change", { bubbles: true }));
}

/**
 * The officer interface over a page of playwright-core or puppeteer-core
 * (their page APIs agree but for typing and choosing an option).
 */
function pageOfficer(browser, page, { type, choose, doubleClick }) {
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  return {
    errors,
    goto: (url) => page.goto(url),
    waitFor: (selector) => page.waitForSelector(selector, { timeout: TIMEOUT_MS }),
    type,
    choose,
    click: (selector) => page.click(selector),
    doubleClick,
    back: () => page.goBack(),
    press: (key) => page.keyboard.press(key),
    setDate: (selector, value) => page.evaluate(setDateInPage, { selector, value }),
    read: (fn, arg) => page.evaluate(fn, arg),
    close: () => browser.close(),
  };
}

/** Chromium: playwright-core. */
async function chromium() {
  const browser = await launchChromium();
  const page = await browser.newPage();
  return pageOfficer(browser, page, {
    type: (selector, text) => page.locator(selector).pressSequentially(text),
    choose: (selector, value) => page.selectOption(selector, value),
    doubleClick: (selector) => page.dblclick(selector),
  });
}

/** Firefox: puppeteer-core over WebDriver BiDi. */
async function firefox() {
  const browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: FIREFOX,
    headless: true,
    // No traffic to outside hosts (this machine's network is closed).
    extraPrefsFirefox: { "network.dns.disableIPv6": true, "app.update.enabled": false, "browser.shell.checkDefaultBrowser": false },
  });
  const page = await browser.newPage();
  return pageOfficer(browser, page, {
    type: (selector, text) => page.type(selector, text),
    choose: (selector, value) => page.select(selector, value),
    doubleClick: (selector) => page.click(selector, { count: 2 }),
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/** Starts Xvfb on a free display; resolves with the process and its DISPLAY. */
function startDisplay() {
  return new Promise((resolve, reject) => {
    const xvfb = spawn("Xvfb", ["-displayfd", "3", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"], {
      stdio: ["ignore", "ignore", "ignore", "pipe"],
    });
    let text = "";
    xvfb.stdio[3].on("data", (chunk) => {
      text += chunk;
      if (text.includes("\n")) resolve({ process: xvfb, display: `:${text.trim()}` });
    });
    xvfb.on("error", reject);
    xvfb.on("exit", (code) => reject(new Error(`Xvfb exited with ${code}`)));
  });
}

/** Waits until a WebDriver server answers /status. */
async function driverReady(url) {
  const deadline = Date.now() + TIMEOUT_MS;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/status`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no WebDriver at ${url}`);
}

const SELENIUM_KEYS = { Tab: Key.TAB, Enter: Key.ENTER, Space: Key.SPACE, Backspace: Key.BACK_SPACE, ArrowDown: Key.ARROW_DOWN };

/** WebKit: the officer interface over WebKitWebDriver (classic WebDriver). */
async function webkit() {
  const display = await startDisplay();
  const port = await freePort();
  const driverProcess = spawn(WEBKIT_DRIVER, [`--port=${port}`], { stdio: "ignore", env: { ...process.env, DISPLAY: display.display } });
  const url = `http://127.0.0.1:${port}`;
  let driver;
  try {
    await driverReady(url);
    driver = await new Builder().usingServer(url).withCapabilities({
      browserName: "MiniBrowser",
      "webkitgtk:browserOptions": { binary: MINIBROWSER, args: ["--automation"] },
    }).build();
  } catch (error) {
    driverProcess.kill();
    display.process.kill();
    throw error;
  }
  // While a submit replaces the page, WebKit may answer a lookup with "no
  // such frame": that is the page still loading, so the lookup is repeated.
  const find = (selector) =>
    driver.wait(async () => {
      try {
        const [element] = await driver.findElements(By.css(selector));
        return element ?? null;
      } catch (error) {
        if (error?.name === "NoSuchFrameError" || error?.name === "StaleElementReferenceError") return null;
        throw error;
      }
    }, TIMEOUT_MS, `no ${selector} within ${TIMEOUT_MS} ms`);
  // A function's source and its argument run in the page; the result comes back as JSON.
  const run = (fn, arg) => driver.executeScript(`return (${fn})(arguments[0])`, arg);
  return {
    errors: [],
    goto: (address) => driver.get(address),
    waitFor: (selector) => find(selector),
    // A line break is the Enter key, as an officer types it.
    type: async (selector, text) => (await find(selector)).sendKeys(text.replaceAll("\n", Key.ENTER)),
    choose: async (selector, value) => (await find(`${selector} option[value="${value}"]`)).click(),
    click: async (selector) => (await find(selector)).click(),
    // WebDriver actions do not scroll: the button is brought into view first,
    // as an officer would scroll to it.
    doubleClick: async (selector) => {
      const element = await find(selector);
      await driver.executeScript("arguments[0].scrollIntoView({ block: 'center' })", element);
      await driver.actions().doubleClick(element).perform();
    },
    back: () => driver.navigate().back(),
    press: (key) => driver.actions().sendKeys(SELENIUM_KEYS[key] ?? key).perform(),
    setDate: (selector, value) => run(setDateInPage, { selector, value }),
    read: (fn, arg) => run(fn, arg),
    close: async () => {
      try {
        await driver.quit();
      } finally {
        driverProcess.kill();
        display.process.kill();
      }
    },
  };
}

/** Every engine: its name and how to open one (no engine is skipped: setup installs all three). */
export const engines = [
  { name: "Chromium", open: chromium },
  { name: "Firefox", open: firefox },
  { name: "WebKit", open: webkit },
];
