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
      var alt = document.head.querySelector('link[rel="alternate"][hreflang="' + lang + '"]:not([type])');
      if (alt) {
        var url = new URL(alt.href, location.href);
        links[i].setAttribute("href", url.pathname);
      }
    }
  }

  /* --- Glossary term tooltips (links written by scripts/lilith/glossary_match.py) ---------
   * A term is a real link, so keyboards reach it; its aria-describedby names the element
   * holding the short definition (in the "From the Glossary" box, or a hidden list), which
   * screen readers announce. This shows that definition as a tooltip on focus and hover; on
   * touch the first tap shows it and the second follows the link. One tooltip element and
   * document-level listeners, attached once (not per instant navigation). No `title`:
   * Material's tooltips would remove our aria-describedby and never show on a tap. */
  var TERM = "a.lilith-term";
  var termTip = null;
  var termHost = null;
  var lastPointer = "mouse";
  var hostAtPointerDown = null;

  function termOf(node) {
    return node && node.nodeType === 1 && node.closest ? node.closest(TERM) : null;
  }

  function termTipElement() {
    if (!termTip || !termTip.isConnected) {
      termTip = document.createElement("div");
      termTip.className = "lilith-term-tip";
      termTip.setAttribute("aria-hidden", "true"); /* the link's description already says it */
      termTip.hidden = true;
      document.body.appendChild(termTip);
    }
    return termTip;
  }

  function placeTermTip() {
    if (!termHost || !termTip || termTip.hidden) return;
    if (!termHost.isConnected) return hideTermTip();
    var rects = termHost.getClientRects(); /* a term wrapped over two lines: below its last part */
    var rect = rects.length ? rects[rects.length - 1] : termHost.getBoundingClientRect();
    var width = termTip.offsetWidth;
    var height = termTip.offsetHeight;
    var viewWidth = document.documentElement.clientWidth;
    var left = Math.max(8, Math.min(rect.left, viewWidth - width - 8));
    var top = rect.bottom + 6;
    if (top + height > window.innerHeight - 8 && rect.top - height - 6 > 8) top = rect.top - height - 6;
    termTip.style.left = left + "px";
    termTip.style.top = top + "px";
  }

  function showTermTip(link) {
    var definition = document.getElementById(link.getAttribute("aria-describedby") || "");
    if (!definition) return;
    var tip = termTipElement();
    tip.textContent = definition.textContent.trim();
    tip.setAttribute("data-term", link.getAttribute("data-term") || "");
    tip.hidden = false;
    termHost = link;
    placeTermTip();
  }

  function hideTermTip() {
    if (termTip) termTip.hidden = true;
    termHost = null;
  }

  function isTouchClick(event) {
    if (event.pointerType) return event.pointerType === "touch" || event.pointerType === "pen";
    return event.detail > 0 && (lastPointer === "touch" || lastPointer === "pen");
  }

  document.addEventListener("pointerdown", function (event) {
    lastPointer = event.pointerType || "mouse";
    hostAtPointerDown = termTip && !termTip.hidden ? termHost : null;
  }, true);
  document.addEventListener("click", function (event) {
    var link = termOf(event.target);
    if (!isTouchClick(event)) return;
    if (link && hostAtPointerDown !== link) {
      /* first tap: show the definition; a second tap on the same term opens the entry */
      event.preventDefault();
      event.stopPropagation();
      showTermTip(link);
    } else if (!link) {
      hideTermTip();
    }
  }, true);
  document.addEventListener("focusin", function (event) {
    var link = termOf(event.target);
    if (link) showTermTip(link);
    else hideTermTip();
  });
  document.addEventListener("focusout", function (event) {
    if (termOf(event.target) === termHost && lastPointer !== "touch") hideTermTip();
  });
  document.addEventListener("mouseover", function (event) {
    var link = termOf(event.target);
    if (link && lastPointer !== "touch") showTermTip(link);
  });
  document.addEventListener("mouseout", function (event) {
    var link = termOf(event.target);
    if (link && link === termHost && termOf(event.relatedTarget) !== link && document.activeElement !== link) {
      hideTermTip();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hideTermTip();
  });
  window.addEventListener("scroll", placeTermTip, { passive: true });
  window.addEventListener("resize", placeTermTip, { passive: true });
  /* --- end of glossary term tooltips --- */

  function onPage() {
    updateLanguageLinks();
    hideTermTip();
  }

  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(onPage);
  } else {
    document.addEventListener("DOMContentLoaded", onPage);
  }
})();
