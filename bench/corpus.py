"""A synthetic, deterministic Lilith site of N articles × 3 languages, for `make bench`.

Every article is made from the real article(s) in docs/radar/ in each language, so bodies
read like ours: paragraphs, `##` headings, a list, the checklist block (kept in two of three
articles, with its own id), the verdict block; plus a code block and a paragraph naming
glossary terms. Translations keep the English structure and carry the English text's
fingerprint, as real ones do. Tags, dates and source links vary per article.

    bench/corpus/<name>/mkdocs.yml        the real mkdocs.yml (same theme, plugins, extensions)
    bench/corpus/<name>/mkdocs.stock.yml  stock Material + static-i18n, no `lilith` (bench/stock/)
    bench/corpus/<name>/docs/             the real docs/ without its articles, plus N articles
    bench/corpus/<name>/glossary/         the real glossary, or `terms` terms (real + synthetic)
    bench/corpus/<name>/overrides         -> the real overrides/

    python bench/corpus.py 300 [--terms 200] [--out bench/corpus/300]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = ROOT / "bench" / "corpus"
STOCK_DIR = ROOT / "bench" / "stock"
LANGS = ("en", "cs", "pl")
SEED = 7
FIRST_DATE = dt.date(2026, 11, 19)  # article i is published i days before this

# One code block per article: the same in every language (code is not translated).
CODE = '''```python
def needs_fine_tuning(evals: list[float], baseline: float, budget: int) -> bool:
    """Tune only when the measured gain pays for the pipeline ({i})."""
    gain = sum(evals) / len(evals) - baseline
    return gain > 0.05 and budget > {budget}
```'''

# A paragraph naming glossary terms, per language; {terms} is filled with the terms.
TERMS_PARAGRAPH = {
    "en": "Note {i} also touches on {terms}.",
    "cs": "Poznámka {i} se dotýká také těchto pojmů: {terms}.",
    "pl": "Notatka {i} dotyczy też takich pojęć: {terms}.",
}
AND = {"en": "and", "cs": "a", "pl": "i"}
TITLE = {
    "en": "{term} in practice, note {i}",
    "cs": "{term} v praxi, poznámka {i}",
    "pl": "{term} w praktyce, notatka {i}",
}

# Synthetic glossary terms (English loanwords, used as such in Czech and Polish text).
ADJECTIVES = (
    *("sparse", "dense", "latent", "adaptive", "streaming", "batched", "sharded", "quantised"),
    *("distilled", "cached", "federated", "hybrid", "elastic", "ranked", "pooled", "gated"),
    *("routed", "stacked", "masked", "tiled"),
)
NOUNS = (
    "router",
    "encoder",
    "buffer",
    "planner",
    "scorer",
    "sampler",
    "indexer",
    "reranker",
    "allocator",
    "scheduler",
)
SYNTHETIC_SHORT = {
    "en": "A synthetic term that only exists to measure how glossary linking scales.",
    "cs": "Umělý pojem, který existuje jen kvůli měření, jak se škáluje odkazování na glosář.",
    "pl": "Sztuczne pojęcie, które istnieje tylko po to, by zmierzyć, jak skaluje się linkowanie słowniczka.",
}
SYNTHETIC_LONG = {
    "en": "The benchmark corpus uses it in article text, like a real term.\n",
    "cs": "Srovnávací korpus ho používá v textu článků stejně jako skutečný pojem.\n",
    "pl": "Korpus testowy używa go w tekście artykułów tak samo jak prawdziwego pojęcia.\n",
}


@dataclass(frozen=True)
class Template:
    """One real article in one language: front matter and body."""

    meta: dict
    body: str


@dataclass(frozen=True)
class Corpus:
    """A generated site."""

    root: Path
    articles: int
    terms: int

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def stock_config(self) -> Path:
        return self.root / "mkdocs.stock.yml"


def split_front_matter(text: str) -> tuple[dict, str]:
    """(front matter, body) of a Markdown file with a `---` block."""
    _, fm, body = text.split("---\n", 2)
    return yaml.safe_load(fm), body.lstrip("\n")


def templates(docs: Path) -> dict[str, list[Template]]:
    """The real articles per language (English file name order)."""
    out: dict[str, list[Template]] = {lang: [] for lang in LANGS}
    for english in sorted((docs / "radar").glob("*.md")):
        if english.name.count(".") != 1:
            continue
        for lang in LANGS:
            path = english if lang == "en" else english.with_name(f"{english.stem}.{lang}.md")
            out[lang].append(Template(*split_front_matter(path.read_text(encoding="utf-8"))))
    return out


def known_tags() -> list[str]:
    """Tag ids the site names in strings.yml (`tag.<id>`)."""
    strings = yaml.safe_load((ROOT / "scripts/lilith/text/strings.yml").read_text(encoding="utf-8"))
    return sorted(k.removeprefix("tag.") for k in strings if k.startswith("tag."))


def glossary_terms(glossary: Path) -> dict[str, list[str]]:
    """Per language, one usable word form of every term (the term itself)."""
    out: dict[str, list[str]] = {lang: [] for lang in LANGS}
    for path in sorted(glossary.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for lang in LANGS:
            out[lang].append(data[lang]["term"])
    return out


def synthetic_term(n: int) -> dict:
    """Glossary file `n` of the synthetic terms (the same loanword in every language)."""
    adjective, noun = ADJECTIVES[n % len(ADJECTIVES)], NOUNS[n // len(ADJECTIVES) % len(NOUNS)]
    word = f"{adjective} {noun}"
    if n >= len(ADJECTIVES) * len(NOUNS):
        word += f" {n}"
    data = {"id": f"bench-{word.replace(' ', '-')}", "related": []}
    for lang in LANGS:
        forms = [f"{word}s"] if lang == "en" else []
        data[lang] = {
            "term": word,
            "forms": forms,
            "short": SYNTHETIC_SHORT[lang],
            "long": SYNTHETIC_LONG[lang],
        }
    return data


def write_glossary(target: Path, terms: int | None) -> None:
    """The real glossary, topped up with synthetic terms to `terms` in all when given."""
    shutil.copytree(ROOT / "glossary", target)
    real = len(list(target.glob("*.yml")))
    for n in range(max(0, (terms or 0) - real)):
        data = synthetic_term(n)
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
        (target / f"{data['id']}.yml").write_text(text, encoding="utf-8")


def fingerprinter():
    """The site's own `translated_from` fingerprint of an English article, when available."""
    try:
        from lilith.translations.fingerprints import fingerprint, source_text
    except ImportError:  # no staleness check in this version of the site
        return None
    return lambda meta, body: fingerprint(source_text(meta, body))


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def drop_checklist(body: str) -> str:
    return re.sub(r"^/// checklist.*?^///\n\n?", "", body, flags=re.M | re.S)


def article_body(template: Template, lang: str, i: int, rng: random.Random, terms: list[str]) -> str:
    """The template's body varied for article `i` (the same choices in every language)."""
    body = template.body
    if i % 3 == 2:
        body = drop_checklist(body)
    body = re.sub(r"^(\s*id: )([a-z0-9-]+)$", rf"\g<1>\g<2>-{i}", body, flags=re.M)
    parts = body.split("\n## ", 1)
    names = ", ".join(terms[:-1]) + f" {AND[lang]} {terms[-1]}" if len(terms) > 1 else "".join(terms)
    extra = (
        TERMS_PARAGRAPH[lang].format(i=i, terms=names) + "\n\n" + CODE.format(i=i, budget=rng.randint(2, 9))
    )
    if len(parts) == 2:
        return f"{parts[0].rstrip()}\n\n{extra}\n\n## {parts[1]}"
    return f"{body.rstrip()}\n\n{extra}\n"


def front_matter(meta: dict) -> str:
    text = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=100)
    return f"---\n{text}---\n\n"


def write_articles(docs: Path, n: int, seed: int, glossary: Path, autolink: bool = True) -> None:
    """N articles × 3 languages into docs/radar/ (`autolink=False`: `glossary: false` in each)."""
    tmpl = templates(ROOT / "docs")
    tags = known_tags()
    terms = glossary_terms(glossary)
    fp = fingerprinter()
    (docs / "radar").mkdir(parents=True, exist_ok=True)
    for i in range(n):
        rng = random.Random(f"{seed}-{i}")
        k = i % len(tmpl["en"])
        picked = rng.sample(range(len(terms["en"])), k=min(5, len(terms["en"])))
        article_tags = sorted(rng.sample(tags, k=min(len(tags), rng.randint(2, 4))))
        slug = f"note-{i:04d}-{terms['en'][picked[0]].lower().replace(' ', '-')}"
        slug = re.sub(r"[^a-z0-9-]+", "-", slug).strip("-")
        code_rng_state = rng.getstate()
        english_meta: dict = {}
        english_body = ""
        for lang in LANGS:
            t = tmpl[lang][k]
            rng.setstate(code_rng_state)
            body = article_body(t, lang, i, rng, [terms[lang][p] for p in picked])
            meta = {
                "title": upper_first(TITLE[lang].format(term=terms[lang][picked[0]], i=i)),
                "description": t.meta["description"],
                "date": FIRST_DATE - dt.timedelta(days=i),
                "tags": article_tags,
                "verdict": t.meta["verdict"],
                "source": {
                    "url": f"https://source-{i % 50}.example.org/posts/{slug}",
                    "title": t.meta["source"]["title"],
                    "publisher": t.meta["source"]["publisher"],
                },
            }
            if not autolink:
                meta["glossary"] = False
            if lang == "en":
                english_meta, english_body = meta, body
            elif fp is not None:
                meta["translated_from"] = fp(english_meta, english_body)
            name = f"{slug}.md" if lang == "en" else f"{slug}.{lang}.md"
            (docs / "radar" / name).write_text(front_matter(meta) + body, encoding="utf-8")


def write_configs(root: Path) -> None:
    """The real mkdocs.yml beside the corpus, and the stock one from bench/stock/."""
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    (root / "overrides").symlink_to(ROOT / "overrides")
    stock = (STOCK_DIR / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.stock.yml").write_text(stock, encoding="utf-8")
    (root / "stock-overrides").symlink_to(STOCK_DIR / "overrides")


def generate(
    n: int, out: Path | None = None, *, terms: int | None = None, autolink: bool = True, seed: int = SEED
) -> Corpus:
    """Write a fresh corpus of `n` articles per language to `out` (default bench/corpus/<n>).

    `terms`: glossary size (the real terms topped up with synthetic ones); `autolink=False`
    turns automatic glossary linking off in every article (front matter `glossary: false`).
    """
    out = (out or CORPUS_DIR / str(n)).resolve()
    if out.exists():
        shutil.rmtree(out)
    docs = out / "docs"
    shutil.copytree(ROOT / "docs", docs, ignore=shutil.ignore_patterns("radar"))
    for extra in (ROOT / "docs" / "radar").iterdir():  # non-article files (images …) stay
        if extra.suffix != ".md":
            shutil.copy(extra, docs / "radar" / extra.name)
    write_glossary(out / "glossary", terms)
    write_articles(docs, n, seed, out / "glossary", autolink)
    write_configs(out)
    count = len(list((out / "glossary").glob("*.yml")))
    return Corpus(out, n, count)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("articles", type=int)
    parser.add_argument("--terms", type=int, help="glossary size (real terms + synthetic ones)")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--no-autolink", action="store_true", help="glossary: false in every article")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    autolink = not args.no_autolink
    corpus = generate(args.articles, args.out, terms=args.terms, autolink=autolink, seed=args.seed)
    print(
        f"{corpus.root}: {corpus.articles} articles × {len(LANGS)} languages, {corpus.terms} glossary terms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
