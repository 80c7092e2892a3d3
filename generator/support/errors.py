"""Typed errors that domain code raises and only the command line prints.

Each error carries a sentence that names the file, the place and what to do next, so that
``cli.py`` can print it as it is and choose the exit status from its type.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Place:
    """Where in an input a problem lies: a key path in a draft or an element path in XML."""

    path: str
    line: int | None = None
    #: The draft key path itself (``("table_1", 1, "price")``), for a caller that goes back to
    #: the key (the guided session's review) rather than printing it; () when not a draft key.
    key: tuple[str | int, ...] = ()

    def __str__(self) -> str:
        return f"{self.path} (line {self.line})" if self.line else self.path


class Sec16Error(Exception):
    """Base of every error sec16 reports to the user; the message is the whole story."""

    exit_code = 1


class UsageError(Sec16Error):
    """The command was called wrongly or a named file is missing: exit status 2."""

    exit_code = 2


@dataclass
class DraftProblem:
    """One thing wrong in a draft, at a key path and line."""

    place: Place
    message: str

    def __str__(self) -> str:
        return f"{self.place}: {self.message}"


@dataclass
class DraftError(Sec16Error):
    """A draft that cannot become a filing: YAML that does not parse or values that are wrong."""

    source: str
    problems: list[DraftProblem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        head = f"{self.source}: the draft has {len(self.problems)} problem(s):"
        if len(self.problems) == 1:
            return f"{self.source}: {self.problems[0]}"
        return "\n".join([head, *(f"  - {p}" for p in self.problems)])


class InputError(Sec16Error):
    """An input file that is not what it should be (not XML, hostile, wrong kind): exit 1."""


class OutputError(Sec16Error):
    """An output that cannot be written (exists, read-only folder, full disk): nothing written."""
