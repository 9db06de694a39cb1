"""The HTML of a checklist (see `checklist`), and the links its items point at.

Without JavaScript the markup is complete and printable: a fieldset with a legend, a
checkbox with its own `<label for>` per item (DESIGN trap 7), the step to take when an
item is unticked, and every outcome in text. checklist.js reveals the result region
(`role="status"`), the "what to do first" list, the share link and the buttons.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from functools import cache
from pathlib import Path

from markdown.util import AtomicString

from lilith.checklist.syntax import Checklist, Item, Outcome, target_parts
from lilith.content import yaml_text
from lilith.glossary import terms as glossary_terms
from lilith.text.strings import t
from lilith.text.urls import relative_url


@cache
def _glossary_file(glossary_dir: str, term_id: str) -> dict | None:
    path = Path(glossary_dir) / f"{term_id}.yml"
    if not path.is_file():
        return None
    data = yaml_text.load(path.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else None


def term_exists(term_id: str, glossary_dir: str) -> bool:
    """Whether the glossary has the term (the site's active glossary; `glossary_dir` is unused)."""
    return glossary_terms.term_exists(term_id)


def term_name(term_id: str, lang: str, glossary_dir: str) -> str:
    """The term as the glossary writes it in `lang`."""
    entry = _glossary_file(glossary_dir, term_id) or {}
    return (entry.get(lang) or entry.get("en") or {}).get("term") or term_id


def term_href(term_id: str, lang: str, page_url: str) -> str:
    """Link to the term's glossary entry, relative to the page (site-relative URLs are rebased)."""
    url = glossary_terms.term_url(term_id, lang)
    if url.startswith(("/", "#")) or "://" in url:
        return url
    return relative_url(url, page_url)


# -- markup -----------------------------------------------------------------------------------


def _el(
    parent: etree.Element, tag: str, attrs: dict[str, str] | None = None, text: str = ""
) -> etree.Element:
    """A child element; `text` is Markdown (inline-rendered later)."""
    el = etree.SubElement(parent, tag, attrs or {})
    if text:
        el.text = text
    return el


def _ui(parent: etree.Element, tag: str, attrs: dict[str, str] | None, text: str) -> etree.Element:
    """A child element holding an interface string (never read as Markdown)."""
    el = etree.SubElement(parent, tag, attrs or {})
    el.text = AtomicString(text)
    return el


def range_text(outcome: Outcome) -> str:
    """The counts an outcome covers: `4` or `0–3`."""
    return str(outcome.low) if outcome.low == outcome.high else f"{outcome.low}–{outcome.high}"


def _target(li: etree.Element, item: Item, lang: str, page_url: str, glossary_dir: str) -> None:
    kind, value, text = target_parts(item.target)
    p = _el(li, "p", {"class": "lilith-checklist__more"})
    if kind == "glossary":
        a = _ui(p, "a", {"href": term_href(value, lang, page_url)}, term_name(value, lang, glossary_dir))
        a.set("class", "lilith-checklist__term")
        p.text = AtomicString(t(lang, "checklist.glossary") + ": ")
    else:
        _el(p, "a", {"href": value}, text) if text else _ui(
            p, "a", {"href": value}, t(lang, "checklist.read")
        )


def render(root: etree.Element, checklist: Checklist, lang: str, page_url: str, glossary_dir: str) -> None:
    """Fill `root` (the block's `<div class="lilith-checklist">`) with the checklist."""
    dom_id = f"checklist-{checklist.id}"
    total = len(checklist.items)
    root.set("id", dom_id)
    root.set("data-checklist", checklist.id)

    fieldset = _el(root, "fieldset")
    _el(fieldset, "legend", {}, checklist.title)
    _ui(fieldset, "p", {"class": "lilith-checklist__hint"}, t(lang, "checklist.hint"))
    items = _el(fieldset, "ul", {"class": "lilith-checklist__items"})
    for number, item in enumerate(checklist.items, 1):
        box = f"{dom_id}-{number}"
        li = _el(items, "li", {"data-hash": item.hash})
        _el(li, "input", {"type": "checkbox", "id": box, "value": item.hash, "autocomplete": "off"})
        _el(li, "label", {"for": box}, item.text)
        if item.target:
            _target(li, item, lang, page_url, glossary_dir)
        if item.lever:
            lever = _el(li, "p", {"class": "lilith-checklist__lever"})
            _ui(lever, "span", {"class": "lilith-checklist__if"}, t(lang, "checklist.if_not"))
            lever[0].tail = " " + item.lever

    key = _el(root, "div", {"class": "lilith-checklist__key"})
    _ui(key, "p", {"class": "lilith-checklist__heading"}, t(lang, "checklist.key"))
    outcomes = _el(key, "dl")
    for outcome in checklist.outcomes:
        _ui(outcomes, "dt", {}, t(lang, "checklist.range").replace("{range}", range_text(outcome)))
        _el(outcomes, "dd", {"data-min": str(outcome.low), "data-max": str(outcome.high)}, outcome.text)
    if any(item.lever for item in checklist.items):
        _ui(key, "p", {}, t(lang, "checklist.levers"))

    result = _el(root, "div", {"class": "lilith-checklist__result", "hidden": "hidden"})
    progress = t(lang, "checklist.progress").replace("{total}", str(total))
    _el(result, "p", {"class": "lilith-checklist__status", "role": "status", "data-progress": progress})
    todo = _el(result, "div", {"class": "lilith-checklist__todo"})
    _ui(todo, "p", {"class": "lilith-checklist__heading"}, t(lang, "checklist.todo"))
    steps = _el(todo, "ol")
    for item in checklist.items:
        _el(steps, "li", {"data-hash": item.hash}, item.lever or item.text)
    actions = _el(result, "p", {"class": "lilith-checklist__actions"})
    _ui(actions, "a", {"class": "lilith-checklist__share", "href": f"#{dom_id}"}, t(lang, "checklist.share"))
    copy_attrs = {"type": "button", "data-action": "copy", "hidden": "hidden"}
    copy_attrs |= {
        "data-copied": t(lang, "checklist.copied"),
        "data-failed": t(lang, "checklist.copy_failed"),
    }
    _ui(actions, "button", copy_attrs, t(lang, "checklist.copy"))
    _ui(actions, "button", {"type": "button", "data-action": "reset"}, t(lang, "checklist.reset"))
    _el(actions, "span", {"class": "lilith-checklist__note", "aria-live": "polite"})
