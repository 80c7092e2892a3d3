"""Where the bundled templates and schemas are, installed or in a source checkout.

The wheel maps the top-level ``templates/`` and ``schemas/`` folders into the package; in a
source checkout (editable install, tests) they sit beside the package. One function finds
either, so no other module needs to know how sec16 was installed.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]  # generator/, where the wheel puts them


@cache
def resource_dir(name: str) -> Path:
    """The folder ``templates`` or ``schemas``, wherever this installation keeps it."""
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"sec16 cannot find its {name}/ folder; reinstall sec16 (pip install .)"
    )
