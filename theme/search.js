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

  // Map of article id → score for one token; the last word while typing matches as a prefix.
  function lookup(token, asPrefix) {
    return shardOf(token).then(function (shard) {
      var scores = new Map();
      if (!shard) return scores;
      Object.keys(shard).forEach(function (key) {
        var exact = key === token;
        if (!exact && !(asPrefix && key.startsWith(token))) return;
        undelta(shard[key]).forEach(function (v) {
          var id = v >> 1;
          var score = (v & 1 ? 10 : 1) * (exact ? 1 : 0.5);
          if ((scores.get(id) || 0) < score) scores.set(id, score);
        });
      });
      return scores;
    });
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

  // The passage around the first match of any query word, with every match marked.
  function passage(text, words) {
    var lower = text.toLowerCase();
    var at = -1;
    words.forEach(function (w) {
      var i = lower.indexOf(w);
      if (i >= 0 && (at < 0 || i < at)) at = i;
    });
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

  function run() {
    var s = state();
    syncUrl(s);
    var mine = ++generation;
    var q = s.q;
    var tokens = Array.from(new Set(tokenize(q)));
    var typing = q.length > 0 && !/\s$/.test(q);
    var filters = selects.filter(function (sel) { return sel.value; });
    highlight = q.toLowerCase().split(/[^\p{Alphabetic}\p{N}]+/u).filter(function (w) {
      return w.length > 1 || (w.length === 1 && isCjk(w));
    });
    if (!tokens.length && !filters.length) {
      list.innerHTML = '';
      more.hidden = true;
      status.textContent = q.trim() ? 'Type at least two letters.' : '';
      return;
    }
    status.textContent = 'Searching…';
    var lookups = tokens.map(function (t, i) { return lookup(t, typing && i === tokens.length - 1); });
    var facets = filters.map(function (sel) { return facetIds(sel.getAttribute('data-facet'), sel.value); });
    Promise.all([Promise.all(lookups), Promise.all(facets)]).then(function (found) {
      if (mine !== generation) return;
      var maps = found[0];
      var sets = found[1];
      var scored;
      if (maps.length) {
        maps.sort(function (a, b) { return a.size - b.size; });
        scored = new Map(maps[0]);
        for (var i = 1; i < maps.length; i++) {
          scored.forEach(function (score, id) {
            var other = maps[i].get(id);
            if (other === undefined) scored.delete(id); else scored.set(id, score + other);
          });
        }
      } else {
        scored = new Map();
        sets[0].forEach(function (id) { scored.set(id, 0); });
      }
      sets.forEach(function (set) {
        scored.forEach(function (_, id) { if (!set.has(id)) scored.delete(id); });
      });
      results = Array.from(scored.entries()).sort(function (a, b) {
        return b[1] - a[1] || b[0] - a[0];
      }).map(function (e) { return e[0]; });
      shown = 0;
      list.innerHTML = '';
      status.textContent = results.length === 0 ? 'No articles match.'
        : results.length === 1 ? '1 article' : results.length + ' articles';
      showMore(mine);
    }).catch(function (error) {
      if (mine !== generation) return;
      status.textContent = location.protocol === 'file:'
        ? 'Search needs the site to be served over http (for example: python3 -m http.server).'
        : 'Search failed: ' + error.message;
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
      return getJSON('fragment/' + Math.floor(id / FRAGMENTS_PER_FILE) + '.json').then(function (fs) {
        var f = fs && fs[id % FRAGMENTS_PER_FILE];
        if (mine !== generation || !f) return;
        // Listed at once; the passage follows when the article page arrives (the summary, if
        // any, until then and should the page not load).
        li.innerHTML = '<a class="search-title" href="' + escapeHtml(root + f.path) + '">' +
          escapeHtml(f.title) + '</a> <span class="search-meta">' +
          escapeHtml([f.date, f.outlet].filter(Boolean).join(' · ')) + '</span>' +
          '<p class="search-passage">' + (f.summary ? passage(f.summary, highlight) : '') + '</p>';
        var words = highlight;
        return pageText(f.path).then(function (text) {
          if (mine !== generation || !text) return;
          li.querySelector('.search-passage').innerHTML = passage(text, words);
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
  selects.forEach(function (sel) { sel.addEventListener('change', run); });
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
