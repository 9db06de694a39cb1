"""The package's shape: a folder per feature, MkDocs only in `site/`, no cycles, no giants."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "scripts" / "lilith"
FEATURES = ["checklist", "content", "glossary", "links", "search", "site", "text", "translations"]
ENGINE = ("mkdocs", "material", "mkdocs_static_i18n")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports(path: Path) -> list[str]:
    """Every module `path` imports, at any depth (function-level imports count too).

    `from lilith.content import yaml_text` imports the module `lilith.content.yaml_text`;
    `from lilith.content import Article` the package's `__init__`, `lilith.content`.
    """
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                found.append(submodule if submodule in MODULES else node.module)
    return found


def lilith_graph() -> dict[str, set[str]]:
    """{module: lilith modules it imports}; a package's `__init__` counts as the package."""
    return {name: {m for m in imports(path) if m in MODULES and m != name} for name, path in MODULES.items()}


def test_the_top_level_holds_a_folder_per_feature_and_at_most_14_entries():
    entries = sorted(p.name for p in PACKAGE.iterdir() if p.name != "__pycache__")
    assert len(entries) <= 14, entries
    assert [f for f in FEATURES if (PACKAGE / f).is_dir()] == FEATURES


@pytest.mark.parametrize("feature", FEATURES)
def test_each_feature_init_names_every_module_it_holds(feature):
    init = PACKAGE / feature / "__init__.py"
    doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
    modules = sorted(p.stem for p in (PACKAGE / feature).glob("*.py") if p.stem != "__init__")
    assert [m for m in modules if f"`{m}`" not in doc] == [], f"{feature}/__init__.py does not describe them"
    assert "Export" in doc, f"{feature}/__init__.py does not say which names it exports"


def test_only_site_imports_mkdocs_material_or_static_i18n():
    outside = {
        name: [m for m in imports(path) if m.split(".")[0] in ENGINE]
        for name, path in MODULES.items()
        if not name.startswith("lilith.site")
    }
    assert {name: found for name, found in outside.items() if found} == {}


def test_markdown_features_and_the_cli_load_without_mkdocs():
    """What would run under Zensical or ProperDocs unchanged: no MkDocs module gets loaded."""
    code = (
        "import sys, lilith.blocks, lilith.cli, lilith.checks, lilith.checklist.block, "
        "lilith.glossary.pages, lilith.text.typography, lilith.translations, lilith.content.scaffold, "
        "lilith.links.run\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'mkdocs', 'material', 'mkdocs_static_i18n'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_no_import_cycles():
    graph = lilith_graph()
    cycles, state = [], {}

    def visit(name: str, path: list[str]) -> None:
        state[name] = "open"
        for dep in sorted(graph[name]):
            if state.get(dep) == "open":
                cycles.append([*path[path.index(dep) :], dep])
            elif dep not in state:
                visit(dep, [*path, dep])
        state[name] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == []


def test_modules_inside_a_feature_import_siblings_by_module_not_through_the_package():
    """`from lilith.glossary.terms import X`, never `from lilith.glossary import X` from inside it."""
    found = [
        (name, dep)
        for name, deps in lilith_graph().items()
        for dep in deps
        if dep in {f"lilith.{f}" for f in FEATURES} and name.startswith(dep + ".")
    ]
    assert found == []


def test_no_giants_the_plugin_only_dispatches():
    lengths = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in MODULES.items()}
    assert {name: n for name, n in lengths.items() if n > 400} == {}
    assert lengths["lilith.site.plugin"] <= 250


def test_readme_lists_every_feature_folder_by_name():
    readme = (PACKAGE.parents[1] / "README.md").read_text(encoding="utf-8")
    assert [f for f in FEATURES if f"| `{f}/` |" not in readme] == []


def test_pytest_collects_every_test_module():
    """A folder pytest skips (e.g. by `norecursedirs`) would silently drop its tests."""
    tests = PACKAGE.parents[1] / "tests"
    command = [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", "tests/unit"]
    out = subprocess.run(command, capture_output=True, text=True, cwd=tests.parent).stdout
    collected = {line.split("::")[0] for line in out.splitlines() if "::" in line}
    expected = {p.relative_to(tests.parent).as_posix() for p in (tests / "unit").rglob("test_*.py")}
    assert expected - collected == set()
