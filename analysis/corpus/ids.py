"""Article ids that stay unique within a load, and exact-duplicate detection."""

from __future__ import annotations

import hashlib
import numbers
from dataclasses import dataclass, field
from typing import Any

from .formats import is_blank


@dataclass
class IdRegistry:
    """Ids and texts seen so far in one load, so ids stay unique and duplicates are flagged
    across chunks (memory: one id string and a 16-byte digest per article).

    The id of an article is its given id (an integral float such as ``1.0`` is written ``1``,
    surrounding spaces are dropped), else the first 16 hex digits of the SHA-1 of its text.
    The first article with an id keeps it; a later article asking for an id already taken gets
    ``<id>~2``, ``<id>~3``... : the smallest suffix not taken so far. So ids are unique whatever
    the input (a given ``1~2`` and a generated ``1~2`` cannot collide: whichever comes second
    gets a further suffix, e.g. ``1~2~2``, or ``1~3`` for a repeated ``1``), and the same input
    in the same order gets the same ids on every run. The suffixes depend only on the articles
    before, so loading in chunks gives the ids of loading at once.
    """

    taken: set[str] = field(default_factory=set)
    next_suffix: dict[str, int] = field(default_factory=dict)
    first_by_text: dict[bytes, str] = field(default_factory=dict)

    def assign(self, given: Any, text: str) -> tuple[str, str | None]:
        """(article_id, id of the first article with the same text or None)."""
        digest = hashlib.sha1(text.encode("utf-8")).digest()
        article_id = self._unique(base_id(given, digest))
        first = self.first_by_text.setdefault(digest, article_id)
        return article_id, (first if first != article_id else None)

    def _unique(self, base: str) -> str:
        """``base`` if free, else ``base~k`` with the smallest free k >= 2 (k only grows per
        base, so the work stays linear in the number of articles)."""
        article_id = base
        if base in self.taken:
            k = self.next_suffix.get(base, 2)
            while f"{base}~{k}" in self.taken:
                k += 1
            self.next_suffix[base] = k + 1
            article_id = f"{base}~{k}"
        self.taken.add(article_id)
        return article_id


def base_id(given: Any, digest: bytes) -> str:
    """The id an article asks for: its given id as text (``1.0`` -> ``"1"``), or the first 16
    hex digits of ``digest`` (the SHA-1 of its text) when none is given."""
    if is_blank(given):
        return digest.hex()[:16]
    if isinstance(given, numbers.Real) and not isinstance(given, numbers.Integral) \
            and float(given).is_integer():
        return str(int(given))
    return str(given).strip()
