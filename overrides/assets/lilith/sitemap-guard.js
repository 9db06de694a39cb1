/*
 * Loaded before Material's bundle. Material fetches "<href>/sitemap.xml" for every
 * <link rel="alternate"> in the head, meant for whole sites per language. Ours are
 * per-page hreflang links, so those fetches would 404 on every page. We let through
 * only the sitemap of the page's own language (instant navigation needs it) and end
 * the others as aborted requests, which Material ignores without a console error.
 */
(function () {
  "use strict";
  var config = document.getElementById("__config");
  if (!config || !window.XMLHttpRequest) return;
  var own;
  try {
    var base = new URL(JSON.parse(config.textContent).base, location.href);
    own = new URL("sitemap.xml", base).href;
  } catch (e) {
    return;
  }
  var proto = XMLHttpRequest.prototype;
  var open = proto.open;
  var send = proto.send;
  proto.open = function (method, url) {
    var target = new URL(String(url), location.href);
    this.lilithSkip = /\/sitemap\.xml$/.test(target.pathname) && target.href !== own;
    return open.apply(this, arguments);
  };
  proto.send = function () {
    if (this.lilithSkip) {
      this.dispatchEvent(new ProgressEvent("abort"));
      return undefined;
    }
    return send.apply(this, arguments);
  };
})();
