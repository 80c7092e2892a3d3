"""Every finding of ``sec16 validate`` on real filings and mutations of them, for comparing
two versions of the code: a speed change must not change a single finding.

The real samples (../shared/samples/real) and MUTATIONS mutated copies of each (elements
deleted, duplicated, swapped or given other values, footnote references added, relationship
boxes flipped, processing instructions added; the same ones on every run) are checked in this
process with both profiles, two ``--as-of`` moments, and ``--previous`` for every seventh file.
Each report is written as one JSON line.

    python benchmarks/rule_outputs.py OUT.jsonl [--mutations 30]
    (git stash; python benchmarks/rule_outputs.py BEFORE.jsonl; git stash pop)
    cmp BEFORE.jsonl OUT.jsonl
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import tempfile
from pathlib import Path

from lxml import etree

REPO = Path(__file__).resolve().parents[1]
SAMPLES = sorted((REPO.parent / "shared" / "samples" / "real").glob("*/*.xml"))
ROWS = ("nonDerivativeTransaction", "derivativeTransaction", "nonDerivativeHolding")
BOXES = ("isDirector", "isOfficer", "isTenPercentOwner", "isOther", "notSubjectToSection16")
ODD_VALUES = (
    *("", " ", "0", "-5", "1", "true", "false", "K", "V", "S", "P", "A", "D", "I", "E", "L"),
    *("2099-01-01", "1900-01-01", "2020-02-29", "9999-12-31", "x", "5", "4", "F1", "F99"),
    "adopted on 2020-01-01",
)


def _elements(root: etree._Element) -> list[etree._Element]:
    return [e for e in root.iter() if isinstance(e.tag, str) and e is not root]


def _values_by_tag(trees: list[etree._ElementTree]) -> dict[str, list[str]]:
    found: dict[str, set[str]] = {}
    for tree in trees:
        for element in _elements(tree.getroot()):
            if element.text and element.text.strip() and not len(element):
                found.setdefault(str(element.tag), set()).add(element.text)
    return {tag: sorted(values) for tag, values in found.items()}


def mutate(tree: etree._ElementTree, rng: random.Random, values: dict[str, list[str]]) -> None:
    """One to four random changes of the kinds the rules look at."""
    root = tree.getroot()
    for _ in range(rng.randint(1, 4)):
        elements = _elements(root)
        if not elements:
            return
        element = rng.choice(elements)
        parent = element.getparent()
        assert parent is not None
        kind = rng.random()
        if kind < 0.35 and not len(element):
            element.text = rng.choice(values.get(str(element.tag), []) + list(ODD_VALUES))
        elif kind < 0.5:
            parent.remove(element)
        elif kind < 0.65:
            parent.insert(parent.index(element), copy.deepcopy(element))
        elif kind < 0.75:
            other = rng.choice(elements)
            other_parent = other.getparent()
            related = other in element.iterancestors() or element in other.iterancestors()
            if other is not element and other_parent is not None and not related:
                here, there = parent.index(element), other_parent.index(other)
                parent.remove(element)
                other_parent.remove(other)
                other_parent.insert(there, element)
                parent.insert(here, other)
        elif kind < 0.82:
            reference = etree.SubElement(element, "footnoteId")
            reference.set("id", rng.choice(["F1", "F2", "F3", "F9"]))
        elif kind < 0.86:
            rows = list(root.iter(*ROWS))
            if rows:
                row = rng.choice(rows)
                row.getparent().append(copy.deepcopy(row))  # type: ignore[union-attr]
        elif kind < 0.9:
            element.text = (element.text or "") if len(element) else rng.choice(ODD_VALUES)
        elif kind < 0.95:
            for box in root.iter(*BOXES, "aff10b5One"):
                if rng.random() < 0.5:
                    box.text = rng.choice(["0", "1", "true", "false"])
        elif rng.random() < 0.3:
            root.addprevious(etree.ProcessingInstruction("xml-stylesheet", 'href="x.xsl"'))
        else:
            element.set("id", "F1")


def write_files(folder: Path, mutations: int) -> list[Path]:
    rng = random.Random(20261125)
    trees = [etree.parse(str(path)) for path in SAMPLES]
    values = _values_by_tag(trees)
    files = []
    for number, path in enumerate(SAMPLES):
        target = folder / f"orig-{number:03d}-{path.name}"
        target.write_bytes(path.read_bytes())
        files.append(target)
    for round_ in range(mutations):
        for number, tree in enumerate(trees):
            changed = copy.deepcopy(tree)
            mutate(changed, rng, values)
            target = folder / f"mut-{round_:02d}-{number:03d}.xml"
            target.write_bytes(etree.tostring(changed, xml_declaration=True, encoding="UTF-8"))
            files.append(target)
    return sorted(files)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="where to write the JSON lines")
    parser.add_argument("--mutations", type=int, default=30, help="mutated copies of a sample")
    args = parser.parse_args()
    from generator.checks.deadlines import parse_as_of
    from generator.pipeline.validate import check_path, read_previous

    out_path = args.out.resolve()
    with tempfile.TemporaryDirectory(prefix="sec16-outputs-") as name:
        os.chdir(name)  # files are named relative to it: messages do not name the folder
        files = [Path(path.name) for path in write_files(Path(name), args.mutations)]
        previous = read_previous(files[len(files) // 2])
        with out_path.open("w", encoding="utf-8") as out:
            for profile in ("submission", "record"):
                for moment in ("2026-11-25T23:30", "2014-01-10"):
                    as_of = parse_as_of(moment)
                    for number, path in enumerate(files):
                        before = previous if number % 7 == 0 else None
                        report = check_path(path, profile, as_of, before).as_json()
                        line = [path.name, profile, moment, report]
                        out.write(json.dumps(line, ensure_ascii=False) + "\n")
        os.chdir(REPO)  # out of the folder before it goes
    print(f"{args.out}: {len(files)} files x 4 settings")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
