"""The site's checks and articles, read again on every save, each file's part done once.

Every language's build starts by reading the whole site (`lilith.site.site_inputs`): the
checks of every file, every article, the glossary. In a warm worker that is most of a save
at N = 1,000, although one file changed. `remember_per_file` makes its per-file steps
remember their result by the file's identity on disk (modification time in nanoseconds,
size, inode: an editor's save changes at least one), in this process only:

* `lilith.checks._load`: parsing and validating one page;
* `lilith.checks._translation_problems`: one page's parity and staleness checks, by the
  documents of its languages and the state of `fingerprints/`;
* `lilith.content.pages.article_from`: one article's model, by its document;
* `lilith.content.pages._load_yaml`: front matter's data, by its text (a copy each time).

Unchanged files give the very same objects as before, so the steps after them can tell what
changed by identity. The results are what the steps return; only the time differs.
"""

from __future__ import annotations

import copy
import os
from pathlib import Path

from lilith import checks
from lilith.content import pages

_loads: dict[str, tuple[tuple, object, list, object]] = {}
_translations: dict[tuple, tuple[tuple, list, set]] = {}
_articles: dict[int, tuple[object, object]] = {}
_installed = False


KNOWN: dict[str, tuple[int, int, int]] = {}  # absolute path -> file_key, from the worker's walk


def file_key(path: Path | str) -> tuple[int, int, int] | None:
    known = KNOWN.get(str(path))
    if known is not None:
        return known
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size, st.st_ino


def _load(path, rel, name, result):
    key = (file_key(path), str(path), name)
    cached = _loads.get(rel)
    if cached is not None and cached[0] == key:
        _, found, problems, doc = cached
    else:
        before = len(result.problems)
        found = _ORIGINAL_LOAD(path, rel, name, result)
        problems = result.problems[before:]
        del result.problems[before:]
        doc = result.documents.get(rel)
        _loads[rel] = (key, found, problems, doc)
    result.problems.extend(problems)
    if doc is not None:
        result.documents[rel] = doc
    return found


def _translation_problems(root, docs_prefix, group, result):
    fingerprints = file_key(Path(root) / "fingerprints")
    docs = tuple((lang, rel, id(result.documents.get(rel))) for lang, rel in sorted(group.files.items()))
    key = (fingerprints, str(root), docs_prefix, docs)
    cached = _translations.get((str(root), group.page))
    if cached is not None and cached[0] == key:
        _, problems, outdated = cached
    else:
        before, outdated_before = len(result.problems), set(result.outdated)
        _ORIGINAL_TRANSLATIONS(root, docs_prefix, group, result)
        problems = result.problems[before:]
        del result.problems[before:]
        outdated = result.outdated - outdated_before
        result.outdated -= outdated
        _translations[(str(root), group.page)] = (key, problems, outdated)
    result.problems.extend(problems)
    result.outdated |= outdated


def _article_from(doc, docs_dir):
    cached = _articles.get(id(doc))
    if cached is not None and cached[0] is doc:
        return cached[1]
    article = _ORIGINAL_ARTICLE(doc, docs_dir)
    if len(_articles) > 50_000:
        _articles.clear()
    _articles[id(doc)] = (doc, article)  # keeps `doc` alive: its id is not reused
    return article


def _load_yaml(path, front_matter):
    if front_matter not in _yaml:
        if len(_yaml) > 50_000:
            _yaml.clear()
        _yaml[front_matter] = _ORIGINAL_YAML(path, front_matter)  # failures raise, not kept
    return copy.deepcopy(_yaml[front_matter])  # callers may change what they get


_yaml: dict[str, object] = {}
_ORIGINAL_YAML = pages._load_yaml
_ORIGINAL_LOAD = checks._load
_ORIGINAL_TRANSLATIONS = checks._translation_problems
_ORIGINAL_ARTICLE = pages.article_from


def remember_per_file() -> None:
    """Install the remembering steps in this process (a warm worker)."""
    global _installed
    if not _installed:
        checks._load = _load
        checks._translation_problems = _translation_problems
        pages.article_from = _article_from
        pages._load_yaml = _load_yaml
        _installed = True
