"""What keeps validation fast stays correct: lazy imports, the holiday table, batches in order.

The figures themselves are measured by benchmarks/validate.py (docs/performance.md).
"""

from __future__ import annotations

import io
import json
import os
import random
import subprocess
import sys
from datetime import date, timedelta

import pytest
from conftest import REPO, SAMPLES

from generator.checks import deadlines
from generator.cli import main
from generator.support import batch

HEAVY = ("pydantic", "jinja2", "questionary", "holidays", "xmlschema", "yaml")


def test_validating_xml_imports_nothing_heavy():
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "generator", "validate", str(SAMPLES[0])],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    loaded = {line.split("|")[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    assert not [m for m in loaded if m.split(".")[0] in HEAVY]


def test_the_holiday_table_is_what_the_library_says():
    done = subprocess.run(
        [sys.executable, str(REPO / "tools" / "make_holidays.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def _count_day_by_day(start: date, end: date) -> int:
    count, day = 0, start
    while day < end:
        day = deadlines.next_business_day(day)
        if day <= end:
            count += 1
    return count


def test_business_days_between_agrees_with_counting_day_by_day():
    generator = random.Random(16)
    for _ in range(300):
        start = date(1998, 1, 1) + timedelta(days=generator.randrange(17_000))
        end = start + timedelta(days=generator.randrange(-40, 2_000))
        assert deadlines.business_days_between(start, end) == _count_day_by_day(start, end)


def _where(item: int) -> tuple[int, int]:
    return item, os.getpid()


def test_a_batch_comes_back_in_input_order_from_every_worker(monkeypatch):
    monkeypatch.setattr(batch, "PARALLEL_FROM", 2)
    monkeypatch.setattr(batch, "workers", lambda: 2)
    results = list(batch.run(_where, list(range(300))))
    assert [item for item, _ in results] == list(range(300))
    assert os.getpid() not in {pid for _, pid in results}


@pytest.mark.parametrize("count", [1, 3, 48, 500, 5000])
def test_a_batch_is_cut_into_chunks_that_shrink_as_the_work_runs_out(count: int):
    items = list(range(count))
    chunks = batch._chunks(items, 2)
    assert [item for chunk in chunks for item in chunk] == items
    sizes = [len(chunk) for chunk in chunks]
    assert all(size <= batch.LARGEST_CHUNK for size in sizes)
    assert all(size >= batch.SMALLEST_CHUNK for size in sizes[:-1])
    assert sizes == sorted(sizes, reverse=True)
    if count >= 5000:  # large chunks while there is much to do, small ones at the end
        assert sizes[0] == batch.LARGEST_CHUNK and sizes[-1] <= batch.SMALLEST_CHUNK


def test_many_files_give_what_each_gives_alone(capsys, monkeypatch, tmp_path):
    files = [str(p) for p in SAMPLES[:30]]
    broken = tmp_path / "broken.xml"
    broken.write_bytes(b"<ownershipDocument>")
    files.insert(7, str(broken))
    alone = []
    for name in files:
        main(["validate", "--format", "json", "--as-of", "2026-03-02", name])
        alone += json.loads(capsys.readouterr().out)
    monkeypatch.setattr(batch, "PARALLEL_FROM", 2)
    monkeypatch.setattr(batch, "workers", lambda: 2)
    code = main(["validate", "--format", "json", "--as-of", "2026-03-02", *files])
    together = json.loads(capsys.readouterr().out)
    assert together == alone and code == 1


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_bar_is_drawn_on_a_terminal_only(capsys, monkeypatch):
    files = [str(p) for p in SAMPLES[:5]]
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setattr(batch.time, "monotonic", iter(range(0, 1000, 1)).__next__)
    main(["validate", "--as-of", "2026-03-02", *files])
    drawn = terminal.getvalue()
    assert "checking [" in drawn and drawn.endswith("\r\x1b[K")
    assert "\r" not in capsys.readouterr().out
    terminal.seek(0)
    terminal.truncate()
    main(["validate", "--format", "json", "--as-of", "2026-03-02", *files])
    assert terminal.getvalue() == ""  # never with JSON
    json.loads(capsys.readouterr().out)


def test_no_progress_bar_when_standard_error_is_not_a_terminal(capsys):
    main(["validate", "--as-of", "2026-03-02", *[str(p) for p in SAMPLES[:5]]])
    assert "[" not in capsys.readouterr().err


def test_the_draft_loader_is_libyaml_when_pyyaml_has_it():
    import yaml

    from generator.formats import draft

    if getattr(yaml, "__with_libyaml__", False):
        assert issubclass(draft._LOADER, yaml.CSafeLoader)
    assert draft._LOADER.yaml_implicit_resolvers == draft._DraftLoader.yaml_implicit_resolvers
