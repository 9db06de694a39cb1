"""Facts about the real content that several tests check against."""

LANGS = ("en", "cs", "pl")
PREFIX = {"en": "", "cs": "cs/", "pl": "pl/"}
SLUG = "fine-tuning-no-longer-default"
ARTICLE = f"radar/{SLUG}/"
SOURCE_URL = "https://lilithai.dev/radar/latent-space-konec-fine-tuningu-pro-vetsinu-ai-engineeringu"
VERDICT_HEADING = {"en": "Lilith’s verdict", "cs": "Verdikt Lilith", "pl": "Werdykt Lilith"}
SOURCE_LABEL = {"en": "Original source", "cs": "Původní zdroj", "pl": "Oryginalne źródło"}


def page_path(lang: str, path: str = "") -> str:
    """Site-relative path of `path` in `lang`."""
    return PREFIX[lang] + path
