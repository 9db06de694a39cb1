/*
 * Lilith checklists (markup: scripts/lilith/checklist_html.py). Ticking updates the
 * result (role="status"); answers are kept per page and checklist in localStorage as the
 * hashes of the ticked items' text; ?checklist-<id>=<hash>.<hash> shares them.
 * Listeners are attached once, on document; document$ only sets up each new page's
 * checklists (DESIGN trap 9). Without storage it still works, it just forgets.
 */
(function () {
  "use strict";

  var ROOT = ".lilith-checklist";

  function $(root, selector) { return root.querySelector(selector); }
  function boxes(root) { return root.querySelectorAll("input[type=checkbox]"); }
  function param(root) { return "checklist-" + root.getAttribute("data-checklist"); }
  function key(root) { return "lilith:" + location.pathname + ":" + param(root); }

  function load(root) {
    try {
      var value = JSON.parse(localStorage.getItem(key(root)));
      return Array.isArray(value) ? value : [];
    } catch (e) { return []; }
  }

  function save(root) {
    try { localStorage.setItem(key(root), JSON.stringify(ticked(root))); } catch (e) { /* no storage */ }
  }

  function ticked(root) {
    var hashes = [];
    boxes(root).forEach(function (box) { if (box.checked) hashes.push(box.value); });
    return hashes;
  }

  function shareUrl(root) {
    var url = new URL(location.href);
    url.search = "";
    url.searchParams.set(param(root), ticked(root).join("."));
    url.hash = root.id;
    return url.href;
  }

  function render(root) {
    var on = ticked(root);
    var status = $(root, "[role=status]");
    var verdict = document.createElement("span");
    verdict.textContent = status.getAttribute("data-progress").replace("{yes}", on.length) + " ";
    root.querySelectorAll("dd[data-min]").forEach(function (dd) {
      if (+dd.getAttribute("data-min") <= on.length && on.length <= +dd.getAttribute("data-max")) {
        verdict.insertAdjacentHTML("beforeend", dd.innerHTML); /* our own build-time HTML */
      }
    });
    status.replaceChildren(verdict);
    root.querySelectorAll(".lilith-checklist__todo li").forEach(function (li) {
      li.hidden = on.indexOf(li.getAttribute("data-hash")) >= 0;
    });
    $(root, ".lilith-checklist__todo").hidden = on.length === boxes(root).length;
    var share = shareUrl(root);
    $(root, ".lilith-checklist__share").href = share;
    /* Opened from a share link: keep the address bar in step with the ticks. */
    if (new URL(location.href).searchParams.has(param(root))) {
      history.replaceState(history.state, "", share);
    }
  }

  function setup(root) {
    var shared = new URL(location.href).searchParams.get(param(root));
    var on = shared === null ? load(root) : shared.split(".");
    boxes(root).forEach(function (box) { box.checked = on.indexOf(box.value) >= 0; });
    if (shared !== null) save(root);
    $(root, "[data-action=copy]").hidden = !(navigator.clipboard && navigator.clipboard.writeText);
    $(root, ".lilith-checklist__result").hidden = false;
    root.classList.add("lilith-checklist--live");
    render(root);
  }

  document.addEventListener("change", function (event) {
    var root = event.target.closest(ROOT);
    if (root && event.target.type === "checkbox") {
      save(root);
      render(root);
    }
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(ROOT + " button[data-action]");
    if (!button) return;
    var root = button.closest(ROOT);
    var note = $(root, ".lilith-checklist__note");
    note.textContent = "";
    if (button.getAttribute("data-action") === "reset") {
      boxes(root).forEach(function (box) { box.checked = false; });
      save(root);
      render(root);
    } else {
      navigator.clipboard.writeText(shareUrl(root)).then(
        function () { note.textContent = button.getAttribute("data-copied"); },
        function () { note.textContent = button.getAttribute("data-failed"); }
      );
    }
  });

  function onPage() {
    document.querySelectorAll(ROOT + ":not(.lilith-checklist--live)").forEach(setup);
  }

  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(onPage);
  } else {
    document.addEventListener("DOMContentLoaded", onPage);
  }
})();
