"""Hostile input and lost work (issue 6): every case ends with exit 1 and a sentence, in bounded
time and memory, and nothing from another file ever reaches an output.

Each XML case goes through both `sec16 validate` and `sec16 import`; each YAML case through
`sec16 build` and `sec16 validate`. A secret file beside the inputs must never appear in
standard output, standard error or any file written.
"""

from __future__ import annotations

import errno
import http.server
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from conftest import EXAMPLES, officially_valid_samples

from generator.cli import main
from generator.support import files

SECRET = "S3CRET-d0-not-leak-7f3a"
DRAFT = EXAMPLES / "form4-open-market-purchase.yaml"
UNEXPECTED = "unexpected problem"


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(f"{SECRET}\n")
    return path


def _sample() -> bytes:
    """A real Form 4 that is valid today, as bytes."""
    for path in officially_valid_samples():
        if "/4/" in path.as_posix():
            return path.read_bytes()
    raise AssertionError("no valid Form 4 sample")


def _body(data: bytes) -> bytes:
    """The sample without its XML declaration (to put a prolog of our own before it)."""
    return re.sub(rb"^<\?xml[^>]*\?>\s*", b"", data)


def _outputs(folder: Path) -> str:
    """Everything written under a folder, as text (for the leak check)."""
    return "".join(
        p.read_bytes().decode("utf-8", "replace") for p in folder.rglob("*") if p.is_file()
    )


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    started = time.monotonic()
    code = main(list(args))
    out = capsys.readouterr()
    assert time.monotonic() - started < 30, "not bounded in time"
    text = out.out + out.err
    assert "Traceback" not in text and UNEXPECTED not in text, text
    return code, text


def _refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, path: Path, *expected: str
) -> tuple[str, str]:
    """validate and import both exit 1 with the expected words; nothing leaks anywhere."""
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    code, validated = _run(capsys, "validate", str(path))
    assert code == 1, validated
    code, imported = _run(capsys, "import", str(path), "-o", str(out / "draft.yaml"))
    assert code == 1, imported
    assert not (out / "draft.yaml").exists()
    for text in (validated, imported):
        for words in expected:
            assert words in text, (words, text)
        assert str(path) in text  # the sentence names the file
        assert SECRET not in text
    assert SECRET not in _outputs(out)
    return validated, imported


# --- XML: entities, DTDs, schema locations --------------------------------------------------------


def test_external_entity_is_refused_unread(capsys, tmp_path, secret):
    body = _body(_sample()).replace(b"<remarks>", b"<remarks>&x;", 1)
    if b"&x;" not in body:
        body = body.replace(b"</ownershipDocument>", b"<remarks>&x;</remarks></ownershipDocument>")
    path = tmp_path / "xxe.xml"
    path.write_bytes(
        b'<?xml version="1.0"?>\n'
        + f'<!DOCTYPE ownershipDocument [<!ENTITY x SYSTEM "file://{secret}">]>\n'.encode()
        + body
    )
    _refused(capsys, tmp_path, path, "DOCTYPE")


def test_parameter_entity_and_external_dtd_are_refused_unread(capsys, tmp_path, secret):
    body = _body(_sample())
    for name, prolog in (
        ("param.xml", f'<!DOCTYPE x [<!ENTITY % p SYSTEM "file://{secret}"> %p;]>'),
        ("dtd.xml", f'<!DOCTYPE ownershipDocument SYSTEM "file://{secret}">'),
    ):
        path = tmp_path / name
        path.write_bytes(prolog.encode() + b"\n" + body)
        _refused(capsys, tmp_path, path, "DOCTYPE")


def test_billion_laughs_is_refused_in_bounded_time(capsys, tmp_path):
    entities = ['<!ENTITY a0 "lol">'] + [
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)
    ]
    path = tmp_path / "laughs.xml"
    path.write_bytes(
        f"<!DOCTYPE ownershipDocument [{''.join(entities)}]>\n".encode()
        + _body(_sample()).replace(
            b"</ownershipDocument>", b"<remarks>&a9;</remarks>\n</ownershipDocument>"
        )
    )
    _refused(capsys, tmp_path, path, "DOCTYPE")


class _Counter(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:  # a schema or DTD that must never be fetched
        _Counter.requests.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"/>')

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    _Counter.requests = []
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_schema_locations_are_never_followed(capsys, tmp_path, secret, server):
    # A schema that accepts anything: were the hint followed, the broken document would pass.
    anything = tmp_path / "anything.xsd"
    anything.write_text(
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
        '<xs:element name="ownershipDocument"><xs:complexType><xs:sequence>'
        '<xs:any processContents="skip" minOccurs="0" maxOccurs="unbounded"/>'
        "</xs:sequence></xs:complexType></xs:element></xs:schema>"
    )
    body = _body(_sample()).replace(b"<issuer>", b"<unknownElement/><issuer>", 1)
    xsi = b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    for name, hint in (
        ("local.xml", f'xsi:noNamespaceSchemaLocation="file://{anything}"'),
        ("secret.xml", f'xsi:noNamespaceSchemaLocation="{secret}"'),
        ("url.xml", f'xsi:noNamespaceSchemaLocation="{server}/schema.xsd"'),
        ("pair.xml", f'xsi:schemaLocation="urn:x {server}/pair.xsd"'),
    ):
        path = tmp_path / name
        path.write_bytes(
            body.replace(
                b"<ownershipDocument>",
                b"<ownershipDocument " + xsi + b" " + hint.encode() + b">",
                1,
            )
        )
        code, text = _run(capsys, "validate", str(path))
        assert code == 1 and "(xsd)" in text and "unknownElement" in text, text
        assert SECRET not in text
    assert _Counter.requests == []


def test_xinclude_is_not_processed(capsys, tmp_path, secret):
    body = _body(_sample()).replace(
        b"</ownershipDocument>",
        b'<remarks><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="'
        + str(secret).encode()
        + b'" parse="text"/></remarks></ownershipDocument>',
    )
    path = tmp_path / "xinclude.xml"
    path.write_bytes(body)
    code, text = _run(capsys, "validate", str(path))
    assert code == 1 and "element-namespace" in text
    assert SECRET not in text


# --- XML: size, depth, bytes, encodings -----------------------------------------------------------


def test_deep_nesting_is_refused(capsys, tmp_path):
    path = tmp_path / "deep.xml"
    path.write_bytes(
        b"<ownershipDocument>" + b"<a>" * 100_000 + b"</a>" * 100_000 + b"</ownershipDocument>"
    )
    _refused(capsys, tmp_path, path, "nested more than 256 deep")


def _peak_kb(command: list[str]) -> int:
    """The peak resident memory of one child process, in kilobytes."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(process.pid, 0)
    process.returncode = 0
    return usage.ru_maxrss


def test_a_50_mb_file_is_refused_without_being_read(capsys, tmp_path):
    path = tmp_path / "huge.xml"
    with path.open("wb") as stream:
        stream.write(_sample().replace(b"</ownershipDocument>", b"<remarks>"))
        chunk = b"x" * (1024 * 1024)
        for _ in range(50):
            stream.write(chunk)
        stream.write(b"</remarks></ownershipDocument>")
    assert path.stat().st_size > 50 * 1024 * 1024
    _refused(capsys, tmp_path, path, "larger than 20 MB")
    small = tmp_path / "small.xml"
    small.write_bytes(_sample())
    command = [sys.executable, "-m", "generator", "validate"]
    assert _peak_kb([*command, str(path)]) < _peak_kb([*command, str(small)]) + 10_000


def test_a_document_of_thousands_of_rows_is_checked_but_not_imported(capsys, tmp_path):
    data = _sample()
    row = re.search(rb"<nonDerivativeTransaction>.*?</nonDerivativeTransaction>", data, re.S)
    assert row is not None
    path = tmp_path / "rows.xml"
    path.write_bytes(data.replace(row.group(0), row.group(0) * 5000, 1))  # about 7 MB
    code, text = _run(capsys, "validate", str(path))
    assert code == 1 and "(too-many-rows)" in text
    assert text.count("(holdings-arithmetic)") <= 50  # at most 50 findings of one rule
    code, text = _run(capsys, "import", str(path), "-o", str(tmp_path / "rows.yaml"))
    assert code == 1 and "elements; a filing has a few hundred" in text
    assert not (tmp_path / "rows.yaml").exists()


def test_a_submission_text_of_endless_xml_tags_is_read_in_linear_time(capsys, tmp_path):
    path = tmp_path / "tags.txt"
    path.write_bytes(b"<XML>" * 2_000_000)  # 10 MB: a regular expression would take hours
    _refused(capsys, tmp_path, path, "no <XML> block")


def test_binary_garbage_is_refused(capsys, tmp_path):
    import random

    generator = random.Random(6)
    for name, data in (
        ("garbage.xml", bytes(generator.randrange(256) for _ in range(20_000))),
        ("zeros.xml", b"\x00" * 4096),
        ("empty.xml", b""),
        ("gzip.xml", b"\x1f\x8b\x08\x00" + bytes(generator.randrange(256) for _ in range(512))),
    ):
        path = tmp_path / name
        path.write_bytes(data)
        validated, _ = _refused(capsys, tmp_path, path, "not well-formed")
        assert "\x00" not in validated


def _with_remarks(declaration: bytes, remarks: bytes) -> bytes:
    """The sample under another XML declaration, with a remark of the given bytes."""
    body = _body(_sample()).replace(b"<remarks>", b"<x>").replace(b"</remarks>", b"</x>")
    return (
        declaration
        + b"\n"
        + body.replace(
            b"</ownershipDocument>", b"<remarks>" + remarks + b"</remarks></ownershipDocument>"
        )
    )


UTF8 = b'<?xml version="1.0" encoding="UTF-8"?>'


@pytest.mark.parametrize(
    ("name", "declaration", "remarks", "expected"),
    [
        ("latin1-in-utf8", UTF8, b"caf\xe9", "are not valid UTF-8"),
        ("mixed", b'<?xml version="1.0"?>', "café ".encode() + b"caf\xe9", "mixes encodings"),
        (
            "declares-utf16",
            b'<?xml version="1.0" encoding="UTF-16"?>',
            b"plain",
            'says encoding="UTF-16", but the file is not in that encoding',
        ),
        (
            "declares-latin1-is-utf8",
            b'<?xml version="1.0" encoding="ISO-8859-1"?>',
            "café".encode(),
            'says encoding="ISO-8859-1", but the file is UTF-8',
        ),
        (
            "unknown-encoding",
            b'<?xml version="1.0" encoding="x-klingon"?>',
            b"plain",
            "names an encoding sec16 cannot read",
        ),
    ],
)
def test_wrong_or_mixed_encodings_are_refused(
    capsys, tmp_path, name, declaration, remarks, expected
):
    path = tmp_path / f"{name}.xml"
    path.write_bytes(_with_remarks(declaration, remarks))
    _refused(capsys, tmp_path, path, expected)


@pytest.mark.parametrize(
    ("name", "insert", "expected"),
    [
        ("raw", b"a\x01b", "control character"),
        ("escape", b"a&#27;b", "control character"),
        ("nul", b"a\x00b", "control character"),
        ("reference-to-1", b"a&#1;b", "control character"),
    ],
)
def test_control_characters_are_refused(capsys, tmp_path, name, insert, expected):
    data = _sample().replace(
        b"</ownershipDocument>", b"<remarks>" + insert + b"</remarks></ownershipDocument>"
    )
    path = tmp_path / f"{name}.xml"
    path.write_bytes(data)
    _refused(capsys, tmp_path, path, expected)


def test_a_byte_order_mark_is_an_error_for_validate_and_a_note_for_import(capsys, tmp_path):
    """Spec §4.1: "Any text before this line, even white space, will cause a SUSPENSE error".

    Parsers skip a byte-order mark, but EDGAR may count its three bytes as text before the
    declaration, so `validate` reports it as an error (rule byte-order-mark) and exits 1. The
    content is sound, and a draft has no byte-order mark, so `import` keeps it with a note.
    """
    path = tmp_path / "bom.xml"
    path.write_bytes(b"\xef\xbb\xbf" + _sample())
    code, text = _run(capsys, "validate", str(path))
    assert code == 1
    assert "(byte-order-mark)" in text and "byte-order mark (BOM)" in text and "§4.1" in text
    assert f"{path}:1: error:" in text
    draft = tmp_path / "bom.yaml"
    code, text = _run(capsys, "import", str(path), "-o", str(draft))
    assert code == 0 and "byte-order mark" in text
    assert "byte-order mark" in draft.read_text()  # the note is kept at the top of the draft


# --- YAML drafts ------------------------------------------------------------------------------


def _draft(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _draft_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, path: Path, where: str, *expected: str
) -> None:
    """build and validate both exit 1 naming file, key path and line; nothing is written."""
    out = tmp_path / "built.xml"
    code, built = _run(capsys, "build", str(path), "-o", str(out))
    assert code == 1 and not out.exists(), built
    code, validated = _run(capsys, "validate", str(path))
    assert code == 1, validated
    for text in (built, validated):
        assert str(path) in text
        located = rf"{re.escape(where)}\S* \(line \d+\)|:\d+: error: .*\[{re.escape(where)}[^\]]*\]"
        assert re.search(located, text), (where, text)
        for words in expected:
            assert words in text, (words, text)


def test_python_object_tags_are_refused_and_never_run(capsys, tmp_path):
    marker = tmp_path / "pwned"
    text = DRAFT.read_text().replace(
        'form: "4"', f'form: !!python/object/apply:os.system ["touch {marker}"]'
    )
    path = _draft(tmp_path, "tag.yaml", text)
    _draft_refused(capsys, tmp_path, path, "form", "python/object/apply:os.system", "not allowed")
    assert not marker.exists()


def test_an_alias_bomb_is_refused_in_bounded_time(capsys, tmp_path):
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i, name in enumerate("bcdefghij"):
        previous = "abcdefghij"[i]
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    path = _draft(tmp_path, "bomb.yaml", "\n".join(lines) + "\n")
    _draft_refused(capsys, tmp_path, path, "", "too large or too deeply nested", "aliases")


def test_huge_drafts_are_refused(capsys, tmp_path):
    path = _draft(tmp_path, "huge.yaml", DRAFT.read_text() + f"remarks: {'x' * 2_000_000}\n")
    code, text = _run(capsys, "build", str(path))
    assert code == 1 and "larger than 1024 KB" in text and str(path) in text
    many = "".join(f"  - {i}\n" for i in range(60_000))
    path = _draft(tmp_path, "many.yaml", DRAFT.read_text() + "remarks:\n" + many)
    _draft_refused(capsys, tmp_path, path, "remarks", "more than 50,000 values")


def test_deep_nesting_in_a_draft_is_refused(capsys, tmp_path):
    path = _draft(
        tmp_path, "deep.yaml", DRAFT.read_text() + "remarks: " + "[" * 50_000 + "]" * 50_000 + "\n"
    )
    code, text = _run(capsys, "build", str(path))
    assert code == 1 and "nested" in text and "(line 35)" in text
    block = "".join("  " * i + f"k{i}:\n" for i in range(40))
    path = _draft(tmp_path, "deepmap.yaml", block)
    _draft_refused(capsys, tmp_path, path, "k0.k1.k2", "nested more than 20 levels")


def test_duplicate_keys_are_refused(capsys, tmp_path):
    path = _draft(
        tmp_path,
        "dup.yaml",
        DRAFT.read_text().replace("  ticker: LKSB", "  ticker: LKSB\n  ticker: LKSA"),
    )
    _draft_refused(capsys, tmp_path, path, "issuer.ticker", "given twice")


@pytest.mark.parametrize(
    ("old", "new", "where", "expected"),
    [
        (
            "rule_10b5_1_plan: false\nissuer:",
            "rule_10b5_1_plan: false\nissuer: [a, b]\nx:",
            "issuer",
            "should be a group of keys",
        ),
        ("signatures:\n  - name:", "signatures:\n    name:", "signatures", "should be a list"),
        (
            "table_1:\n  - security: Common Stock",
            "table_1: Common Stock\nx:\n  - security: Common Stock",
            "table_1",
            "should be a list",
        ),
        ('form: "4"', "form: [4]", "form", "is not allowed here"),
        ('cik: "0009100031"', "cik: {number: 1}", "issuer.cik", "CIK"),
        ("shares: 5,000", "shares: -5,000", "table_1[1].shares", "negative"),
        (
            "shares: 5,000",
            "shares: 12345678901234567890",
            "table_1[1].shares",
            "larger than EDGAR accepts",
        ),
        ("price: $21.37", "price: 1e400", "table_1[1].price", "not a number"),
        ("price: $21.37", "price: NaN", "table_1[1].price", "not a number"),
        (
            "transaction_date: 2025-08-12",
            "transaction_date: 2025-13-45",
            "table_1[1].transaction_date",
            "not a real calendar date",
        ),
        ("security: Common Stock", "security: " + "S" * 500, "table_1[1].security", "at most 60"),
        (
            "name: Lakeshore Community Bancorp, Inc.",
            "name: " + "N" * 5000,
            "issuer.name",
            "at most",
        ),
        ("rule_10b5_1_plan: false", "rule_10b5_1_plan: maybe", "rule_10b5_1_plan", "yes/no"),
        ("ownership: D", "ownership: 7", "table_1[1].ownership", "expected 'D' or 'I'"),
    ],
)
def test_wrong_types_ranges_and_lengths_are_located(capsys, tmp_path, old, new, where, expected):
    text = DRAFT.read_text()
    assert old in text
    path = _draft(tmp_path, "wrong.yaml", text.replace(old, new, 1))
    _draft_refused(capsys, tmp_path, path, where, expected)


def test_control_characters_and_latin1_in_a_draft_are_refused(capsys, tmp_path):
    path = _draft(tmp_path, "ctrl.yaml", DRAFT.read_text() + "remarks: a\x1b[31mb\n")
    code, text = _run(capsys, "build", str(path))
    assert code == 1 and "control character U+001B" in text and "(line 35)" in text
    path = tmp_path / "latin1.yaml"
    path.write_bytes(DRAFT.read_text().replace("Common Stock", "Caf\xe9 Stock").encode("latin-1"))
    code, text = _run(capsys, "build", str(path))
    assert code == 1 and "is not UTF-8" in text and str(path) in text


# --- no lost or half-written files ------------------------------------------------------------


def test_nothing_is_overwritten_without_force(capsys, tmp_path):
    target = tmp_path / "out.xml"
    target.write_text("earlier work")
    code, text = _run(capsys, "build", str(DRAFT), "-o", str(target))
    assert code == 1 and "already exists" in text and "--force" in text
    assert target.read_text() == "earlier work"
    draft = tmp_path / "draft.yaml"
    draft.write_text("earlier draft")
    sample = tmp_path / "sample.xml"
    sample.write_bytes(_sample())
    code, text = _run(capsys, "import", str(sample), "-o", str(draft))
    assert code == 1 and "already exists" in text
    assert draft.read_text() == "earlier draft"
    code, _ = _run(capsys, "build", str(DRAFT), "-o", str(target), "--force")
    assert code == 0 and target.read_text().startswith("<?xml")


def test_an_output_folder_that_cannot_be_made_is_a_sentence(capsys, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    drafts = [str(p) for p in sorted(EXAMPLES.glob("form4-*.yaml"))[:2]]
    sample = tmp_path / "sample.xml"
    sample.write_bytes(_sample())
    for args in (
        ["build", *drafts, "-o", str(blocker / "out")],
        ["import", str(sample), str(sample.with_name("x.xml")), "-o", str(blocker / "out")],
    ):
        if args[0] == "import":
            sample.with_name("x.xml").write_bytes(_sample())
        code, text = _run(capsys, *args)
        assert code == 1 and "cannot create the folder" in text and "a file is in the way" in text

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(Path, "mkdir", read_only)
    code, text = _run(capsys, "build", *drafts, "-o", str(tmp_path / "new"))
    assert code == 1 and "not writable" in text


def test_a_name_taken_while_writing_is_not_overwritten(tmp_path, monkeypatch):
    target = tmp_path / "race.xml"
    real_mkstemp = tempfile.mkstemp

    def mkstemp_then_someone_writes(*args, **kwargs):  # another program creates the file now
        made = real_mkstemp(*args, **kwargs)
        target.write_text("theirs")
        return made

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp_then_someone_writes)
    with pytest.raises(files.OutputError, match="already exists"):
        files.write_atomic(target, "ours", force=False)
    assert target.read_text() == "theirs"
    assert [p.name for p in tmp_path.iterdir()] == ["race.xml"]  # no temporary file left


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders anyway")
def test_a_read_only_folder_gives_a_sentence_and_keeps_earlier_files(capsys, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "earlier.xml").write_text("earlier")
    folder.chmod(0o555)
    try:
        code, text = _run(capsys, "build", str(DRAFT), "-o", str(folder / "new.xml"))
        assert code == 1 and "not writable" in text
        assert (folder / "earlier.xml").read_text() == "earlier"
        assert sorted(p.name for p in folder.iterdir()) == ["earlier.xml"]
    finally:
        folder.chmod(0o755)


@pytest.mark.parametrize(
    ("where", "number", "words"),
    [
        ("mkstemp", errno.EROFS, "not writable"),
        ("write", errno.ENOSPC, "the disk is full"),
        ("replace", errno.ENOSPC, "the disk is full"),
        ("link", errno.ENOSPC, "the disk is full"),
        ("replace", errno.EROFS, "not writable"),
    ],
)
def test_a_full_disk_or_read_only_file_system_leaves_earlier_files_intact(
    capsys, tmp_path, monkeypatch, where, number, words
):
    """Simulated (CI runs as root, where chmod does not stop writes)."""
    target = tmp_path / "out.xml"
    target.write_text("earlier work")
    force = where != "link"
    if not force:
        target.unlink()

    def fail(*args, **kwargs):
        raise OSError(number, os.strerror(number))

    if where == "mkstemp":
        monkeypatch.setattr(tempfile, "mkstemp", fail)
    elif where == "write":
        real_fdopen = os.fdopen

        class Full:
            def __init__(self, *args, **kwargs):
                self.stream = real_fdopen(*args, **kwargs)

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.stream.close()

            def write(self, data):
                self.stream.write(data[: len(data) // 2])
                fail()

        monkeypatch.setattr(os, "fdopen", Full)
    else:
        monkeypatch.setattr(os, where, fail)
    args = ["build", str(DRAFT), "-o", str(target)] + (["--force"] if force else [])
    code, text = _run(capsys, *args)
    assert code == 1 and words in text and str(target) in text
    if force:
        assert target.read_text() == "earlier work"
    else:
        assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == (["out.xml"] if force else [])


def test_a_ccc_from_the_environment_stays_private(capsys, tmp_path, monkeypatch):
    ccc = "Zq#8xW!3"
    monkeypatch.setenv("SEC16_CCC_0009200031", ccc)
    draft = tmp_path / "draft.yaml"
    draft.write_text(DRAFT.read_text())
    before = draft.read_bytes()
    target = tmp_path / "submission.xml"
    code, text = _run(capsys, "build", str(draft), "-o", str(target))
    assert code == 0
    assert "mode 0600" in text and "holds the CCC" in text
    assert target.stat().st_mode & 0o777 == 0o600
    assert f"<rptOwnerCcc>{ccc}</rptOwnerCcc>" in target.read_text()
    assert ccc not in text
    assert draft.read_bytes() == before  # never into the draft
    # Without a CCC the file is an ordinary one, and a record never holds one.
    record = tmp_path / "record.xml"
    code, text = _run(capsys, "build", str(draft), "-o", str(record), "--profile", "record")
    assert code == 0 and "0600" not in text and ccc not in record.read_text()
    # Checking and importing it back do not repeat it either.
    code, text = _run(capsys, "validate", str(target))
    assert ccc not in text
    code, text = _run(capsys, "import", str(target), "-o", str(tmp_path / "back.yaml"))
    assert ccc not in text and ccc not in (tmp_path / "back.yaml").read_text()


@pytest.mark.parametrize("wrong", ["Zq#8xW!", "Zq#8xW!3x", "Zq#8\x01W!3", "Zq#8 W!3"])
def test_a_wrong_ccc_is_refused_without_being_shown(capsys, tmp_path, monkeypatch, wrong):
    monkeypatch.setenv("SEC16_CCC_0009200031", wrong)
    target = tmp_path / "submission.xml"
    for args in (["build", str(DRAFT), "-o", str(target)], ["validate", str(DRAFT)]):
        code, text = _run(capsys, *args)
        assert code == 1 and "SEC16_CCC_0009200031" in text and "is not a CCC" in text
        assert wrong not in text and wrong.strip() not in text
    assert not target.exists()
