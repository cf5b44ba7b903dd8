"""What the renderer checks Material page settings against: the theme's icons and templates."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from generator.render.page_settings import PageSettings

__all__ = ["page_settings_for", "theme_dirs"]


def theme_dirs(user_config: Mapping[str, Any], config_file: Path | None) -> tuple[Path, ...]:
    """The theme's template folders, first found first: the site's `custom_dir`, then Material's."""
    import material

    dirs: list[Path] = []
    theme = user_config.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, Mapping) else None
    if isinstance(custom, str) and custom:
        base = config_file.parent if config_file is not None else Path.cwd()
        dirs.append((base / custom).resolve())
    dirs.append(Path(material.__file__).resolve().parent / "templates")
    return tuple(dirs)


def page_settings_for(allowed: Iterable[str], dirs: Iterable[Path]) -> PageSettings:
    """Checks against the icons (`.icons/<set>/<name>.svg`) and templates of the theme folders `dirs`."""
    folders = tuple(dirs)
    return PageSettings(
        allowed=tuple(allowed),
        icon_dirs=tuple(folder / ".icons" for folder in folders),
        template_dirs=folders,
    )
