"""Files: where shipped data and caches live, and writing output so no reader sees half of it."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

__all__ = ["cache_dir", "cache_note", "data_file", "decode_text", "installed_version", "write_atomic"]


def cache_dir() -> Path:
    """shiproute's user cache directory (created on demand by its users, not here):
    ``$SHIPROUTE_CACHE_DIR``, else ``$XDG_CACHE_HOME/shiproute``, else ``~/.cache/shiproute``."""
    explicit = os.environ.get("SHIPROUTE_CACHE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "shiproute"


def cache_note(message: str) -> None:
    """Say on standard error that a cache was found damaged and what is done about it (a cache
    heals itself; the user should still know why this run is slower)."""
    import sys

    print(f"Note: {message}", file=sys.stderr, flush=True)


def data_file(name: str) -> Path:
    """Path of a shipped data file: in the installed package ``shiproute_data`` (the
    repository's ``data/`` in an editable install), else in the checkout's ``data/`` (the path
    may not exist; its reader says what to do then)."""
    checkout = Path(__file__).resolve().parent.parent / "data" / name
    if checkout.exists():
        return checkout
    try:
        from importlib.resources import files

        return Path(str(files("shiproute_data") / name))
    except Exception:  # noqa: BLE001 - package not installed: the checkout's path it is
        return checkout


def installed_version(dist: str) -> str:
    """Installed version of a distribution, or "missing".

    Looks for the ``<name>-<version>.dist-info`` folder beside the package first: importing
    importlib.metadata and scanning every dist-info costs ~20 ms, a fifth of a cold route.
    """
    import importlib.util

    name = dist.replace("-", "_")
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        spec = None
    if spec is not None and spec.submodule_search_locations:
        parent = Path(next(iter(spec.submodule_search_locations))).parent
        found = sorted(parent.glob(f"{name}-*.dist-info"))
        if len(found) == 1:
            return found[0].name[len(name) + 1 : -len(".dist-info")]
    from importlib import metadata

    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "missing"


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    The rename is atomic on POSIX and Windows, so a crash or a full disk leaves either the old
    file or the new one, never a truncated mix; the temporary file is removed on failure.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        from geo.errors import BadInput

        raise BadInput(f"cannot write {str(target)!r}: folder {str(folder)!r} does not exist; create it first")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    # The temporary name adds 14 characters: cut the target's so that any name legal for the
    # target (up to 255 bytes) still gives a legal temporary one.
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name[:64]}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    return target


def decode_text(raw: bytes, source: str, *, expected: str = "a plain-text or HTML article") -> str:
    """UTF-8 text of ``raw`` (a BOM is dropped), or :class:`~geo.errors.BadInput` saying why not.

    ``source`` names the input in the message and ``expected`` says what to give instead.
    """
    from geo.errors import BadInput

    if not raw.strip():
        raise BadInput(f"{source!r} is empty; give {expected}")
    if b"\x00" in raw[:8192]:
        raise BadInput(f"{source!r} looks like a binary file, not text; give {expected}")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadInput(
            f"{source!r} is not UTF-8 text ({exc.reason} at byte {exc.start}); convert it to UTF-8"
        ) from None
