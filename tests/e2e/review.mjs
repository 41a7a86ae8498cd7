// The review queue in a real browser: an article with open review items shows them in a banner
// in the preview, `/_review/` lists them with a link to the article, and closing an item (deleting
// it from `review:`) updates the open queue page by itself.
//
// Usage: node review.mjs BRIEFBOOK_BINARY BOOK_DIR [SCREENSHOT_DIR]   (run by `cargo test --test e2e`)
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fail, launchBrowser, startPreview, until } from "./preview.mjs";

const [binary, book, shots] = process.argv.slice(2);
const slug = "2017-05-10-moon-inaugurated";
const articleFile = join(book, "content/articles", `${slug}.md`);

const good = readFileSync(articleFile, "utf8");
const flagged = good.replace(
  "---\n\n",
  "review:\n  outlet: named only in the lead\n  date: only the month is known\n---\n\n",
);
writeFileSync(articleFile, flagged);

const { server, port } = await startPreview(binary, book);

const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`http://127.0.0.1:${port}/articles/${slug}/`);
  const banner = await until("the review banner", async () => {
    const box = await page.$(".briefbook-review");
    return box && (await box.textContent());
  });
  for (const expected of ["outlet: named only in the lead", "date: only the month is known"]) {
    if (!banner.includes(expected)) fail(`the banner lacks "${expected}": ${banner}`);
  }
  if (shots) await page.screenshot({ path: join(shots, "review-banner.png") });

  await page.goto(`http://127.0.0.1:${port}/_review/`);
  const listed = await page.textContent("main");
  if (!listed.includes("2 open item(s)")) fail(`the queue does not count two items: ${listed}`);
  if (shots) await page.screenshot({ path: join(shots, "review-queue.png"), fullPage: true });
  await page.waitForTimeout(300); // the live-reload stream connects
  writeFileSync(articleFile, flagged.replace("  date: only the month is known\n", ""));
  await until("the queue to drop the closed item", async () => {
    const text = await page.textContent("main");
    return text.includes("1 open item(s)") && !text.includes("only the month");
  });
  await page.click(`a[href="../articles/${slug}/"]`);
  await until("the article, from the queue's link", async () =>
    (await page.textContent("h1")).includes("Moon takes office"));
  console.log("e2e: review banner, queue, live update and link all work");
} finally {
  await browser.close();
  server.kill();
  writeFileSync(articleFile, good);
}
