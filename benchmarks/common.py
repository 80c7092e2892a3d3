"""What the benchmarks share: how sec16 is run, with compiled bytecode as after ``pip install``,
and how one command is timed.

Each benchmark compares sec16 with a baseline measured in the same run (xmllint, importing a
library, another sec16 command), so the environment both run in is built once, here.
"""

from __future__ import annotations

import datetime
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "samples"

#: Compiled bytecode in a folder of its own, as ``pip install`` leaves it; no CCC or schema
#: folder of the caller's environment reaches the commands timed.
BYTECODE = tempfile.mkdtemp(prefix="sec16-bench-pycache-")
ENV = {**os.environ, "PYTHONPYCACHEPREFIX": BYTECODE}
ENV.pop("PYTHONDONTWRITEBYTECODE", None)
for _name in list(ENV):
    if _name.startswith(("SEC16_CCC_", "SEC16_SCHEMA_DIR")):
        del ENV[_name]


def sec16_command() -> list[str]:
    """The installed console script, or ``python -m generator`` in a checkout."""
    installed = Path(sys.executable).parent / "sec16"
    return [str(installed)] if installed.exists() else [sys.executable, "-m", "generator"]


def timed(command: list[str], cwd: Path, ok: tuple[int, ...] = (0, 1)) -> float:
    """Seconds one command takes, its output thrown away; stops the benchmark (with the end of
    what the command said) when it ends with a status outside ``ok``."""
    start = time.perf_counter()
    done = subprocess.run(
        command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    elapsed = time.perf_counter() - start
    if done.returncode not in ok:
        raise SystemExit(
            f"{' '.join(command[:3])} ... ended with {done.returncode}: "
            f"{done.stderr.decode(errors='replace')[-500:]}"
        )
    return elapsed


def describe(values: list[float]) -> str:
    """A series of timings as its median, with the range."""
    return (
        f"median {statistics.median(values):.3f} s (min {min(values):.3f}, max {max(values):.3f})"
    )


def machine(*tools: str) -> str:
    """The machine the figures were measured on: cores, processor, load, Python, ``tools``
    (other programs' versions), the date."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    parts = [f"{os.cpu_count()} cores ({cpu})", f"load average {load:.2f}"]
    parts += [f"Python {platform.python_version()}", *tools, str(datetime.date.today())]
    return ", ".join(parts)
