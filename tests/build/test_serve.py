"""`python -m lilith serve` serves exactly what `python -m lilith build` writes, after every edit.

One server on a small bench corpus (bench/corpus.py) is driven through a sequence of saves;
after each, the folder it serves must hold the same files with the same bytes as a fresh
`python -m lilith build` of the same sources, and every page it serves over HTTP must be that
file with only the live-reload script added. Bad input must leave the server up, show the
problem on the affected page and keep every other page; the next good save recovers.
Nothing here measures time: the test waits for the server's finished-runs counter.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from tests.build.test_parallel_build import tree
from tests.conftest import ROOT

LIVERELOAD = re.compile(rb'<script src="/\.lilith-serve/livereload\.js\?[^"]*"></script>')
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "LILITH_SITE_URL": "https://lilith.test/"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, root: Path, log: Path) -> None:
        self.root, self.port = root, _free_port()
        self.log = log
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "lilith", "serve", "-f", str(root / "mkdocs.yml"),
             "-a", f"127.0.0.1:{self.port}"],
            cwd=root, env=ENV, stdout=log.open("w"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        self.runs = 0
        self.wait()

    def get(self, path: str) -> bytes:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=60) as answer:
            return answer.read()

    def status(self) -> dict:
        return json.loads(self.get(".lilith-serve/status"))

    def wait(self, deadline: float = 300) -> dict:
        """Until a run after the last one has finished and no change is waiting."""
        end = time.monotonic() + deadline
        while time.monotonic() < end:
            assert self.proc.poll() is None, self.log.read_text()
            try:
                status = self.status()
            except OSError:
                time.sleep(0.2)
                continue
            if status["runs"] > self.runs and not status["pending"]:
                time.sleep(1.0)  # a second poll of the watcher: nothing more?
                again = self.status()
                if again["runs"] == status["runs"] and not again["pending"]:
                    self.runs = status["runs"]
                    return status
            time.sleep(0.2)
        raise AssertionError("the server did not finish a run:\n" + self.log.read_text())

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(30)


BANNER = re.compile(
    rb'<link rel="stylesheet" href="/\.lilith-serve/overlay\.css">'
    rb'<div class="lilith-serve-error".*?</div>',
    re.S,
)


def _no_banner(page: bytes) -> bytes:
    """A served page without the server's error banner."""
    return BANNER.sub(b"", page)


def full_build(root: Path, out: Path) -> Path:
    shutil.rmtree(out, ignore_errors=True)
    done = subprocess.run(
        [sys.executable, "-m", "lilith", "build", "-f", str(root / "mkdocs.yml"), "-d", str(out), "-q"],
        cwd=root, env=ENV, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def assert_serves_full_build(server: Server, status: dict, out: Path) -> None:
    expected = tree(full_build(server.root, out))
    served = tree(Path(status["site_dir"]))
    assert sorted(served) == sorted(expected), (
        f"missing: {sorted(set(expected) - set(served))}, extra: {sorted(set(served) - set(expected))}"
    )
    differing = [name for name in expected if expected[name] != served[name]]
    assert differing == [], f"files whose bytes differ from the full build: {differing}"
    for name in expected:
        if name.endswith("index.html"):
            url = name[: -len("index.html")]
            body = server.get(url)
            assert LIVERELOAD.sub(b"", body) == expected[name], (
                f"/{url} differs beyond the live-reload script"
            )


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("serve") / "site"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "corpus.py"), "25", "--out", str(root)],
        check=True, capture_output=True, env=ENV,
    )  # fmt: skip
    return root


def _articles(root: Path) -> list[str]:
    return sorted(
        p.name[: -len(".md")] for p in (root / "docs" / "radar").glob("*.md") if p.name.count(".") == 1
    )


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _known_tags() -> list[str]:
    strings = yaml.safe_load(
        (ROOT / "scripts" / "lilith" / "text" / "strings.yml").read_text(encoding="utf-8")
    )
    return sorted(key[len("tag.") :] for key in strings if key.startswith("tag."))


def test_serve_equals_full_build_after_every_edit(site: Path, tmp_path: Path) -> None:
    radar = site / "docs" / "radar"
    slugs = _articles(site)
    server = Server(site, tmp_path / "serve.log")
    try:
        assert_serves_full_build(server, server.status(), tmp_path / "out")
        a, b, c, d = slugs[:4]

        # 1. body edit
        _edit(radar / f"{a}.md", "\n## ", "\nA sentence the editor just added.\n\n## ")
        assert_serves_full_build(server, server.wait(), tmp_path / "out")
        assert b"A sentence the editor just added." in server.get(f"radar/{a}/")
        runs = [line for line in server.log.read_text().splitlines() if "page(s) rebuilt" in line]
        assert f"radar/{a}/index.html previewed in " in server.log.read_text(), "the page was not previewed"
        assert "(en served in " in runs[-1], "the English pages were not served before the others"

        # 2. title edit (home listing, tag pages, feed, glossary backlinks)
        title = yaml.safe_load((radar / f"{a}.md").read_text(encoding="utf-8").split("---")[1])["title"]
        _edit(radar / f"{a}.md", f"title: {title}", "title: A retitled article")
        assert_serves_full_build(server, server.wait(), tmp_path / "out")
        assert b"A retitled article" in server.get("")

        # 3. a new article, all three files
        for suffix in ("", ".cs", ".pl"):
            text = (radar / f"{b}{suffix}.md").read_text(encoding="utf-8")
            (radar / f"note-9999-added{suffix}.md").write_text(text.replace("title: ", "title: Added ", 1))
        assert_serves_full_build(server, server.wait(), tmp_path / "out")

        # 4. an article deleted
        for suffix in ("", ".cs", ".pl"):
            (radar / f"{c}{suffix}.md").unlink()
        assert_serves_full_build(server, server.wait(), tmp_path / "out")

        # 5. a tag added (in every language, as parity wants)
        current = yaml.safe_load((radar / f"{d}.md").read_text(encoding="utf-8").split("---")[1])["tags"]
        new_tag = next(tag for tag in _known_tags() if tag not in current)
        for suffix in ("", ".cs", ".pl"):
            _edit(radar / f"{d}{suffix}.md", "tags:\n", f"tags:\n- {new_tag}\n")
        assert_serves_full_build(server, server.wait(), tmp_path / "out")

        # 6. a glossary term's definition and forms
        term_file = sorted((site / "glossary").glob("*.yml"))[0]
        term = yaml.safe_load(term_file.read_text(encoding="utf-8"))
        term["en"]["short"] = "A definition the editor rewrote."
        term["en"]["forms"] = [*term["en"].get("forms", []), "serve-test form"]
        term_file.write_text(yaml.safe_dump(term, allow_unicode=True, sort_keys=False), encoding="utf-8")
        assert_serves_full_build(server, server.wait(), tmp_path / "out")

        # 7. a translation fingerprinted (its outdated banner goes)
        subprocess.run(
            [sys.executable, "-m", "lilith", "fingerprint", f"docs/radar/{a}.cs.md", "--root", str(site)],
            cwd=site, env=ENV, check=True, capture_output=True,
        )  # fmt: skip
        assert_serves_full_build(server, server.wait(), tmp_path / "out")

        # 8. a checklist item reworded
        with_checklist = next(
            s for s in _articles(site) if "/// checklist" in (radar / f"{s}.md").read_text()
        )
        text = (radar / f"{with_checklist}.md").read_text(encoding="utf-8")
        item = re.search(r"^- (.+)$", text[text.index("/// checklist") :], re.M)
        assert item is not None
        _edit(radar / f"{with_checklist}.md", f"- {item[1]}", f"- Reworded: {item[1]}")
        assert_serves_full_build(server, server.wait(), tmp_path / "out")

        # 9. bad input: broken front matter, then a broken glossary term; the next good save recovers
        good_other = server.get(f"radar/{b}/")
        article = radar / f"{d}.md"
        saved = article.read_text(encoding="utf-8")
        _edit(article, "title: ", "title: [unclosed ")
        status = server.wait()
        assert any(f"docs/radar/{d}.md:" in p for ps in status["banners"].values() for p in ps), status
        assert b"lilith-serve-error" in server.get(f"radar/{d}/")
        assert LIVERELOAD.sub(b"", server.get(f"radar/{b}/")) == LIVERELOAD.sub(b"", good_other)
        article.write_text(saved, encoding="utf-8")
        assert_serves_full_build(server, server.wait(), tmp_path / "out")

        term_text = term_file.read_text(encoding="utf-8")
        term_file.write_text(term_text + "\nbroken: [\n", encoding="utf-8")
        status = server.wait()
        assert status["banners"].get(""), status
        assert b"lilith-serve-error" in server.get(f"radar/{b}/")
        term_file.write_text(term_text, encoding="utf-8")
        assert_serves_full_build(server, server.wait(), tmp_path / "out")

        # 10. a broken checklist item (an unknown glossary target), then a broken [[nope]] reference
        target = radar / f"{with_checklist}.md"
        other = b if b != with_checklist else slugs[4]
        checklist_text = target.read_text(encoding="utf-8")
        item = re.search(r"^- (.+)$", checklist_text[checklist_text.index("/// checklist") :], re.M)
        assert item is not None
        line = item[0].split(" -> ", 1)[0]
        for broken in (
            checklist_text.replace(item[0], f"{line} -> glossary:nope", 1),
            checklist_text.replace("\n## ", "\nSee [[nope]] here.\n\n## ", 1),
        ):
            good_page, good_other = server.get(f"radar/{with_checklist}/"), server.get(f"radar/{other}/")
            target.write_text(broken, encoding="utf-8")
            status = server.wait()
            problems = [p for ps in status["banners"].values() for p in ps]
            assert any(re.match(rf"docs/radar/{with_checklist}\.md:\d+: ", p) for p in problems), status
            page = server.get(f"radar/{with_checklist}/")
            assert b"lilith-serve-error" in page and f"docs/radar/{with_checklist}.md:".encode() in page
            served_other = LIVERELOAD.sub(b"", server.get(f"radar/{other}/"))
            assert served_other == LIVERELOAD.sub(b"", good_other), sorted(status["banners"])
            assert LIVERELOAD.sub(b"", _no_banner(page)) == LIVERELOAD.sub(b"", good_page)
            target.write_text(checklist_text, encoding="utf-8")
            assert_serves_full_build(server, server.wait(), tmp_path / "out")

        # 11. a change the warm builds cannot take: one log line, a full rebuild, the same site
        config = site / "mkdocs.yml"
        old_dir = server.status()["site_dir"]
        config.write_text(config.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        end = time.monotonic() + 300
        while time.monotonic() < end:  # the restarted server answers after its first build
            assert server.proc.poll() is None, (tmp_path / "serve.log").read_text()
            try:
                if server.status()["site_dir"] != old_dir:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        server.runs = 0  # the restarted server counts from zero
        assert_serves_full_build(server, server.wait(), tmp_path / "out")
        rebuilds = [ln for ln in (tmp_path / "serve.log").read_text().splitlines() if "full rebuild" in ln]
        assert rebuilds == ["INFO    -  lilith serve: mkdocs.yml changed: not incremental, full rebuild"]
        assert server.proc.poll() is None
        assert "Traceback" not in (tmp_path / "serve.log").read_text()
    finally:
        server.stop()
