/*
 * Loaded before Material's bundle: instant navigation without downloading the sitemap.
 *
 * Material fetches "<base>/sitemap.xml" on every first page view and navigates instantly
 * only to the URLs it lists: a download that grows with the site (1 MB at 1,000 articles).
 * It also fetches "<href>/sitemap.xml" for every <link rel="alternate"> in the head (meant
 * for whole sites per language; ours are per-page hreflang links, so those would 404).
 *
 * Instead, the request for the page's own language's sitemap fetches
 * `assets/lilith/instant.xml`, a sitemap with one sentinel URL, and Material's map of the
 * sitemap answers "is this URL listed?" by a rule: a page of this site under the page's
 * language root (`__config.base`) and not under another language's root, e.g. /cs/… for
 * English. So instant navigation stays inside one language and a language switch is a full
 * page load, as with a per-language sitemap. The other sitemap requests end as aborted
 * requests, which Material ignores without a console error. The SEO sitemaps
 * (`sitemap.xml` per language, listed in robots.txt) keep every URL and alternate.
 *
 * Search: Material counts the results its worker sends. Ours (search-worker.js) sends the
 * best 20 pages and how many pages match (`total`); when more match, the results line says
 * so, in Material's own words for "# matching documents". As the reader opens search (the
 * field takes the focus), the worker is told to fetch the list of term files, so the first
 * query waits for one round trip less.
 */
(function () {
  "use strict";
  var SENTINEL = "/__lilith_instant__/";
  var LANGUAGES = ["cs", "pl"]; /* the languages below the site root (lilith.text.languages) */
  var config = document.getElementById("__config");
  if (!config || !window.XMLHttpRequest) return;
  var own, stub, base, root, translations;
  try {
    var parsed = JSON.parse(config.textContent);
    translations = parsed.translations || {};
    base = new URL(parsed.base, location.href);
    own = new URL("sitemap.xml", base).href;
    stub = new URL("instant.xml", document.currentScript.src).href;
    root = new URL("../../", document.currentScript.src).pathname;
  } catch (e) {
    return;
  }

  /* Whether Material may load `url` by instant navigation (it asks with canonical URLs). */
  function inLanguage(url) {
    var target;
    try { target = new URL(url); } catch (e) { return false; }
    if (target.origin !== base.origin || target.pathname.indexOf(base.pathname) !== 0) return false;
    var rest = target.pathname.slice(root.length);
    var first = rest.split("/")[0];
    if (base.pathname === root && LANGUAGES.indexOf(first) >= 0) return false;
    if (/^(assets|search)\//.test(target.pathname.slice(base.pathname.length))) return false;
    var last = target.pathname.split("/").pop();
    return last === "" || /\.html$/.test(last);
  }

  /* Material's sitemap is a Map built from the stub: mark it by its sentinel entry. */
  var set = Map.prototype.set;
  var has = Map.prototype.has;
  Map.prototype.set = function (key, value) {
    if (typeof key === "string" && key.indexOf(SENTINEL) > 0) {
      Object.defineProperty(this, "lilithSitemap", { value: true });
    }
    return set.call(this, key, value);
  };
  Map.prototype.has = function (key) {
    if (this.lilithSitemap === true && typeof key === "string") return inLanguage(key);
    return has.call(this, key);
  };

  var NativeWorker = window.Worker;
  if (NativeWorker) {
    var RESULT = 3; /* Material's SearchMessageType.RESULT */
    var counted = function (ev) {
      var data = ev.data && ev.data.type === RESULT && ev.data.data;
      if (!data || !(data.total > data.items.length) || !translations["search.result.other"]) return;
      setTimeout(function () { /* after Material wrote its count */
        var meta = document.querySelector(".md-search-result__meta");
        if (meta) meta.textContent = translations["search.result.other"].replace("#", String(data.total));
      }, 0);
    };
    window.Worker = function (url, options) {
      var worker = new NativeWorker(url, options);
      if (/\/lilith\/search-worker\.js$/.test(new URL(String(url), location.href).pathname)) {
        worker.addEventListener("message", counted);
        document.addEventListener("focusin", function (ev) {
          if (ev.target instanceof Element && ev.target.matches("input.md-search__input")) {
            worker.postMessage({ type: "lilith:warm" });
          }
        });
      }
      return worker;
    };
    window.Worker.prototype = NativeWorker.prototype;
  }

  var proto = XMLHttpRequest.prototype;
  var open = proto.open;
  var send = proto.send;
  proto.open = function (method, url) {
    var target = new URL(String(url), location.href);
    var sitemap = /\/sitemap\.xml$/.test(target.pathname);
    this.lilithSkip = sitemap && target.href !== own;
    var args = Array.prototype.slice.call(arguments);
    if (sitemap && target.href === own) args[1] = stub;
    return open.apply(this, args);
  };
  proto.send = function () {
    if (this.lilithSkip) {
      this.dispatchEvent(new ProgressEvent("abort"));
      return undefined;
    }
    return send.apply(this, arguments);
  };
})();
