"""The served site: what changed in the workers' folders, copied in as the full build merges it.

`python -m lilith build` moves each language's own files from its worker's folder into the site
(`lilith.site.merge`), then writes what needs every language: the fallback pages' search
entries dropped, the root 404 page, the site-wide CSP. `SiteMirror` does the same after every
run of the warm workers, for the files that changed only: it remembers each file's size and
modification time in the workers' folders and each page's inline-script hashes, so a run that
re-rendered one page copies a handful of files and stamps the policy into those; only when the
policy itself changes (a new inline script) is every page rewritten.

`show` puts a standby's preview of the saved pages in the served folder ahead of the run (from
another thread: the mirror's lock keeps the two apart); the run's `update` then writes them as
the build does, and tells the live-reload server only of pages served with other bytes than
before (not a preview it wrote alike). A run that began before the save leaves the preview:
the next run writes the page.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
from collections.abc import Callable, Collection
from pathlib import Path

from lilith.search import shards
from lilith.site import csp, not_found
from lilith.site.merge import drop_fallback_duplicates, owned_entries
from lilith.site.outputs import SEARCH_INDEX, write_language_shards
from lilith.text.languages import prefix


def _owned(parts: dict[str, Path], default: str, langs) -> dict[str, tuple[str, os.stat_result]]:
    """{site path: (source file, its stat)} of what the build of each of `langs` owns
    (`merge.owned_entries`: the merge's own rule)."""
    found: dict[str, tuple[str, os.stat_result]] = {}
    for lang, part in parts.items():
        if lang not in langs or not part.is_dir():
            continue
        stack = []
        for entry in owned_entries(part, lang, default, parts):
            rel = entry.relative_to(part).as_posix()
            if entry.is_dir():
                stack.append((rel + "/", str(entry)))
            else:
                found[rel] = (str(entry), entry.stat())
        while stack:  # os.scandir, not pathlib: ten thousand files on every save
            rel_folder, folder = stack.pop()
            with os.scandir(folder) as entries:
                for item in entries:
                    rel = rel_folder + item.name
                    if item.is_dir():
                        stack.append((rel + "/", item.path))
                    else:
                        found[rel] = (item.path, item.stat())
    return found


class SiteMirror:
    """The served folder, kept equal to what `python -m lilith build` writes from the workers' parts."""

    def __init__(self, site_dir: Path, parts: dict[str, Path], default: str) -> None:
        self.site_dir, self.parts, self.default = site_dir, parts, default
        self.order = [default, *(lang for lang in parts if lang != default)]
        self.seen: dict[str, tuple[int, int]] = {}  # site path -> (size, mtime_ns) copied
        self.hashes: dict[str, frozenset[str]] = {}  # html page -> its inline scripts' hashes
        self.policy: str | None = None
        self.index_stamps: dict[str, tuple[int, int]] = {}  # the workers' full search indexes
        self.index_digests: dict[str, bytes] = {}  # each language's index as its shards were cut
        self.shard_texts: dict[str, dict[str, str]] = {}  # each language's shard files as written
        self.shard_memos: dict[str, dict] = {}  # each language's `shards.build` memo
        self.shown: dict[str, tuple[bytes, float]] = {}  # previewed page -> (served before, saved at)
        self.lock = threading.Lock()
        self.served: dict[str, bytes] = {}  # html page -> digest of the bytes served

    def show(self, folder: Path, rels: list[str], saved_at: float = 0.0) -> list[str]:
        """Serve the previewed pages `rels` from `folder` until a run after `saved_at`
        (`time.monotonic()`) replaces them; the site paths shown (none when the run must
        restamp every page for them: a page whose inline scripts the policy does not allow)."""
        with self.lock:
            if self.policy is None:
                return []
            allowed = set().union(*self.hashes.values())
            texts = {}
            for rel in rels:
                source, target = folder / rel, self.site_dir / rel
                if not rel.endswith(".html") or not source.is_file() or not target.is_file():
                    return []
                texts[rel] = source.read_text(encoding="utf-8")
                if not {csp.script_hash(script) for script in csp.inline_scripts(texts[rel])} <= allowed:
                    return []
            for rel, text in texts.items():
                target = self.site_dir / rel
                before = self.shown[rel][0] if rel in self.shown else target.read_bytes()
                data = csp.with_policy(text, self.policy).encode("utf-8")
                _put(target, data)
                self._serve(rel, data)
                self.shown[rel] = (before, saved_at)
            return list(texts)

    def revert_preview(self) -> list[str]:
        """Serve again what the previewed pages were before (a run that failed); the paths."""
        with self.lock:
            for rel, (before, _) in self.shown.items():
                _put(self.site_dir / rel, before)
                self._serve(rel, before)
            reverted, self.shown = list(self.shown), {}
            return reverted

    def update(
        self,
        pages_done: Callable[[list[str]], None] | None = None,
        langs: Collection[str] = (),
        started: float = float("inf"),
    ) -> list[str]:
        """Copy what changed, remove what is gone, finish the site; the site paths changed.

        `pages_done` is called with the paths changed once every page is served as the full
        build writes it, before the search shards (a second at N = 1,000): the live-reload
        server reloads browsers then.
        Given `langs`, only those languages' pages are copied, and no search shards are cut:
        the pages of the languages an editor saved, served while the others still build.
        Pages previewed of a save after the run `started` (`time.monotonic()`) stay as shown.
        """
        with self.lock:
            changed, otherwise, indexes = self._pages(langs, started)
        if pages_done is not None:
            pages_done(otherwise)
        return changed + self._search(indexes) if not langs else changed

    def _pages(self, langs: Collection[str], started: float) -> tuple[list[str], list[str], dict]:
        """`update`'s pages: (the site paths changed, those served otherwise, the search indexes)."""
        every = not langs
        langs = set(langs or self.parts)
        owned = _owned(self.parts, self.default, langs)
        indexes = {rel: owned.pop(rel) for rel in [r for r in owned if r.endswith(SEARCH_INDEX)]}
        changed = []
        kept = {rel for rel, (_, at) in self.shown.items() if at > started}  # the next run writes them
        if not every and not_found.FILE in owned:  # the root 404 page needs every language's (below)
            del owned[not_found.FILE]
            kept.add(not_found.FILE)
        for rel in kept:
            owned.pop(rel, None)
        for rel, (source, stat) in owned.items():
            stamp = (stat.st_size, stat.st_mtime_ns)
            if self.seen.get(rel) != stamp:
                target = self.site_dir / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                _copy(source, target)
                self.seen[rel] = stamp
                changed.append(rel)
        for rel in set(self.seen) - set(owned) - kept:
            if not every and self._owner(rel) not in langs:
                continue
            (self.site_dir / rel).unlink(missing_ok=True)
            del self.seen[rel]
            self.hashes.pop(rel, None)
            _prune(self.site_dir, (self.site_dir / rel).parent)
            changed.append(rel)
        # What needs every language, as the full build's last step writes it.
        if every and (self.site_dir / not_found.FILE).exists():
            if not_found.FILE not in changed:  # write_root reads the default language's page
                _copy(self.parts[self.default] / not_found.FILE, self.site_dir / not_found.FILE)
                changed.append(not_found.FILE)
            # and the others' as their builds wrote them (the served ones carry the policy)
            others = {lang: part / lang / not_found.FILE for lang, part in self.parts.items()}
            not_found.write_root(self.site_dir, {k: v for k, v in others.items() if k != self.default})
        done = [rel for rel in self.shown if self._owner(rel) in langs and rel not in kept]
        for rel in done:
            before, _ = self.shown.pop(rel)
            if rel not in changed:  # the run did not write it: as it was before the preview
                _put(self.site_dir / rel, before)
                changed.append(rel)
        differ = self._stamp_policy({rel for rel in changed if rel.endswith(".html")})
        # not pages served as they were (a 404 written again, a preview the run wrote alike)
        return changed, [rel for rel in changed if not rel.endswith(".html") or rel in differ], indexes

    def _owner(self, rel: str) -> str:
        """The language whose build owns a site path."""
        head = rel.split("/", 1)[0]
        return head if head in self.parts and head != self.default and "/" in rel else self.default

    def _search(self, indexes: dict[str, tuple[str, os.stat_result]]) -> list[str]:
        """The languages' search shards, from the workers' full indexes when one changed.

        As the full build: fallback pages' entries dropped across languages, then each index
        cut into the files the browser fetches by query (`lilith.search.shards`).
        """
        stamps = {rel: (stat.st_size, stat.st_mtime_ns) for rel, (_, stat) in indexes.items()}
        if stamps == self.index_stamps:
            return []
        self.index_stamps = stamps
        full, raw, docs = {}, {}, {}
        for lang in self.order:
            rel = prefix(lang) + SEARCH_INDEX
            if rel in indexes:
                raw[lang] = Path(indexes[rel][0]).read_bytes()
                full[lang] = json.loads(raw[lang])
                docs[lang] = list(full[lang].get("docs", []))
        drop_fallback_duplicates(full, self.order)
        written = []
        for lang, index in full.items():
            # What the shards are cut from: the worker's index and which of its entries stayed.
            kept = {id(doc) for doc in index.get("docs", [])}
            stayed = bytes(id(doc) in kept for doc in docs[lang])
            digest = hashlib.blake2b(raw[lang] + b"\0" + stayed, digest_size=16).digest()
            if self.index_digests.get(lang) != digest:  # a language whose entries stayed is not cut again
                self._write_shards(lang, index)
                self.index_digests[lang] = digest
                written.append(prefix(lang) + SEARCH_INDEX)
        return written

    def _write_shards(self, lang: str, index: dict) -> None:
        """`write_language_shards`, writing only the files whose text changed since last time
        (each page's word counts remembered in `shards.build`'s memo)."""
        files = shards.build(index, lang, self.shard_memos.setdefault(lang, {}))
        before = self.shard_texts.get(lang)
        if before is None:
            write_language_shards(self.site_dir, lang, index, files)
        else:
            folder = self.site_dir / prefix(lang) / "search"
            for name in before.keys() - files.keys():
                (folder / name).unlink(missing_ok=True)
            for name, text in files.items():
                if before.get(name) != text:
                    _put(folder / name, text.encode("utf-8"))
        self.shard_texts[lang] = files

    def _stamp_policy(self, pages: set[str]) -> set[str]:
        """Stamp the site-wide policy into `pages` (into every page when it changed); the
        pages now served otherwise than before, a page gone included."""
        texts, differ = {}, set()
        for rel in pages:
            path = self.site_dir / rel
            if path.exists():
                texts[rel] = path.read_text(encoding="utf-8")
                self.hashes[rel] = frozenset(csp.script_hash(s) for s in csp.inline_scripts(texts[rel]))
            elif self.served.pop(rel, None) is not None:
                differ.add(rel)
        text = csp.policy(sorted(set().union(*self.hashes.values())))
        if text != self.policy:  # every page carries the site-wide policy: stamp them all
            for rel in self.hashes.keys() - texts.keys():
                texts[rel] = (self.site_dir / rel).read_text(encoding="utf-8")
            (self.site_dir / csp.HEADERS_FILE).write_text(csp.headers_file(text), encoding="utf-8")
            self.policy = text
        for rel, html in texts.items():
            updated = csp.with_policy(html, text)
            if updated != html:
                _put(self.site_dir / rel, updated.encode("utf-8"))
            if self._serve(rel, updated.encode("utf-8")):
                differ.add(rel)
        return differ

    def _serve(self, rel: str, data: bytes) -> bool:
        """Note the bytes a page is served with now; whether they differ from the last."""
        digest = hashlib.blake2b(data, digest_size=16).digest()
        before, self.served[rel] = self.served.get(rel), digest
        return before != digest


def _put(path: Path, data: bytes) -> None:
    """Write a served file whole: a request meanwhile gets the old bytes or the new, not half
    (the server serves during a run)."""
    part = path.with_name(f".{path.name}.part")
    part.write_bytes(data)
    os.replace(part, path)


def _copy(source: str | Path, target: Path) -> None:
    part = target.with_name(f".{target.name}.part")
    shutil.copyfile(source, part)
    os.replace(part, target)


def _prune(site_dir: Path, folder: Path) -> None:
    """Remove folders left empty by a page that went away (the full build has none)."""
    while folder != site_dir and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def language_urls(src_uri: str, langs: list[str], default: str) -> list[str]:
    """The site paths of a docs page in every language (for error banners)."""
    from lilith.text.languages import lang_of_src

    stem = src_uri[: -len(".md")]
    lang = lang_of_src(src_uri)
    if lang != default:
        stem = stem[: -len(f".{lang}")]
    stem = stem[: -len("index")] if stem == "index" or stem.endswith("/index") else stem + "/"
    path = stem
    owners = [lang] if lang != default else langs
    return [prefix(code) + path for code in owners]
