// The actor network stays legible with hundreds of actors, measured in headless Chromium:
//   node network.mjs <site URL ending in /> <actors in the drawing>
// On desktops, tablets and phones (1400 to 360px): the labels shown are at least 11px, no two touch,
// each is a link, there are enough of them to read the drawing by, the table beside the drawing
// lists every actor of it, and the page is no wider than the screen.
import { withBrowser } from './browser.mjs';

const [site, expected] = process.argv.slice(2);
if (!site || !expected) {
  console.error('usage: node network.mjs <site URL> <actors in the drawing>');
  process.exit(2);
}

function measure() {
  const labels = [...document.querySelectorAll('.network-label')]
    .filter((a) => getComputedStyle(a).display !== 'none')
    .map((a) => ({ name: a.textContent, rect: a.getBoundingClientRect(), size: parseFloat(getComputedStyle(a).fontSize), link: a.tagName === 'A' && !!a.getAttribute('href') }));
  const touching = [];
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      const a = labels[i].rect;
      const b = labels[j].rect;
      if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) touching.push(`${labels[i].name} / ${labels[j].name}`);
    }
  }
  const drawing = document.querySelector('.network-drawing').getBoundingClientRect();
  return {
    shown: labels.length,
    smallest: Math.min(...labels.map((l) => l.size)),
    links: labels.every((l) => l.link),
    touching,
    outside: labels.filter((l) => l.rect.left < 0 || l.rect.right > innerWidth).map((l) => l.name),
    rows: document.querySelectorAll('.network-table tbody tr').length,
    drawingWidth: drawing.width,
    pageWidth: document.documentElement.scrollWidth,
    nested: document.querySelectorAll('svg a, svg [tabindex], a a').length,
  };
}

const report = [];
await withBrowser('actor network failures', async (browser, failures) => {
  for (const [width, fewest] of [[1400, 25], [1024, 25], [700, 25], [641, 25], [390, 8], [360, 8]]) {
    const page = await browser.newPage({ viewport: { width, height: 1000 } });
    await page.goto(site + 'actors/');
    const m = await page.evaluate(measure);
    const at = `${width}px`;
    if (m.shown < fewest) failures.push(`${at}: only ${m.shown} labels shown`);
    if (m.smallest < 11) failures.push(`${at}: labels of ${m.smallest}px`);
    if (!m.links) failures.push(`${at}: a label is not a link`);
    if (m.touching.length) failures.push(`${at}: labels touch: ${m.touching.join('; ')}`);
    if (m.outside.length) failures.push(`${at}: labels off screen: ${m.outside.join('; ')}`);
    if (m.rows !== Number(expected)) failures.push(`${at}: the table lists ${m.rows} actors, not ${expected}`);
    if (m.pageWidth > width) failures.push(`${at}: the page is ${m.pageWidth}px wide`);
    if (m.nested) failures.push(`${at}: ${m.nested} interactive elements nested in the drawing`);
    report.push(`${at}: ${m.shown} labels of at least ${m.smallest}px on a ${Math.round(m.drawingWidth)}px drawing`);
    await page.close();
  }
});
console.log(report.join('\n'));
