// Search over the static index in search/ (see src/render/search.rs for its layout).
// Fetches only the index shards of the typed words, the facet lists of chosen filters, the
// fragments of the results on screen (a small book's whole index comes with filters.json) and,
// for each result shown, its article page, which the passage is cut from. The tokenizer mirrors
// the Rust one exactly.
(function () {
  'use strict';
  var form = document.getElementById('search-form');
  if (!form) return;
  var base = form.getAttribute('data-index');
  var root = form.getAttribute('data-root');
  var input = document.getElementById('search-q');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var more = document.getElementById('search-more');
  var selects = Array.prototype.slice.call(form.querySelectorAll('select[data-facet]'));
  var PAGE = 20;
  // Consecutive articles share a fragment file; the Rust side (render/search.rs) uses the same.
  var FRAGMENTS_PER_FILE = 64;
  var MAX_TOKEN = 32;
  var STOP = new Set(['a', 'an', 'and', 'are', 'as', 'at', 'be', 'but', 'by', 'for', 'from',
    'had', 'has', 'have', 'he', 'her', 'his', 'in', 'is', 'it', 'its', 'of', 'on', 'or', 'she',
    'that', 'the', 'their', 'they', 'this', 'to', 'was', 'were', 'which', 'will', 'with']);
  var ALNUM = /[\p{Alphabetic}\p{N}]/u;

  function isCjk(ch) {
    var c = ch.codePointAt(0);
    return (c >= 0x1100 && c <= 0x11FF) || (c >= 0x3040 && c <= 0x30FF) ||
      (c >= 0x3130 && c <= 0x318F) || (c >= 0x3400 && c <= 0x4DBF) ||
      (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) ||
      (c >= 0xF900 && c <= 0xFAFF);
  }

  function tokenize(text) {
    var out = [];
    var word = [];
    var run = [];
    function flushWord() {
      if (word.length >= 2) {
        var w = word.slice(0, MAX_TOKEN).join('');
        if (!STOP.has(word.join(''))) out.push(w);
      }
      word = [];
    }
    function flushRun() {
      if (run.length === 1) out.push(run[0]);
      for (var i = 0; i + 1 < run.length; i++) out.push(run[i] + run[i + 1]);
      run = [];
    }
    for (var ch of text) {
      if (isCjk(ch)) { flushWord(); run.push(ch); }
      else if (ALNUM.test(ch)) { flushRun(); for (var l of ch.toLowerCase()) word.push(l); }
      else { flushWord(); flushRun(); }
    }
    flushWord();
    flushRun();
    return out;
  }

  function shardKey(token) {
    var chars = Array.from(token);
    var ascii = /^[a-z0-9]$/i;
    if (chars.length > 1 && ascii.test(chars[0]) && ascii.test(chars[1])) return chars[0] + chars[1];
    if (ascii.test(chars[0])) return chars[0];
    return 'u' + chars[0].codePointAt(0).toString(16);
  }

  var cache = new Map();
  function getJSON(path) {
    if (!cache.has(path)) {
      cache.set(path, fetch(base + path).then(function (r) {
        if (r.status === 404) return null;
        if (!r.ok) throw new Error(r.status + ' ' + path);
        return r.json();
      }));
    }
    return cache.get(path);
  }

  // The text of an article's body as readers see it: the page without the editor's notes,
  // sidenotes and footnotes, one line per block so that words of two paragraphs stay apart.
  var pages = new Map();
  var BLOCKS = 'p, li, h1, h2, h3, h4, h5, h6, pre, blockquote, tr, td, th, dt, dd, figcaption';
  function pageText(path) {
    if (!pages.has(path)) {
      pages.set(path, fetch(root + path).then(function (r) {
        if (!r.ok) throw new Error(r.status + ' ' + path);
        return r.text();
      }).then(function (html) {
        var body = new DOMParser().parseFromString(html, 'text/html').querySelector('.article-body');
        if (!body) return '';
        body.querySelectorAll('aside, .sidenote-ref, .footnotes, script, style').forEach(function (e) {
          e.remove();
        });
        body.querySelectorAll(BLOCKS).forEach(function (e) { e.append('\n'); });
        return body.textContent;
      }));
    }
    return pages.get(path);
  }

  function undelta(deltas) {
    var out = new Array(deltas.length);
    var v = 0;
    for (var i = 0; i < deltas.length; i++) { v += deltas[i]; out[i] = v; }
    return out;
  }

  // A small book ships its whole index and facets inside filters.json ("index", "facets"):
  // one fetch instead of a shard per word.
  function shardOf(token) {
    return getJSON('filters.json').then(function (filters) {
      if (filters && filters.index) return filters.index;
      return getJSON('index/' + shardKey(token) + '.json');
    });
  }

  // Ranking: BM25 over the fields of a posting (see src/render/search.rs): a word in the
  // headline counts as TITLE_WEIGHT occurrences, in the summary or a name the article is filed
  // under as SECOND_WEIGHT, each occurrence in the body as one; body length normalises.
  var STRIDE = 64;
  var IN_TITLE = 32;
  var IN_SECOND = 16;
  var BODY_COUNT = 15;
  var TITLE_WEIGHT = 6;
  var SECOND_WEIGHT = 3;
  var K1 = 1.2;
  var B = 0.75;

  function stats() {
    return getJSON('filters.json').then(function (filters) {
      var lengths = (filters && filters.lengths) || [];
      var total = 0;
      lengths.forEach(function (l) { total += l; });
      return {
        count: (filters && filters.count) || lengths.length || 1,
        dated: filters && typeof filters.dated === 'number' ? filters.dated : Infinity,
        lengths: lengths,
        average: lengths.length ? Math.max(1, total / lengths.length) : 1,
      };
    });
  }

  // Only the body's count is normalised by its length (as BM25F does), so articles that match
  // by their headline or names alone tie, and the newest comes first.
  function bm25(code, df, length, s) {
    var body = (code & BODY_COUNT) / (1 - B + B * (length || s.average) / s.average);
    var weight = (code & IN_TITLE ? TITLE_WEIGHT : 0) + (code & IN_SECOND ? SECOND_WEIGHT : 0) + body;
    var idf = Math.log(1 + (s.count - df + 0.5) / (df + 0.5));
    return idf * weight * (K1 + 1) / (weight + K1);
  }

  // One token's matches: a Map of article id → { score, code }, and the shard's vocabulary
  // (token → how many articles have it) for suggestions. The last word while typing also
  // matches as a prefix, at a lower score.
  function lookup(token, asPrefix) {
    return Promise.all([shardOf(token), stats()]).then(function (got) {
      var shard = got[0];
      var s = got[1];
      var scores = new Map();
      if (!shard) return { scores: scores, shard: {} };
      Object.keys(shard).forEach(function (key) {
        var exact = key === token;
        if (!exact && !(asPrefix && key.startsWith(token))) return;
        var postings = undelta(shard[key]);
        postings.forEach(function (v) {
          var id = Math.floor(v / STRIDE);
          var code = v % STRIDE;
          var score = bm25(code, postings.length, s.lengths[id], s) * (exact ? 1 : 0.6);
          var had = scores.get(id);
          if (!had || had.score < score) scores.set(id, { score: score, code: code });
        });
      });
      return { scores: scores, shard: shard };
    });
  }

  // Damerau–Levenshtein distance, stopping early past `most`.
  function distance(a, b, most) {
    if (Math.abs(a.length - b.length) > most) return most + 1;
    var rows = [];
    for (var i = 0; i <= a.length; i++) {
      rows.push([i]);
      for (var j = 1; j <= b.length; j++) {
        if (i === 0) { rows[0].push(j); continue; }
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
        rows[i].push(d);
      }
    }
    return rows[a.length][b.length];
  }

  // The word of the index closest to a word it lacks (one edit, two for long words), the one
  // in most articles among equals; null when none is that close.
  function suggest(token, shard) {
    var most = Array.from(token).length >= 7 ? 2 : 1;
    var best = null;
    Object.keys(shard).forEach(function (key) {
      var d = distance(Array.from(token), Array.from(key), most);
      if (d > most) return;
      var df = shard[key].length;
      if (!best || d < best.d || (d === best.d && df > best.df)) best = { key: key, d: d, df: df };
    });
    return best && best.key;
  }

  function facetIds(kind, slug) {
    return getJSON('filters.json').then(function (filters) {
      if (filters && filters.facets) return (filters.facets[kind] || {})[slug] || null;
      return getJSON('facet/' + kind + '/' + encodeURIComponent(slug) + '.json');
    }).then(function (d) {
      return new Set(d ? undelta(d) : []);
    });
  }

  function escapeHtml(s) {
    return s.replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function escapeRegExp(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }

  // Where the first match of any query word is in `text`, or -1.
  function firstMatch(text, words) {
    var lower = text.toLowerCase();
    var at = -1;
    words.forEach(function (w) {
      var i = lower.indexOf(w);
      if (i >= 0 && (at < 0 || i < at)) at = i;
    });
    return at;
  }

  // The passage around the first match of any query word, with every match marked.
  function passage(text, words) {
    var at = firstMatch(text, words);
    var start = 0;
    var end = Math.min(text.length, 200);
    if (at >= 0) {
      start = Math.max(0, at - 80);
      end = Math.min(text.length, at + 140);
      var space = text.lastIndexOf(' ', start);
      if (start > 0 && space >= 0 && start - space < 20) start = space + 1;
    }
    var cut = text.slice(start, end).replace(/\s+/g, ' ');
    var html = escapeHtml(cut);
    if (words.length) {
      var pattern = new RegExp('(' + words.map(function (w) { return escapeRegExp(escapeHtml(w)); })
        .join('|') + ')', 'giu');
      html = html.replace(pattern, '<mark>$1</mark>');
    }
    return (start > 0 ? '… ' : '') + html + (end < text.length ? ' …' : '');
  }

  // Why a result whose text does not hold the words matched: the names it is filed under, or
  // its headline.
  function reason(f, words) {
    var terms = (f.terms || []).filter(function (t) { return firstMatch(t, words) >= 0; });
    if (terms.length) {
      return '<span class="search-why">' + escapeHtml(t('search_filed_under')) + ' ' +
        passage(terms.join(', '), words) + '</span>';
    }
    if (f.outlet && firstMatch(f.outlet, words) >= 0) {
      return '<span class="search-why">' + escapeHtml(t('search_from_outlet')) + ' ' + passage(f.outlet, words) + '</span>';
    }
    return '<span class="search-why">' + escapeHtml(t('search_in_headline')) + ' ' + passage(f.title, words) + '</span>';
  }

  // The interface's words, from the page (the book's language), English when missing.
  var strings = {};
  try { strings = JSON.parse(form.getAttribute('data-strings') || '{}'); } catch (e) { strings = {}; }
  var ENGLISH = {
    search_type_more: 'Type at least two letters.',
    search_searching: 'Searching…',
    search_none: 'No articles match.',
    search_one: '1 article',
    search_many: '{n} articles',
    search_corrected: 'No articles match “{q}”. Showing results for “{s}”.',
    search_filed_under: 'Filed under',
    search_from_outlet: 'From',
    search_in_headline: 'In the headline:',
    search_needs_http: 'Search needs the site to be served over http (for example: python3 -m http.server).',
    search_failed: 'Search failed:',
  };
  function t(key, values) {
    var text = strings[key] || ENGLISH[key] || key;
    Object.keys(values || {}).forEach(function (k) { text = text.split('{' + k + '}').join(values[k]); });
    return text;
  }

  var generation = 0;
  var results = [];
  var shown = 0;
  var highlight = [];

  function state() {
    var s = { q: input.value };
    selects.forEach(function (sel) { s[sel.name] = sel.value; });
    return s;
  }

  function syncUrl(s) {
    var params = new URLSearchParams();
    Object.keys(s).forEach(function (k) { if (s[k]) params.set(k, s[k]); });
    var query = params.toString();
    history.replaceState(null, '', query ? '?' + query : location.pathname);
  }

  function queryWords(q) {
    return q.toLowerCase().split(/[^\p{Alphabetic}\p{N}]+/u).filter(function (w) {
      return w.length > 1 || (w.length === 1 && isCjk(w));
    });
  }

  // Newest first among equal scores; undated articles (last in the chronology) after dated ones.
  function byRank(dated) {
    return function (a, b) {
      if (b[1] !== a[1]) return b[1] - a[1];
      var da = a[0] < dated;
      var db = b[0] < dated;
      if (da !== db) return da ? -1 : 1;
      return b[0] - a[0];
    };
  }

  // The query's words in order in `text` (a phrase), or all of them within a few words.
  function closeness(text, qwords) {
    if (qwords.length < 2 || !text) return 1;
    var found = text.toLowerCase().split(/[^\p{Alphabetic}\p{N}]+/u);
    var phrase = qwords.join(' ');
    if ((' ' + found.join(' ') + ' ').indexOf(' ' + phrase) >= 0) return 2;
    var last = {};
    for (var i = 0; i < found.length; i++) {
      qwords.forEach(function (w) { if (found[i].startsWith(w)) last[w] = i; });
      var seen = qwords.map(function (w) { return last[w]; });
      if (seen.every(function (x) { return x !== undefined; }) &&
        i - Math.min.apply(null, seen) < 8) return 1.4;
    }
    return 1;
  }

  // Phrase and proximity boost for the best results: their headlines and summaries come with
  // the fragments the first page shows anyway.
  var WINDOW = 40;
  function rerank(ranked, qwords, dated) {
    if (qwords.length < 2) return Promise.resolve(ranked.map(function (e) { return e[0]; }));
    var top = ranked.slice(0, WINDOW);
    return Promise.all(top.map(function (e) { return fragmentOf(e[0]); })).then(function (fs) {
      var boosted = top.map(function (e, i) {
        var f = fs[i] || {};
        var boost = Math.max(closeness(f.title, qwords) * 1.25, closeness(f.summary, qwords));
        return [e[0], e[1] * Math.max(1, boost)];
      }).sort(byRank(dated));
      return boosted.concat(ranked.slice(WINDOW)).map(function (e) { return e[0]; });
    });
  }

  function fragmentOf(id) {
    return getJSON('fragment/' + Math.floor(id / FRAGMENTS_PER_FILE) + '.json').then(function (fs) {
      return fs && fs[id % FRAGMENTS_PER_FILE];
    });
  }

  // Each filter's choices with how many of the results they hold (when the index came whole,
  // with every facet); the book's totals when nothing is searched.
  function countFacets(found) {
    getJSON('filters.json').then(function (filters) {
      if (!filters || !filters.facets) return;
      var inResults = found ? new Set(found) : null;
      selects.forEach(function (sel) {
        var kind = sel.getAttribute('data-facet');
        Array.prototype.forEach.call(sel.options, function (option) {
          if (!option.value) return;
          var count = option.getAttribute('data-total');
          if (inResults) {
            var ids = undelta((filters.facets[kind] || {})[option.value] || []);
            count = ids.filter(function (id) { return inResults.has(id); }).length;
          }
          option.textContent = option.getAttribute('data-name') + ' (' + count + ')';
        });
      });
    });
  }

  function run(corrected, original) {
    var s = state();
    syncUrl(s);
    var mine = ++generation;
    var q = corrected || s.q;
    var tokens = Array.from(new Set(tokenize(q)));
    var typing = !corrected && q.length > 0 && !/\s$/.test(q);
    var filters = selects.filter(function (sel) { return sel.value; });
    highlight = queryWords(q);
    if (!tokens.length && !filters.length) {
      list.innerHTML = '';
      more.hidden = true;
      status.textContent = q.trim() ? t('search_type_more') : '';
      countFacets(null);
      return;
    }
    status.textContent = t('search_searching');
    var lookups = tokens.map(function (token, i) { return lookup(token, typing && i === tokens.length - 1); });
    var facets = filters.map(function (sel) { return facetIds(sel.getAttribute('data-facet'), sel.value); });
    Promise.all([Promise.all(lookups), Promise.all(facets), stats()]).then(function (found) {
      if (mine !== generation) return;
      var matches = found[0];
      var sets = found[1];
      var dated = found[2].dated;
      // A word the index lacks: search for the closest word it has instead, and say so.
      if (!corrected && matches.some(function (m) { return m.scores.size === 0; })) {
        var fixes = new Map();
        var fixable = matches.every(function (m, i) {
          if (m.scores.size) return true;
          var near = suggest(tokens[i], m.shard);
          if (near) fixes.set(tokens[i], near);
          return !!near;
        });
        if (fixable) {
          var better = q.replace(/[\p{Alphabetic}\p{N}]+/gu, function (w) {
            return fixes.get(w.toLowerCase()) || w;
          });
          if (better !== q) { run(better, q); return; }
        }
      }
      var scored;
      if (matches.length) {
        var maps = matches.map(function (m) { return m.scores; });
        maps.sort(function (a, b) { return a.size - b.size; });
        scored = new Map();
        maps[0].forEach(function (v, id) { scored.set(id, v.score); });
        for (var i = 1; i < maps.length; i++) {
          scored.forEach(function (score, id) {
            var other = maps[i].get(id);
            if (other === undefined) scored.delete(id); else scored.set(id, score + other.score);
          });
        }
      } else {
        scored = new Map();
        sets[0].forEach(function (id) { scored.set(id, 0); });
      }
      sets.forEach(function (set) {
        scored.forEach(function (_, id) { if (!set.has(id)) scored.delete(id); });
      });
      var ranked = Array.from(scored.entries()).sort(byRank(dated));
      return rerank(ranked, highlight, dated).then(function (order) {
        if (mine !== generation) return;
        results = order;
        shown = 0;
        list.innerHTML = '';
        countFacets(results);
        var counted = results.length === 0 ? t('search_none')
          : results.length === 1 ? t('search_one') : t('search_many', { n: results.length });
        status.textContent = original
          ? t('search_corrected', { q: original, s: q }) + ' ' + counted : counted;
        return showMore(mine);
      });
    }).catch(function (error) {
      if (mine !== generation) return;
      status.textContent = location.protocol === 'file:'
        ? t('search_needs_http') : t('search_failed') + ' ' + error.message;
    });
  }

  function showMore(mine) {
    var page = results.slice(shown, shown + PAGE);
    shown += page.length;
    more.hidden = shown >= results.length;
    var items = page.map(function (id) {
      var li = document.createElement('li');
      li.className = 'search-result';
      list.appendChild(li);
      return fragmentOf(id).then(function (f) {
        if (mine !== generation || !f) return;
        var words = highlight;
        // Listed at once; the passage follows when the article page arrives (the summary, if
        // it holds the words, until then and should the page not load).
        var early = f.summary && firstMatch(f.summary, words) >= 0 ? passage(f.summary, words)
          : f.summary ? passage(f.summary, []) : '';
        li.innerHTML = '<a class="search-title" href="' + escapeHtml(root + f.path) + '">' +
          escapeHtml(f.title) + '</a> <span class="search-meta">' +
          escapeHtml([f.date, f.outlet].filter(Boolean).join(' · ')) + '</span>' +
          '<p class="search-passage">' + early + '</p>';
        return pageText(f.path).then(function (text) {
          if (mine !== generation) return;
          var target = li.querySelector('.search-passage');
          if (!words.length) {
            if (text) target.innerHTML = passage(text, words);
          } else if (text && firstMatch(text, words) >= 0) {
            target.innerHTML = passage(text, words);
          } else if (f.summary && firstMatch(f.summary, words) >= 0) {
            target.innerHTML = passage(f.summary, words);
          } else {
            target.innerHTML = reason(f, words);
          }
        }, function () {});
      });
    });
    return Promise.all(items);
  }

  var timer = null;
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(run, 120);
  });
  selects.forEach(function (sel) { sel.addEventListener('change', function () { run(); }); });
  form.addEventListener('submit', function (e) { e.preventDefault(); run(); });
  more.addEventListener('click', function () { showMore(generation); });

  var params = new URLSearchParams(location.search);
  input.value = params.get('q') || '';
  getJSON('filters.json').then(function (filters) {
    selects.forEach(function (sel) {
      var kind = sel.getAttribute('data-facet');
      (filters && filters[kind] || []).forEach(function (term) {
        var option = document.createElement('option');
        option.value = term[0];
        option.textContent = term[1] + ' (' + term[2] + ')';
        option.setAttribute('data-name', term[1]);
        option.setAttribute('data-total', term[2]);
        sel.appendChild(option);
      });
      sel.value = params.get(sel.name) || '';
    });
    form.setAttribute('data-ready', 'true');
    run();
  }).catch(function () {
    form.setAttribute('data-ready', 'true');
    run();
  });
})();
