// Contrast of every visible text on the main page kinds, in the light and the dark scheme:
//   node contrast.mjs <site URL ending in /> <path>...
// Each text node's colour (with the opacity of its element and ancestors) is measured against
// the backgrounds under it, composited up the tree, and must reach WCAG AA: 4.5:1, or 3:1 for
// large text (24px, or 18.66px bold). Exits non-zero listing every text that falls short.
import { withBrowser } from './browser.mjs';

const [site, ...paths] = process.argv.slice(2);
if (!site || !paths.length) {
  console.error('usage: node contrast.mjs <site URL> <path>...');
  process.exit(2);
}

// Runs in the page: every visible text node that falls short, as strings.
function shortfalls() {
  function parse(colour) {
    const m = colour.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const parts = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return { r: parts[0], g: parts[1], b: parts[2], a: parts.length > 3 ? parts[3] : 1 };
  }
  function over(top, bottom) {
    const a = top.a + bottom.a * (1 - top.a);
    if (a === 0) return { r: 0, g: 0, b: 0, a: 0 };
    const mix = (t, b) => (t * top.a + b * bottom.a * (1 - top.a)) / a;
    return { r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a };
  }
  function luminance(c) {
    const lin = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
  }
  // The backdrop of `element`: its own and its ancestors' backgrounds, composited, over the canvas.
  function backdrop(element) {
    const layers = [];
    for (let e = element; e; e = e.parentElement) {
      const bg = parse(getComputedStyle(e).backgroundColor);
      if (bg && bg.a > 0) {
        layers.push(bg);
        if (bg.a >= 1) break;
      }
    }
    let colour = { r: 255, g: 255, b: 255, a: 1 };
    const canvas = parse(getComputedStyle(document.documentElement).backgroundColor);
    if (canvas && canvas.a > 0) colour = over(canvas, colour);
    for (let i = layers.length - 1; i >= 0; i--) colour = over(layers[i], colour);
    return colour;
  }
  function opacity(element) {
    let o = 1;
    for (let e = element; e; e = e.parentElement) o *= Number(getComputedStyle(e).opacity);
    return o;
  }
  const found = [];
  let texts = 0;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    if (!text) continue;
    const element = node.parentElement;
    if (!element || element.closest('script, style, noscript, title, desc, [hidden], [aria-hidden="true"]')) continue;
    const style = getComputedStyle(element);
    if (style.visibility !== 'visible' || style.display === 'none') continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rect = range.getBoundingClientRect();
    // Drawn somewhere on the page (the skip link waits above it; visually hidden text is 1px).
    if (rect.width < 2 || rect.height < 2 || rect.bottom + window.scrollY < 0) continue;
    const svg = element instanceof SVGElement;
    let fg = parse(svg ? style.fill : style.color);
    if (!fg) continue;
    fg = { ...fg, a: fg.a * opacity(element) * (svg ? Number(style.fillOpacity) : 1) };
    texts++;
    const bg = backdrop(element);
    const shown = over(fg, bg);
    const [l1, l2] = [luminance(shown), luminance(bg)].sort((a, b) => b - a);
    const ratio = (l1 + 0.05) / (l2 + 0.05);
    const size = parseFloat(style.fontSize);
    const bold = Number(style.fontWeight) >= 700;
    const needed = size >= 24 || (size >= 18.66 && bold) ? 3 : 4.5;
    if (ratio < needed) {
      const where = element.className && typeof element.className === 'string'
        ? element.tagName.toLowerCase() + '.' + element.className.split(' ').join('.')
        : element.tagName.toLowerCase();
      found.push(`${ratio.toFixed(2)}:1 < ${needed} ${where} "${text.slice(0, 40)}" ` +
        `(${style.color} on rgb(${Math.round(bg.r)},${Math.round(bg.g)},${Math.round(bg.b)}))`);
    }
  }
  return { found, texts };
}

let checked = 0;
await withBrowser('contrast failures', async (browser, failures) => {
  for (const scheme of ['light', 'dark']) {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, colorScheme: scheme });
    for (const path of paths) {
      const response = await page.goto(site + path);
      if (!response.ok() && !path.startsWith('404')) failures.push(`${path}: HTTP ${response.status()}`);
      if (path.startsWith('search/')) {
        await page.waitForSelector('.search-passage mark', { timeout: 10000 });
      }
      const { found, texts } = await page.evaluate(shortfalls);
      if (texts < 10) failures.push(`${scheme} ${path || '/'}: only ${texts} texts measured`);
      checked += texts;
      for (const f of found) failures.push(`${scheme} ${path || '/'}: ${f}`);
    }
    await page.close();
  }
});
console.log(`contrast: ${checked} texts on ${paths.length} pages, every text meets WCAG AA in both schemes`);
