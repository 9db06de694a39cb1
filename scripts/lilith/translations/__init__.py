"""Translations: are the Czech and Polish pages there, the same shape, and current.

- `completeness`: every page and glossary term in every language (`completeness`,
  `glossary_problems`), and the banner readers see on a fallback or outdated page (`banner`);
- `parity`: a translation keeps the English file's headings, checklist items, images,
  links, glossary references, source URL, date and tags (`structure`, `compare`);
- `fingerprints`: staleness: `translated_from` holds a fingerprint of the English text
  kept in `fingerprints/` (`staleness`, `update_fingerprint`, `prune_snapshots`).

Exports `completeness`, `banner`, `compare`, `staleness` and `update_fingerprint`.
"""

from lilith.translations.completeness import banner, completeness
from lilith.translations.fingerprints import staleness, update_fingerprint
from lilith.translations.parity import compare

__all__ = ["banner", "compare", "completeness", "staleness", "update_fingerprint"]
