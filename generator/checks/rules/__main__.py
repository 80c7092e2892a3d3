"""``python -m generator.checks.rules`` prints docs/rules.md."""

import sys

from generator.checks.rules import rules_markdown

sys.stdout.write(rules_markdown())
