"""The forms' statements (General Instructions, column headings of Forms 3, 4 and 5, and Rule
16a-3), each with the checks that enforce it or the reason it is not checked."""

from __future__ import annotations

from generator.rules.core import statement

__all__ = ["statement"]
