"""The specification's statements (v5.5 §3, §4, §5), each with the checks that enforce it or
the reason it is not checked. docs/rules.md lists them (``statements_markdown``)."""

from __future__ import annotations

from generator.rules.core import statement

__all__ = ["statement"]
