"""Writing files so that nothing is ever half-written or silently overwritten.

Every output goes to a temporary file in the target folder, is flushed to disk, then renamed
over the target in one step: a crash, a full disk or Ctrl-C leaves either the old file or the
new one, never a mixture.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from generator.support.errors import OutputError


def write_atomic(path: Path, text: str, *, force: bool = True, mode: int | None = None) -> None:
    """Write ``text`` to ``path`` atomically; refuse an existing file unless ``force``.

    ``mode`` (default: what ``open()`` gives under the umask) is set before the file appears
    under its name, so that a private file (0600) is never readable by others, not even briefly.
    """
    if not force and os.path.lexists(path):
        raise _exists(path)
    folder = path.parent if str(path.parent) else Path(".")
    data = text.encode("utf-8")
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as err:
        raise OutputError(_why(path, err)) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp_name, mode if mode is not None else _default_mode())
        if force:
            os.replace(temp_name, path)
        else:
            _link_new(temp_name, path)
    except OSError as err:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise OutputError(_why(path, err)) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise


def make_folder(folder: Path) -> None:
    """Create an output folder (and its parents); OutputError with a sentence if it cannot be."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            why = "its parent folder is not writable"
        elif err.errno in (errno.ENOTDIR, errno.EEXIST):
            why = "a file is in the way"
        else:
            why = err.strerror or str(err)
        raise OutputError(f"cannot create the folder {folder}: {why}; choose another -o") from None


def _exists(path: Path) -> OutputError:
    return OutputError(f"{path} already exists; use --force to replace it, or choose another -o")


def _link_new(temp_name: str, path: Path) -> None:
    """Give the written file its name only if no file has it (not even one made meanwhile)."""
    try:
        os.link(temp_name, path)  # fails, instead of replacing, when the name is taken
    except FileExistsError:
        raise _exists(path) from None
    except OSError as err:
        if err.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV):
            raise
        if os.path.lexists(path):  # a file system without hard links: check, then rename
            raise _exists(path) from None
        os.replace(temp_name, path)
        return
    with contextlib.suppress(OSError):
        os.unlink(temp_name)


#: Binary reading (O_BINARY exists on Windows only), looked up once, not for every file.
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0)


def read_limited(path: str | Path, limit: int) -> bytes | None:
    """The bytes of a file, or None when it holds more than ``limit``: never more is read.

    Raises OSError when the file cannot be read. Plain ``os`` calls, without a buffered file
    object: reading thousands of small filings, that halves the cost of reading.
    """
    handle = os.open(path, _READ_FLAGS)
    try:
        status = os.fstat(handle)
        size = status.st_size
        if size > limit:
            return None
        # st_size is 0 for some special files, and a file may grow meanwhile: read to the end,
        # but never more than limit + 1 bytes. A regular file that gives fewer bytes than asked
        # for is at its end (one system call fewer for each of thousands of small files).
        regular = stat.S_ISREG(status.st_mode)
        parts: list[bytes] = []
        total, chunk = 0, (size or 65536) + 1
        while total <= limit:
            asked = min(chunk, limit + 1 - total)
            data = os.read(handle, asked)
            if not data:
                break
            parts.append(data)
            total += len(data)
            if regular and len(data) < asked:
                break
            chunk = 1 << 20
    finally:
        os.close(handle)
    return None if total > limit else b"".join(parts)


def _default_mode() -> int:
    """The mode a plain ``open()`` would give: 0666 less the umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _why(path: Path, err: OSError) -> str:
    if err.errno == errno.ENOSPC:
        return (
            f"cannot write {path}: the disk is full; nothing was written, earlier files are intact"
        )
    if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"cannot write {path}: the folder is not writable; choose another -o"
    if err.errno == errno.ENOENT:
        return f"cannot write {path}: the folder {path.parent} does not exist"
    return f"cannot write {path}: {err.strerror or err}"
