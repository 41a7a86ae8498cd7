// Exercises the search page of a built site in headless Chromium:
//   node search.mjs <site URL ending in /> [whole|split]
// Types a name and expects its article, applies a topic filter, opens a shared search URL,
// and searches Korean text. `whole` (the default) expects the index inside filters.json, `split`
// expects only the typed word's shard to be fetched. Exits non-zero with a message on failure.
import { launchBrowser } from './browser.mjs';

const site = process.argv[2];
const mode = process.argv[3] || 'whole';
if (!site) {
  console.error('usage: node search.mjs <site URL>');
  process.exit(2);
}
const browser = await launchBrowser();
const failures = [];
function check(condition, message) {
  if (!condition) failures.push(message);
}
try {
  const page = await browser.newPage();
  const fetched = [];
  page.on('request', (r) => { if (r.url().includes('/search/')) fetched.push(r.url()); });

  // Type a name: the article about it appears, with the name marked in its passage.
  await page.goto(site + 'search/');
  await page.waitForSelector('#search-form[data-ready="true"]');
  await page.fill('#search-q', 'Tillerson');
  await page.waitForFunction(() => document.querySelectorAll('.search-result .search-title').length >= 2);
  const titles = await page.$$eval('.search-result .search-title', (as) => as.map((a) => a.textContent));
  check(titles.some((t) => t.includes('Yun, Tillerson reaffirm')), `typing Tillerson lists the call article: ${titles}`);
  // The passage is cut from the article page, fetched after the result is listed.
  await page.waitForFunction(() => document.querySelectorAll('.search-passage mark').length >= 2);
  const marked = await page.$$eval('.search-passage mark', (ms) => ms.map((m) => m.textContent.toLowerCase()));
  const passages = await page.$$eval('.search-passage', (ps) => ps.map((p) => p.textContent));
  check(passages.some((p) => p.includes('ironclad commitment')), `a passage shows the body: ${passages}`);
  check(passages.every((p) => !p.includes('since 2009') && !p.includes('25 minutes')),
    `passages leave out the annotation notes and footnotes: ${passages}`);
  check(marked.includes('tillerson'), `the passage marks the name: ${marked}`);
  check(page.url().includes('q=Tillerson'), `the address keeps the query: ${page.url()}`);
  const shards = fetched.filter((u) => u.includes('/search/index/'));
  if (mode === 'split') {
    check(shards.length > 0 && shards.every((u) => /\/index\/ti\.json$/.test(u)),
      `only the shard of the typed word is fetched: ${shards}`);
  } else {
    check(shards.length === 0 && fetched.some((u) => u.endsWith('/search/filters.json')),
      `the whole index comes with filters.json, no shard: ${fetched}`);
  }

  // Apply a filter: only the sanctions article is left.
  await page.selectOption('select[name="topic"]', 'sanctions');
  await page.waitForFunction(() => document.querySelectorAll('.search-result .search-title').length === 1);
  const filtered = await page.$$eval('.search-result .search-title', (as) => as.map((a) => a.textContent));
  check(filtered.length === 1 && filtered[0].includes('Security Council'), `the topic filter keeps one article: ${filtered}`);
  check(page.url().includes('topic=sanctions'), `the address keeps the filter: ${page.url()}`);

  // A shared address opens with its results, and the link leads to the article.
  const shared = await browser.newPage();
  await shared.goto(site + 'search/?q=tiller&topic=sanctions');
  await shared.waitForFunction(() => document.querySelectorAll('.search-result .search-title').length === 1);
  check(await shared.inputValue('#search-q') === 'tiller', 'a shared address fills the box');
  check(await shared.$eval('select[name="topic"]', (s) => s.value) === 'sanctions', 'a shared address sets the filter');
  await shared.click('.search-result .search-title');
  await shared.waitForLoadState();
  check(shared.url().endsWith('/articles/2017-09-12-sanctions-vote/'), `the result links to the article: ${shared.url()}`);

  // Korean: a name inside a compound and a filter alone.
  const korean = await browser.newPage();
  await korean.goto(site + 'search/?q=' + encodeURIComponent('한미동맹'));
  await korean.waitForFunction(() => document.querySelectorAll('.search-result .search-title').length === 1);
  const koreanTitle = await korean.$eval('.search-result .search-title', (a) => a.textContent);
  check(koreanTitle.includes('문재인'), `Korean text is found: ${koreanTitle}`);
  await korean.goto(site + 'search/?year=2017');
  await korean.waitForFunction(() => document.querySelectorAll('.search-result .search-title').length === 2);

  // The header box on any page leads to the search page with the query.
  const home = await browser.newPage();
  await home.goto(site);
  await home.fill('.site-search input[name="q"]', 'ironclad');
  await home.press('.site-search input[name="q"]', 'Enter');
  await home.waitForFunction(() => document.querySelectorAll('.search-result .search-title').length === 1);
  check(home.url().includes('/search/?q=ironclad'), `the header box opens the search page: ${home.url()}`);

  // On a phone, no page is wider than the screen: nothing to scroll sideways.
  const phone = await browser.newPage({ viewport: { width: 360, height: 740 } });
  for (const path of ['', 'search/?q=alliance', 'articles/2017-02-07-yun-tillerson/', 'actors/',
    'topics/', 'timeline/', 'book/']) {
    await phone.goto(site + path);
    if (path.startsWith('search/')) {
      await phone.waitForSelector('.search-result .search-title');
      // A filter list as long as a real book's: the example book files press releases under
      // "Ministry of Foreign Affairs of the Republic of Korea".
      await phone.$eval('select[name="outlet"]', (s) => {
        s.add(new Option('Ministry of Foreign Affairs of the Republic of Korea (12)', 'x'));
      });
    }
    const widths = await phone.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    check(widths[0] <= widths[1], `${path || 'home'} fits a 360px phone: ${widths[0]}px wide`);
  }
} catch (error) {
  failures.push(String(error && error.stack || error));
} finally {
  await browser.close();
}
if (failures.length) {
  console.error('search page failures:\n- ' + failures.join('\n- '));
  process.exit(1);
}
console.log('search page: all checks passed');
