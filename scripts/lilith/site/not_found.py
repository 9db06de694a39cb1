"""The 404 page in every language, chosen by the URL's language (DESIGN trap 4).

static-i18n renders `404.html` once per language, each time over the same root file, so the
language built last wins. At the end of each language's build the root file is that language's
page: `write_language` keeps it as `cs/404.html`, `pl/404.html` (for hosts that serve
per-directory 404 pages), with Material's `__config.base` at the language root so search and
instant navigation stay in that language. At the end of the whole build `write_root` turns the
root page (the default language's) into one that serves every language:

- `404.html` at the root, which static hosts (GitHub Pages) serve for *every* missing path: the
  English page, whose content holds the message in all three languages (each `lang`-marked,
  readable without JavaScript), and whose other texts that differ by language (the page title,
  site name, search and theme labels, Material's config) carry their Czech and Polish versions
  in `data-lilith-i18n`. `assets/lilith/not-found.js` reads the language from the path
  (`/cs/…`, `/pl/…`), shows that language's message, applies its texts and sets `<html lang>`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

from lilith.text import strings
from lilith.text.languages import DEFAULT, LANGUAGES, prefix

FILE = "404.html"
I18N_ATTR = "data-lilith-i18n"
CONTENT_ATTR = "data-lilith-404s"  # the container of the per-language messages: never diffed
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


def versions(lang: str) -> list[dict[str, str]]:
    """The messages a language build's 404 page carries: all languages on the root page."""
    langs = [DEFAULT, *(other for other in LANGUAGES if other != DEFAULT)] if lang == DEFAULT else [lang]
    return [
        {
            "lang": code,
            "heading": strings.t(code, "notfound.heading"),
            "text": strings.t(code, "notfound.text"),
            "home_label": strings.t(code, "notfound.home"),
            "home_url": prefix(code),
        }
        for code in langs
    ]


def config_base(html: str) -> str:
    """The `base` in Material's `__config` (for 404 pages, the site's absolute root path)."""
    match = _CONFIG.search(html)
    if match is None:
        raise ValueError("no Material __config in the 404 page")
    return json.loads(match.group(2))["base"]


def with_base(html: str, base: str) -> str:
    """`html` with Material's `__config.base` set to `base`."""

    def replace(match: re.Match) -> str:
        config = json.loads(match.group(2))
        config["base"] = base
        payload = json.dumps(config, ensure_ascii=False).replace("<", "\\u003c")
        return match.group(1) + payload + match.group(3)

    return _CONFIG.sub(replace, html, count=1)


def language_base(root_base: str, lang: str) -> str:
    """Absolute language root for a 404 page: ('/', 'cs') -> '/cs/'; ('/site/', 'cs') -> '/site/cs/'.

    With the trailing slash: Material resolves `sitemap.xml` and the search index against it.
    """
    return root_base.rstrip("/") + "/" + prefix(lang)


# -- the root page: per-language texts outside the message ---------------------------------


def _children(node: LexborNode) -> list[LexborNode]:
    return [c for c in node.iter(include_text=True) if c.is_element_node or c.is_text_node]


def _texts(children: list[LexborNode]) -> list[str]:
    """Non-blank text children (both parsers, lexbor and the browser's, keep exactly these)."""
    return [c.text_content for c in children if c.is_text_node and c.text_content.strip()]


def _diff(base: LexborNode, other: LexborNode) -> dict[str, str | None]:
    """What `other` changes on `base`: '@attr' values (None = remove) and '#text<i>'."""
    changes: dict[str, str | None] = {}
    # lexbor gives a value-less attribute (`hidden`) as None, and `hidden=""` as "": the same.
    a = {k: v or "" for k, v in base.attributes.items()}
    b = {k: v or "" for k, v in other.attributes.items()}
    for attr in sorted(set(a) | set(b)):
        if attr != I18N_ATTR and a.get(attr) != b.get(attr):
            changes["@" + attr] = b.get(attr)  # None: remove it
    ta, tb = _texts(_children(base)), _texts(_children(other))
    if len(ta) == len(tb):
        changes.update(
            {f"#text{i}": new for i, (old, new) in enumerate(zip(ta, tb, strict=True)) if old != new}
        )
    return changes


def _walk(base: LexborNode, others: dict[str, LexborNode], found: dict[int, tuple]) -> None:
    if base.attributes.get(CONTENT_ATTR) is not None:
        return
    changes = {lang: diff for lang, node in others.items() if (diff := _diff(base, node))}
    if changes:
        found[base.mem_id] = (base, changes)
    kids = [c for c in _children(base) if c.is_element_node]
    kids_of = {lang: [c for c in _children(node) if c.is_element_node] for lang, node in others.items()}
    for lang, theirs in list(kids_of.items()):
        if [c.tag for c in theirs] != [c.tag for c in kids]:
            del kids_of[lang]  # different structure: leave this subtree untranslated
    if not kids_of:
        return
    for i, kid in enumerate(kids):
        _walk(kid, {lang: theirs[i] for lang, theirs in kids_of.items()}, found)


def localize_root(root_html: str, others: dict[str, str]) -> str:
    """The root 404 page with `data-lilith-i18n` on every element whose text or attributes
    differ in the other languages' 404 pages (`others`: {lang: html})."""
    doc = LexborHTMLParser(root_html)
    trees = {lang: LexborHTMLParser(html) for lang, html in others.items()}
    found: dict[int, tuple] = {}
    _walk(doc.root, {lang: tree.root for lang, tree in trees.items()}, found)
    for node, changes in found.values():
        node.attrs[I18N_ATTR] = json.dumps(changes, ensure_ascii=False, sort_keys=True)
    return doc.html or root_html


def write_language(site_dir: Path, lang: str) -> None:
    """At the end of a language's build: keep its 404 page as `<lang>/404.html`.

    Every language's build writes `404.html` at the site root, so right after a build the root
    file is that language's page. The default language's stays at the root (see `write_root`).
    """
    if lang == DEFAULT:
        return
    page = site_dir / FILE
    if not page.exists():
        return
    html = page.read_text(encoding="utf-8")
    target = site_dir / prefix(lang) / FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(with_base(html, language_base(config_base(html), lang)), encoding="utf-8")


def write_root(site_dir: Path, pages: dict[str, Path] | None = None) -> None:
    """Give the root 404 page (the default language's) the other languages' texts.

    Reads `cs/404.html` and `pl/404.html`, or the files `pages` names for them ({lang: path}:
    the live preview's, before its policy is stamped in); safe to run again on a finished site.
    """
    root = site_dir / FILE
    pages = pages or {lang: site_dir / prefix(lang) / FILE for lang in LANGUAGES if lang != DEFAULT}
    others = {lang: path.read_text(encoding="utf-8") for lang, path in pages.items() if path.exists()}
    root.write_text(localize_root(root.read_text(encoding="utf-8"), others), encoding="utf-8")
