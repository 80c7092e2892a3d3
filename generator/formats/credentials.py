"""Where a reporting owner's CCC comes from, and how it stays out of sight.

The CIK Confirmation Code (CCC) is the password that lets a filer act for a CIK. sec16 takes it
from, in this order: the environment (``SEC16_CCC_<CIK>``), a credentials file that only its
owner can read (``--credentials FILE``, ``SEC16_CREDENTIALS``, or
``~/.config/sec16/credentials``; lines ``CIK=CCC``), or a hidden prompt on a terminal. The same
file may hold the EDGAR API tokens (``FILER_TOKEN=...``, ``USER_TOKEN=...``: see
``generator/edgar/tokens.py``), which the CCC reading skips. Never
from a draft: a draft is meant for git and for review, so a ``ccc:`` key in one gets the
warning ``ccc-in-draft``. No message here ever contains a CCC, not even a wrong one.
"""

from __future__ import annotations

import getpass
import os
import stat
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from generator.model.problems import Problem
from generator.support.errors import InputError, UsageError

if TYPE_CHECKING:
    from generator.formats.draft import KeyPath
    from generator.model.filing import Filing

#: EDGAR's rule: a CCC is exactly 8 characters.
CCC_LENGTH = 8
CREDENTIALS_VARIABLE = "SEC16_CREDENTIALS"
DEFAULT_CREDENTIALS = Path("~/.config/sec16/credentials")

#: Where a build finds an owner's CCC: a function of the owner's CIK (None: not known).
CccLookup = Callable[[str], str | None]


def ccc_from_environment(cik: str) -> str | None:
    """The CCC of an owner from SEC16_CCC_<CIK> (with or without leading zeros)."""
    stripped = cik.lstrip("0") or "0"
    for key in (f"SEC16_CCC_{cik}", f"SEC16_CCC_{stripped}", f"SEC16_CCC_{stripped.zfill(10)}"):
        if value := os.environ.get(key):
            return value.strip()
    return None


def check_ccc(value: str, where: str) -> str:
    """The CCC if EDGAR can take it; an error naming where it came from (never the value)."""
    if len(value) != CCC_LENGTH or not all("!" <= ch <= "~" for ch in value):
        raise InputError(
            f"{where} is not a CCC: a CCC is exactly {CCC_LENGTH} characters (letters, digits "
            "and symbols such as @ # * $, no spaces). Check it against the one EDGAR gave you "
            "(it is not shown here)"
        )
    return value


def _cik_number(text: str) -> int | None:
    text = text.strip()
    if not text.isascii() or not text.isdigit() or len(text) > 10:
        return None
    return int(text)


#: The keys of the EDGAR API tokens in the credentials file (``FILER_TOKEN=...``); the CCC
#: reading skips them and ``token_lines`` reads only them.
TOKEN_KEYS = ("FILER_TOKEN", "USER_TOKEN")


def _private_text(path: Path) -> str:
    """The text of a credentials file that only its owner can read; InputError otherwise."""
    try:
        info = path.stat()
    except OSError as err:
        raise InputError(f"the credentials file {path} cannot be read: {err.strerror}") from None
    if os.name != "nt":  # Windows has no such mode bits; its ACLs are the user's business
        if info.st_mode & 0o077:
            mode = stat.S_IMODE(info.st_mode)
            raise InputError(
                f"the credentials file {path} can be read or changed by other users (mode "
                f"{mode:04o}); it holds CCCs or API tokens and must be private. Run "
                f"`chmod 600 {path}` and try again"
            )
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            raise InputError(
                f"the credentials file {path} belongs to another user; sec16 reads secrets only "
                "from a file of your own"
            )
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        reason = err.strerror if isinstance(err, OSError) else "it is not UTF-8 text"
        raise InputError(f"the credentials file {path} cannot be read: {reason}") from None
    return text


def read_credentials(path: Path) -> dict[int, str]:
    """CCCs by CIK (as a number) from a private ``CIK=CCC`` file; InputError for anything else.

    Lines that are empty or start with ``#`` are skipped (a ``#`` later in a line is part of
    the CCC: many CCCs contain one), and so are the API token lines (``FILER_TOKEN=``,
    ``USER_TOKEN=``), which ``token_lines`` reads.
    """
    text = _private_text(path)
    cccs: dict[int, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        cik_text, sep, ccc = stripped.partition("=")
        if sep and cik_text.strip().upper() in TOKEN_KEYS:
            continue
        cik = _cik_number(cik_text)
        if not sep or cik is None:
            raise InputError(
                f"{path}, line {number}: expected CIK=CCC (a CIK of up to 10 digits, an equals "
                "sign, the 8-character CCC); comment lines start with #"
            )
        if cik in cccs:
            raise InputError(f"{path}, line {number}: CIK {cik_text.strip()} is given twice")
        cccs[cik] = check_ccc(ccc.strip(), f"{path}, line {number}: the value for CIK {cik}")
    return cccs


def token_lines(path: Path) -> dict[str, tuple[str, int]]:
    """The API token lines of a private credentials file: key -> (value, line number).

    Only ``FILER_TOKEN=`` and ``USER_TOKEN=`` lines are read (the CCC lines are
    ``read_credentials``'s); the file must be private exactly as for CCCs. A key given twice is
    an InputError; no message here contains a value.
    """
    text = _private_text(path)
    found: dict[str, tuple[str, int]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        key, sep, value = line.strip().partition("=")
        key = key.strip().upper()
        if not sep or key not in TOKEN_KEYS:
            continue
        if key in found:
            raise InputError(f"{path}, line {number}: {key} is given twice")
        found[key] = (value.strip(), number)
    return found


def credentials_path(option: str | None, environ: Mapping[str, str] | None = None) -> Path:
    """``--credentials FILE``, else ``SEC16_CREDENTIALS``, else the default location."""
    environ = os.environ if environ is None else environ
    if option:
        return Path(option).expanduser()
    if value := environ.get(CREDENTIALS_VARIABLE):
        return Path(value).expanduser()
    return DEFAULT_CREDENTIALS.expanduser()


class CccSources:
    """A ``CccLookup`` for ``render``: environment, then credentials file, then prompt.

    Each CIK is looked up once; ``sources`` records where each CCC came from (for the user,
    never the value). Without a CCC from any source the lookup raises InputError: a submission
    without its CCC would be refused by EDGAR.
    """

    def __init__(
        self,
        credentials: Path,
        *,
        explicit: bool = False,
        interactive: bool | None = None,
        prompt: Callable[[str], str] | None = None,
    ) -> None:
        self.credentials = credentials
        self.explicit = explicit
        self.interactive = sys.stdin.isatty() if interactive is None else interactive
        self.prompt = prompt or (lambda text: getpass.getpass(text))
        self.sources: dict[str, str] = {}
        self._found: dict[int, str] = {}
        self._file: dict[int, str] | None = None

    def _from_file(self, cik: int) -> str | None:
        if self._file is None:
            if not self.explicit and not self.credentials.exists():
                self._file = {}
            else:
                self._file = read_credentials(self.credentials)
        return self._file.get(cik)

    def __call__(self, cik: str) -> str:
        number = int(cik)
        if number in self._found:
            return self._found[number]
        value = ccc_from_environment(cik)
        if value is not None:
            ccc = check_ccc(value, f"the environment variable SEC16_CCC_{cik}")
            self.sources[cik] = "the environment"
        elif (from_file := self._from_file(number)) is not None:
            ccc = from_file
            self.sources[cik] = str(self.credentials)
        elif self.interactive:
            answer = self.prompt(f"CCC of reporting owner {cik} (not shown as you type): ")
            ccc = check_ccc(answer.strip(), f"the CCC typed for reporting owner {cik}")
            self.sources[cik] = "the prompt"
        else:
            raise InputError(
                f"no CCC for reporting owner {cik}, and EDGAR refuses a submission without it. "
                f"Set SEC16_CCC_{cik} in the environment, add the line {cik}=<CCC> to "
                f"{self.credentials} (readable only by you), or run sec16 package on a "
                "terminal to be asked for it"
            )
        self._found[number] = ccc
        return ccc


def environment_ccc(cik: str) -> str | None:
    """The CCC from SEC16_CCC_<CIK>, refused (never shown) unless EDGAR can take it."""
    value = ccc_from_environment(cik)
    if value is None:
        return None
    return check_ccc(value, f"the environment variable SEC16_CCC_{cik}")


def draft_ccc_problems(filing: Filing, lines: Mapping[KeyPath, int]) -> list[Problem]:
    """The ``ccc-in-draft`` warning for every reporting owner whose draft holds a CCC."""
    from generator.formats.draft import format_path

    problems = []
    for index, owner in enumerate(filing.reporting_owners):
        if owner.ccc is None:
            continue
        path: KeyPath = ("reporting_owners", index, "ccc")
        problems.append(
            Problem(
                "warning",
                "ccc-in-draft",
                f"The draft holds a CCC for reporting owner {owner.cik}. sec16 never uses a "
                "CCC from a draft (a draft goes to git, backups and reviewers); remove the "
                f"ccc: line and give the CCC through SEC16_CCC_{owner.cik}, the credentials "
                "file or the prompt of sec16 package.",
                format_path(path),
                lines.get(path),
            )
        )
    return problems


def require_existing(option: str | None) -> None:
    """``--credentials FILE`` names a file that exists (exit 2 otherwise, like other inputs)."""
    if option and not Path(option).expanduser().is_file():
        raise UsageError(f"--credentials {option}: no such file")
