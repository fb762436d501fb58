// The browsers beside Chromium, each through the maintained driver that works with Debian's build: Firefox ESR
// through puppeteer-core over WebDriver BiDi (Playwright's Firefox needs its own patched build, and its BiDi
// channel stops at a command ESR lacks), WebKitGTK through Selenium and WebKitWebDriver (WebDriver classic; it has
// no BiDi). Both are given as one small tab: go, run a function in the page, wait for one, click as a pointer
// does, choose files, and the files the browser saved.

import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";

import puppeteer from "puppeteer-core";
import { Builder, By } from "selenium-webdriver";

/** One generous limit for anything the tests wait for: Pyodide compiles about 10 MB of WebAssembly. */
export const TIMEOUT_MS = 90_000;
const VIEW = { width: 1280, height: 800 };

/** The media types the page saves, which Firefox may then write without asking. */
const SAVED_TYPES = ["application/json", "text/csv",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document"];

/**
 * Open a browser whose downloads land in ``downloads``, with the cookie that asks the test server for the
 * error recorder (conftest.py) set on ``site``.
 * @param {"firefox"|"webkit"} name
 * @param {{site: string, downloads: string, firefox: string, minibrowser: string, cookie: string}} o
 */
export async function openBrowser(name, o) {
  const tab = name === "firefox" ? await firefoxTab(o) : await webkitTab(o);
  await tab.goto(new URL("404.html", o.site).href);
  await tab.run((cookie) => { document.cookie = `${cookie}; path=/`; }, o.cookie);
  return tab;
}

async function firefoxTab({ downloads, firefox }) {
  const browser = await puppeteer.launch({
    browser: "firefox", executablePath: firefox, headless: true, defaultViewport: VIEW,
    extraPrefsFirefox: {
      "browser.download.dir": downloads, "browser.download.folderList": 2, "browser.download.useDownloadDir": true,
      "browser.download.always_ask_before_handling_new_types": false,
      "browser.helperApps.neverAsk.saveToDisk": SAVED_TYPES.join(","),
    },
  });
  const page = await browser.newPage();
  return {
    goto: (url) => page.goto(url),
    reload: () => page.reload(),
    back: () => page.goBack(),
    run: (fn, ...args) => page.evaluate(fn, ...args),
    until: async (fn, ...args) => (await page.waitForFunction(fn, { timeout: TIMEOUT_MS, polling: 100 }, ...args)).jsonValue(),
    async click(selector) {
      const $el = await page.waitForSelector(selector, { timeout: TIMEOUT_MS });
      await $el.evaluate(($e) => $e.scrollIntoView({ block: "center" }));
      await $el.click(); // the pointer moves to its middle, presses and releases
    },
    async choose(selector, paths) {
      await (await page.$(selector)).uploadFile(...paths);
    },
    async type(selector, text) {
      await this.click(selector);
      await page.keyboard.type(text);
    },
    downloads: () => saved(downloads),
    close: () => browser.close(),
  };
}

async function webkitTab({ downloads, minibrowser }) {
  const port = await freePort();
  // WebKitGTK saves a download in $HOME when the user has no Downloads folder: a home of its own is the folder.
  const service = spawn("WebKitWebDriver", [`--port=${port}`], { stdio: "ignore", env: { ...process.env, HOME: downloads } });
  const driver = await connect(port, minibrowser);
  await driver.manage().setTimeouts({ script: TIMEOUT_MS, pageLoad: TIMEOUT_MS });
  await driver.manage().window().setRect(VIEW);
  const call = (fn, args) => driver.executeScript(`return (${fn}).apply(null, arguments)`, ...args);
  return {
    goto: (url) => driver.get(url),
    reload: () => driver.navigate().refresh(),
    back: () => driver.navigate().back(),
    run: (fn, ...args) => call(fn, args),
    until: (fn, ...args) => driver.wait(() => call(fn, args), TIMEOUT_MS, `waited ${TIMEOUT_MS} ms for ${fn}`),
    async click(selector) {
      // WebKitWebDriver's Element Click needs the target in view: scroll it there, then a pointer's press and
      // release at its middle.
      const $el = await driver.wait(() => driver.findElement(By.css(selector)).catch(() => null), TIMEOUT_MS);
      await driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", $el);
      await driver.actions().move({ origin: $el }).press().release().perform();
    },
    async choose(selector, paths) {
      await driver.findElement(By.css(selector)).sendKeys(paths.join("\n"));
    },
    async type(selector, text) {
      await this.click(selector);
      await driver.actions().sendKeys(text).perform();
    },
    downloads: () => saved(downloads),
    async close() {
      try {
        await driver.quit();
      } finally {
        service.kill();
      }
    },
  };
}

async function connect(port, minibrowser) {
  const capabilities = { browserName: "MiniBrowser",
    "webkitgtk:browserOptions": { binary: minibrowser, args: ["--automation"] } };
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    try {
      return await new Builder().usingServer(`http://127.0.0.1:${port}`).withCapabilities(capabilities).build();
    } catch (problem) {
      // The driver's port opens a moment after it starts.
      if (Date.now() > deadline || !/ECONNREFUSED/.test(String(problem))) throw problem;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    }).on("error", reject);
  });
}

/** The files the browser finished saving (not its partial ones), by name. */
function saved(folder) {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isFile() && !/\.(part|download|wkdownload)$/.test(entry.name))
    .map((entry) => join(folder, entry.name));
}
