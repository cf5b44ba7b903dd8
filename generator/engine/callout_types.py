"""Obsidian's 13 callout types and their aliases (help.obsidian.md, "Callouts").

Types are matched case-insensitively; an unknown type is styled as "note" (Obsidian does
the same), while `Callout.raw_type` keeps what was written.
"""

from __future__ import annotations

CALLOUT_TYPES: dict[str, tuple[str, ...]] = {
    "note": (),
    "abstract": ("summary", "tldr"),
    "info": (),
    "todo": (),
    "tip": ("hint", "important"),
    "success": ("check", "done"),
    "question": ("help", "faq"),
    "warning": ("caution", "attention"),
    "failure": ("fail", "missing"),
    "danger": ("error",),
    "bug": (),
    "example": (),
    "quote": ("cite",),
}

_CANONICAL: dict[str, str] = {
    name: canonical for canonical, aliases in CALLOUT_TYPES.items() for name in (canonical, *aliases)
}


def canonical_callout_type(raw: str) -> str:
    """Type aliases ("TLDR") to their type: `canonical_callout_type("TLDR") == "abstract"`."""
    return _CANONICAL.get(raw.strip().lower(), "note")
