// Live reload in a real browser: opens an article served by `briefbook serve --watch` in headless
// Chromium, edits the article and sees the page reload with the new text at the same scroll
// position, sees the error overlay after a broken edit and its disappearance after the fix, and
// sees a stylesheet change applied without a reload.
//
// Usage: node live_reload.mjs BRIEFBOOK_BINARY BOOK_DIR   (run by `cargo test --test e2e`)
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fail, launchBrowser, startPreview, until } from "./preview.mjs";

const [binary, book] = process.argv.slice(2);
const slug = "2017-05-10-moon-inaugurated";
const articleFile = join(book, "content/articles", `${slug}.md`);

const { server, port } = await startPreview(binary, book);

const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 390, height: 500 } });
  await page.goto(`http://127.0.0.1:${port}/articles/${slug}/`);
  if (!(await page.textContent("h1")).includes("Moon takes office")) fail("wrong first page");
  // Wait until the live-reload stream is connected before editing.
  await page.waitForTimeout(300);
  await page.evaluate(() => window.scrollTo(0, 120));
  const scrolled = await page.evaluate(() => window.scrollY);

  const good = readFileSync(articleFile, "utf8");
  writeFileSync(articleFile, good.replace("Moon takes office", "Moon sworn in"));
  await until("the reloaded page with the new title", async () =>
    (await page.textContent("h1")).includes("Moon sworn in"));
  await until("the scroll position to be restored", async () =>
    Math.abs((await page.evaluate(() => window.scrollY)) - scrolled) <= 2);

  writeFileSync(articleFile, good.replace("date: 2017-05-10", "date: [2017"));
  const message = await until("the error overlay", async () => {
    const overlay = await page.$("#briefbook-overlay");
    return overlay && (await overlay.textContent());
  });
  if (!message.includes(`${slug}.md:`)) fail(`the overlay does not name the file: ${message}`);
  if (process.env.E2E_SCREENSHOT) await page.screenshot({ path: process.env.E2E_SCREENSHOT });
  // The overlay shows on every page, also one opened after the error.
  const other = await browser.newPage();
  await other.goto(`http://127.0.0.1:${port}/timeline/`);
  await until("the overlay on another page", async () => await other.$("#briefbook-overlay"));
  await other.close();

  writeFileSync(articleFile, good.replace("Moon takes office", "Moon in office"));
  await until("the fixed page without the overlay", async () =>
    (await page.textContent("h1")).includes("Moon in office") &&
    !(await page.$("#briefbook-overlay")));

  await page.evaluate(() => { window.notReloaded = true; });
  // The book's theme/style.css exists from the start (see tests/e2e.rs): editing it is CSS only.
  const stylesheet = join(book, "theme/style.css");
  writeFileSync(stylesheet, readFileSync(stylesheet, "utf8") + "\nbody { background: rgb(1, 2, 3) !important; }\n");
  await until("the new stylesheet", async () =>
    (await page.evaluate(() => getComputedStyle(document.body).backgroundColor)) === "rgb(1, 2, 3)");
  if (!(await page.evaluate(() => window.notReloaded))) fail("a stylesheet change reloaded the page");
  console.log("e2e: reload, scroll, overlay and stylesheet swap all work");
} finally {
  await browser.close();
  server.kill();
}
