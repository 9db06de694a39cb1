"""Whatever an editor's file holds, the loader and `check` answer with problems, never a traceback."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lilith.checks import run_checks
from lilith.cli import app
from lilith.content.pages import Article, ContentError, parse_article
from lilith.report import Problem
from typer.testing import CliRunner

from tests.editor_site import make_site, tree_state

FIELDS = ["title", "description", "date", "tags", "verdict", "source", "translated_from", "glossary", "x"]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.dates(),
    st.datetimes(),
    st.just("https://example.com/post"),
    st.just("2026-11-20"),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
front_matter_dicts = st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=10), values, max_size=9)
# Raw front-matter text: YAML-ish fragments, brackets, quotes, tabs, anchors, tags, control characters.
YAML_CHARACTERS = list("abc: -[]{}'\"\t\n#&*!|>%@`,?0123456789\\\x00\x85\u2028\ufeffčł")
yamlish = st.text(alphabet=st.sampled_from(YAML_CHARACTERS), max_size=80)
bodies = st.text(max_size=300) | st.sampled_from(
    ["## H\n/// checklist\n- a -> glossary:x\n", "```\n## x\n", "/// verdict\n", "[[x|y]] ![a](b) [c](d.md)"]
)


def as_file(front_matter: str | None, body: str) -> bytes:
    text = body if front_matter is None else f"---\n{front_matter}\n---\n{body}"
    return text.encode("utf-8", errors="surrogatepass")


def dump(meta: dict) -> str:
    return yaml.safe_dump(meta, allow_unicode=True, default_flow_style=False)


@pytest.fixture(scope="module")
def site() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        yield make_site(Path(tmp) / "site")


def load(path: Path, docs: Path) -> Article | ContentError:
    try:
        return parse_article(path, docs)
    except ContentError as exc:
        assert exc.line >= 1 and exc.message and str(exc).startswith(f"{path}:{exc.line}: ")
        return exc


SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(meta=front_matter_dicts, body=bodies)
def test_random_front_matter_loads_or_gives_a_content_error(site, meta, body):
    path = site / "docs" / "radar" / "prop.md"
    try:
        path.write_bytes(as_file(dump(meta), body))
        load(path, site / "docs")
    finally:
        path.unlink()


@SETTINGS
@given(front_matter=st.none() | yamlish, body=bodies)
def test_random_front_matter_text_loads_or_gives_a_content_error(site, front_matter, body):
    path = site / "docs" / "radar" / "prop.md"
    try:
        path.write_bytes(as_file(front_matter, body))
        load(path, site / "docs")
    finally:
        path.unlink()


@SETTINGS
@given(data=st.binary(max_size=200))
def test_random_bytes_load_or_give_a_content_error(site, data):
    path = site / "docs" / "radar" / "prop.md"
    try:
        path.write_bytes(data)
        load(path, site / "docs")
    finally:
        path.unlink()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=st.sampled_from(["a.md", "a.cs.md", "a.pl.md", "b.cs.md", "a.de.md", "a.en.md", "index.pl.md"]),
    front_matter=st.one_of(st.none(), yamlish, front_matter_dicts.map(dump)),
    body=bodies,
)
def test_check_on_any_broken_file_reports_problems_and_changes_nothing(site, name, front_matter, body):
    path = site / "docs" / ("radar/" + name if not name.startswith("index") else name)
    original = path.read_bytes() if path.exists() else None
    try:
        path.write_bytes(as_file(front_matter, body))
        before = tree_state(site)
        problems = run_checks(site)
        assert all(isinstance(p, Problem) and p.line >= 1 and p.message for p in problems)
        result = CliRunner().invoke(app, ["check", "--format", "json", "--root", str(site)])
        assert result.exit_code in (0, 1), result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert len(json.loads(result.output)["problems"]) == len(problems)
        assert tree_state(site) == before
    finally:
        if original is None:
            path.unlink()
        else:
            path.write_bytes(original)
