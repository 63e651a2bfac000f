"""Writing output files so that a reader never sees half of one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["decode_text", "write_atomic"]


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
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, target)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except FileNotFoundError:
            pass
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
