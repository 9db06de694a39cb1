/*
 * Lilith's search worker: Material's search dialog, our index, fetched by the query.
 *
 * sitemap-guard.js points Material's `__config.search` here instead of Material's lunr
 * worker, which downloads the language's whole index on every first page view. This worker
 * speaks Material's worker protocol (SETUP, READY, QUERY, RESULT; see Material's
 * integrations/search/worker/message) and reads the files `lilith.search.shards` writes:
 * the `search_index.json` Material sends us holds only the config; the first query fetches
 * `terms.json` (the term files there are; asked for as the reader opens the search dialog,
 * WARM, so the first query starts a round trip later), then, per query word, one term file
 * (`t/<first letters>.json`), then the texts of the pages it shows (`p/<n>.json`).
 *
 * Words are matched as search-analyzer.js describes: the index holds whole, folded words;
 * a query word is folded and (cs, pl) stemmed and matches every word it is a prefix of.
 * Pages are ranked by BM25-like weights (pages with every query word first) and shown as
 * Material shows its own results: one group per page, the page first, then the sections a
 * query word matches, best first, the words highlighted. At most `MAX_PAGES` pages are shown;
 * `total` says how many pages match (a lower bound when a word is on more than the `TOP`
 * pages the term files list: shards.py), and sitemap-guard.js shows it.
 */
/* global importScripts, LilithAnalysis */
importScripts("search-analyzer.js");

(function () {
  "use strict";

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  var WARM = "lilith:warm"; /* sitemap-guard.js: the reader opened search; fetch terms.json */
  var MAX_PAGES = 20; /* result groups shown (and page files fetched) per query */
  var MIN_PREFIX = 3; /* shorter query words match whole words only */
  var TITLE = 100; /* a weight at or above this: the word is in a title or tag (shards.TITLE) */
  var IMPACT = 90; /* the weight of a word that says the most about a page's text (shards.IMPACT) */

  var state = { lang: "en", separator: /[\s\-]+/, base: null, manifest: null, terms: {}, pages: {} };
  var latest = 0;

  /* English: a light stemmer, so "models" finds "model" and "modeling", "tuned" finds
     "tuning" (prefix match). */
  function stemEnglish(word) {
    if (/\d/.test(word) || word.length <= 4) return word;
    var rules = [/ies$/, /ing$/, /ed$/, /es$/, /s$/];
    for (var i = 0; i < rules.length; i++) {
      var stem = word.replace(rules[i], "");
      if (stem !== word && stem.length >= 3) return stem;
    }
    return word;
  }

  /* Query words as [typed, prefix, exact]: the analysed form and whether only it matches. */
  function queryWords(query) {
    var out = [], seen = {};
    query.split(state.separator).forEach(function (raw) {
      var typed = LilithAnalysis.trim(raw);
      if (!typed) return;
      if (state.lang !== "en" && LilithAnalysis.isStopWord(state.lang, typed)) return;
      var folded = LilithAnalysis.fold(typed);
      var form = state.lang === "en" ? stemEnglish(folded) : LilithAnalysis.analyze(state.lang, typed);
      if (!form || seen[form]) return;
      seen[form] = true;
      out.push({ typed: typed, prefix: form, exact: form.length < MIN_PREFIX });
    });
    return out;
  }

  function fileKey(key) {
    return Array.from(key).map(function (c) {
      return /^[a-z0-9]$/i.test(c) && c.charCodeAt(0) < 128 ? c : "_" + c.codePointAt(0).toString(16);
    }).join("");
  }

  function getJSON(path, cache) {
    if (cache && cache[path]) return cache[path];
    var promise = fetch(new URL(path, state.base)).then(function (r) {
      if (!r.ok) throw new Error(r.status + " " + path);
      return r.json();
    });
    if (cache) {
      cache[path] = promise;
      promise.catch(function () { delete cache[path]; });
    }
    return promise;
  }

  function manifest() {
    if (!state.manifest) state.manifest = getJSON("terms.json", null).then(function (m) {
      m.keySet = {};
      m.keys.forEach(function (k) { m.keySet[k] = true; });
      return m;
    }, function (error) {
      state.manifest = null; /* the next query asks again */
      throw error;
    });
    return state.manifest;
  }

  /* The term files holding every word that starts with `prefix` (exact: only `prefix`). A word
     lives in the longest key it starts with (lilith.search.shards). */
  function keysFor(m, word) {
    var home = null;
    m.keys.forEach(function (k) {
      if (word.prefix.indexOf(k) === 0 && (home === null || k.length > home.length)) home = k;
    });
    var out = home === null ? [] : [home];
    if (!word.exact) m.keys.forEach(function (k) {
      if (k !== home && k.indexOf(word.prefix) === 0) out.push(k);
    });
    return out;
  }

  /* {word: [count, page, weight, …]} of the indexed words matching one query word. */
  function matches(m, word) {
    var files = keysFor(m, word).map(function (key) {
      return getJSON("t/" + fileKey(key) + ".json", state.terms);
    });
    return Promise.all(files).then(function (groups) {
      var out = {};
      groups.forEach(function (terms) {
        Object.keys(terms).forEach(function (term) {
          if (word.exact ? term === word.prefix : term.indexOf(word.prefix) === 0) out[term] = terms[term];
        });
      });
      return out;
    });
  }

  /* Pages, best first: [{page, score, words: {query word index: true}}]. A page that has
     every query word ranks above one that has only some. */
  function rank(m, words, found) {
    var pages = {};
    words.forEach(function (word, w) {
      var terms = found[w];
      Object.keys(terms).forEach(function (term) {
        var list = terms[term], df = list[0];
        var idf = Math.log(1 + (m.pages - df + 0.5) / (df + 0.5));
        var exact = term === word.prefix ? 1 : 0.8;
        for (var i = 1, page = 0; i < list.length; i += 2) {
          page += list[i];
          var weight = list[i + 1], impact = (weight % TITLE) / IMPACT, titled = weight >= TITLE;
          var hit = pages[page] || (pages[page] = { page: page, score: 0, words: {} });
          hit.score += exact * idf * (2.2 * impact + (titled ? 3 : 0));
          hit.words[w] = true;
        }
      });
    });
    var list = Object.keys(pages).map(function (p) { return pages[p]; });
    /* Pages with a word: the term files list a word's heaviest pages and how many have it. */
    list.atLeast = list.length;
    words.forEach(function (_, w) {
      Object.keys(found[w]).forEach(function (term) { list.atLeast = Math.max(list.atLeast, found[w][term][0]); });
    });
    list.forEach(function (hit) {
      hit.all = words.every(function (_, w) { return hit.words[w]; });
    });
    list.sort(function (a, b) {
      return (b.all - a.all) || (b.score - a.score) || (a.page - b.page);
    });
    return list;
  }

  /* Which query words a word of the text matches (folded), as a list of their indexes. */
  function wordHits(folded, words) {
    var out = [];
    words.forEach(function (word, w) {
      if (word.exact ? folded === word.prefix : folded.indexOf(word.prefix) === 0) out.push(w);
    });
    return out;
  }

  /* Which query words a token of the text matches, remembered for the query: the texts of
     the pages shown repeat their words, and folding each one again costs more than the rest
     of the search. */
  function matcher(words) {
    var memo = new Map();
    return function (token) {
      var hit = memo.get(token);
      if (hit === undefined) {
        hit = wordHits(LilithAnalysis.fold(LilithAnalysis.trim(token)), words);
        memo.set(token, hit);
      }
      return hit;
    };
  }

  /* An HTML fragment with every word a query word matches in <mark>, and what it matched. */
  function highlight(markup, match, seen) {
    if (!markup) return { html: markup || "", hits: 0 };
    var hits = 0;
    var html = markup.split(/(<[^>]*>)/).map(function (part) {
      if (part.charAt(0) === "<") return part;
      return part.replace(/[\p{L}\p{N}'’_]+/gu, function (token) {
        var matched = match(token);
        if (!matched.length) return token;
        hits += 1;
        matched.forEach(function (w) { seen[w] = true; });
        return "<mark>" + token + "</mark>";
      });
    }).join("");
    return { html: html, hits: hits };
  }

  /* Material's search items of one page: its own entry and the sections a word matches.
     Material takes the first item's score as the bar: sections at it are shown, the others
     folded under "more on this page"; the page's own text is shown when it is first. */
  function items(rows, hit, words, match) {
    var out = [];
    rows.forEach(function (row, s) {
      var seen = {};
      var title = highlight(row[1], match, seen), text = highlight(row[2], match, seen);
      if (s === 0) highlight((row[3] || []).join(" "), match, seen);
      var found = title.hits * 8 + text.hits + (s === 0 && Object.keys(seen).length ? 1 : 0);
      if (s > 0 && !found) return;
      var terms = {};
      words.forEach(function (word, w) { terms[word.typed] = !!seen[w]; });
      var entry = {
        location: row[0],
        title: title.html,
        text: text.html,
        score: hit.score * found / (found + 4),
        terms: terms
      };
      if (row[3] && row[3].length) entry.tags = row[3];
      out.push(entry);
    });
    /* The page's own text when a word is in it (its sections under "more on this page"),
       else its best section. */
    var own = out[0] && out[0].location === rows[0][0] && out[0].score > 0 ? out.shift() : null;
    out.sort(function (a, b) { return b.score - a.score; });
    if (own) {
      /* above every section: Material shows a first page's text only when none reaches it */
      own.score = Math.max(own.score, out.length ? out[0].score * 1.001 + 1e-9 : 0);
      out.unshift(own);
    }
    return out;
  }

  function search(query) {
    var words = queryWords(query);
    if (!words.length) return Promise.resolve({ items: [], total: 0 });
    return manifest().then(function (m) {
      return Promise.all(words.map(function (word) { return matches(m, word); })).then(function (found) {
        var hits = rank(m, words, found);
        var shown = hits.slice(0, MAX_PAGES);
        return Promise.all(shown.map(function (h) { return getJSON("p/" + h.page + ".json", state.pages); }))
          .then(function (rows) {
            var match = matcher(words);
            return {
              items: shown.map(function (hit, i) { return items(rows[i], hit, words, match); }),
              total: hits.atLeast /* at least this many pages match (all, when few do) */
            };
          });
      });
    });
  }

  self.addEventListener("message", function (ev) {
    var message = ev.data;
    if (message.type === SETUP) {
      var config = (message.data && message.data.config) || {};
      state.lang = (config.lang && config.lang[0]) || "en";
      if (config.separator) state.separator = new RegExp(config.separator);
      /* The index's folder: the worker lives in <site>/assets/lilith/. */
      state.base = new URL("../../" + (config.lilith_root || "") + "search/", self.location.href);
      self.postMessage({ type: READY });
    } else if (message.type === WARM) {
      if (state.base) manifest().catch(function () {});
    } else if (message.type === QUERY) {
      var id = ++latest;
      search(String(message.data || "")).then(function (result) {
        if (id === latest) self.postMessage({ type: RESULT, data: result });
      }, function () {
        if (id === latest) self.postMessage({ type: RESULT, data: { items: [], total: 0 } });
      });
    }
  });
})();
