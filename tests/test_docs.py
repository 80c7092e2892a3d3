"""The docs are true: every example in README.md, docs/drafts.md and docs/cli.md runs as written.

**The convention** (for whoever writes these files). Each fenced block ```yaml, ```sh or
```console is an example that this test runs; a ```json block is an output shown in the prose
and must parse as JSON; a fence without a language, or with another one, fails the test (say
what the block is). An HTML comment on the line just before the fence,
``<!-- docs-test: WORD, WORD, ... -->``, says what the block is and what must come of it:

YAML blocks

- no comment: a complete draft. ``sec16 build`` builds it (exit 0).
- ``fragment``: some top-level keys of a draft. Placed in ``MINIMAL`` below (its own keys
  replace the minimal draft's), the draft loads.
- ``row fragment``: keys of a Table I row. Placed over ``MINIMAL``'s one transaction row, the
  draft loads.
- ``builds``: besides, ``sec16 build`` builds the draft (exit 0).
- ``refused "TEXT"``: instead, ``sec16 build`` refuses the draft (exit 1) and its output holds
  TEXT (a key path, a rule id or words of the message).

Command blocks run with bash in a fresh temporary folder holding a copy of the repository's
``examples/`` and, in ``archive/``, the real filings of ``../shared/samples/real``; ``sec16``
is this environment's, no ``SEC16_*`` variable is set and ``HOME`` is empty.

- ``sh``: the block is one script (``set -eo pipefail``); it exits 0 unless ``exit N``.
- ``console``: each line starting with ``$`` is a command; the lines after it, up to the next
  command, are lines it prints (on standard output or error, in any order), ``…`` standing for
  any text. Every command but the last exits 0; the last exits 0, or N with ``exit N``.
- ``output "LINE"``: a line the block prints, as above.
- ``twice``: the block runs twice in a row in the same folder, and succeeds both times.
- ``in a copy of the repository``: the block runs in a copy of the repository (without
  ``tests/``, virtual environments and caches) instead; such a block is marked slow.

Any block: ``not run: REASON`` leaves it out; the test reports it as skipped with REASON, so
nothing is left out silently.

Below the examples, the statements corrected in issue 16 are checked against the code.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES, REPO, SAMPLES

from generator.formats.draft import load_draft, parse_yaml
from generator.support.errors import DraftError

DOCS = [REPO / "README.md", REPO / "docs" / "drafts.md", REPO / "docs" / "cli.md"]
BIN = Path(sys.executable).parent

#: A Table I transaction: ``row fragment`` blocks are placed over it.
ROW = {
    "security": "Common Stock",
    "transaction_date": "2026-03-02",
    "code": "P",
    "shares": "1,000",
    "price": "12.50",
    "acquired_disposed": "A",
    "owned_following": "21,000",
    "ownership": "D",
}
#: The smallest Form 4 that builds: ``fragment`` blocks are placed in it.
MINIMAL = {
    "form": "4",
    "period_of_report": "2026-03-02",
    "issuer": {"cik": "0001234567", "ticker": "ACME"},
    "reporting_owners": [{"cik": "0007654321", "relationship": {"director": True}}],
    "rule_10b5_1_plan": False,
    "table_1": [ROW],
    "signatures": [{"name": "Jane Q. Public", "date": "2026-03-03"}],
}

_FENCE = re.compile(r"^(\s*)```(\S*)\s*$")
_MARKER = re.compile(r"^\s*<!--\s*docs-test:\s*(.*?)\s*-->\s*$")
_QUOTED = re.compile(r'^(refused|output)\s+"(.*)"$')
_EXIT = re.compile(r"^exit\s+(\d+)$")
_WORDS = {"fragment", "row fragment", "builds", "twice", "in a copy of the repository"}


@dataclass
class Block:
    """One fenced block of a document, and what its marker says about it."""

    doc: str
    line: int
    language: str
    text: str
    words: set[str] = field(default_factory=set)
    refused: list[str] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)
    status: int = 0
    skip: str | None = None

    @property
    def id(self) -> str:
        return f"{self.doc}:{self.line}:{self.language}"


def _marker(block: Block, marker: str) -> None:
    """Read ``WORD, WORD, ...`` of a ``docs-test`` comment into ``block``."""
    if marker.startswith("not run:"):
        block.skip = marker.removeprefix("not run:").strip()
        assert block.skip, f"{block.id}: `not run:` needs a reason"
        return
    # Commas inside quotes belong to the quoted text.
    for word in (w.strip() for w in re.findall(r'(?:[^,"]|"[^"]*")+', marker)):
        if quoted := _QUOTED.match(word):
            (block.refused if quoted[1] == "refused" else block.outputs).append(quoted[2])
        elif status := _EXIT.match(word):
            block.status = int(status[1])
        elif word in _WORDS:
            block.words.add(word)
        else:
            raise AssertionError(f"{block.id}: unknown docs-test word {word!r}")


def blocks(path: Path) -> list[Block]:
    """Every fenced block of a Markdown file, with its marker read."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found, index = [], 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        if not opening:
            index += 1
            continue
        end = index + 1
        while not _FENCE.match(lines[end]):
            end += 1
        block = Block(
            str(path.relative_to(REPO)),
            index + 1,
            opening[2],
            textwrap.dedent("\n".join(lines[index + 1 : end])) + "\n",
        )
        if index and (marker := _MARKER.match(lines[index - 1])):
            _marker(block, marker[1])
        found.append(block)
        index = end + 1
    return found


ALL = [block for doc in DOCS for block in blocks(doc)]


def _params(*languages: str) -> list[object]:
    chosen = [b for b in ALL if b.language in languages]
    return [
        pytest.param(
            b,
            id=b.id,
            marks=[pytest.mark.slow] if "in a copy of the repository" in b.words else [],
        )
        for b in chosen
    ]


def test_every_block_says_what_it_is():
    unknown = [b.id for b in ALL if b.language not in ("yaml", "sh", "console", "json")]
    assert unknown == []
    assert len([b for b in ALL if b.language == "yaml"]) >= 10
    assert len([b for b in ALL if b.language in ("sh", "console")]) >= 6


# --- running the examples -----------------------------------------------------------------------


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A temporary folder with ``examples/`` and ``archive/`` (the real filings)."""
    work = tmp_path / "work"
    shutil.copytree(EXAMPLES, work / "examples")
    archive = work / "archive"
    archive.mkdir()
    for sample in SAMPLES:
        assert not (archive / sample.name).exists(), f"two samples named {sample.name}"
        shutil.copy(sample, archive / sample.name)
    return work


def _environment(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SEC16_")}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env["HOME"] = str(home)
    home.mkdir(exist_ok=True)
    return env


def _run(script: str, cwd: Path, env: dict[str, str], timeout: int = 600) -> tuple[int, str]:
    result = subprocess.run(
        ["bash", "-o", "pipefail", "-c", script],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return result.returncode, result.stdout + result.stderr


def _printed(expected: str, output: str) -> bool:
    """Whether ``expected`` is a line of ``output``, ``…`` matching any text."""
    pattern = re.compile(".*".join(re.escape(part) for part in expected.split("…")))
    return any(pattern.fullmatch(line.rstrip()) for line in output.splitlines())


def _skip_if_marked(block: Block) -> None:
    if block.skip is not None:
        pytest.skip(f"{block.id}: {block.skip}")


@pytest.mark.parametrize("block", _params("sh", "console"))
def test_command_example(block: Block, folder: Path, tmp_path: Path):
    _skip_if_marked(block)
    where = folder
    if "in a copy of the repository" in block.words:
        where = tmp_path / "repository"
        shutil.copytree(
            REPO,
            where,
            ignore=shutil.ignore_patterns(
                ".git", ".venv", "tests", "__pycache__", "*.egg-info", "build", "dist", "*.so",
                ".mypy_cache", ".ruff_cache", ".pytest_cache",
            ),
        )  # fmt: skip
    env = _environment(tmp_path / "home")
    for run in range(2 if "twice" in block.words else 1):
        said = f"{block.id} (run {run + 1})"
        if block.language == "console":
            output = _run_console(block, where, env, said)
        else:
            status, output = _run("set -e\n" + block.text, where, env)
            assert status == block.status, f"{said}: exit {status}\n{output}"
        for line in block.outputs:
            assert _printed(line, output), f"{said}: no line {line!r} in\n{output}"


def _run_console(block: Block, where: Path, env: dict[str, str], said: str) -> str:
    """Run a console block's commands in turn; check each one's documented lines."""
    steps: list[tuple[str, list[str]]] = []
    for line in block.text.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], []))
        elif line.strip():
            assert steps, f"{said}: output before the first command: {line!r}"
            steps[-1][1].append(line)
    assert steps, f"{said}: a console block without a command"
    everything = ""
    for number, (command, expected) in enumerate(steps, 1):
        status, output = _run(command, where, env)
        everything += output
        wanted = block.status if number == len(steps) else 0
        assert status == wanted, f"{said}: `{command}` exit {status}\n{output}"
        for line in expected:
            assert _printed(line, output), f"{said}: `{command}` printed no {line!r}:\n{output}"
    return everything


def _placed(block: Block) -> str:
    """A YAML block as the draft the test builds: whole, or placed in the minimal draft."""
    if not block.words & {"fragment", "row fragment"}:
        return block.text
    try:
        keys = set(parse_yaml(block.text, block.id)[0])
    except DraftError:
        assert not [
            line for line in block.text.splitlines() if line.strip() and not line.startswith("#")
        ], f"{block.id}: the fragment does not read as YAML keys"
        keys = set()  # comments only
    if "row fragment" in block.words:
        row = {key: value for key, value in ROW.items() if key not in keys}
        rest = {key: value for key, value in MINIMAL.items() if key != "table_1"}
        item = textwrap.indent(yaml.safe_dump(row, sort_keys=False) + block.text, "    ")
        return yaml.safe_dump(rest, sort_keys=False) + "table_1:\n  -\n" + item
    rest = {key: value for key, value in MINIMAL.items() if key not in keys}
    return yaml.safe_dump(rest, sort_keys=False) + block.text


@pytest.mark.parametrize("block", _params("yaml"))
def test_yaml_example(block: Block, tmp_path: Path):
    _skip_if_marked(block)
    assert not block.outputs and block.status == 0, f"{block.id}: no output or exit for YAML"
    draft = tmp_path / "draft.yaml"
    draft.write_text(_placed(block), encoding="utf-8")
    env = _environment(tmp_path / "home")
    fragment = bool(block.words & {"fragment", "row fragment"})
    if fragment and not block.refused:
        load_draft(draft)  # raises DraftError, with every problem, when it does not load
        if "builds" not in block.words:
            return
    status, output = _run("sec16 build draft.yaml -o draft.xml", tmp_path, env)
    if block.refused:
        assert status == 1, f"{block.id}: built, though the docs say it is refused\n{output}"
        for text in block.refused:
            assert text in output, f"{block.id}: the refusal does not say {text!r}\n{output}"
    else:
        assert status == 0, f"{block.id}: not built\n{output}"
        assert (tmp_path / "draft.xml").exists()


@pytest.mark.parametrize("block", _params("json"))
def test_json_shown_is_json(block: Block):
    _skip_if_marked(block)
    json.loads(block.text)


# --- statements corrected in issue 16 -------------------------------------------------------------


def _doc(name: str) -> str:
    return " ".join((REPO / name).read_text(encoding="utf-8").split())


def test_norway_is_q8_and_no_is_not_a_country_code():
    from generator.model import codes

    assert codes.COUNTRIES["Q8"] == codes.CURRENT_COUNTRIES["Q8"] == "NORWAY"
    assert "NO" not in codes.COUNTRIES and "NO" not in codes.CURRENT_COUNTRIES
    assert "Norway is `Q8`" in _doc("docs/drafts.md")
    assert "stays Norway" not in _doc("docs/drafts.md")


def test_footnotes_are_at_most_1000_characters(tmp_path: Path):
    """The docs say 1,000 and an error; a draft with a longer footnote is not built."""
    assert "at most 1,000 characters" in _doc("docs/drafts.md")
    assert "10,000 characters" not in _doc("docs/drafts.md")
    env = _environment(tmp_path / "home")
    for length, status in ((1000, 0), (1001, 1)):
        draft = dict(MINIMAL, footnotes={"F1": "x" * length})
        draft["table_1"] = [dict(ROW, price={"value": "12.50", "footnotes": ["F1"]})]
        (tmp_path / "draft.yaml").write_text(yaml.safe_dump(draft), encoding="utf-8")
        found, output = _run("sec16 build --force draft.yaml", tmp_path, env)
        assert found == status, output
        assert ("footnote-too-long" in output) == bool(status), output


def test_debug_is_taken_before_and_after_the_command(monkeypatch: pytest.MonkeyPatch):
    from generator import cli

    sample = str(EXAMPLES / "form4-open-market-purchase.xml")
    parser = cli.make_parser()
    assert parser.parse_args(["--debug", "validate", sample]).debug is True
    assert parser.parse_args(["validate", "--debug", sample]).debug is True
    assert parser.parse_args(["validate", sample, "--debug"]).debug is True
    assert parser.parse_args(["validate", sample]).debug is False

    def broken(args: object) -> int:
        raise RuntimeError("a bug")

    monkeypatch.setattr(cli, "cmd_schema", broken)
    assert cli.main(["schema"]) == 1  # the funnel: a sentence, no traceback
    for argv in (["--debug", "schema"], ["schema", "--debug"]):
        with pytest.raises(RuntimeError, match="a bug"):
            cli.main(argv)


def test_the_editor_schema_takes_plain_columns_and_booleans_only(
    capsys: pytest.CaptureFixture[str],
):
    """drafts.md: plain column values are fine for an editor; `director: yes`, which a YAML 1.2
    editor reads as text, is not."""
    import jsonschema

    from generator.cli import main

    assert main(["schema"]) == 0
    validator = jsonschema.Draft202012Validator(json.loads(capsys.readouterr().out))

    def errors(relationship: object, price: object) -> list[str]:
        row = dict(ROW, price=price)
        owner = {"cik": "0007654321", "relationship": relationship}
        data = dict(MINIMAL, table_1=[row], reporting_owners=[owner])
        return [e.message for e in validator.iter_errors(data)]

    assert errors({"director": True}, "21.37") == []
    assert errors({"director": True}, 21.37) == []
    assert errors({"director": True}, {"value": "21.37", "footnotes": ["F1"]}) == []
    assert errors({"director": "yes"}, "21.37") != []
    assert "Known limitation" not in _doc("docs/drafts.md")


def test_repackaging_says_what_is_kept():
    kept = "a submission `.xml` to package again, which keeps its supporting documents, contact"
    assert kept in _doc("docs/cli.md")
