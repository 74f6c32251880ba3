"""Article ids that stay unique within a load, and exact-duplicate detection."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .formats import _blank

@dataclass
class _IdRegistry:
    """Ids and texts seen so far in one load, so ids stay unique and duplicates are flagged
    across chunks (memory: one id string and a 16-byte digest per article)."""

    seen: Counter = field(default_factory=Counter)
    first_by_text: dict[bytes, str] = field(default_factory=dict)

    def assign(self, given: Any, text: str) -> tuple[str, str | None]:
        """(article_id, id of the first article with the same text or None)."""
        digest = hashlib.sha1(text.encode("utf-8")).digest()
        if _blank(given):
            base = digest.hex()[:16]
        elif isinstance(given, float) and float(given).is_integer():
            base = str(int(given))
        else:
            base = str(given).strip()
        self.seen[base] += 1
        article_id = base if self.seen[base] == 1 else f"{base}~{self.seen[base]}"
        first = self.first_by_text.setdefault(digest, article_id)
        return article_id, (first if first != article_id else None)
