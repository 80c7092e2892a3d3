"""Output that scripts can trust (issue 16): a broken pipe, a missing file in a batch, and one
rule for the streams of every command (docs/cli.md, "Standard output and standard error")."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES, REPO, SAMPLES, officially_valid_samples

from generator.cli import main
from generator.formats.importer import import_file

FORM4 = EXAMPLES / "form4-open-market-purchase.yaml"
FORM3 = EXAMPLES / "form3-director-initial-holdings.yaml"


pytestmark = pytest.mark.usefixtures("clean_machine")


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _into_a_closed_pipe(*args: str) -> subprocess.CompletedProcess[str]:
    """``sec16 ARGS | head -c 0``, made certain: the reading end is closed before sec16 starts,
    so its first write to standard output meets a broken pipe."""
    read, write = os.pipe()
    os.close(read)
    try:
        env = {k: v for k, v in os.environ.items() if not k.startswith("SEC16_")}
        return subprocess.run(
            [sys.executable, "-m", "generator", *args],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
            env=env,
            timeout=300,
        )
    finally:
        os.close(write)


# --- a broken pipe ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("validate", "--profile", "record"), id="validate-text"),
        pytest.param(("validate", "--profile", "record", "--format", "json"), id="validate-json"),
        pytest.param(("schema",), id="schema"),
    ],
)
def test_a_broken_pipe_is_exit_141_without_a_traceback(args: tuple[str, ...]) -> None:
    """As a Unix tool stopped by SIGPIPE (128 + 13); it was 0, as if all had been written."""
    files = [str(p) for p in officially_valid_samples()[:3]] if args[0] == "validate" else []
    done = _into_a_closed_pipe(*args, *files)
    assert done.returncode == 141, done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    assert done.stderr == ""


def test_a_broken_pipe_in_a_batch_shared_among_workers() -> None:
    """Enough files for the worker processes: the batch stops, and says so in its status."""
    files = [str(p) for p in officially_valid_samples()]
    assert len(files) >= 48  # batch.PARALLEL_FROM
    done = _into_a_closed_pipe("validate", "--profile", "record", *files)
    assert done.returncode == 141, done.stderr
    assert done.stderr == ""


# --- a missing file in a batch -------------------------------------------------------------------


def test_json_holds_every_sample_and_an_error_object_for_a_missing_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = str(tmp_path / "missing.xml")
    files = [str(p) for p in SAMPLES]
    code, out, err = _run(capsys, "validate", "--format", "json", *files, missing)
    assert code == 2, err  # a named file that does not exist: the contract's exit status
    reports = json.loads(out)
    assert [r["file"] for r in reports] == [*files, missing]
    assert all(r["document_type"] for r in reports[:-1])  # every sample was checked
    assert reports[-1] == {
        "file": missing,
        "document_type": None,
        "valid": False,
        "problems": [
            {
                "severity": "error",
                "rule": "file-unreadable",
                "message": f"{missing} does not exist, so it was not checked; check the name, "
                "and that you may read it",
                "location": None,
                "line": None,
            }
        ],
    }
    assert err == ""


def test_a_missing_file_or_a_folder_keeps_its_place_in_the_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    valid = [str(p) for p in officially_valid_samples()[:2]]
    missing, folder = str(tmp_path / "nope.xml"), str(tmp_path)
    order = [valid[0], missing, folder, valid[1]]
    code, out, _ = _run(capsys, "validate", "--profile", "record", "--format", "json", *order)
    assert code == 2
    reports = json.loads(out)
    assert [r["file"] for r in reports] == order
    assert [r["valid"] for r in reports] == [True, False, False, True]
    assert "is a folder, not a file" in reports[2]["problems"][0]["message"]
    code, out, _ = _run(capsys, "validate", "--profile", "record", *order)
    assert code == 2
    verdicts = [line for line in out.splitlines() if re.search(r": (NOT )?valid \(", line)]
    assert verdicts == [
        f"{valid[0]}: valid (Form {reports[0]['document_type']})",
        f"{missing}: NOT valid (not a filing)",
        f"{folder}: NOT valid (not a filing)",
        f"{valid[1]}: valid (Form {reports[3]['document_type']})",
    ]
    assert f"{missing}: error: {missing} does not exist" in out and "(file-unreadable)" in out


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_file_is_a_finding_of_that_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    locked = tmp_path / "locked.xml"
    locked.write_bytes(officially_valid_samples()[0].read_bytes())
    locked.chmod(0)
    try:
        code, out, _ = _run(capsys, "validate", "--format", "json", str(locked))
    finally:
        locked.chmod(0o600)
    assert code == 2
    [report] = json.loads(out)
    assert report["problems"][0]["rule"] == "file-unreadable"
    assert "cannot be read" in report["problems"][0]["message"]


def test_build_and_import_handle_the_other_files_of_a_batch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.yaml"
    code, out, err = _run(
        capsys, "build", str(FORM4), str(missing), str(FORM3), "-o", str(tmp_path / "xml")
    )
    assert code == 2
    assert sorted(p.name for p in (tmp_path / "xml").iterdir()) == [
        "form3-director-initial-holdings.xml",
        "form4-open-market-purchase.xml",
    ]
    assert len(out.splitlines()) == 2
    assert f"sec16: {missing} does not exist" in err.splitlines()

    samples = [str(p) for p in officially_valid_samples()[:2]]
    gone = str(tmp_path / "gone.xml")
    code, out, err = _run(capsys, "import", samples[0], gone, samples[1], "-o", str(tmp_path / "y"))
    assert code == 2
    assert len(list((tmp_path / "y").iterdir())) == 2
    assert len(out.splitlines()) == 2 and "imported Form" in out
    assert f"sec16: {gone} does not exist" in err.splitlines()


# --- one rule for the streams --------------------------------------------------------------------

#: What standard error may hold: a line about a file (a note, a finding, the due date, where a
#: CCC came from, a refusal), or the command's own failure.
_SAID_TO_THE_PERSON = re.compile(
    r"^(sec16: .+"
    r"|\S+(:\d+)?: (note|warning|error): .+"
    r"|\S+: Form \S+ due on .+"
    r"|\S+: not (built|packaged): .+"
    r"|\S+: the CCC of reporting owner \d+ is from .+)$"
)


def _said_to_the_person(stderr: str) -> None:
    for line in stderr.splitlines():
        assert _SAID_TO_THE_PERSON.match(line), line


def _old_filing_with_notes() -> Path:
    for sample in SAMPLES:
        if import_file(sample).notes:
            return sample
    raise AssertionError("no sample whose import has a note")


def test_each_command_puts_results_on_stdout_and_the_rest_on_stderr(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # validate: the reports (findings and verdicts) and nothing else; JSON alone with --format
    bad = tmp_path / "bad.yaml"
    bad.write_text(FORM4.read_text() + 'footnotes:\n  F9: "Nobody refers to me."\n')
    code, out, err = _run(capsys, "validate", str(FORM4), str(bad))
    assert code == 1 and err == ""
    for line in out.splitlines():
        assert re.match(rf"^({re.escape(str(FORM4))}|{re.escape(str(bad))})(:\d+)?: ", line), line
    assert "(footnote-unreferenced)" in out and "(ccc-missing)" in out
    code, out, err = _run(capsys, "validate", "--format", "json", str(FORM4), str(bad))
    assert code == 1 and err == "" and len(json.loads(out)) == 2

    # build: one "built" line per XML written; warnings, errors, the due date on stderr
    code, out, err = _run(capsys, "build", str(FORM4), str(bad), "-o", str(tmp_path / "built"))
    assert code == 1
    assert out.splitlines() == [
        f"{tmp_path / 'built' / FORM4.stem}.xml: built Form 4 (submission profile, valid, "
        "1 warning(s))"
    ]
    _said_to_the_person(err)
    assert f"{FORM4}: Form 4 due on " in err and f"{bad}: not built: " in err
    assert "(ccc-missing)" in err and "(footnote-unreferenced)" in err

    # import: one "imported" line per draft written; notes on stderr
    old = _old_filing_with_notes()
    draft = tmp_path / "old.yaml"
    code, out, err = _run(capsys, "import", str(old), "-o", str(draft))
    assert code == 0
    assert out.splitlines() == [f"{draft}: imported Form {import_file(old).filing.form.value}"]
    assert err and f"{old}: note: " in err
    _said_to_the_person(err)
    # ... and with -o -, the draft alone
    code, out, err = _run(capsys, "import", str(old), "-o", "-")
    assert code == 0 and isinstance(yaml.safe_load(out), dict) and "imported" not in out
    _said_to_the_person(err)

    # package: one "packaged" line; the due date and the CCC's source on stderr
    monkeypatch.setenv("SEC16_CCC_0009200031", "Zq#83517")
    package = tmp_path / "p.submission.xml"
    code, out, err = _run(capsys, "package", str(FORM4), "-o", str(package))
    assert code == 0
    [line] = out.splitlines()
    assert line.startswith(f"{package}: packaged Form 4 as a TEST submission")
    assert f"{FORM4}: Form 4 due on " in err and "is from the environment" in err
    _said_to_the_person(err)
    # packaging it again: what it keeps is said in notes, on stderr
    again = tmp_path / "again.xml"
    code, out, err = _run(capsys, "package", str(package), "-o", str(again), "--live", "--yes")
    assert code == 0 and len(out.splitlines()) == 1 and "LIVE" in out
    _said_to_the_person(err)

    # preview: the page written, or the text tables
    code, out, err = _run(capsys, "preview", str(FORM4), "-o", str(tmp_path / "p.html"))
    assert code == 0 and out == f"{tmp_path / 'p.html'}: preview of Form 4\n" and err == ""
    code, out, err = _run(capsys, "preview", "--text", str(FORM4))
    assert code == 0 and "Table I" in out and err == ""

    # compare: the differences and the verdict
    built = tmp_path / "built" / f"{FORM4.stem}.xml"
    copy = tmp_path / "copy.xml"
    copy.write_text(built.read_text().replace("<value>", "<value> ", 1))
    code, out, err = _run(capsys, "compare", str(built), str(copy))
    assert code == 0 and out == f"{built} vs {copy}: the same information\n" and err == ""

    # schema: the JSON Schema alone
    code, out, err = _run(capsys, "schema")
    assert code == 0 and json.loads(out)["type"] == "object" and err == ""

    # an error before any file is handled: one line on stderr, nothing on stdout
    code, out, err = _run(capsys, "validate", "--as-of", "next tuesday", str(FORM4))
    assert code == 2 and out == "" and len(err.splitlines()) == 1
    _said_to_the_person(err)


@pytest.mark.parametrize("command", ["build", "import"])
def test_an_output_path_ending_in_a_slash_is_a_folder_made_for_one_input(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``-o out/`` with one input writes ``out/NAME``, never a file called ``out``."""
    from conftest import EXAMPLES, SAMPLES

    source = EXAMPLES / "form4-open-market-purchase.yaml" if command == "build" else SAMPLES[0]
    out = tmp_path / "out"
    assert main([command, str(source), "-o", f"{out}/"]) == 0
    capsys.readouterr()
    assert out.is_dir()
    suffix = ".xml" if command == "build" else ".yaml"
    assert [p.name for p in out.iterdir()] == [source.stem + suffix]
