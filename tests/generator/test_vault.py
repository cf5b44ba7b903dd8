# mypy: disable-error-code="index,arg-type"
# (vault paths written as string literals here; VaultPath is a NewType of str)
"""load_vault: one call for scan, parse and resolve, with progress."""

from __future__ import annotations

import gc

from engine_support import VAULT

from generator.vault import VaultOptions, load_vault


def test_progress_reports_every_note_and_globs_apply() -> None:
    calls: list[tuple[int, int]] = []
    graph = load_vault(
        VAULT, VaultOptions(exclude=("Templates/",), progress=lambda d, t: calls.append((d, t)))
    )
    total = calls[-1][1]
    assert (
        calls[-1] == (total, total) and total == len(graph.notes) + 1
    )  # + Private/Secret.md (publish: false)
    assert "Templates/Template.md" in graph.excluded
    (template,) = [r for r in graph.links["Links to private.md"] if r.link.target == "Template"]
    assert template.target is None


def test_garbage_collection_is_on_again_afterwards() -> None:
    load_vault(VAULT)
    assert gc.isenabled()
