// Reads a built site from the disk (file://) in headless Chromium, as a reader does with a
// copied folder: node file_links.mjs <file:// URL of the output folder, ending in />
// Follows the main links (they must open pages, not folder listings), submits the header search
// and expects the search page to say how to serve the site. Exits non-zero on failure.
import { launchBrowser } from './browser.mjs';

const site = process.argv[2];
if (!site || !site.startsWith('file://')) {
  console.error('usage: node file_links.mjs <file:// URL of the site>');
  process.exit(2);
}
const browser = await launchBrowser();
const failures = [];
function check(condition, message) {
  if (!condition) failures.push(message);
}
// Follows the first link matching `selector` and returns the heading of the page it opens.
async function follow(page, selector) {
  await Promise.all([page.waitForEvent('load', { timeout: 10000 }), page.click(selector, { timeout: 10000 })]);
  return (await page.textContent('h1').catch(() => '')) || '';
}
try {
  const page = await browser.newPage();
  await page.goto(site + 'index.html');

  const timeline = await follow(page, '.site-nav a[href*="timeline"]');
  check(page.url().endsWith('/timeline/index.html'), `the nav opens the timeline page: ${page.url()}`);
  check(timeline.startsWith('Timeline'), `the timeline page shows, not a folder listing: ${timeline}`);

  const article = await follow(page, 'main a[href*="articles/"]');
  check(/\/articles\/[^/]+\/index\.html$/.test(page.url()), `a timeline entry opens its article: ${page.url()}`);
  check(await page.$('#article-title') !== null, `the article page shows: ${article}`);

  const actor = await follow(page, '.article-terms a.tag.actor');
  check(/\/actors\/[^/]+\/index\.html$/.test(page.url()), `an actor tag opens the actor's page: ${page.url()}`);
  check(actor.length > 0 && !actor.startsWith('Index of'), `the actor page shows: ${actor}`);

  const bare = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href'))
    .filter((h) => !/^([a-z]+:|\/|#)/i.test(h) && /^[^?#]*\/([?#]|$)/.test(h)));
  check(bare.length === 0, `no folder link is left on the actor page: ${bare.slice(0, 5)}`);

  const home = await follow(page, '.site-title');
  check(page.url().endsWith('/index.html') && !page.url().includes('/actors/'), `the title link opens home: ${page.url()}`);
  check(home.length > 0 && !home.startsWith('Index of'), `the home page shows: ${home}`);

  // A folder link with a fragment keeps it.
  await page.goto(site + 'articles/2017-09-12-sanctions-vote/index.html');
  const jumps = await page.$$eval('a[href*="#article-title"]', (as) => as.map((a) => a.getAttribute('href')));
  check(jumps.includes('../2017-02-07-yun-tillerson/index.html#article-title'),
    `a link to a heading of another article keeps its fragment: ${jumps}`);
  await page.goto(site + 'index.html');

  // The header search opens the search page, which says why it cannot search from the disk.
  await page.fill('#site-search-q', 'Tillerson');
  await Promise.all([page.waitForEvent('load'), page.press('#site-search-q', 'Enter')]);
  check(/\/search\/index\.html\?q=Tillerson$/.test(page.url()), `the header search opens the search page: ${page.url()}`);
  await page.waitForFunction(() => /served over http/.test(document.getElementById('search-status').textContent), null, { timeout: 5000 })
    .catch(() => {});
  const status = await page.textContent('#search-status');
  check(/served over http/.test(status), `the search page says how to search: ${status}`);
} catch (error) {
  failures.push(`stopped at ${failures.length ? 'the first failure above' : 'a step'}: ${error.message.split('\n')[0]}`);
} finally {
  await browser.close();
}
if (failures.length) {
  console.error(failures.join('\n'));
  process.exit(1);
}
console.log('file:// reading works');
