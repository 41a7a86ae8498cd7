// Ranking of the search page, on the book tests/fixtures/search-rank (served at the URL given):
//   node search_rank.mjs <site URL ending in /> [whole|split]
// Each query's expected order is written below: a word in the headline ranks above the same
// word in the names an article is filed under or in its body; articles that tie come newest
// first, undated last; a phrase in a headline or summary lifts its article; Korean is ranked
// like the rest; a misspelt word is searched as the nearest word of the index, and the page
// says so; a result found through its names says why; filters count the results.
import { launchBrowser } from './browser.mjs';

const site = process.argv[2];
// A split index (a big book's) has no facet lists at hand to count the filters with.
const mode = process.argv[3] || 'whole';
if (!site) {
  console.error('usage: node search_rank.mjs <site URL>');
  process.exit(2);
}
const browser = await launchBrowser();
const failures = [];
function check(condition, message) {
  if (!condition) failures.push(message);
}

const ALLIANCE = [
  'Park, Obama renew alliance at White House summit',
  'Leaders gather in Brussels',
  'Cost talks break down after an hour',
  'Seoul agrees to host a new battery',
  'Joint drills begin in the spring',
  'A statement on the troops',
];
const QUERIES = [
  ['alliance', ALLIANCE],
  ['aliance', ALLIANCE],
  ['missile defense', ['Missile defense talks resume in Seoul', 'A radar on the hill', 'Election turns on defense spending']],
  ['한미동맹', ['한미동맹 강화 합의', '정상회담 이후의 과제']],
];

async function search(page, q) {
  await page.goto(site + 'search/?q=' + encodeURIComponent(q));
  await page.waitForSelector('#search-form[data-ready="true"]');
  await page.waitForFunction(() => {
    const items = document.querySelectorAll('.search-result');
    return items.length > 0 && [...items].every((li) => li.querySelector('.search-passage mark, .search-why'));
  }, null, { timeout: 10000 });
  return page.evaluate(() => ({
    titles: [...document.querySelectorAll('.search-result .search-title')].map((a) => a.textContent),
    status: document.getElementById('search-status').textContent,
    results: [...document.querySelectorAll('.search-result')].map((li) => ({
      title: li.querySelector('.search-title').textContent,
      passage: li.querySelector('.search-passage').innerHTML,
    })),
    options: Object.fromEntries([...document.querySelectorAll('select[name="topic"] option')].map((o) => [o.value, o.textContent])),
  }));
}

try {
  const page = await browser.newPage();
  for (const [q, expected] of QUERIES) {
    const got = await search(page, q);
    check(JSON.stringify(got.titles) === JSON.stringify(expected),
      `"${q}" ranks\n    ${got.titles.join('\n    ')}\n  expected\n    ${expected.join('\n    ')}`);
    // Every result shows the words marked, or why it matched.
    for (const r of got.results) {
      check(/<mark>/.test(r.passage), `"${q}": ${r.title} shows no marked words: ${r.passage}`);
    }
    if (q === 'aliance') {
      check(got.status.includes('“alliance”') && got.status.includes('“aliance”'),
        `a misspelt word says what was searched instead: ${got.status}`);
    }
    if (q === 'alliance') {
      const drills = got.results.find((r) => r.title.startsWith('Joint drills'));
      check(drills && /search-why/.test(drills.passage) && drills.passage.includes('Korea–US <mark>alliance</mark>'),
        `a result found through its topic says so: ${drills && drills.passage}`);
      check(mode === 'split' || got.options['korea-us-alliance'] === 'Korea–US alliance (5)' && got.options.nato === 'NATO (1)' &&
        got.options['missile-defense'] === 'Missile defence (0)', `filters count the results: ${JSON.stringify(got.options)}`);
    }
  }
  // Nothing like the word: no results, no suggestion.
  await page.goto(site + 'search/?q=zzqx');
  await page.waitForFunction(() => /No articles/.test(document.getElementById('search-status').textContent));
} catch (error) {
  failures.push(String(error && error.stack || error));
} finally {
  await browser.close();
}
if (failures.length) {
  console.error('search ranking failures:\n- ' + failures.join('\n- '));
  process.exit(1);
}
console.log(`search ranking (${mode} index): every expected order holds`);
