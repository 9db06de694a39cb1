/*
 * The 404 page in the reader's language. Static hosts serve the root /404.html for every
 * missing path; it carries the message in every language (see scripts/lilith/not_found.py).
 * Loaded only on 404 pages, at the end of the body and before sitemap-guard.js and Material's
 * bundle, so the language's `__config` (search, instant navigation) is in place when they read it.
 */
(function () {
  "use strict";
  var sections = document.querySelectorAll("[data-lilith-404]");
  if (!sections.length) return;

  /* The language is the first path segment after the site root, if a language has a message. */
  function pathLanguage() {
    var config = document.getElementById("__config");
    var root = "/";
    try {
      root = new URL(JSON.parse(config.textContent).base, location.href).pathname;
    } catch (e) { /* keep "/" */ }
    if (root.charAt(root.length - 1) !== "/") root += "/";
    var rest = location.pathname.indexOf(root) === 0 ? location.pathname.slice(root.length) : "";
    var first = rest.split("/")[0];
    for (var i = 0; i < sections.length; i++) {
      if (sections[i].getAttribute("data-lilith-404") === first) return first;
    }
    return sections[0].getAttribute("data-lilith-404");
  }

  /* Apply one language's attribute and text changes to an element. */
  function apply(el, changes) {
    var texts = [];
    for (var n = el.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 3 && /\S/.test(n.nodeValue)) texts.push(n);
    }
    Object.keys(changes).forEach(function (key) {
      var value = changes[key];
      if (key.charAt(0) === "@") {
        if (value === null) el.removeAttribute(key.slice(1));
        else el.setAttribute(key.slice(1), value);
      } else if (key.indexOf("#text") === 0) {
        var node = texts[Number(key.slice(5))];
        if (node) node.nodeValue = value;
      }
    });
  }

  var lang = pathLanguage();
  var marked = document.querySelectorAll("[data-lilith-i18n]");
  for (var i = 0; i < marked.length; i++) {
    var all = JSON.parse(marked[i].getAttribute("data-lilith-i18n"));
    if (all[lang]) apply(marked[i], all[lang]);
  }
  for (var j = 0; j < sections.length; j++) {
    sections[j].hidden = sections[j].getAttribute("data-lilith-404") !== lang;
  }
  document.documentElement.setAttribute("lang", lang);
})();
