"""Build step: compile ``generator/rules/_lookup.c``, the C helper the business rules find
elements with.

The helper is optional. Where no C compiler (or no Python headers) is found, the build warns
and goes on, and sec16 uses the pure-Python lookups, which give the same findings more slowly
(see docs/performance.md). ``SEC16_PURE_PYTHON=1`` skips the compilation.

The helper needs lxml's headers, which lxml's wheels ship (``lxml.get_include()``), and links
no library: it reads libxml2's nodes through lxml's public C API. A wheel with the helper is
tagged for this Python and platform; an editable install puts it beside its source.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

SOURCE = Path("generator") / "rules" / "_lookup.c"


class LookupBuildHook(BuildHookInterface):
    """Compile the C helper into the wheel (or beside its source, for an editable install)."""

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or os.environ.get("SEC16_PURE_PYTHON"):
            return
        name = "_lookup" + (sysconfig.get_config_var("EXT_SUFFIX") or ".so")
        root = Path(self.root)
        if version == "editable":
            target = root / SOURCE.parent / name
        else:
            self._scratch = tempfile.mkdtemp(prefix="sec16-build-")
            target = Path(self._scratch) / name
        try:
            _compile(root / SOURCE, target)
        except (OSError, subprocess.CalledProcessError, ImportError) as err:
            detail = getattr(err, "stderr", "") or str(err)
            sys.stderr.write(
                f"sec16: the C helper {SOURCE} was not compiled ({detail.strip()[:2000]}); "
                "sec16 will use its pure-Python lookups, which find the same, more slowly.\n"
            )
            return
        if version != "editable":
            build_data["force_include"][str(target)] = f"{SOURCE.parent.as_posix()}/{name}"
        build_data["pure_python"] = False
        build_data["infer_tag"] = True

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        scratch = getattr(self, "_scratch", None)
        if scratch is not None:  # the module is in the wheel now
            shutil.rmtree(scratch, ignore_errors=True)


def _compile(source: Path, target: Path) -> None:
    """One compiler call, with the flags this Python was built with for extension modules."""
    import lxml

    link = sysconfig.get_config_var("LDSHARED") or "cc -shared"
    position_independent = sysconfig.get_config_var("CCSHARED") or "-fPIC"
    includes = [sysconfig.get_paths()["include"], *lxml.get_include()]
    command = [
        *shlex.split(link),
        *shlex.split(position_independent),
        "-O2",
        *(f"-I{folder}" for folder in includes),
        str(source),
        "-o",
        str(target),
    ]
    partial = target.with_name(target.name + ".part")
    command[-1] = str(partial)
    subprocess.run(command, check=True, capture_output=True, text=True)
    partial.replace(target)  # never a half-written module where Python would import it
