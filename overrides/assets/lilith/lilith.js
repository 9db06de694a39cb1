/*
 * Lilith page behaviour. Everything runs from Material's document$ so it works with
 * instant navigation; listeners on elements that instant navigation keeps (the header)
 * are attached once, never per navigation (DESIGN trap 9).
 */
(function () {
  "use strict";

  /* Point the language switcher at this page's alternates (the header outlives navigation). */
  function updateLanguageLinks() {
    var links = document.querySelectorAll("a.lilith-lang[hreflang]");
    for (var i = 0; i < links.length; i++) {
      var lang = links[i].getAttribute("hreflang");
      var alt = document.head.querySelector('link[rel="alternate"][hreflang="' + lang + '"]');
      if (alt) {
        var url = new URL(alt.href, location.href);
        links[i].setAttribute("href", url.pathname);
      }
    }
  }

  function onPage() {
    updateLanguageLinks();
  }

  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(onPage);
  } else {
    document.addEventListener("DOMContentLoaded", onPage);
  }
})();
