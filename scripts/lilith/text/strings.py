"""Interface strings in every language, loaded from `strings.yml`."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lilith.content import yaml_text
from lilith.text.languages import DEFAULT, LANGUAGES

STRINGS_FILE = Path(__file__).with_name("strings.yml")


@cache
def load(path: Path = STRINGS_FILE) -> dict[str, dict[str, str]]:
    """All interface strings: {key: {lang: text}}."""
    return yaml_text.load(path.read_text(encoding="utf-8")) or {}


def t(lang: str, key: str) -> str:
    """The string `key` in `lang`, falling back to English, then to the key itself."""
    entry = load().get(key, {})
    return entry.get(lang) or entry.get(DEFAULT) or key


def missing() -> list[tuple[str, str]]:
    """(key, language) pairs that have no text."""
    return [(key, lang) for key, entry in load().items() for lang in LANGUAGES if not (entry or {}).get(lang)]


class Translator:
    """Callable bound to one language, for templates: `{{ lilith.t('verdict.heading') }}`."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, key: str) -> str:
        return t(self.lang, key)
