"""Files: where shipped data and caches live, and writing output so no reader sees half of it."""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

__all__ = ["ForkedChild", "cache_dir", "cache_note", "data_file", "decode_text", "fork_child", "installed_version",
           "stale_caches", "write_atomic"]


def cache_dir() -> Path:
    """shiproute's user cache directory (created on demand by its users, not here):
    ``$SHIPROUTE_CACHE_DIR``, else ``$XDG_CACHE_HOME/shiproute``, else ``~/.cache/shiproute``.

    Raises :class:`~geo.errors.BadCacheDir` when a file stands where the folder (or one of its
    parents) must be: said here, naming the setting, rather than as "File exists" or "Not a
    directory" from whichever cache happens to be opened first."""
    explicit = os.environ.get("SHIPROUTE_CACHE_DIR")
    if explicit:
        folder, setting = Path(explicit).expanduser(), "SHIPROUTE_CACHE_DIR"
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        if xdg:
            folder, setting = Path(xdg).expanduser() / "shiproute", "XDG_CACHE_HOME"
        else:
            folder, setting = Path.home() / ".cache" / "shiproute", "the home folder"
    _check_no_file_in_the_way(folder, setting)
    return folder


def _check_no_file_in_the_way(folder: Path, setting: str) -> None:
    for place in (folder, *folder.parents):
        try:
            mode = os.stat(place).st_mode
        except (FileNotFoundError, NotADirectoryError):
            continue  # not there yet (created on demand), or below the file this loop will meet
        except OSError:
            return  # unreadable: the cache that opens it reports the permission itself
        if not stat.S_ISDIR(mode):
            from geo.errors import BadCacheDir

            raise BadCacheDir(str(folder), str(place), setting)
        return


class ForkedChild:
    """A child process forked by :func:`fork_child`: ``pid``, and the read end of the pipe its
    work writes to. Stop it (``stop``) in a ``finally``: a child not waited for is then killed."""

    def __init__(self, pid: int, pipe: BinaryIO) -> None:
        self.pid = pid
        self.pipe = pipe
        self._status: int | None = None

    def read(self) -> bytes:
        """All the child writes, until it closes the pipe (it is done with it, or it ended)."""
        return self.pipe.read()

    def wait(self) -> bool:
        """Wait for the child to end; whether it ended well (exit status 0)."""
        if self._status is None:
            self._status = os.waitpid(self.pid, 0)[1]
        return self._status == 0

    def stop(self) -> None:
        """Close the pipe; kill and reap the child unless it was waited for (its work is not
        wanted: this process failed or was stopped)."""
        import signal

        self.pipe.close()
        if self._status is None:
            with contextlib.suppress(OSError):
                os.kill(self.pid, signal.SIGKILL)
                self._status = os.waitpid(self.pid, 0)[1]


def fork_child(work: Callable[[BinaryIO], None]) -> ForkedChild | None:
    """Run ``work(pipe)`` in a forked child process (ended with status 0 if it returns, 1 if it
    raises), ``pipe`` the write end of a pipe to this process; None where no process can be
    forked (no ``fork``, or the system refuses one): the caller then does the work itself.

    The child is killed when this process ends (on Linux), so a build whose command is stopped
    (``kill``, ``docker stop``) leaves no process behind writing into a cache nothing will take
    in. Fork only from a single thread: a lock another thread holds at the fork stays locked in
    the child."""
    if not hasattr(os, "fork"):
        return None
    reader, writer = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(reader)
        os.close(writer)
        return None
    if pid == 0:  # pragma: no cover - measured by its parent (coverage does not follow a fork)
        status = 1
        try:
            _end_with_parent()
            os.close(reader)
            with os.fdopen(writer, "wb") as pipe:
                work(pipe)
            status = 0
        finally:
            os._exit(status)
    os.close(writer)
    return ForkedChild(pid, os.fdopen(reader, "rb"))


def _end_with_parent() -> None:  # pragma: no cover - runs in a forked child
    """Be killed when the parent ends (Linux's PR_SET_PDEATHSIG; elsewhere nothing)."""
    import ctypes
    import signal
    import sys

    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent ended before the request took effect
        os._exit(1)


def stale_caches(current: Path, pattern: str, keep: int, *, folders: bool = False) -> list[Path]:
    """The caches beside ``current`` matching ``pattern`` (``folders``: folders only) beyond the
    ``keep`` newest (``current`` counted among them): those of earlier schemas or data versions,
    for the caller to remove."""
    others = []
    for path in current.parent.glob(pattern):
        with contextlib.suppress(OSError):  # another process may be removing it too
            if path != current and (not folders or path.is_dir()):
                others.append((path.stat().st_mtime, path.name, path))
    return [path for _mtime, _name, path in sorted(others, reverse=True)[keep - 1:]]


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

    A device, a FIFO or a name of an open descriptor (``/dev/null``, ``/dev/stdout``) takes the
    bytes as a stream instead: a rename over it would replace the device itself (for root,
    ``/dev/null`` would become a regular file). A symbolic link to a file keeps being a link:
    the file it points to is the one replaced. OS errors name the target.
    """
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if _takes_a_stream(target):
        _write_stream(target, payload)
        return target
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        from geo.errors import BadInput

        raise BadInput(f"cannot write {str(target)!r}: folder {str(folder)!r} does not exist; create it first")
    # The temporary name adds 14 characters: cut the target's so that any name legal for the
    # target (up to 255 bytes) still gives a legal temporary one.
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name[:64]}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _naming(exc, target) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, target)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        if isinstance(exc, OSError):
            raise _naming(exc, target) from None
        raise
    return target


# /dev/stdout -> /proc/self/fd/1, /dev/fd/3: names of a descriptor this process holds open.
_DESCRIPTOR_NAME = re.compile(r"^/(?:proc/[^/]+|dev)/fd/\d+$")


def _takes_a_stream(target: Path) -> bool:
    """Whether ``target`` exists and is no regular file to replace: a character device, a FIFO,
    or a link to an open descriptor (even one open on a regular file, which the shell may have
    opened for appending)."""
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return False
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        return True
    if stat.S_ISBLK(mode):
        from geo.errors import BadInput

        raise BadInput(f"{str(target)!r} is a block device; give a regular file to write")
    name = os.path.abspath(target)
    for _ in range(40):  # the kernel's own limit on links followed
        if _DESCRIPTOR_NAME.match(name):
            return True
        if not os.path.islink(name):
            return False
        name = os.path.abspath(os.path.join(os.path.dirname(name), os.readlink(name)))
    return False


def _write_stream(target: Path, payload: bytes) -> None:
    try:
        # Appending: a descriptor the shell opened with >> keeps what it holds; devices ignore it.
        fd = os.open(target, os.O_WRONLY | os.O_APPEND)
        try:
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)
    except OSError as exc:
        raise _naming(exc, target) from None


def _naming(exc: OSError, target: Path) -> OSError:
    """``exc`` naming the target: the OS names the temporary file, or nothing (a full disk)."""
    if exc.errno is None:
        return exc
    return type(exc)(exc.errno, exc.strerror or str(exc), str(target))


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
