"""Parsing article dates: never guessed; NA with a short, stable reason.

:func:`parse_date` returns ``(timestamp, None)`` (UTC, tz-naive) or ``(None, reason)``. It reads

* ISO 8601 dates and times, with ``Z`` or an offset (``2017-04-25T10:00:00+03:00``);
* RFC 2822 dates (``Tue, 25 Apr 2017 10:00:00 +0300``, ``... GMT``);
* month-name dates in any order (``April 25, 2017``, ``25 April 2017 10:00 EST``,
  ``25-Apr-2017``, ``25APR2017``, ``Apr. 25th 2017 10 p.m.``; a weekday, when given, must
  match);
* numeric dates with ``/``, ``.`` or ``-`` (and an optional time), only when the order of day,
  month and year is certain: year first with four digits (``2017/04/25``), a four-digit year
  last with a day above 12 (``25/04/2017`` is day first, ``04/25/2017`` month first), or a
  two-digit year when only one order gives a month 1-12 and a day 1-31 (``31/12/99``;
  two-digit years are read 1969-2068, as POSIX ``%y``);
* numbers and strings of digits: ``YYYYMMDD``, ``YYYYMMDDHHMM``, ``YYYYMMDDHHMMSS`` (GDELT),
  or epoch seconds (9-10 digits, a fraction allowed: ``1493114400``). Other numbers are not
  dates (``17``, ``86400``; epoch milliseconds are "out of range");
* dates and timestamps already typed (``datetime``, ``pandas.Timestamp``, ``numpy.datetime64``).

Tokens must be apart (a space or punctuation) except in ``10pm``, ``10:00Z``, ``...T10:00``
and ``25Apr2017``; any word that is not a month, a weekday, a time zone, am/pm or one of
"at", "on", "of", "the" makes the string "unparseable" (``Updated 25 April 2017``).

Time zones: a numeric offset, ``UTC``/``GMT`` with or without an offset (``GMT+3`` is three
hours east), an abbreviation of ``analysis/resources/timezones.tsv`` (``EST``, ``MSK``, ``JST``...)
or an IANA name (``Europe/Moscow``) is honoured; a time without a zone is taken as UTC. A date
without a time is midnight (in its zone, when one is given).

The reasons (``DATE_PROBLEMS``): "missing", "unparseable", "ambiguous day/month"
(``03/04/2017``), "ambiguous year" (``03/04/17``, ``17/04/03``, ``25 Apr 17``), "relative date"
(``today``, ``now``, ``yesterday``, ``3 hours ago``, a weekday or a time without a date),
"incomplete date" (``2017``, ``April 2017``, ``25 April``), "unknown time zone" (an abbreviation
not in the table, an unknown IANA name), "ambiguous time zone" (``IST``: India, Israel or
Ireland), "conflicting time zones", "ambiguous local time" and "nonexistent local time" (a
clock time repeated or skipped by a summer-time change in a named zone), "weekday mismatch",
"ambiguous number" (10 digits that read both as epoch seconds and as ``YYYYMMDDHH``) and
"out of range" (outside 1800-2100, or epoch seconds outside 0-4e9).
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import numbers
import re
from dataclasses import dataclass
from typing import Any, Union
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
import pandas as pd

from .. import config
from .formats import is_blank

MISSING = "missing"
UNPARSEABLE = "unparseable"
AMBIGUOUS_DAY_MONTH = "ambiguous day/month"
AMBIGUOUS_YEAR = "ambiguous year"
RELATIVE = "relative date"
INCOMPLETE = "incomplete date"
UNKNOWN_TZ = "unknown time zone"
AMBIGUOUS_TZ = "ambiguous time zone"
CONFLICTING_TZ = "conflicting time zones"
AMBIGUOUS_LOCAL = "ambiguous local time"
NONEXISTENT_LOCAL = "nonexistent local time"
WEEKDAY_MISMATCH = "weekday mismatch"
OUT_OF_RANGE = "out of range"
AMBIGUOUS_NUMBER = "ambiguous number"

#: Every reason :func:`parse_date` gives for an NA date.
DATE_PROBLEMS = (MISSING, UNPARSEABLE, AMBIGUOUS_DAY_MONTH, AMBIGUOUS_YEAR, RELATIVE, INCOMPLETE,
                 UNKNOWN_TZ, AMBIGUOUS_TZ, CONFLICTING_TZ, AMBIGUOUS_LOCAL, NONEXISTENT_LOCAL,
                 WEEKDAY_MISMATCH, OUT_OF_RANGE, AMBIGUOUS_NUMBER)

TIMEZONES_PATH = config.RESOURCES_DIR / "timezones.tsv"
MIN_YEAR, MAX_YEAR = 1800, 2100
MAX_EPOCH_SECONDS = 4e9

Parsed = tuple[Union[pd.Timestamp, None], Union[str, None]]

_MONTHS = {name: i for i, names in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
    ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
    ("oct", "october"), ("nov", "november"), ("dec", "december")), start=1) for name in names}
_WEEKDAYS = {name: i for i, names in enumerate((
    ("mon", "monday"), ("tue", "tues", "tuesday"), ("wed", "wednesday"),
    ("thu", "thur", "thurs", "thursday"), ("fri", "friday"), ("sat", "saturday"),
    ("sun", "sunday"))) for name in names}
_FILLERS = {"t", "at", "on", "of", "the"}
_RELATIVE_RE = re.compile(
    r"\b(?:now|today|tonight|yesterday|tomorrow|ago|recently"
    r"|(?:last|next|this)\s+(?:week|weekend|month|year|morning|afternoon|evening|night"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day))\b", re.IGNORECASE)

_TOKEN_RE = re.compile(r"""
      (?P<numdate>(?P<d1>\d{1,4})(?P<ds>[/.\-])(?P<d2>\d{1,2})(?P=ds)(?P<d3>\d{1,4}))(?!\d)
    | (?P<time>(?P<hh>\d{1,2}):(?P<mm>\d{2})(?::(?P<ss>\d{2})(?:[.,](?P<frac>\d{1,9}))?)?)(?!\d)
    | (?P<gmt>(?i:UTC|GMT|UT)(?![A-Za-z])(?:\s?(?P<gsign>[+\-])(?P<goff>\d{1,2}(?::?\d{2})?))?)
      (?!\d)
    | (?P<dash>(?<=[A-Za-z.])[\-/.])
    | (?P<offset>(?P<osign>[+\-])(?P<ooff>\d{1,2}(?::?\d{2})?))(?!\d)
    | (?P<ampm>[AaPp]\.?[Mm]\.?)(?![A-Za-z])
    | (?P<iana>[A-Za-z][A-Za-z_]*(?:/[A-Za-z][A-Za-z0-9_+\-]*)+)
    | (?P<number>\d+)(?P<ordinal>st|nd|rd|th)?(?!\d)
    | (?P<word>[A-Za-z]+)\.?
    | (?P<sep>[\s,;()|\u00b7\u2022]+|[\-/.](?=[A-Za-z])
              |(?<=\s)[\-\u2013\u2014](?=\s))
""", re.VERBOSE)
_DIGITS_RE = re.compile(r"^\d+(?:\.\d+)?$")
_PARTIAL_RE = re.compile(r"^(?:(?P<y1>\d{4})[/.\-](?P<m1>\d{1,2})|(?P<m2>\d{1,2})[/.\-](?P<y2>\d{4}))$")


@dataclass(frozen=True)
class _Zone:
    """A time-zone spec: a fixed offset, a named zone (its own local time) or a rejection."""

    offset: dt.timedelta | None = None
    zone: ZoneInfo | None = None
    problem: str | None = None


def parse_date(value: Any) -> Parsed:
    """``(timestamp, None)`` in UTC, tz-naive, or ``(None, reason)``; never a guess.

    See the module docstring for the formats read and the reasons (``DATE_PROBLEMS``).
    """
    if is_blank(value):
        return None, MISSING
    if isinstance(value, str):
        return _parse_string(value)
    if isinstance(value, bool):
        return None, UNPARSEABLE
    if isinstance(value, (pd.Timestamp, dt.datetime, dt.date, np.datetime64)):
        try:
            return _finish(pd.Timestamp(value))
        except (ValueError, OverflowError):     # beyond what pandas can hold
            return None, OUT_OF_RANGE
    if isinstance(value, numbers.Real):
        return _parse_number(value)
    return None, UNPARSEABLE


@functools.lru_cache(maxsize=1)
def _timezone_lookup() -> dict[str, _Zone]:
    """The abbreviations of ``resources/timezones.tsv`` -> zone spec (read once)."""
    table = {}
    with open(TIMEZONES_PATH, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip() or line.startswith("#"):
                continue
            abbreviation, utc_offset, zone, _name = line.rstrip("\n").split("\t")
            table[abbreviation] = _zone_of_row(utc_offset, zone)
    return table


def _zone_of_row(utc_offset: str, zone: str) -> _Zone:
    if utc_offset == "ambiguous":
        return _Zone(problem=AMBIGUOUS_TZ)
    if utc_offset == "local":
        return _named_zone(zone)
    sign = -1 if utc_offset.startswith("-") else 1
    hours, minutes = utc_offset.lstrip("+-").split(":")
    return _Zone(offset=sign * dt.timedelta(hours=int(hours), minutes=int(minutes)))


def _finish(ts: pd.Timestamp) -> Parsed:
    """A parsed timestamp in UTC, tz-naive, nanosecond unit; years outside 1800-2100 rejected."""
    if pd.isna(ts):
        return None, MISSING
    if ts.tzinfo is not None:
        ts = ts.tz_convert("UTC").tz_localize(None)
    if not MIN_YEAR <= ts.year <= MAX_YEAR:
        return None, OUT_OF_RANGE
    return ts.as_unit("ns"), None


def _parse_number(value: numbers.Real) -> Parsed:
    """A number is read as its digits are (see ``_parse_digits``): 1493114400 is epoch
    seconds, 20170425 is 25 April 2017."""
    number = float(value)
    if not math.isfinite(number) or number < 0:
        return None, OUT_OF_RANGE
    if isinstance(value, numbers.Integral) or number.is_integer():
        return _parse_digits(str(int(value)))
    return _parse_digits(f"{number:.6f}")


def _from_epoch(seconds: float) -> Parsed:
    if not (math.isfinite(seconds) and 0 < seconds < MAX_EPOCH_SECONDS):
        return None, OUT_OF_RANGE
    return _finish(pd.Timestamp(seconds, unit="s"))


@functools.lru_cache(maxsize=65536)
def _parse_string(value: str) -> Parsed:
    s = " ".join(value.split())
    if not s:
        return None, MISSING
    if _RELATIVE_RE.search(s):
        return None, RELATIVE
    partial = _PARTIAL_RE.match(s)
    if partial and _is_year_month(partial):
        return None, INCOMPLETE
    if _DIGITS_RE.match(s):
        return _parse_digits(s)
    tokens = _tokenize(s)
    if tokens is None:
        return None, UNPARSEABLE
    return _interpret(tokens)


def _is_year_month(m: re.Match) -> bool:
    year, month = int(m.group("y1") or m.group("y2")), int(m.group("m1") or m.group("m2"))
    return MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12


def _parse_digits(s: str) -> Parsed:
    """A number: ``YYYYMMDD``, ``YYYYMMDDHHMM``, ``YYYYMMDDHHMMSS`` (GDELT), epoch seconds
    (9-10 digits, a fraction allowed), a year alone (incomplete); other lengths are rejected."""
    whole, _, fraction = s.partition(".")
    compact = _COMPACT_FORMATS.get(len(s)) if not fraction else None
    if compact:
        year, month, day, *hms = [int(s[i:j]) for i, j in compact]
        hour, minute, second = (hms + [0, 0, 0])[:3]
        return _build([(year, month, day)], clock=(hour, minute, second, 0))
    if len(whole) == 4 and not fraction and MIN_YEAR <= int(whole) <= MAX_YEAR:
        return None, INCOMPLETE
    if len(whole) == 10 and not fraction and _build([(int(s[:4]), int(s[4:6]), int(s[6:8]))],
                                                     clock=(int(s[8:]), 0, 0, 0))[1] is None:
        return None, AMBIGUOUS_NUMBER           # epoch seconds or YYYYMMDDHH
    if len(whole) >= 9:
        return _from_epoch(float(s))
    return None, UNPARSEABLE


_COMPACT_FORMATS = {8: ((0, 4), (4, 6), (6, 8)),
                    12: ((0, 4), (4, 6), (6, 8), (8, 10), (10, 12)),
                    14: ((0, 4), (4, 6), (6, 8), (8, 10), (10, 12), (12, 14))}


def _tokenize(s: str) -> list[tuple[str, re.Match]] | None:
    """(kind, match) for every token but separators, or None if some text is not a token or
    two tokens run together where a separator is needed (see ``_may_touch``)."""
    tokens: list[tuple[str, re.Match]] = []
    pos = 0
    while pos < len(s):
        m = _TOKEN_RE.match(s, pos)
        if m is None or m.end() == pos:
            return None
        if m.lastgroup not in ("sep", "dash"):
            kind = _kind(m)
            if tokens and tokens[-1][1].end() == pos and s[pos - 1].isalnum() \
                    and s[pos].isalnum() and not _may_touch(tokens[-1], (kind, m)):
                return None
            tokens.append((kind, m))
        pos = m.end()
    return tokens


def _may_touch(left: tuple[str, re.Match], right: tuple[str, re.Match]) -> bool:
    """Whether two tokens may run together: "10pm", "10:00Z", "10:00GMT", "2017-04-25T10:00",
    "25Apr2017"; not "2017EST12Apr" or "Apr2017UTC13"."""
    (lkind, lm), (rkind, rm) = left, right
    lword = lm.group("word") if lkind == "word" else ""
    rword = rm.group("word") if rkind == "word" else ""
    if rkind == "ampm" or "t" in (lword.lower(), rword.lower()):
        return True
    if lkind == "time" and (rkind == "gmt" or rword.isupper()):
        return True
    return (lword.lower() in _MONTHS and rkind == "number") or \
        (rword.lower() in _MONTHS and lkind == "number")


def _kind(m: re.Match) -> str:
    for kind in ("numdate", "time", "gmt", "offset", "ampm", "iana", "number", "word"):
        if m.group(kind) is not None:
            return kind
    return "sep"


@dataclass
class _Parts:
    """What the tokens of a date string say, before it is checked and built."""

    numdates: list[re.Match]
    numbers: list[re.Match]
    months: list[int]
    weekdays: list[int]
    times: list[re.Match]
    hour_only: list[int]
    ampm: list[str]
    zones: list[_Zone]


def _interpret(tokens: list[tuple[str, re.Match]]) -> Parsed:
    parts = _Parts([], [], [], [], [], [], [], [])
    previous = None
    for kind, m in tokens:
        problem = _collect(kind, m, previous, parts)
        if problem:
            return None, problem
        previous = kind
    if any(len(x) > 1 for x in (parts.numdates, parts.months, parts.weekdays, parts.ampm)) \
            or len(parts.times) + len(parts.hour_only) > 1:
        return None, UNPARSEABLE
    readings, problem = _candidate_dates(parts)
    if problem:
        return None, problem
    clock = _clock(parts)
    if clock is None:
        return None, UNPARSEABLE
    return _build(readings, clock=clock, weekday=parts.weekdays[0] if parts.weekdays else None,
                  zones=parts.zones)


def _collect(kind: str, m: re.Match, previous: str | None, parts: _Parts) -> str | None:
    """Add one token to ``parts``; a reason when the token alone rules the string out."""
    if kind == "numdate":
        parts.numdates.append(m)
    elif kind == "time":
        parts.times.append(m)
    elif kind == "number":
        parts.numbers.append(m)
    elif kind == "ampm":
        if previous == "number" and _hour_number(parts.numbers[-1]) is not None:
            parts.hour_only.append(_hour_number(parts.numbers.pop()))
        elif previous != "time":
            return UNPARSEABLE
        parts.ampm.append(m.group("ampm").replace(".", "").lower())
    elif kind == "offset":
        if previous not in ("time", "ampm"):
            return UNPARSEABLE
        parts.zones.append(_fixed_zone(m.group("osign"), m.group("ooff")))
    elif kind == "gmt":
        parts.zones.append(_fixed_zone(m.group("gsign") or "+", m.group("goff") or "0"))
    elif kind == "iana":
        parts.zones.append(_named_zone(m.group("iana")))
    else:
        return _collect_word(m.group("word"), parts)
    return None


def _collect_word(word: str, parts: _Parts) -> str | None:
    lower = word.lower()
    if lower in _FILLERS:
        return None
    if lower in _MONTHS:
        parts.months.append(_MONTHS[lower])
    elif lower in _WEEKDAYS:
        parts.weekdays.append(_WEEKDAYS[lower])
    elif word.isupper() and word in _timezone_lookup():
        parts.zones.append(_timezone_lookup()[word])
    elif word.isupper() and len(word) <= 5:
        return UNKNOWN_TZ
    else:
        return UNPARSEABLE
    return None


def _hour_number(m: re.Match) -> int | None:
    """The hour of "10 pm" (a plain 1- or 2-digit number 1-12), else None."""
    digits = m.group("number")
    if m.group("ordinal") or len(digits) > 2 or not 1 <= int(digits) <= 12:
        return None
    return int(digits)


def _fixed_zone(sign: str, offset: str) -> _Zone:
    digits = offset.replace(":", "")
    hours, minutes = (int(digits), 0) if len(digits) <= 2 else (int(digits[:-2]), int(digits[-2:]))
    if hours > 14 or minutes > 59:
        return _Zone(problem=UNPARSEABLE)
    delta = dt.timedelta(hours=hours, minutes=minutes)
    return _Zone(offset=-delta if sign == "-" else delta)


@functools.lru_cache(maxsize=1024)
def _named_zone(name: str) -> _Zone:
    try:
        return _Zone(zone=ZoneInfo(name))
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return _Zone(problem=UNKNOWN_TZ)


def _candidate_dates(parts: _Parts) -> tuple[list[tuple[int, int, int]], str | None]:
    """The (year, month, day) readings of the date part, or a reason."""
    if parts.numdates:
        if parts.months or parts.numbers:
            return [], UNPARSEABLE
        return _numeric_readings(parts.numdates[0]), None
    if parts.months:
        return _month_name_readings(parts.months[0], parts.numbers)
    if parts.numbers:
        return [], UNPARSEABLE
    if parts.times or parts.hour_only or parts.weekdays:
        return [], RELATIVE      # a time of day or a weekday without a date
    return [], UNPARSEABLE


def _numeric_readings(m: re.Match) -> list[tuple[int, int, int]]:
    """Every (year, month, day) reading of "a/b/c" that the digit counts allow."""
    a, b, c = m.group("d1"), m.group("d2"), m.group("d3")
    x, y, z = int(a), int(b), int(c)
    if len(a) == 4 and len(c) <= 2:
        return [(x, y, z)]
    if len(c) == 4 and len(a) <= 2:
        return [(z, y, x), (z, x, y)]
    if max(len(a), len(c)) <= 2:
        return [(_century(z), y, x), (_century(z), x, y), (_century(x), y, z)]
    return []


def _month_name_readings(month: int, nums: list[re.Match]
                         ) -> tuple[list[tuple[int, int, int]], str | None]:
    """Readings of a month-name date from its two numbers (day and year), or a reason. A
    four-digit number is the year; two two-digit numbers are read both ways unless one has an
    ordinal suffix ("25th")."""
    if len(nums) < 2:
        return [], INCOMPLETE
    if len(nums) > 2:
        return [], UNPARSEABLE
    readings = []
    for day, year in (nums, nums[::-1]):
        d, y = day.group("number"), year.group("number")
        if len(d) > 2 or year.group("ordinal") or len(y) not in (2, 4):
            continue
        readings.append((int(y) if len(y) == 4 else _century(int(y)), month, int(d)))
    return readings, None


def _century(two_digits: int) -> int:
    """A two-digit year, as POSIX ``%y``: 69-99 -> 1969-1999, 00-68 -> 2000-2068."""
    return two_digits + (1900 if two_digits >= 69 else 2000)


def _clock(parts: _Parts) -> tuple[int, int, int, int] | None:
    """(hour, minute, second, nanosecond) of the time part (midnight when none), or None."""
    if parts.hour_only:
        hour, minute, second, nanos = parts.hour_only[0], 0, 0, 0
    elif parts.times:
        t = parts.times[0]
        hour, minute, second = int(t.group("hh")), int(t.group("mm")), int(t.group("ss") or 0)
        nanos = int((t.group("frac") or "").ljust(9, "0"))
    else:
        return (0, 0, 0, 0) if not parts.ampm else None
    if parts.ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if parts.ampm[0] == "pm" else 0)
    return hour, minute, second, nanos


def _plausible(readings: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """The distinct readings whose month is 1-12 and day 1-31. Whether the day exists in that
    month is checked after: "31/04/17" is ambiguous, not read as 2031-04-17 because no 31 April
    exists."""
    plausible: list[tuple[int, int, int]] = []
    for reading in readings:
        if 1 <= reading[1] <= 12 and 1 <= reading[2] <= 31 and reading not in plausible:
            plausible.append(reading)
    return plausible


def _build(readings: list[tuple[int, int, int]], *,
           clock: tuple[int, int, int, int] = (0, 0, 0, 0), weekday: int | None = None,
           zones: list[_Zone] | None = None) -> Parsed:
    """The UTC timestamp of the one plausible (year, month, day) reading, or the reason there
    is none (no plausible reading, several, or a day the month does not have)."""
    plausible = _plausible(readings)
    if len(plausible) > 1:
        return None, (AMBIGUOUS_YEAR if len({y for y, _, _ in plausible}) > 1
                      else AMBIGUOUS_DAY_MONTH)
    if not plausible:
        return None, UNPARSEABLE
    ((year, month, date),) = plausible
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None, OUT_OF_RANGE
    try:
        day = dt.date(year, month, date)
    except ValueError:
        return None, UNPARSEABLE
    if weekday is not None and day.weekday() != weekday:
        return None, WEEKDAY_MISMATCH
    hour, minute, second, nanos = clock
    if hour > 23 or minute > 59 or second > 59:
        return None, UNPARSEABLE
    local = pd.Timestamp(year=day.year, month=day.month, day=day.day, hour=hour, minute=minute,
                         second=second, microsecond=nanos // 1000, nanosecond=nanos % 1000)
    results = set()
    for zone in zones or [_Zone(offset=dt.timedelta(0))]:
        utc, problem = _to_utc(local, zone)
        if problem:
            return None, problem
        results.add(utc)
    if len(results) > 1:
        return None, CONFLICTING_TZ
    return _finish(results.pop())


def _to_utc(local: pd.Timestamp, zone: _Zone) -> Parsed:
    if zone.problem:
        return None, zone.problem
    if zone.offset is not None:
        return local - zone.offset, None
    naive = dt.datetime(local.year, local.month, local.day, local.hour, local.minute,
                        local.second)
    first, second = naive.replace(tzinfo=zone.zone), naive.replace(tzinfo=zone.zone, fold=1)
    offset = first.utcoffset()
    if offset != second.utcoffset():
        round_trip = first.astimezone(dt.timezone.utc).astimezone(zone.zone)
        gap = round_trip.replace(tzinfo=None) != naive
        return None, NONEXISTENT_LOCAL if gap else AMBIGUOUS_LOCAL
    return local - offset, None
