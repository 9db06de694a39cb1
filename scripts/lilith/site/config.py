"""The plugin's options, and what it reads from MkDocs' config and static-i18n.

`LilithConfig` is the `lilith` entry in mkdocs.yml; `project_root` the folder of mkdocs.yml;
`current_language` the language static-i18n is building and `page_language` a page's;
`drop_instant_warning` silences a static-i18n warning we handle.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page

from lilith.text.languages import DEFAULT, split_url

_I18N_MODULE = "mkdocs_static_i18n.reconfigure"  # its logger: get_plugin_logger(__name__)


class LilithConfig(Config):
    """Options of the `lilith` plugin in mkdocs.yml."""

    enabled = c.Type(bool, default=True)


def project_root(config: MkDocsConfig) -> Path:
    """The folder of mkdocs.yml, absolute and normalised as MkDocs makes `docs_dir`.

    `-f mkdocs.yml` gives a relative config path, `-f ../mkdocs.yml` one with `..` in it.
    `os.path.abspath` resolves both against the working directory but leaves symlinks alone,
    like MkDocs' own `docs_dir`: paths under `docs_dir` are then always under the root.
    """
    return Path(os.path.abspath(os.path.dirname(config.config_file_path)))


def page_language(page: Page) -> str:
    """Language of the site section a page belongs to (its text may be a fallback)."""
    return split_url(page.url)[0]


class _HandledInstantWarning(logging.Filter):
    """Drops static-i18n's warning that its switcher breaks with `navigation.instant`.

    We replace that switcher: each language has its own sitemap and `base`, so instant
    navigation stays inside one language and a language switch is a full page load
    (proved by tests/browser/test_language_switch.py). The warning would fail --strict.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return "not compatible with theme.features = navigation.instant" not in record.getMessage()


def drop_instant_warning() -> None:
    """Install the filter once (every language build loads the config again)."""
    # "mkdocs.plugins.<module>" under MkDocs, "properdocs.plugins.<module>" under ProperDocs
    # (which serves `mkdocs.*` imports from `properdocs.*`): the name comes from the running one.
    logger = get_plugin_logger(_I18N_MODULE).logger
    if not any(isinstance(f, _HandledInstantWarning) for f in logger.filters):
        logger.addFilter(_HandledInstantWarning())


def current_language(config: MkDocsConfig) -> str:
    """The language static-i18n is building (the default one without static-i18n)."""
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or DEFAULT
