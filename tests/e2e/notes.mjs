// Margin notes beside their words, measured in headless Chromium:
//   node notes.mjs <site URL ending in /> <article path>...
// At 1400px each editor's note and footnote sits in the margin with its top on its words'
// line (or, when notes crowd, right below the note above), and no note overlaps another note
// or any other content of the page. At 390px every note follows its paragraph, in the text.
import { withBrowser } from './browser.mjs';

const [site, ...paths] = process.argv.slice(2);
if (!site || !paths.length) {
  console.error('usage: node notes.mjs <site URL> <article path>...');
  process.exit(2);
}

// Runs in the page at a wide window: every problem found, and how many notes were pushed down.
function wide() {
  const problems = [];
  const box = (e) => { const r = e.getBoundingClientRect(); return { top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left, right: r.right }; };
  const overlap = (a, b) => a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5 && a.left < b.right - 0.5 && b.left < a.right - 0.5;
  const text = document.querySelector('.article-body').getBoundingClientRect();
  const notes = [...document.querySelectorAll('.article-body aside.annotation-note, .article-body aside.sidenote')];
  const measured = notes.map((note) => {
    const id = note.id;
    const anchor = id.startsWith('note-') ? document.getElementById('annotation-' + id.slice(5))
      : document.getElementById('fnref-' + id.slice(9));
    return { note, id, box: box(note), line: anchor.getClientRects()[0].top + scrollY };
  }).sort((a, b) => a.line - b.line);
  let pushed = 0;
  measured.forEach((m, i) => {
    if (m.box.left < text.right) problems.push(`${m.id} is not in the margin (left ${m.box.left} < ${text.right})`);
    const offset = m.box.top - m.line;
    const previous = measured[i - 1];
    if (Math.abs(offset) <= 1) return;
    if (previous && offset > 0 && Math.abs(m.box.top - previous.box.bottom - 12) <= 1) { pushed++; return; }
    problems.push(`${m.id} starts ${offset.toFixed(1)}px from its words' line`);
  });
  for (let i = 0; i < measured.length; i++) {
    for (let j = i + 1; j < measured.length; j++) {
      if (overlap(measured[i].box, measured[j].box)) problems.push(`${measured[i].id} overlaps ${measured[j].id}`);
    }
  }
  const others = [...document.querySelectorAll('main p, main li, main h1, main h2, main h3, main h4, main blockquote, main table, main figure, main pre, .prev-next a, .citation, .article-footer, .editor-note, .related, .backlinks, .article-header, .site-footer')]
    .filter((e) => !e.closest('aside.annotation-note, aside.sidenote'));
  for (const m of measured) {
    for (const other of others) {
      if (overlap(m.box, box(other))) problems.push(`${m.id} overlaps ${other.tagName.toLowerCase()}.${other.className} "${other.textContent.trim().slice(0, 30)}"`);
    }
  }
  return { problems, count: measured.length, pushed };
}

// At a phone's width: each note is in the text, below the paragraph holding its words.
function narrow() {
  const problems = [];
  const notes = [...document.querySelectorAll('.article-body aside.annotation-note')];
  for (const note of notes) {
    const anchor = document.getElementById('annotation-' + note.id.slice(5));
    const block = anchor.closest('p, li, blockquote, h2, h3, h4, td');
    const style = getComputedStyle(note);
    if (style.position !== 'static' || style.float !== 'none') problems.push(`${note.id} is lifted out of the text (${style.position}, ${style.float})`);
    const noteTop = note.getBoundingClientRect().top;
    const blockBottom = block.getBoundingClientRect().bottom;
    if (noteTop < blockBottom - 0.5) problems.push(`${note.id} starts above the end of its paragraph`);
    // Only other notes of the same paragraph may stand between it and its paragraph.
    let before = note.previousElementSibling;
    while (before && before.matches('aside')) before = before.previousElementSibling;
    if (before !== block && !(before && before.contains(anchor))) problems.push(`${note.id} does not follow its paragraph`);
  }
  return { problems, count: notes.length };
}

const report = [];
await withBrowser('margin note failures', async (browser, failures) => {
  for (const given of paths) {
    // `path!crowded`: the notes of this article crowd, so at least one must be pushed down.
    const [path, crowded] = given.split('!');
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(site + path);
    await page.waitForSelector('.article-body[data-notes-placed]');
    await page.evaluate(() => document.fonts.ready);
    await page.waitForTimeout(100);
    const w = await page.evaluate(wide);
    if (w.count === 0) failures.push(`${path}: no notes to measure`);
    w.problems.forEach((p) => failures.push(`1400px ${path}: ${p}`));
    if (crowded && w.pushed === 0) failures.push(`${path}: crowded notes, yet none was pushed down`);
    report.push(`${path}: ${w.count} notes, ${w.pushed} pushed down by the one above`);
    await page.setViewportSize({ width: 390, height: 900 });
    await page.waitForFunction(() => !document.querySelector('.article-body').hasAttribute('data-notes-placed'));
    const n = await page.evaluate(narrow);
    n.problems.forEach((p) => failures.push(`390px ${path}: ${p}`));
    await page.close();
  }
});
console.log(report.join('\n'));
