"""Plain-text (scraped) pages and saved HTML pages -> article fields."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import Any

_SCRAPED_HEADER_RE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b(.*)$")
_DATELINE_RE = re.compile(r"^[A-Z][A-Z .,'\-]{1,40}?\s*\(([A-Z][\w .&'\-]{1,40}?)\)")


def parse_text_page(text: str) -> dict[str, Any]:
    """Fields of a plain-text page; ``ValueError`` for a page with no text.

    A scraped page starts with a header line ``date YYYY-MM-DD <site chrome>``, then up to three
    head paragraphs (photo caption, title, lede) and the body, one paragraph each (blank lines
    between). Where the body starts is read from a wire dateline ("MOSCOW (Sputnik) ...") in the
    first four paragraphs; without one, from the number of paragraphs. The head is then named
    from the end (a lede is a sentence of 6+ words ending with a full stop; a title is not):

    * 1 paragraph: the body (title NA): a lone paragraph is kept where the analysis reads it;
    * 2: title, body;
    * 3: title, lede, body;
    * 4 or more: caption, title, lede, body, unless the second paragraph is a lede-like sentence
      and the first is not (then title, lede, body: the caption is missing);
    * with a dateline: the paragraphs before it are [title], [title, lede] or [caption, title]
      (by the same sentence test), or [caption, title, lede].

    Any other text file: the first non-empty line is the title and the rest is the body. The
    outlet is read from a wire dateline at the start of the body when there is one.
    """
    normalized = _normalize_text(text)
    first_line, _, rest = normalized.lstrip().partition("\n")
    header = _SCRAPED_HEADER_RE.match(first_line)
    if header:
        parts = split_paragraphs(rest)
        if not parts:
            raise ValueError("scraped page with nothing after the date line "
                             "(expected caption, title, lede, body)")
        caption, title, lede, body = _split_scraped(parts)
        record = {"date": header.group(1), "caption": caption, "title": title, "lede": lede,
                  "text": "\n\n".join(body)}
    else:
        lines = [ln.strip() for ln in normalized.split("\n")]
        first = next((i for i, ln in enumerate(lines) if ln), None)
        if first is None:
            raise ValueError("empty page")
        record = {"title": lines[first],
                  "text": "\n\n".join(split_paragraphs("\n".join(lines[first + 1:])))}
    dateline = _DATELINE_RE.match(record["text"])
    if dateline:
        record["outlet"] = dateline.group(1).strip()
    return record


_SENTENCE_END_RE = re.compile(r"\.[\"'\u201d\u2019\u00bb)\]]*$")


def _split_scraped(parts: list[str]) -> tuple[str | None, str | None, str | None, list[str]]:
    """(caption, title, lede, body paragraphs) of a scraped page's paragraphs."""
    start = next((i for i, p in enumerate(parts[:4]) if _DATELINE_RE.match(p)), None)
    if start is not None:
        head, body = parts[:start], parts[start:]
        if len(head) == 3:
            return head[0], head[1], head[2], body
        if len(head) == 2 and not _is_lede(head[1]):
            return head[0], head[1], None, body
        return None, (head[0] if head else None), (head[1] if len(head) == 2 else None), body
    if len(parts) <= 3:
        title, lede = (parts[:-1] + [None, None])[:2]
        return None, title, lede, parts[-1:]
    if _is_lede(parts[1]) and not _is_lede(parts[0]):
        return None, parts[0], parts[1], parts[2:]
    return parts[0], parts[1], parts[2], parts[3:]


def _is_lede(paragraph: str) -> bool:
    """A sentence of 6+ words ending with a full stop (titles and captions mostly are not)."""
    return bool(_SENTENCE_END_RE.search(paragraph)) and len(paragraph.split()) >= 6


def _normalize_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")


def split_paragraphs(text: str) -> list[str]:
    """Non-empty paragraphs (blocks split at blank lines), inner whitespace collapsed."""
    blocks = _BLANK_LINE_RE.split(_normalize_text(text))
    return [_collapse(b) for b in blocks if b.strip()]


_BLANK_LINE_RE = re.compile(r"\n\s*\n")
_INNER_SPACE_RE = re.compile(r"[ \t]*\n[ \t]*|[ \t]{2,}|\t")


def _collapse(block: str) -> str:
    """A paragraph on one line: line breaks and runs of spaces or tabs become one space."""
    block = block.strip()
    if "\n" in block or "  " in block or "\t" in block:
        block = _INNER_SPACE_RE.sub(" ", block)
    return block


class _MainTextParser(HTMLParser):
    """Collects metadata and block texts from an HTML page, skipping boilerplate elements."""

    SKIP = {"script", "style", "nav", "header", "footer", "aside", "form", "noscript", "svg",
            "button", "iframe", "select", "figure", "template"}
    BLOCKS = {"p", "h1", "h2", "h3", "h4", "li", "blockquote", "pre", "div", "section",
              "article", "main", "br", "tr", "td", "figcaption"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.blocks: list[tuple[str, bool, str]] = []   # (tag, inside article/main, text)
        self._skip = 0
        self._main = 0
        self._tag_stack: list[str] = []
        self._buf: list[str] = []
        self._in_title = False
        self.title = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and a.get("content"):
                self.meta.setdefault(key, a["content"])
        elif tag == "link" and a.get("rel", "").lower() == "canonical" and a.get("href"):
            self.meta.setdefault("canonical", a["href"])
        elif tag == "time" and a.get("datetime"):
            self.meta.setdefault("time", a["datetime"])
        if tag in self.SKIP:
            self._skip += 1
        elif tag in ("article", "main"):
            self._main += 1
        elif tag == "title":
            self._in_title = True
        if tag in self.BLOCKS:
            self._flush()
            self._tag_stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in ("article", "main"):
            self._flush()
            self._main = max(0, self._main - 1)
        elif tag == "title":
            self._in_title = False
        if tag in self.BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._skip:
            self._buf.append(data)

    def _flush(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self._buf)).strip()
        self._buf = []
        if text:
            tag = self._tag_stack[-1] if self._tag_stack else "body"
            self.blocks.append((tag, self._main > 0, text))


def parse_html_page(page: str) -> dict[str, Any]:
    """Fields of a saved HTML page: title (og:title, <title> or the first <h1>), date
    (article:published_time, <time datetime>), outlet (og:site_name), url (canonical or og:url)
    and the main text: the paragraphs inside <article>/<main> when present, else every block of
    8+ words; navigation, headers, footers, scripts and forms are dropped as boilerplate."""
    parser = _MainTextParser()
    parser.feed(page)
    parser.close()
    parser._flush()
    m = parser.meta
    blocks = parser.blocks
    if any(in_main for _, in_main, _ in blocks):
        blocks = [b for b in blocks if b[1]]
    h1 = next((t for tag, _, t in blocks if tag == "h1"), None)
    title = m.get("og:title") or h1 or html.unescape(parser.title).strip() or None
    paragraphs = [t for tag, _, t in blocks
                  if tag not in ("h1",) and len(t.split()) >= 8 and t != title]
    return {
        "title": title,
        "text": "\n\n".join(paragraphs),
        "date": m.get("article:published_time") or m.get("datepublished") or m.get("date")
        or m.get("time"),
        "outlet": m.get("og:site_name"),
        "url": m.get("canonical") or m.get("og:url"),
        "authors": m.get("author") or m.get("article:author"),
        "lede": m.get("og:description") or m.get("description"),
    }
