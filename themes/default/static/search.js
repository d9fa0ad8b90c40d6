/* gongbo search: the query side of the sharded index written by src/search/index.rs.
   The tokenizer mirrors src/search/tokenize.rs rule for rule; both are tested against
   tests/fixtures/search/tokenizer.toml. No framework, no network beyond this site, and
   index text only ever reaches the page through textContent. */
(function () {
  'use strict';

  var SUFFIXES = [
    '했습니다', '됐습니다', '하겠습니다', '입니다', '합니다', '됩니다', '에서는', '에서도',
    '에서의', '으로는', '으로도', '으로의', '에게는', '까지는', '부터는', '이라는', '했으며',
    '하였다', '되었다', '에서', '으로', '에게', '께서', '까지', '부터', '이다', '했다', '한다',
    '하는', '하고', '하며', '하여', '된다', '됐다', '되는', '되어', '에는', '에도', '와의',
    '과의', '로의', '로는', '라는', '이며', '으며', '들의', '들이', '들은', '들을', '은', '는',
    '이', '가', '을', '를', '에', '의', '로', '와', '과', '도', '만', '들', '한', '된', '할'
  ];
  var TITLE = 1, META = 2, BODY = 4;
  var PAGE = 20;
  var HANGUL = /[\uAC00-\uD7A3]/;
  var DIGIT = /\p{N}/u;
  var LETTER = /\p{Alphabetic}/u;

  function charClass(c) {
    if (HANGUL.test(c)) return 'h';
    if (DIGIT.test(c)) return 'd';
    if (LETTER.test(c)) return 'l';
    return null;
  }

  // Rule 1: NFC, lower case, commas between digits dropped.
  function normalize(text) {
    var chars = Array.from(text.normalize('NFC')).map(function (c) { return c.toLowerCase(); });
    chars = Array.from(chars.join(''));
    var out = '';
    for (var i = 0; i < chars.length; i++) {
      var c = chars[i];
      if (c === ',' && i > 0 && /[0-9]/.test(chars[i - 1]) && i + 1 < chars.length &&
          /[0-9]/.test(chars[i + 1])) continue;
      out += c;
    }
    return out;
  }

  // Rule 2: segments {cls, text, last}.
  function segments(text) {
    var out = [];
    var prev = null;
    Array.from(text).forEach(function (c) {
      var cl = charClass(c);
      if (cl !== null && cl === prev) {
        out[out.length - 1].text += c;
      } else if (cl !== null) {
        if (prev !== null) out[out.length - 1].last = false;
        out.push({ cls: cl, text: c, last: true });
      }
      prev = cl;
    });
    return out;
  }

  function len(s) { return Array.from(s).length; }

  // Rule 3: the stem of a Hangul segment.
  function stem(seg) {
    var s = seg;
    for (var round = 0; round < 2; round++) {
      var n = len(s);
      var hit = null;
      for (var i = 0; i < SUFFIXES.length; i++) {
        var x = SUFFIXES[i];
        if (s.endsWith(x) && n - len(x) >= 2) { hit = x; break; }
      }
      if (hit === null) break;
      s = s.slice(0, s.length - hit.length);
    }
    return s;
  }

  function bigrams(s, out) {
    var cs = Array.from(s);
    for (var i = 0; i + 1 < cs.length; i++) out.push(cs[i] + cs[i + 1]);
  }

  // Rules 4 and 5, index side (used by the tokenizer tests).
  function indexTerms(text) {
    var out = [];
    segments(normalize(text)).forEach(function (seg) {
      if (seg.cls === 'h') {
        out.push(Array.from(seg.text)[0]);
        bigrams(seg.text, out);
      } else {
        out.push(seg.text);
      }
    });
    return out;
  }

  // Query side: [{all: [terms]} | {prefix: text}, mark].
  function queryWords(query) {
    var out = [];
    segments(normalize(query)).forEach(function (seg) {
      var w;
      if (seg.cls === 'h') {
        var st = seg.last ? stem(seg.text) : seg.text;
        var grams = [];
        if (len(st) === 1) grams.push(st); else bigrams(st, grams);
        grams = grams.filter(function (g, i) { return i === 0 || grams[i - 1] !== g; });
        w = { all: grams, mark: st };
      } else if (seg.cls === 'd') {
        w = { all: [seg.text], mark: seg.text };
      } else {
        w = { prefix: seg.text, mark: seg.text };
      }
      var key = JSON.stringify(w);
      if (!out.some(function (o) { return JSON.stringify(o) === key; })) out.push(w);
    });
    return out;
  }

  function shardKey(term) { return Array.from(term).slice(0, 2).join(''); }

  // FNV-1a over the code points of the shard key.
  function shardOf(term, shards) {
    var h = 0x811c9dc5;
    Array.from(shardKey(term)).forEach(function (c) {
      h ^= c.codePointAt(0);
      h = Math.imul(h, 0x01000193) >>> 0;
    });
    return h % shards;
  }

  function weight(bits) {
    if (bits & TITLE) return 4;
    if (bits & META) return 2;
    if (bits & BODY) return 1;
    return 0;
  }

  function postings(flat) {
    var m = new Map();
    var id = 0;
    for (var i = 0; i + 1 < flat.length; i += 2) {
      id += flat[i];
      m.set(id, flat[i + 1]);
    }
    return m;
  }

  // Ranks docs for `words`; getShard(n) returns a parsed shard object (already loaded).
  function rank(words, shards, getShard) {
    var total = null;
    words.forEach(function (w) {
      var docs = new Map();
      // The fields in which the word occurs as itself; null: wherever it occurs.
      var exact = null;
      if (w.prefix !== undefined) {
        var sh = getShard(shardOf(w.prefix, shards));
        var one = len(w.prefix) === 1;
        Object.keys(sh).forEach(function (term) {
          if (one ? term !== w.prefix : !term.startsWith(w.prefix)) return;
          postings(sh[term]).forEach(function (b, d) { docs.set(d, (docs.get(d) || 0) | b); });
        });
        exact = postings(Object.prototype.hasOwnProperty.call(sh, w.prefix) ? sh[w.prefix] : []);
      } else {
        w.all.forEach(function (term, k) {
          var list = postings(getShard(shardOf(term, shards))[term] || []);
          if (k === 0) { docs = list; return; }
          var next = new Map();
          docs.forEach(function (b, d) {
            if (!list.has(d)) return;
            var x = b & list.get(d);
            next.set(d, x === 0 ? BODY : x);
          });
          docs = next;
        });
      }
      // Twice the best field's weight, plus 1 when the word itself is in that field.
      var score = function (d, b) {
        var itself = exact === null ? b : (exact.get(d) || 0);
        return 2 * weight(b) + (weight(itself) === weight(b) ? 1 : 0);
      };
      if (total === null) {
        total = new Map();
        docs.forEach(function (b, d) { total.set(d, score(d, b)); });
      } else {
        var kept = new Map();
        total.forEach(function (s, d) { if (docs.has(d)) kept.set(d, s + score(d, docs.get(d))); });
        total = kept;
      }
    });
    var hits = [];
    (total || new Map()).forEach(function (score, doc) { hits.push({ doc: doc, score: score }); });
    // Ties: the newer release first (larger ids are newer; pages have the smallest).
    hits.sort(function (a, b) { return b.score - a.score || b.doc - a.doc; });
    return hits;
  }

  function shardsFor(words, shards) {
    var need = new Set();
    words.forEach(function (w) {
      if (w.prefix !== undefined) need.add(shardOf(w.prefix, shards));
      else w.all.forEach(function (t) { need.add(shardOf(t, shards)); });
    });
    return Array.from(need);
  }

  var api = {
    normalize: normalize, segments: segments, stem: stem, indexTerms: indexTerms,
    queryWords: queryWords, shardOf: shardOf, rank: rank
  };
  if (typeof module === 'object' && module.exports) module.exports = api;
  if (typeof document === 'undefined') return;

  // ---- the page -------------------------------------------------------------------
  function fill(s, args) {
    return s.replace(/\{(\w+)\}/g, function (m, k) { return k in args ? String(args[k]) : m; });
  }

  function escapeRe(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }

  // A pattern for the marks: digits may carry the commas the tokenizer dropped.
  function markPattern(words) {
    var parts = words.map(function (w) {
      return Array.from(w.mark).map(function (c) {
        return /[0-9]/.test(c) ? c + ',?' : escapeRe(c);
      }).join('').replace(/,\?$/, '');
    }).filter(Boolean);
    if (!parts.length) return null;
    parts.sort(function (a, b) { return b.length - a.length; });
    return new RegExp(parts.join('|'), 'giu');
  }

  // Appends `text` to `el`, matches wrapped in <mark>, using text nodes only.
  function appendMarked(el, text, re) {
    var last = 0;
    if (re) {
      re.lastIndex = 0;
      var m;
      while ((m = re.exec(text)) !== null) {
        if (m[0] === '') { re.lastIndex++; continue; }
        el.appendChild(document.createTextNode(text.slice(last, m.index)));
        var mark = document.createElement('mark');
        mark.textContent = m[0];
        el.appendChild(mark);
        last = m.index + m[0].length;
      }
    }
    el.appendChild(document.createTextNode(text.slice(last)));
  }

  function snippet(text, re) {
    var at = 0;
    if (re) {
      re.lastIndex = 0;
      var m = re.exec(text);
      if (m) at = m.index;
    }
    var start = Math.max(0, at - 60);
    var end = Math.min(text.length, start + 180);
    return (start > 0 ? '… ' : '') + text.slice(start, end).trim() + (end < text.length ? ' …' : '');
  }

  function start() {
    var app = document.getElementById('search-app');
    var input = document.getElementById('search-q');
    if (!app || !input) return;
    var nojs = document.getElementById('search-nojs');
    if (nojs) nojs.hidden = true;
    app.hidden = false;
    var status = document.getElementById('search-status');
    var list = document.getElementById('search-results');
    var other = document.getElementById('search-other');
    var otherLink = document.getElementById('search-other-link');
    var more = document.getElementById('search-more');
    var base = app.dataset.index;
    var s = function (k) { return app.dataset['s' + k] || ''; };
    var cache = new Map();
    var meta = null;
    var seq = 0;
    var current = { hits: [], shown: 0, re: null, q: '' };

    function fetchJson(path) {
      if (!cache.has(path)) {
        cache.set(path, fetch(base + path).then(function (r) {
          if (!r.ok) throw new Error(r.status + ' ' + path);
          return r.json();
        }).catch(function (e) { cache.delete(path); throw e; }));
      }
      return cache.get(path);
    }

    function setStatus(text) { if (status.textContent !== text) status.textContent = text; }

    function showMore() {
      var slice = current.hits.slice(current.shown, current.shown + PAGE);
      var mine = seq;
      // Documents come in groups of meta.chunk per file: d/<group>.json is an array.
      var chunk = (meta && meta.chunk) || 1;
      return Promise.all(slice.map(function (h) {
        return fetchJson('d/' + Math.floor(h.doc / chunk) + '.json').then(function (group) {
          return chunk === 1 && !Array.isArray(group) ? group : group[h.doc % chunk];
        });
      }))
        .then(function (docs) {
          if (mine !== seq) return;
          docs.forEach(function (d) { list.appendChild(item(d, current.re)); });
          current.shown += slice.length;
          more.hidden = current.shown >= current.hits.length;
        });
    }

    function item(d, re) {
      var li = document.createElement('li');
      var h = document.createElement('h2');
      var a = document.createElement('a');
      a.href = d.u;
      appendMarked(a, d.t, re);
      h.appendChild(a);
      li.appendChild(h);
      var p = document.createElement('p');
      p.className = 'result-meta';
      p.textContent = [d.k, d.d, d.p].filter(Boolean).join(' · ');
      li.appendChild(p);
      var sn = document.createElement('p');
      sn.className = 'snippet';
      appendMarked(sn, snippet(d.x, re), re);
      li.appendChild(sn);
      if (re && !matches(d.x, re)) deepen(d.u, sn, re);
      return li;
    }

    function matches(text, re) { re.lastIndex = 0; return re.test(text); }

    // The index keeps only the summary and the start of the body. When the words are
    // further down, read the page itself (same origin; a parsed document runs no
    // script) and cut the snippet from its text, marks and all.
    function deepen(url, sn, re) {
      var mine = seq;
      fetch(url).then(function (r) { return r.ok ? r.text() : ''; }).then(function (html) {
        if (mine !== seq || !html) return;
        var prose = new DOMParser().parseFromString(html, 'text/html').querySelector('main .prose');
        if (!prose) return;
        var text = prose.textContent.replace(/\s+/g, ' ').trim();
        if (!matches(text, re)) return;
        sn.textContent = '';
        appendMarked(sn, snippet(text, re), re);
      }).catch(function () { /* the start-of-text snippet stays */ });
    }

    function run(q) {
      var mine = ++seq;
      var words = queryWords(q);
      list.textContent = '';
      other.hidden = true;
      more.hidden = true;
      app.dataset.query = '';
      if (!words.length) {
        setStatus(q.trim() ? fill(s('NoResults'), { q: q }) : s('Prompt'));
        app.dataset.query = q;
        return Promise.resolve();
      }
      setStatus(s('Loading'));
      var started = performance.now();
      return (meta ? Promise.resolve(meta) : fetchJson('meta.json')).then(function (m) {
        meta = m;
        var need = shardsFor(words, m.shards);
        return Promise.all(need.map(function (n) { return fetchJson('s/' + n + '.json'); }))
          .then(function (loaded) {
            var byN = new Map();
            need.forEach(function (n, i) { byN.set(n, loaded[i]); });
            var t0 = performance.now();
            var hits = rank(words, m.shards, function (n) { return byN.get(n); });
            app.dataset.rankMs = (performance.now() - t0).toFixed(2);
            return hits;
          });
      }).then(function (hits) {
        if (mine !== seq) return null;
        current = { hits: hits, shown: 0, re: markPattern(words), q: q };
        if (!hits.length) {
          setStatus(fill(s('NoResults'), { q: q }));
          otherLink.textContent = fill(s('TryOther'), { q: q });
          otherLink.href = app.dataset.otherUrl + '?q=' + encodeURIComponent(q);
          other.hidden = false;
          return null;
        }
        return showMore().then(function () {
          if (mine !== seq) return;
          setStatus(fill(s(hits.length === 1 ? 'ResultsOne' : 'ResultsMany'), { n: hits.length }));
        });
      }).then(function () {
        if (mine !== seq) return;
        app.dataset.query = q;
        app.dataset.ms = (performance.now() - started).toFixed(1);
      }).catch(function () {
        if (mine === seq) { setStatus(s('Error')); app.dataset.query = q; }
      });
    }

    more.textContent = s('More');
    more.addEventListener('click', function () { showMore(); });
    var timer = 0;
    input.addEventListener('input', function () {
      clearTimeout(timer);
      var q = input.value;
      timer = setTimeout(function () {
        var url = new URL(location.href);
        if (q) url.searchParams.set('q', q); else url.searchParams.delete('q');
        history.replaceState(null, '', url);
        run(q);
      }, 80);
    });
    input.form.addEventListener('submit', function (e) { e.preventDefault(); run(input.value); });
    var q0 = new URLSearchParams(location.search).get('q') || '';
    input.value = q0;
    run(q0);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
