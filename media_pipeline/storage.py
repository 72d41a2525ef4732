"""Moving files between the worker's disk and Django's storage (local or S3)."""

from __future__ import annotations

import contextlib
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage


@contextlib.contextmanager
def work_dir(prefix: str) -> Iterator[Path]:
    """A private scratch folder, removed afterwards whatever happens."""
    root = Path(settings.MEDIA_WORK_DIR)
    root.mkdir(parents=True, exist_ok=True)
    path = root / f"{prefix}-{uuid.uuid4().hex[:10]}"
    path.mkdir()
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def local_copy(name: str, scratch: Path) -> Iterator[Path]:
    """A local path for a stored file: the file itself on local storage, else a download."""
    try:
        yield Path(default_storage.path(name))
        return
    except NotImplementedError:
        pass
    target = scratch / ("original" + Path(name).suffix)
    with default_storage.open(name, "rb") as source, target.open("wb") as out:
        shutil.copyfileobj(source, out, length=4 * 1024 * 1024)
    yield target


def tree_upload(folder: Path, prefix: str) -> dict[str, int]:
    """Store every file under `folder` at `prefix`/relative path; returns sizes by name."""
    sizes = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name = f"{prefix}/{path.relative_to(folder).as_posix()}"
        if default_storage.exists(name):
            default_storage.delete(name)
        with path.open("rb") as handle:
            saved = default_storage.save(name, File(handle))
        sizes[saved] = path.stat().st_size
    return sizes


def tree_delete(prefix: str) -> None:
    """Delete everything stored under `prefix` (missing is fine)."""
    if not prefix:
        return
    try:
        folders, files = default_storage.listdir(prefix)
    except (FileNotFoundError, NotADirectoryError):
        return
    for name in files:
        default_storage.delete(f"{prefix}/{name}")
    for folder in folders:
        tree_delete(f"{prefix}/{folder}")
    with contextlib.suppress(NotImplementedError):
        local = Path(default_storage.path(prefix))
        if local.is_dir():
            shutil.rmtree(local, ignore_errors=True)
