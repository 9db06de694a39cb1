"""Compiled templates are kept between builds, and a changed template is compiled again."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import Environment, FileSystemLoader
from lilith.site import jinja_cache


def environment(folder: Path) -> Environment:
    env = Environment(loader=FileSystemLoader(folder))
    jinja_cache.use(env)
    return env


def test_a_new_build_loads_compiled_templates_and_recompiles_a_changed_one(tmp_path, monkeypatch):
    (tmp_path / "page.html").write_text("Hello {{ name }}", encoding="utf-8")
    assert environment(tmp_path).get_template("page.html").render(name="a") == "Hello a"

    later = environment(tmp_path)  # e.g. the next language's build
    monkeypatch.setattr(later, "compile", lambda *a, **k: pytest.fail("compiled again"))
    assert later.get_template("page.html").render(name="b") == "Hello b"

    (tmp_path / "page.html").write_text("Bye {{ name }}", encoding="utf-8")
    edited = environment(tmp_path)
    assert edited.get_template("page.html").render(name="c") == "Bye c"


def test_an_environment_with_its_own_cache_keeps_it(tmp_path):
    env = Environment(loader=FileSystemLoader(tmp_path), bytecode_cache=None)
    own = object()
    env.bytecode_cache = own
    jinja_cache.use(env)
    assert env.bytecode_cache is own
