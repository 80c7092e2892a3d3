"""Time to first prompt of ``sec16 new``, against ``python -c "import questionary"``.

Both run in the same pseudo-terminal set-up (pexpect), alternating, so that they see the same
machine. ``sec16 new`` is timed from the start of the process until the text of its first
question appears on the terminal; ``import questionary`` until the process has finished. The
median of each is printed, and their ratio: how much the guided session adds to the bare cost
of loading the prompt library it cannot do without.

    python benchmarks/session_start.py [--runs 10]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pexpect

FIRST_QUESTION = "Which form are you filing?"


def sec16_command() -> list[str]:
    installed = Path(sys.executable).parent / "sec16"
    found = shutil.which("sec16") or (str(installed) if installed.exists() else None)
    return [found] if found else [sys.executable, "-m", "generator"]


#: Compiled bytecode for both commands, as after ``pip install`` (which compiles every module);
#: kept out of the source tree. Without it, a checkout run with PYTHONDONTWRITEBYTECODE would
#: compile sec16's modules on every start while questionary's come precompiled.
BYTECODE = tempfile.mkdtemp(prefix="sec16-bench-pycache-")


def _spawn(command: list[str], cwd: str) -> pexpect.spawn:
    env = {**os.environ, "TERM": "xterm", "PYTHONPYCACHEPREFIX": BYTECODE}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return pexpect.spawn(
        command[0], command[1:], cwd=cwd, dimensions=(50, 120), env=env, timeout=60,
        encoding="utf-8",
    )  # fmt: skip


def first_prompt(folder: str) -> float:
    """Seconds from starting ``sec16 new`` until its first question is on the terminal."""
    start = time.perf_counter()
    child = _spawn([*sec16_command(), "new", "-o", "draft.yaml"], folder)
    child.expect_exact(FIRST_QUESTION)
    elapsed = time.perf_counter() - start
    child.terminate(force=True)
    child.close()
    return elapsed


def import_questionary(folder: str) -> float:
    """Seconds for ``python -c "import questionary"`` to run to its end."""
    start = time.perf_counter()
    child = _spawn([sys.executable, "-c", "import questionary"], folder)
    child.expect(pexpect.EOF)
    elapsed = time.perf_counter() - start
    child.close()
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="runs of each (default 10)")
    args = parser.parse_args()
    session: list[float] = []
    baseline: list[float] = []
    for _ in range(2):  # warm the file cache and compile the bytecode of both
        with tempfile.TemporaryDirectory() as folder:
            first_prompt(folder)
            import_questionary(folder)
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as folder:
            session.append(first_prompt(folder))
        with tempfile.TemporaryDirectory() as folder:
            baseline.append(import_questionary(folder))
    ours, theirs = statistics.median(session), statistics.median(baseline)
    print(f"machine: {os.cpu_count()} cores, Python {platform.python_version()}")
    print(
        f"runs: {args.runs} of each, alternating, in a pseudo-terminal (pexpect), bytecode cached"
    )
    print(f"sec16 new, first question on screen: median {ours * 1000:.0f} ms "
          f"(min {min(session) * 1000:.0f}, max {max(session) * 1000:.0f})")  # fmt: skip
    print(f"python -c 'import questionary':      median {theirs * 1000:.0f} ms "
          f"(min {min(baseline) * 1000:.0f}, max {max(baseline) * 1000:.0f})")  # fmt: skip
    print(f"ratio: {ours / theirs:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
