"""``sec16 schema``: the JSON Schema of the YAML draft, for editors and other tools."""

from __future__ import annotations

import json
import sys

from generator.commands.common import ExitCode


def schema() -> int:
    """Print the JSON Schema of the YAML draft on standard output."""
    from generator.formats.draft import json_schema

    json.dump(json_schema(), sys.stdout, indent=2)
    sys.stdout.write("\n")
    return ExitCode.OK
