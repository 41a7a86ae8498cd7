// Accessibility of the main page kinds by axe-core (WCAG 2.0/2.1, levels A and AA), in the light
// and the dark colour scheme, in headless Chromium:
//   node axe.mjs <site URL ending in /> <path>...
// Exits non-zero listing every violation with the elements it concerns.
import { withBrowser } from './browser.mjs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');
const [site, ...paths] = process.argv.slice(2);
if (!site || !paths.length) {
  console.error('usage: node axe.mjs <site URL> <path>...');
  process.exit(2);
}
let checked = 0;
await withBrowser('axe-core violations', async (browser, failures) => {
  for (const scheme of ['light', 'dark']) {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, colorScheme: scheme });
    for (const path of paths) {
      await page.goto(site + path);
      if (path.startsWith('search/')) await page.waitForSelector('.search-passage mark', { timeout: 10000 });
      await page.addScriptTag({ path: axePath });
      const result = await page.evaluate(() => window.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      }));
      checked += result.passes.length;
      for (const v of result.violations) {
        const where = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ');
        failures.push(`${scheme} ${path || '/'}: ${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} element(s): ${where}`);
      }
    }
    await page.close();
  }
});
console.log(`axe-core: no violation on ${paths.length} pages in both schemes (${checked} rules passed)`);
