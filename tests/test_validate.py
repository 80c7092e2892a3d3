"""`sec16 validate`: verdicts on real filings, the JSON contract, exit codes, footnote rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SAMPLES, officially_valid_samples
from lxml import etree

from generator.cli import main


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[dict]]:
    code = main(["validate", "--format", "json", *args])
    return code, json.loads(capsys.readouterr().out)


def test_every_officially_valid_sample_is_valid_as_record(capsys):
    files = [str(p) for p in officially_valid_samples()]
    assert len(files) >= 40
    code, reports = run_json(capsys, "--profile", "record", *files)
    assert [r["file"] for r in reports] == files
    invalid = [(r["file"], r["problems"]) for r in reports if not r["valid"]]
    assert invalid == []
    assert code == 0


def test_samples_the_sec_schema_rejects_are_invalid_here_too(capsys):
    """Judged by today's version, as every submission is. (As records, each is judged by the
    schemaVersion it declares, and is valid: tests/test_versions.py.)"""
    rejected = [str(p) for p in SAMPLES if p not in officially_valid_samples()]
    assert rejected, "the samples include pre-2023 filings that today's schema rejects"
    code, reports = run_json(capsys, "--profile", "submission", *rejected)
    assert code == 1
    for report in reports:
        assert not report["valid"], report["file"]
        # The missing 10b5-1 box is said by its own rule, which replaces libxml2's wording.
        assert any(
            p["rule"] in ("xsd", "aff10b5-unanswered") and p["line"] for p in report["problems"]
        )


def _mutated(tmp_path: Path, sample: Path, change) -> Path:
    tree = etree.parse(str(sample))
    change(tree.getroot())
    out = tmp_path / sample.name
    tree.write(str(out), xml_declaration=True, encoding="utf-8")
    return out


def _sample_with_footnotes() -> Path:
    for path in officially_valid_samples():
        root = etree.parse(str(path)).getroot()
        if len(root.findall("footnotes/footnote")) >= 2:
            return path
    raise AssertionError("no sample with two footnotes")


def test_unreferenced_footnote_is_an_error_with_its_location(tmp_path, capsys):
    def add_orphan(root):
        note = etree.SubElement(root.find("footnotes"), "footnote", id="F98")
        note.text = "Nobody refers to me."

    path = _mutated(tmp_path, _sample_with_footnotes(), add_orphan)
    code, [report] = run_json(capsys, str(path))
    assert code == 1 and report["valid"] is False
    [problem] = [p for p in report["problems"] if p["rule"] == "footnote-unreferenced"]
    assert "F98" in problem["message"]
    assert problem["location"].startswith("/ownershipDocument/footnotes/footnote[")
    assert isinstance(problem["line"], int) and problem["line"] > 1


def test_dangling_reference_is_an_error(tmp_path, capsys):
    def dangle(root):
        title = next(root.iter("securityTitle"))
        etree.SubElement(title, "footnoteId", id="F77")

    path = _mutated(tmp_path, _sample_with_footnotes(), dangle)
    code, [report] = run_json(capsys, str(path))
    assert code == 1
    assert any(
        p["rule"] == "footnote-undefined" and "F77" in p["message"] for p in report["problems"]
    )


def test_same_footnote_twice_on_one_value_is_an_error(tmp_path, capsys):
    def twice(root):
        ref = next(root.iter("footnoteId"))
        ref.addnext(etree.Element("footnoteId", id=ref.get("id")))

    path = _mutated(tmp_path, _sample_with_footnotes(), twice)
    code, [report] = run_json(capsys, str(path))
    assert code == 1
    assert any(p["rule"] == "footnote-referenced-twice" for p in report["problems"])


def test_a_correct_filing_raises_no_footnote_problem(capsys):
    code, [report] = run_json(capsys, "--profile", "record", str(_sample_with_footnotes()))
    assert code == 0
    assert not [p for p in report["problems"] if p["rule"].startswith("footnote")]


def test_not_xml_is_exit_1_with_a_sentence(tmp_path, capsys):
    bad = tmp_path / "garbage.xml"
    bad.write_bytes(b"\x00\x01 this is not xml")
    code, [report] = run_json(capsys, str(bad))
    assert code == 1
    assert report["document_type"] is None
    assert "not well-formed" in report["problems"][0]["message"]


def test_wrong_root_is_not_an_ownership_document(tmp_path, capsys):
    bad = tmp_path / "other.xml"
    bad.write_text("<edgarSubmission/>")
    code, [report] = run_json(capsys, str(bad))
    assert code == 1 and report["document_type"] is None
    assert "<edgarSubmission>" in report["problems"][0]["message"]


def test_missing_file_is_usage_exit_2(tmp_path, capsys):
    code = main(["validate", str(tmp_path / "nope.xml")])
    assert code == 2
    out = capsys.readouterr().out  # a finding of that file, in its report (tests/test_scripts.py)
    assert "does not exist" in out and "(file-unreadable)" in out


def test_text_output_names_file_line_and_verdict(tmp_path, capsys):
    path = _mutated(
        tmp_path,
        officially_valid_samples()[0],
        lambda root: setattr(root.find("issuer/issuerCik"), "text", "12AB"),
    )
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:" in out and "NOT valid" in out and "issuerCik" in out


def test_submission_text_file_is_unwrapped(tmp_path, capsys):
    sample = officially_valid_samples()[0]
    wrapper = tmp_path / "0000000000-26-000001.txt"
    header = "<SEC-DOCUMENT>0000000000-26-000001.txt\n<TYPE>4\n<TEXT>\n<XML>\n"
    wrapper.write_bytes(header.encode() + sample.read_bytes() + b"\n</XML>\n</TEXT>\n")
    code, [report] = run_json(capsys, "--profile", "record", str(wrapper))
    assert code == 0 and report["valid"], report


def test_missing_ccc_is_a_warning_for_a_submission(tmp_path, capsys):
    sample = officially_valid_samples()[0]
    _, [report] = run_json(capsys, str(sample))
    warnings = [p for p in report["problems"] if p["rule"] == "ccc-missing"]
    assert warnings and all(p["severity"] == "warning" for p in warnings)


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_reports_written_as_bytes_read_as_through_the_text_layer(
    tmp_path, capsys, monkeypatch, output_format
):
    """The workers' reports come encoded and go to standard output's byte stream; where the
    text layer does more than encode (Windows line ends) or there is no byte stream, they go
    through the text layer: the same text either way, in input order, the missing file in its
    place."""
    import io
    import os

    samples = [str(path) for path in SAMPLES[:5]]
    args = ["validate", "--format", output_format, "--as-of", "2026-12-01T10:00"]
    files = [*samples[:2], str(tmp_path / "missing.xml"), *samples[2:]]
    assert main([*args, *files]) == 2
    through_bytes = capsys.readouterr().out
    stand_in = io.StringIO()  # no byte stream at all
    monkeypatch.setattr("sys.stdout", stand_in)
    assert main([*args, *files]) == 2
    monkeypatch.undo()
    assert stand_in.getvalue() == through_bytes
    monkeypatch.setattr(os, "linesep", "\r\n")  # as on Windows: through the text layer
    assert main([*args, *files]) == 2
    assert capsys.readouterr().out == through_bytes
    assert through_bytes.index(samples[1]) < through_bytes.index("missing.xml")
    assert through_bytes.index("missing.xml") < through_bytes.index(samples[2])
