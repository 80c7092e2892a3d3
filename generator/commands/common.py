"""What several commands share: exit statuses, the files they are named, a batch's order."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator, Sequence
from enum import IntEnum
from pathlib import Path
from typing import TypeVar

from generator.support.errors import UsageError


class ExitCode(IntEnum):
    OK = 0
    INVALID = 1
    USAGE = 2
    INTERRUPTED = 130
    #: Standard output closed by its reader (``| head``): 128 + SIGPIPE, as a shell reports a
    #: Unix tool that the signal stopped.
    BROKEN_PIPE = 141


Result = TypeVar("Result")


def unreadable(name: str) -> str | None:
    """Why a named input is not a file that can be read ("does not exist"…), or None."""
    try:
        mode = os.stat(name).st_mode  # two system calls a file: batches name thousands
    except (OSError, ValueError):
        mode = 0
    if not stat.S_ISREG(mode):
        return "is a folder, not a file" if stat.S_ISDIR(mode) else "does not exist"
    if not os.access(name, os.R_OK):
        return f"cannot be read: {os.strerror(errno.EACCES)}"
    return None


def existing(names: Sequence[str]) -> list[Path]:
    """Named inputs, which must exist and be readable files (exit 2 otherwise, per the
    contract)."""
    for name in names:
        if (reason := unreadable(name)) is not None:
            raise UsageError(f"{name} {reason}")
    return [Path(name) for name in names]


def split_inputs(names: Sequence[str]) -> tuple[list[str], dict[int, str]]:
    """A batch's inputs that can be read, and why each other cannot, by its position.

    One missing file among hundreds is a finding of that file, not the end of the batch: the
    others are checked (built, imported) and reported, and the exit status is 2.
    """
    readable, refused = [], {}
    for index, name in enumerate(names):
        if (reason := unreadable(name)) is None:
            readable.append(name)
        else:
            refused[index] = f"{name} {reason}"
    return readable, refused


def in_input_order(
    results: Iterable[Result], refused: dict[int, Result], count: int
) -> Iterator[Result]:
    """The results of the readable inputs, with those of the unreadable ones in their place."""
    found = iter(results)
    for index in range(count):
        yield refused[index] if index in refused else next(found)


def use_schemas(folder: Path | None) -> None:
    """Check against the schema files of ``--schemas`` (a folder the command line found)."""
    if folder is not None:
        from generator.checks import schema

        schema.use_schema_dir(folder)
