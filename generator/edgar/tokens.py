"""The two EDGAR API tokens: where they come from, and how they stay out of sight.

EDGAR Next gives every transmission two tokens. The filer API token belongs to the CIK that
sends (a technical administrator makes it in EDGAR Filer Management; it lasts a year); the user
API token belongs to the person sending (each user makes their own; it lasts 30 days, and making
a new one cancels the old). Status questions need only the filer token.

sec16 takes each token from, in this order: the environment (``SEC16_FILER_TOKEN``,
``SEC16_USER_TOKEN``), the private credentials file that already holds the CCCs (lines
``FILER_TOKEN=...`` and ``USER_TOKEN=...``; ``--credentials FILE``, ``SEC16_CREDENTIALS`` or
``~/.config/sec16/credentials``), or a hidden prompt on a terminal. No message, repr or
exception of sec16 ever contains a token.
"""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.formats.credentials import credentials_path, token_lines
from generator.support.errors import UsageError

FILER_VARIABLE = "SEC16_FILER_TOKEN"
USER_VARIABLE = "SEC16_USER_TOKEN"


@dataclass(frozen=True, repr=False)
class Tokens:
    """The filer API token and, for submissions and Filer Management, the user API token."""

    filer: str
    user: str | None = None

    def __repr__(self) -> str:
        user = "None" if self.user is None else "…"
        return f"Tokens(filer=…, user={user})"

    __str__ = __repr__


def secrets_of(tokens: Tokens) -> tuple[str, ...]:
    """The texts that must never appear in a message: the tokens themselves."""
    return tuple(token for token in (tokens.filer, tokens.user) if token)


def _checked(value: str, where: str) -> str:
    """A token as EDGAR can take it in the Authorization header; never shows the value."""
    value = value.strip()
    if not value:
        raise UsageError(f"{where} is empty")
    if not value.isascii() or any(
        ch.isspace() or ch == "," or not ch.isprintable() for ch in value
    ):
        raise UsageError(
            f"{where} is not an EDGAR API token: a token is one word of letters, digits and "
            "the signs - _ . (no spaces or commas). Copy it again from EDGAR Filer Management "
            "(it is not shown here)"
        )
    return value


def _from_file(path: Path, explicit: bool) -> dict[str, str]:
    if not explicit and not path.exists():
        return {}
    found = token_lines(path)
    return {
        key: _checked(value, f"{path}, line {number}: the value of {key}")
        for key, (value, number) in found.items()
    }


def read_tokens(
    credentials: str | None = None,
    *,
    need_user: bool = True,
    prompt: bool | None = None,
    ask: Callable[[str], str] | None = None,
) -> Tokens:
    """The tokens from the environment, else the credentials file, else a hidden prompt.

    Each token is taken from the first source that has it. ``need_user=False`` (status
    questions) reads the user token where it is given but does not ask for it. ``prompt``
    None asks only when stdin is a terminal; ``ask`` replaces ``getpass`` (tests). A missing
    token is a UsageError naming the three sources, never a value.
    """
    explicit = bool(credentials or os.environ.get("SEC16_CREDENTIALS"))
    path = credentials_path(credentials)
    wanted = {"FILER_TOKEN": FILER_VARIABLE, "USER_TOKEN": USER_VARIABLE}
    found: dict[str, str] = {}
    for key, variable in wanted.items():
        if value := os.environ.get(variable, "").strip():
            found[key] = _checked(value, f"the environment variable {variable}")
    if len(found) < len(wanted):
        for key, value in _from_file(path, explicit).items():
            found.setdefault(key, value)
    needed = ["FILER_TOKEN", "USER_TOKEN"] if need_user else ["FILER_TOKEN"]
    missing = [key for key in needed if key not in found]
    interactive = sys.stdin.isatty() if prompt is None else prompt
    if missing and interactive:
        ask = ask or (lambda text: getpass.getpass(text))
        labels = {"FILER_TOKEN": "filer API token", "USER_TOKEN": "user API token"}
        for key in missing:
            answer = ask(f"EDGAR {labels[key]} (not shown as you type): ")
            found[key] = _checked(answer, f"the {labels[key]} typed")
        missing = []
    if missing:
        names = " and ".join(
            "filer API token" if key == "FILER_TOKEN" else "user API token" for key in missing
        )
        variables = " and ".join(wanted[key] for key in missing)
        lines = " and ".join(f"{key}=<token>" for key in missing)
        raise UsageError(
            f"no EDGAR {names}: set {variables} in the environment, add the line(s) "
            f"{lines} to the credentials file {path} (readable only by you), or run sec16 on a "
            "terminal to be asked for it"
        )
    return Tokens(filer=found["FILER_TOKEN"], user=found.get("USER_TOKEN"))
