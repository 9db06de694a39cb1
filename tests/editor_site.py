"""A small, clean site tree for the editor-tooling tests (check, fingerprint, new, banners).

`make_site(root)` writes mkdocs.yml, a home page and one article in en/cs/pl with the
same structure, fingerprinted like an editor would (`python -m lilith fingerprint --all`),
so `run_checks(root)` finds nothing until a test breaks something on purpose.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from lilith.translations.fingerprints import update_fingerprint

ROOT = Path(__file__).resolve().parent.parent

ARTICLE = {
    "en": """\
---
title: Evals come first
description: The lede in English.
date: 2026-11-20
tags: [evals, rag]
verdict: Measure, then tune.
source:
  url: https://example.com/post
  title: The post
  publisher: Example
---

Most teams skip [[evals]] and regret it.

## Why it matters

See [the other article](other.md#why) and ![a chart](img/chart.png).

## Before you tune

/// checklist | Two questions
- Do we have an evaluation set? -> glossary:evals
- Did we try retrieval first?
///

/// verdict
Measure, then tune.
///
""",
    "cs": """\
---
title: Nejdřív evaly
description: Perex česky.
date: 2026-11-20
tags: [evals, rag]
verdict: Nejdřív měřit, pak ladit.
source:
  url: https://example.com/post
  title: Článek
  publisher: Example
---

Většina týmů vynechá [[evals|evaly]] a lituje toho.

## Proč na tom záleží

Viz [druhý článek](other.md#proc) a ![graf](img/chart.png).

## Než začnete ladit

/// checklist | Dvě otázky
- Máme evaluační sadu? -> glossary:evals
- Zkusili jsme nejdřív retrieval?
///

/// verdict
Nejdřív měřit, pak ladit.
///
""",
    "pl": """\
---
title: Najpierw ewaluacje
description: Lead po polsku.
date: 2026-11-20
tags: [evals, rag]
verdict: Najpierw mierz, potem dostrajaj.
source:
  url: https://example.com/post
  title: Artykuł
  publisher: Example
---

Większość zespołów pomija [[evals|ewaluacje]] i tego żałuje.

## Dlaczego to ważne

Zobacz [drugi artykuł](other.md#dlaczego) i ![wykres](img/chart.png).

## Zanim zaczniesz dostrajać

/// checklist | Dwa pytania
- Czy mamy zbiór ewaluacyjny? -> glossary:evals
- Czy najpierw spróbowaliśmy retrievalu?
///

/// verdict
Najpierw mierz, potem dostrajaj.
///
""",
}
HOME = {
    "en": "---\ntitle: Radar\ntemplate: home.html\n---\n\nCommentary on AI engineering.\n",
    "cs": "---\ntitle: Radar\ntemplate: home.html\n---\n\nKomentáře k AI engineeringu.\n",
    "pl": "---\ntitle: Radar\ntemplate: home.html\n---\n\nKomentarze o inżynierii AI.\n",
}
SUFFIX = {"en": "", "cs": ".cs", "pl": ".pl"}


def make_site(root: Path) -> Path:
    """A clean site under `root` (created); returns `root`."""
    (root / "docs" / "radar").mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: test\n", encoding="utf-8")
    for lang, suffix in SUFFIX.items():
        (root / "docs" / f"index{suffix}.md").write_text(HOME[lang], encoding="utf-8")
        (root / "docs" / "radar" / f"a{suffix}.md").write_text(ARTICLE[lang], encoding="utf-8")
    for lang, suffix in SUFFIX.items():
        if lang != "en":
            update_fingerprint(root, root / "docs" / f"index{suffix}.md")
            update_fingerprint(root, root / "docs" / "radar" / f"a{suffix}.md")
    return root


def copy_real_site(target: Path) -> Path:
    """A copy of the real site's sources (for builds that break things on purpose)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml",):
        shutil.copy2(ROOT / name, target / name)
    for folder in ("docs", "glossary", "overrides", "fingerprints"):
        if (ROOT / folder).is_dir():
            shutil.copytree(ROOT / folder, target / folder)
    return target


def tree_state(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file's bytes and mtime under `root`: compare before/after to prove nothing changed."""
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), os.stat(p).st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }
