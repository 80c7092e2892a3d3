"""Fuzzing the command line: whatever the input, `validate`, `import` and `build` end with 0 or 1.

Inputs are mutations of the real filings (byte by byte and element by element) and of the
example drafts (line by line and value by value). An exception escaping ``main``, or its
catch-all message "unexpected problem" (which means a bug), fails the test. Every input that
once failed is kept in tests/fuzz-corpus/ and replayed by ``test_corpus``.

The run is bounded and repeatable: a fixed number of examples, derandomized, no database.
"""

from __future__ import annotations

import contextlib
import io
import tempfile
from pathlib import Path

import pytest
from conftest import EXAMPLES, SAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from generator.cli import main

CORPUS = Path(__file__).with_name("fuzz-corpus")
DRAFTS = sorted(EXAMPLES.glob("*.yaml"))

FUZZ = settings(
    max_examples=500,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def run(*args: str) -> tuple[int, str]:
    """``main`` as the console script runs it; the exit status and everything printed."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue() + err.getvalue()


def check_file(name: str, data: bytes) -> None:
    """Run every command that reads this kind of file on it; each ends with 0 or 1."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        if name.endswith((".yaml", ".yml")):
            commands = [["validate", str(path)], ["build", str(path), "-o", f"{folder}/out.xml"]]
        else:
            commands = [
                ["validate", str(path)],
                ["validate", "--format", "json", "--profile", "record", str(path)],
                ["import", str(path), "-o", f"{folder}/out.yaml"],
            ]
        for command in commands:
            code, printed = run(*command)
            assert code in (0, 1), (command, code, printed)
            assert "unexpected problem" not in printed, (command, printed)


# --- mutations -------------------------------------------------------------------------------

#: Bytes that tend to matter to an XML or YAML reader.
TOKENS = [
    b"<",
    b">",
    b"&",
    b"&amp;",
    b"&#1;",
    b"&#x1F;",
    b"&x;",
    b"]]>",
    b"<![CDATA[",
    b"<!--",
    b"-->",
    b"<?pi x?>",
    b"<!DOCTYPE x>",
    b"\x00",
    b"\x01",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xe9",
    "é".encode(),
    "\u2028".encode(),
    b'"',
    b"'",
    b"=",
    b"/>",
    b"</",
    b"\n",
    b"\r",
    b"\t",
    b" ",
    b"0",
    b"-1",
    b"1e999",
    b"99999999999999999999",
    b"F1",
    b"F100",
    b"xmlns='urn:x'",
    b'xmlns:p="urn:p"',
    b"p:",
    b"<XML>",
    b"</XML>",
]

SAMPLE_BYTES = [p.read_bytes() for p in SAMPLES[::4]]


@st.composite
def mutated_bytes(draw: st.DrawFn, sources: list[bytes]) -> bytes:
    data = bytearray(draw(st.sampled_from(sources)))
    for _ in range(draw(st.integers(1, 4))):
        if not data:
            data.extend(draw(st.sampled_from(TOKENS)))
            continue
        at = draw(st.integers(0, len(data) - 1))
        kind = draw(st.integers(0, 5))
        if kind == 0:  # flip a byte
            data[at] = draw(st.integers(0, 255))
        elif kind == 1:  # delete a run
            del data[at : at + draw(st.integers(1, 64))]
        elif kind == 2:  # repeat a run
            run_ = data[at : at + draw(st.integers(1, 200))]
            data[at:at] = run_ * draw(st.integers(1, 3))
        elif kind == 3:  # insert a token
            data[at:at] = draw(st.sampled_from(TOKENS))
        elif kind == 4:  # insert random bytes
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        else:  # cut the end off
            del data[at:]
    return bytes(data)


#: Texts that tend to matter to the rules and the importer.
VALUES = [
    "",
    " ",
    "0",
    "1",
    "-1",
    "true",
    "false",
    "A",
    "D",
    "I",
    "P",
    "S",
    "K",
    "V",
    "L",
    "E",
    "4",
    "5",
    "X0609",
    "X0202",
    "2025-08-12",
    "2025-08-12-05:00",
    "08/12/2025",
    "2025-02-30",
    "9999-12-31",
    "0001-01-01",
    "12.5",
    ".49",
    "1e3",
    "NaN",
    "Infinity",
    "1,000",
    "999999999999.99999",
    "F1",
    "F99",
    "F0",
    "By Trust",
    "Common Stock",
    "0001234567",
    "12345678901",
    "XX",
    "A0",
    "Z" * 300,
    "é\u2028€",
]


def _elements(root: etree._Element) -> list[etree._Element]:
    return [e for e in root.iter() if isinstance(e.tag, str)]


@st.composite
def mutated_tree(draw: st.DrawFn) -> bytes:
    source = draw(st.sampled_from(SAMPLE_BYTES))
    root = etree.fromstring(source)
    for _ in range(draw(st.integers(1, 6))):
        elements = _elements(root)
        element = draw(st.sampled_from(elements))
        parent = element.getparent()
        kind = draw(st.integers(0, 8))
        if kind == 0 and parent is not None:  # delete
            parent.remove(element)
        elif kind == 1 and parent is not None:  # duplicate
            from copy import deepcopy

            element.addnext(deepcopy(element))
        elif kind == 2 and len(element) == 0:  # new text
            element.text = draw(st.sampled_from(VALUES))
        elif kind == 3:  # a footnote reference
            ref = etree.SubElement(element, "footnoteId")
            ref.set("id", draw(st.sampled_from(["F1", "F2", "F98", "", "x"])))
        elif kind == 4 and parent is not None:  # move under another element
            target = draw(st.sampled_from(elements))
            if element not in target.iterancestors() and target is not element:
                target.append(element)
        elif kind == 5:  # rename
            element.tag = draw(
                st.sampled_from(
                    ["value", "footnoteId", "footnote", "nonDerivativeTransaction", "x", "{urn:x}y"]
                )
            )
        elif kind == 6:  # wrap the text in children
            etree.SubElement(element, "value").text = draw(st.sampled_from(VALUES))
        elif kind == 7:  # attributes
            element.set(
                draw(st.sampled_from(["id", "x", "{urn:x}a"])), draw(st.sampled_from(VALUES))
            )
        else:  # comments and processing instructions
            element.append(etree.Comment("c") if draw(st.booleans()) else etree.PI("p", "q"))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


DRAFT_TEXTS = [p.read_text(encoding="utf-8") for p in DRAFTS]

#: Values that tend to matter to the YAML loader and the model.
YAML_VALUES = [
    "",
    "~",
    "null",
    "[]",
    "{}",
    "[a, b]",
    "{a: 1}",
    "-1",
    "0",
    "1e999",
    "NaN",
    ".inf",
    "12,345.6789",
    "$1.00",
    "99999999999999999999",
    "true",
    "no",
    "NO",
    "2025-02-30",
    "02/30/2025",
    "2025-08-12T10:00:00",
    "F1",
    "F100",
    "'quoted'",
    '"\\x01"',
    '"\\u2028"',
    "&a x",
    "*a",
    "*missing",
    "!!binary aGk=",
    "!!python/name:os.system",
    "<<: {a: 1}",
    "|\n  block\n  text",
    "x" * 300,
    "é€\U0001f600",
    "- a\n- b",
    "A",
    "D",
    "I",
    "P",
    "S",
    "4",
    "5",
    "3/A",
]


@st.composite
def mutated_draft(draw: st.DrawFn) -> bytes:
    lines = draw(st.sampled_from(DRAFT_TEXTS)).splitlines()
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            lines.append("form: '4'")
        at = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.integers(0, 5))
        line = lines[at]
        if kind == 0 and ":" in line:  # another value
            key = line.split(":", 1)[0]
            lines[at] = f"{key}: {draw(st.sampled_from(YAML_VALUES))}"
        elif kind == 1:  # delete a line
            del lines[at]
        elif kind == 2:  # repeat a line (duplicate keys, extra rows)
            lines.insert(at, line)
        elif kind == 3:  # indent or outdent
            lines[at] = line[2:] if line.startswith("  ") and draw(st.booleans()) else "  " + line
        elif kind == 4:  # swap two lines
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        else:  # a new key
            key = draw(st.sampled_from(["form", "remarks", "footnotes", "table_2", "kind", "x"]))
            lines.insert(
                at,
                " " * draw(st.sampled_from([0, 2, 4]))
                + f"{key}: {draw(st.sampled_from(YAML_VALUES))}",
            )
    text = "\n".join(lines) + "\n"
    if draw(st.integers(0, 9)) == 0:  # now and then, bytes too
        return draw(mutated_bytes([text.encode("utf-8")]))
    return text.encode("utf-8")


# --- the tests -------------------------------------------------------------------------------


@FUZZ
@given(mutated_bytes(SAMPLE_BYTES))
def test_mutated_filing_bytes(data: bytes) -> None:
    check_file("filing.xml", data)


@FUZZ
@given(mutated_tree())
def test_mutated_filing_elements(data: bytes) -> None:
    check_file("filing.xml", data)


@settings(FUZZ, max_examples=150)
@given(mutated_bytes(SAMPLE_BYTES), st.binary(max_size=200), st.booleans())
def test_mutated_submission_text(data: bytes, junk: bytes, second: bool) -> None:
    wrapped = b"<SEC-DOCUMENT>\n" + junk + b"\n<XML>\n" + data + b"\n</XML>\n"
    if second:
        wrapped += b"<XML>" + junk
    check_file("submission.txt", wrapped)


@settings(FUZZ, max_examples=600)
@given(mutated_draft())
def test_mutated_drafts(data: bytes) -> None:
    check_file("draft.yaml", data)


@pytest.mark.parametrize(
    "path", sorted(p for p in CORPUS.iterdir() if p.name != "README.md"), ids=lambda p: p.name
)
def test_corpus(path: Path) -> None:
    """Every input that once made a command fail; named draft-*.yaml, *.xml or *.txt."""
    check_file(path.name, path.read_bytes())
