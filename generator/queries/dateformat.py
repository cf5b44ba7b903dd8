"""Dates as text: Moment.js format strings (`date.format("YYYY-MM-DD")`) and `relative()`."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from generator.queries.values import Date

__all__ = ["format_date", "relative"]

_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# Longest tokens first; `[...]` is literal text, as in Moment.js.
_TOKENS = re.compile(
    r"\[[^\]]*\]|YYYY|YY|MMMM|MMM|MM|Mo|M|DDDD|DDD|DD|Do|D|dddd|ddd|dd|d|HH|H|hh|h|kk|k|mm|m|ss|s"
    r"|SSS|SS|S|A|a|X|x|ZZ|Z|Q|E|e|ww|w|WW|W"
)


def _ordinal(n: int) -> str:
    if 11 <= n % 100 <= 13:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


_FORMATTERS: dict[str, Callable[[dt.datetime, float], str]] = {
    "YYYY": lambda d, ms: f"{d.year:04d}",
    "YY": lambda d, ms: f"{d.year % 100:02d}",
    "MMMM": lambda d, ms: _MONTHS[d.month - 1],
    "MMM": lambda d, ms: _MONTHS[d.month - 1][:3],
    "MM": lambda d, ms: f"{d.month:02d}",
    "Mo": lambda d, ms: _ordinal(d.month),
    "M": lambda d, ms: str(d.month),
    "DDDD": lambda d, ms: f"{d.timetuple().tm_yday:03d}",
    "DDD": lambda d, ms: str(d.timetuple().tm_yday),
    "DD": lambda d, ms: f"{d.day:02d}",
    "Do": lambda d, ms: _ordinal(d.day),
    "D": lambda d, ms: str(d.day),
    "dddd": lambda d, ms: _DAYS[d.weekday()],
    "ddd": lambda d, ms: _DAYS[d.weekday()][:3],
    "dd": lambda d, ms: _DAYS[d.weekday()][:2],
    "d": lambda d, ms: str((d.weekday() + 1) % 7),
    "e": lambda d, ms: str((d.weekday() + 1) % 7),
    "E": lambda d, ms: str(d.weekday() + 1),
    "HH": lambda d, ms: f"{d.hour:02d}",
    "H": lambda d, ms: str(d.hour),
    "kk": lambda d, ms: f"{d.hour or 24:02d}",
    "k": lambda d, ms: str(d.hour or 24),
    "hh": lambda d, ms: f"{d.hour % 12 or 12:02d}",
    "h": lambda d, ms: str(d.hour % 12 or 12),
    "mm": lambda d, ms: f"{d.minute:02d}",
    "m": lambda d, ms: str(d.minute),
    "ss": lambda d, ms: f"{d.second:02d}",
    "s": lambda d, ms: str(d.second),
    "SSS": lambda d, ms: f"{d.microsecond // 1000:03d}",
    "SS": lambda d, ms: f"{d.microsecond // 10000:02d}",
    "S": lambda d, ms: str(d.microsecond // 100000),
    "A": lambda d, ms: "AM" if d.hour < 12 else "PM",
    "a": lambda d, ms: "am" if d.hour < 12 else "pm",
    "X": lambda d, ms: str(int(ms // 1000)),
    "x": lambda d, ms: str(int(ms)),
    "Z": lambda d, ms: "+00:00",
    "ZZ": lambda d, ms: "+0000",
    "Q": lambda d, ms: str((d.month - 1) // 3 + 1),
    "ww": lambda d, ms: f"{d.isocalendar()[1]:02d}",
    "w": lambda d, ms: str(d.isocalendar()[1]),
    "WW": lambda d, ms: f"{d.isocalendar()[1]:02d}",
    "W": lambda d, ms: str(d.isocalendar()[1]),
}


def _token(token: str, d: dt.datetime, ms: float) -> str:
    return _FORMATTERS[token](d, ms)


def format_date(date: Date, pattern: str) -> str:
    """`date.format(pattern)` with Moment.js tokens (local time, English names)."""
    d = date.value
    ms = date.ms
    return _TOKENS.sub(
        lambda m: m.group(0)[1:-1] if m.group(0).startswith("[") else _token(m.group(0), d, ms), pattern
    )


def relative(date: Date, now: Date) -> str:
    """Moment.js's `fromNow()`: "a few seconds ago", "3 days ago", "in 2 months"."""
    seconds = (date.ms - now.ms) / 1000
    future = seconds > 0
    s = abs(seconds)
    minutes, hours, days = s / 60, s / 3600, s / 86400
    if s < 45:
        text = "a few seconds"
    elif s < 90:
        text = "a minute"
    elif minutes < 45:
        text = f"{round(minutes)} minutes"
    elif minutes < 90:
        text = "an hour"
    elif hours < 22:
        text = f"{round(hours)} hours"
    elif hours < 36:
        text = "a day"
    elif days < 26:
        text = f"{round(days)} days"
    elif days < 45:
        text = "a month"
    elif days < 320:
        text = f"{round(days / 30.4)} months"
    elif days < 548:
        text = "a year"
    else:
        text = f"{round(days / 365)} years"
    return f"in {text}" if future else f"{text} ago"
