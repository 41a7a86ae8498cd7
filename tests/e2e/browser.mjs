// Headless Chromium as every browser test launches it: the CHROMIUM binary, else Debian's, quiet
// and with a fresh first run.
import { chromium } from "playwright-core";

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--no-first-run"],
  });
}

// Runs `check(browser, failures)` in a fresh browser and closes it whatever happens. An error
// thrown is one more failure; any failure is printed under `heading` and exits non-zero.
export async function withBrowser(heading, check) {
  const browser = await launchBrowser();
  const failures = [];
  try {
    await check(browser, failures);
  } catch (error) {
    failures.push(String(error && error.stack || error));
  } finally {
    await browser.close();
  }
  if (failures.length) {
    console.error(`${heading}:\n- ${failures.join('\n- ')}`);
    process.exit(1);
  }
}
