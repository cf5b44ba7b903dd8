"""Dates as text: Moment.js format strings (`date.format("YYYY-MM-DD")`) and `relative()`."""

from __future__ import annotations

import datetime as dt
import re

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


def _token(token: str, d: dt.datetime, ms: float) -> str:
    hour12 = d.hour % 12 or 12
    week = d.isocalendar()[1]
    values = {
        "YYYY": f"{d.year:04d}",
        "YY": f"{d.year % 100:02d}",
        "MMMM": _MONTHS[d.month - 1],
        "MMM": _MONTHS[d.month - 1][:3],
        "MM": f"{d.month:02d}",
        "Mo": _ordinal(d.month),
        "M": str(d.month),
        "DDDD": f"{d.timetuple().tm_yday:03d}",
        "DDD": str(d.timetuple().tm_yday),
        "DD": f"{d.day:02d}",
        "Do": _ordinal(d.day),
        "D": str(d.day),
        "dddd": _DAYS[d.weekday()],
        "ddd": _DAYS[d.weekday()][:3],
        "dd": _DAYS[d.weekday()][:2],
        "d": str((d.weekday() + 1) % 7),
        "e": str((d.weekday() + 1) % 7),
        "E": str(d.weekday() + 1),
        "HH": f"{d.hour:02d}",
        "H": str(d.hour),
        "kk": f"{d.hour or 24:02d}",
        "k": str(d.hour or 24),
        "hh": f"{hour12:02d}",
        "h": str(hour12),
        "mm": f"{d.minute:02d}",
        "m": str(d.minute),
        "ss": f"{d.second:02d}",
        "s": str(d.second),
        "SSS": f"{d.microsecond // 1000:03d}",
        "SS": f"{d.microsecond // 10000:02d}",
        "S": str(d.microsecond // 100000),
        "A": "AM" if d.hour < 12 else "PM",
        "a": "am" if d.hour < 12 else "pm",
        "X": str(int(ms // 1000)),
        "x": str(int(ms)),
        "Z": "+00:00",
        "ZZ": "+0000",
        "Q": str((d.month - 1) // 3 + 1),
        "ww": f"{week:02d}",
        "w": str(week),
        "WW": f"{week:02d}",
        "W": str(week),
    }
    return values[token]


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
