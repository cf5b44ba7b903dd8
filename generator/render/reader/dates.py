"""A note's created and modified dates: from its properties, else (modified) the file's time.

Properties read, first found wins: created from `created`, `date`, `created_at`; modified from
`modified`, `updated`, `modified_at`, `last_modified`. A value is a YAML date or datetime, or text
starting with an ISO date ("2024-03-10", "2024-03-10T09:30"); anything else is ignored.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from generator.engine.model import Note

__all__ = ["CREATED_KEYS", "MODIFIED_KEYS", "dates_html", "note_dates"]

CREATED_KEYS = ("created", "date", "created_at")
MODIFIED_KEYS = ("modified", "updated", "modified_at", "last_modified")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?")


def as_datetime(value: Any) -> datetime.datetime | None:
    """A property value as an aware datetime (UTC when it names no zone), or None."""
    if isinstance(value, datetime.datetime):
        return value if value.tzinfo else value.replace(tzinfo=datetime.UTC)
    if isinstance(value, datetime.date):
        return datetime.datetime(value.year, value.month, value.day, tzinfo=datetime.UTC)
    if isinstance(value, str):
        m = _ISO.match(value.strip())
        if m:
            try:
                year, month, day, hour, minute = (int(g) if g is not None else 0 for g in m.groups())
                return datetime.datetime(year, month, day, hour, minute, tzinfo=datetime.UTC)
            except ValueError:
                return None
    return None


def _first(note: Note, keys: tuple[str, ...]) -> datetime.datetime | None:
    for key in keys:
        found = as_datetime(note.properties.get(key))
        if found is not None:
            return found
    return None


def note_dates(note: Note, mtime: float | None) -> tuple[datetime.datetime | None, datetime.datetime | None]:
    """(created, modified); modified falls back to the file's time, created to modified."""
    modified = _first(note, MODIFIED_KEYS)
    if modified is None and mtime is not None:
        modified = datetime.datetime.fromtimestamp(int(mtime), tz=datetime.UTC)
    created = _first(note, CREATED_KEYS)
    return created, modified


def dates_html(created: datetime.datetime | None, modified: datetime.datetime | None) -> str:
    """One line under the title (day precision: a page is not rewritten for each save in a day)."""
    parts = []
    for label, when in (("Created", created), ("Modified", modified)):
        if when is not None:
            day = when.date().isoformat()
            parts.append(f'<span class="obsidian-date">{label} <time datetime="{day}">{day}</time></span>')
    return f'<p class="obsidian-dates">{" · ".join(parts)}</p>' if parts else ""
