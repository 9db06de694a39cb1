"""What a warm worker replays for a page it skips: its log records and its glossary term use."""

from __future__ import annotations

import logging


class Records(logging.Handler):
    """Collects the log records of one page's step, to replay them when the step is skipped."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


class capture:
    """Collect the `mkdocs` log records of a block (they are still logged as usual)."""

    def __enter__(self) -> Records:
        self.handler = Records()
        logging.getLogger("mkdocs").addHandler(self.handler)
        return self.handler

    def __exit__(self, *exc) -> None:
        logging.getLogger("mkdocs").removeHandler(self.handler)


def replay(records: list[logging.LogRecord]) -> None:
    for record in records:
        logging.getLogger(record.name).handle(record)


def backlink_counts(glossary) -> dict:
    if glossary is None:
        return {}
    return {key: len(items) for key, items in glossary.backlinks.items()}


def new_backlinks(glossary, before: dict) -> list:
    if glossary is None:
        return []
    return [
        (lang, term_id, backlink)
        for (lang, term_id), items in glossary.backlinks.items()
        for backlink in items[before.get((lang, term_id), 0) :]
    ]
