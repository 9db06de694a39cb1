"""Text in three languages: the languages, interface strings, typography, dates, URLs.

- `languages`: the site's languages (`LANGUAGES`, `DEFAULT`), URL prefixes, alternates;
- `strings`: interface strings from `strings.yml` in every language (`t`, `Translator`);
- `typography`: cs/pl non-breaking spaces after one-letter words (`glue_html`, `nbsp`);
- `dates`: dates as each language writes them (`long_date`, Babel);
- `urls`: how one page links another (`relative_url`).

Exports `LANGUAGES`, `DEFAULT`, `t` and `relative_url` (typography and dates load their
libraries, so import them from their modules).
"""

from lilith.text.languages import DEFAULT, LANGUAGES
from lilith.text.strings import t
from lilith.text.urls import relative_url

__all__ = ["DEFAULT", "LANGUAGES", "relative_url", "t"]
