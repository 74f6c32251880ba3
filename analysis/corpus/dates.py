"""Parsing article dates: never guessed; NA with a reason."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from .formats import _blank

_ISO_DATE_RE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}([T ][\d:.]+)?(Z|[+\-]\d{2}:?\d{2})?$")
_NUMERIC_DATE_RE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4})$")


def parse_date(value: Any) -> tuple[pd.Timestamp | None, str | None]:
    """``(timestamp, None)`` or ``(None, reason)``. Accepts ISO 8601, RFC 2822, month-name dates
    ("April 25, 2017") and epoch seconds; time zones are converted to UTC and dropped. A numeric
    date whose day and month could be swapped ("03/04/2017") is NA with reason
    "ambiguous day/month": never guessed."""
    if _blank(value):
        return None, "missing"
    if isinstance(value, pd.Timestamp):
        ts = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        if not 0 < value < 4e9:
            return None, "unparseable"
        ts = pd.Timestamp(value, unit="s")
    else:
        s = str(value).strip()
        m = _NUMERIC_DATE_RE.match(s)
        if m:
            a, b = int(m.group(1)), int(m.group(2))
            if a <= 12 and b <= 12 and a != b:
                return None, "ambiguous day/month"
            dayfirst = a > 12
            try:
                ts = pd.to_datetime(s, dayfirst=dayfirst)
            except (ValueError, OverflowError):
                return None, "unparseable"
        else:
            try:
                ts = pd.Timestamp(s) if _ISO_DATE_RE.match(s) else pd.to_datetime(s, format="mixed")
            except (ValueError, OverflowError, TypeError):
                return None, "unparseable"
    if ts is pd.NaT or pd.isna(ts):
        return None, "unparseable"
    if ts.tzinfo is not None:
        ts = ts.tz_convert("UTC").tz_localize(None)
    if not 1800 <= ts.year <= 2100:
        return None, "unparseable"
    return ts, None
