"""The values of the Bases language and the rules they follow (Obsidian's "Types", JavaScript's where
Obsidian's docs say "Bases functions follow JavaScript behavior").

A value is a plain Python value where one fits: None (null), bool, int/float (number), str, list,
dict (object); the other types are the small classes below. Numbers print as JavaScript prints them
(`3` not `3.0`), truthiness is JavaScript's (0, "", null, NaN and false are false).
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Any

from generator.engine.model import VaultPath
from generator.queries.errors import BaseError

__all__ = [
    "Date",
    "Duration",
    "FileRef",
    "Html",
    "Icon",
    "Image",
    "Link",
    "Regex",
    "RowRef",
    "js_number",
    "parse_date",
    "parse_duration",
    "to_fixed",
    "truthy",
    "type_name",
]

Value = Any  # None | bool | int | float | str | list | dict | Date | Duration | Link | FileRef | ...


@dataclass(slots=True, unsafe_hash=True)
class Date:
    """A date (`time` False: a date property or `date("2025-01-01")`) or a date and time."""

    value: dt.datetime  # naive, local time, millisecond precision
    time: bool = True

    @property
    def ms(self) -> float:
        """Milliseconds since the Unix epoch (local time read as UTC: differences are exact)."""
        delta = self.value - _EPOCH
        return delta.days * 86_400_000 + delta.seconds * 1000 + delta.microseconds // 1000


_EPOCH = dt.datetime(1970, 1, 1)


@dataclass(slots=True, unsafe_hash=True)
class Duration:
    """`"1M"`, `duration("2h")`: calendar months (years are 12) and a fixed number of milliseconds."""

    months: float = 0
    ms: float = 0

    def scaled(self, factor: float) -> Duration:
        return Duration(self.months * factor, self.ms * factor)

    def total_ms(self) -> float:
        """Months counted as 30 days, years as 365, as moment.js does for a duration's length."""
        years, months = divmod(self.months, 12)
        return self.ms + years * 365 * 86_400_000 + months * 30 * 86_400_000


@dataclass(slots=True, unsafe_hash=True)
class Link:
    """A link to a file: `[[Note]]` in a property, `link("Note")`, `file.asLink()`.

    `path` is the vault file it resolves to (None: unresolved); two links are equal when they
    resolve to the same file or, unresolved, have the same text (Obsidian's rule)."""

    target: str
    display: Any = None
    path: VaultPath | None = None

    def same(self, other: Link) -> bool:
        if self.path is not None or other.path is not None:
            return self.path == other.path
        return self.target == other.target


@dataclass(slots=True, unsafe_hash=True)
class FileRef:
    """A vault file (`file`, `file.file`, `link.asFile()`); its fields come from the VaultData."""

    path: VaultPath


@dataclass(slots=True, unsafe_hash=True)
class RowRef:
    """`this`: a note (or base file) as a row: `this.file`, `this.status`, `this.note.status`."""

    path: VaultPath


@dataclass(frozen=True, slots=True)
class Regex:
    pattern: re.Pattern[str]
    source: str
    flags: str


@dataclass(frozen=True, slots=True)
class Html:
    html: str


@dataclass(frozen=True, slots=True)
class Icon:
    name: str


@dataclass(frozen=True, slots=True)
class Image:
    src: Any  # a string (path or URL), a Link or a FileRef


def type_name(value: Value) -> str:
    """The type names `isType` knows."""
    if value is None:
        return "null"
    if value is True or value is False:
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "object"
    if isinstance(value, FileRef | RowRef):
        return "file"
    return _CLASS_NAMES.get(type(value), "object")


_CLASS_NAMES = {
    Date: "date",
    Duration: "duration",
    Link: "link",
    Regex: "regexp",
    Html: "html",
    Icon: "icon",
    Image: "image",
}


def truthy(value: Value) -> bool:
    """JavaScript's truthiness: null, false, 0, NaN and "" are false; everything else is true."""
    if value is None or value is False:
        return False
    if value is True:
        return True
    if isinstance(value, int | float):
        return value != 0 and value == value
    if isinstance(value, str):
        return value != ""
    return True


def js_number(x: float) -> str:
    """A number as JavaScript's `String(x)` writes it: `3`, `0.1`, `1e+21`, `NaN`, `Infinity`."""
    if isinstance(x, bool):
        return "true" if x else "false"
    if isinstance(x, int):
        return str(x)
    if x != x:
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x.is_integer() and abs(x) < 1e21:
        return str(int(x))
    text = repr(x)
    if "e" in text:
        if 1e-7 <= abs(x) < 1e21:
            return format(Decimal(text), "f")
        mantissa, _, exponent = text.partition("e")
        sign = "-" if exponent.startswith("-") else "+"
        return f"{mantissa}e{sign}{exponent.lstrip('+-').lstrip('0') or '0'}"
    return text


def to_fixed(x: float, digits: int) -> str:
    """JavaScript's `toFixed`: ties go away from zero, on the number's exact binary value."""
    if not 0 <= digits <= 100:
        raise BaseError(f"toFixed() digits must be between 0 and 100, not {digits}")
    if x != x:
        return "NaN"
    if math.isinf(x) or abs(x) >= 1e21:  # JavaScript writes these as String(x)
        return js_number(x)
    quantum = Decimal(1).scaleb(-digits)
    with localcontext() as ctx:
        ctx.prec = 200  # room for 21 integer digits and 100 decimals
        magnitude = Decimal(abs(x)).quantize(quantum, rounding=ROUND_HALF_UP)
    text = format(magnitude, "f")
    return ("-" + text) if x < 0 and magnitude != 0 else text


def js_round(x: float, digits: int = 0) -> float:
    """`number.round(digits)`: JavaScript's Math.round (halves up, towards +infinity) at `digits` places."""
    if x != x or math.isinf(x):
        return x
    if digits == 0:
        return float(math.floor(x + 0.5))
    factor = 10.0**digits
    return math.floor(x * factor + 0.5) / factor


# -- dates and durations -----------------------------------------------------------------------------

_DATE = re.compile(
    r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?\s*$"
)


def parse_date(text: str) -> Date | None:
    """`YYYY-MM-DD`, `YYYY-MM-DD HH:mm[:ss[.SSS]]` or ISO 8601 with `T`; None if not a date.
    A time zone suffix is dropped (dates are local, as Obsidian shows them)."""
    m = _DATE.match(text)
    if m is None:
        return None
    year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    has_time = m.group(4) is not None
    hour = int(m.group(4) or 0)
    minute = int(m.group(5) or 0)
    second = int(m.group(6) or 0)
    milli = int((m.group(7) or "0").ljust(3, "0"))
    try:
        value = dt.datetime(year, month, day, hour, minute, second, milli * 1000)
    except ValueError:
        return None
    return Date(value, has_time)


def from_python_date(value: dt.date) -> Date:
    """A date YAML read (`2024-05-01`, `2024-05-01 10:00:00`)."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone().replace(tzinfo=None)
        return Date(value.replace(microsecond=value.microsecond // 1000 * 1000), True)
    return Date(dt.datetime(value.year, value.month, value.day), False)


def from_timestamp(seconds: float) -> Date:
    moment = dt.datetime.fromtimestamp(seconds)
    return Date(moment.replace(microsecond=moment.microsecond // 1000 * 1000), True)


_UNITS: dict[str, tuple[str, float]] = {}
for _names, _spec in (
    (("y", "year", "years"), ("months", 12)),
    (("M", "month", "months"), ("months", 1)),
    (("w", "week", "weeks"), ("ms", 7 * 86_400_000)),
    (("d", "day", "days"), ("ms", 86_400_000)),
    (("h", "hour", "hours"), ("ms", 3_600_000)),
    (("m", "minute", "minutes"), ("ms", 60_000)),
    (("s", "second", "seconds"), ("ms", 1000)),
    (("ms", "millisecond", "milliseconds"), ("ms", 1)),
):
    for _name in _names:
        _UNITS[_name] = _spec

_DURATION_PART = re.compile(r"\s*([+-]?\d+(?:\.\d+)?|[+-]?\.\d+)\s*([A-Za-z]+)\s*,?")


def _unit(name: str) -> tuple[str, float] | None:
    found = _UNITS.get(name)
    if found is None and len(name) > 1:  # words in any case; the one-letter units are case-sensitive
        found = _UNITS.get(name.lower())
    return found


def parse_duration(text: str) -> Duration | None:
    """`"1M"`, `"2 hours"`, `"1d 4h"`, `"-3w"` (units of Obsidian's date arithmetic); None if not one."""
    pos = 0
    months = 0.0
    ms = 0.0
    found = False
    text = text.strip()
    while pos < len(text):
        m = _DURATION_PART.match(text, pos)
        if m is None:
            return None
        unit = _unit(m.group(2))
        if unit is None:
            return None
        amount = float(m.group(1)) * unit[1]
        if unit[0] == "months":
            months += amount
        else:
            ms += amount
        found = True
        pos = m.end()
    return Duration(months, ms) if found else None


def add_duration(date: Date, duration: Duration, sign: int = 1) -> Date:
    """`date + duration`: months first (the day clamped to the month's end, as moment.js does), then time."""
    value = date.value
    months = duration.months * sign
    if months:
        whole = int(months)
        total = value.year * 12 + (value.month - 1) + whole
        year, month = divmod(total, 12)
        if not 1 <= year <= 9999:
            raise BaseError("date out of range")
        day = min(value.day, calendar.monthrange(year, month + 1)[1])
        value = value.replace(year=year, month=month + 1, day=day)
        extra = months - whole
        if extra:
            value += dt.timedelta(days=30 * extra)
    try:
        value += dt.timedelta(milliseconds=duration.ms * sign)
    except OverflowError as exc:
        raise BaseError("date out of range") from exc
    has_time = date.time or bool(duration.ms % 86_400_000)
    return Date(value, has_time)
