"""``python -m generator.rules`` prints docs/rules.md."""

import sys

from generator.rules import rules_markdown

sys.stdout.write(rules_markdown())
