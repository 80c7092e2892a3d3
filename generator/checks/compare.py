"""Would EDGAR show a rebuilt filing exactly as it shows the original?

``sec16 compare ORIGINAL REBUILT`` checks a record rebuild (``import`` then ``build --profile
record``) against the filing it came from, on a user's own archive. A record must reproduce its
original, so the comparison is strict about everything the SEC's stylesheets would show
differently (``shared/sec/ownership-spec-v5.5/stylesheets``):

* every text as written, and every number as EDGAR shows it on the document's form
  (``values.edgar_shows``): on a Form 4 or 5 ``223.2`` and ``223.20`` are different, because
  the ``value`` template pads one decimal (``format-number`` shows ``223.20`` and ``223.2``);
  ``.49`` and ``0.49``, or ``17500.00`` and ``17500``, are the same number shown alike
  (``0.49``, ``17,500``), so they are no difference, and so are ``223.2`` and ``223.20`` on a
  Form 3, whose template never pads;
* every element, empty ones too: the stylesheets read the first ``rptOwnerStreet2`` of the
  document for the first owner, so when an empty one is dropped the next owner's second street
  line is shown under the first owner's street;
* ``schemaVersion``, attributes (footnote ids) and the order of elements.

Only what the stylesheets or EDGAR itself make equal is ignored: whitespace around a text (the
rendered page collapses it), ``1``/``true`` and ``0``/``false`` (the same answer; sec16 always
writes ``1``/``0``, reported as a note, never as a difference), and a time-zone suffix on a date
(``2021-09-30-05:00``, which EDGAR writes itself). Nothing is "upgraded" on one side before
comparing: a difference the importer would explain is still a difference.

Each difference is named by its place as ``validate`` names a problem's location (lxml's
XPath: ``[n]`` only where the element's own document repeats it; ``.../@id`` for an attribute).
A CCC (``rptOwnerCcc``) is a filing secret: no message ever contains one.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from difflib import SequenceMatcher
from typing import NamedTuple

from lxml import etree

from generator.model.values import edgar_shows

#: Elements of type xs:boolean (every schema version sec16 reads).
_BOOLEAN_TAGS = (
    "noSecuritiesOwned", "notSubjectToSection16", "form3HoldingsReported",
    "form4TransactionsReported", "aff10b5One", "isDirector", "isOfficer", "isTenPercentOwner",
    "isOther", "rptOwnerNonUSAddressFlag", "rptOwnerGoodAddress", "equitySwapInvolved",
)  # fmt: skip
_BOOLEAN_SPELLINGS = {"1": "1", "true": "1", "0": "0", "false": "0"}
#: XML whitespace only: a no-break space is not collapsed by the stylesheet.
_XML_SPACE = " \t\r\n"
#: A number as XPath's number() reads it: no sign but minus, no exponent.
_NUMBER = re.compile(r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_DATE_TZ = re.compile(r"(\d{4}-\d{2}-\d{2})(?:Z|[+-]\d{2}:\d{2})")
_CCC_TAG = "rptOwnerCcc"
_CCC = "(a CCC)"
#: A text longer than this is quoted only around its first difference.
_LONG = 80
_CONTEXT = 30


@dataclass(frozen=True)
class _Node:
    """One element reduced to what EDGAR would show of it; equal nodes show the same."""

    tag: str
    attributes: tuple[tuple[str, str], ...]
    text: str
    children: tuple[_Node, ...]
    #: The text as written (stripped), for messages only: ``true`` stays ``true`` there.
    written: str = field(compare=False)
    #: A number as EDGAR shows it on this form ("nothing" when it shows none), for messages;
    #: "" for any other text.
    shown: str = field(default="", compare=False)


class Difference(NamedTuple):
    """One difference: where it is, and a sentence saying what differs (never a CCC)."""

    #: The element (or ``.../@attribute``) as ``validate`` names a place: lxml's XPath of it in
    #: the original, or in the rebuilt when only the rebuilt has it; ``[n]`` only where the
    #: element's parent has several of that name. None for a finding about a whole file.
    location: str | None
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


@dataclass(frozen=True)
class Comparison:
    """What differs between two documents, and what is worth saying but is no difference."""

    found: list[Difference]
    notes: list[str]
    #: False when a file could not be read, so nothing was compared (``found`` says why).
    compared: bool = True

    @property
    def differences(self) -> list[str]:
        """Each difference as one line, ``PATH: sentence``."""
        return [str(difference) for difference in self.found]


def compare(original: etree._Element, rebuilt: etree._Element, limit: int = 10) -> Comparison:
    """Compare two ownership documents as EDGAR would show them (at most ``limit`` differences)."""
    found: list[Difference] = []
    left, right = _canonical(original, _form_of(original)), _canonical(rebuilt, _form_of(rebuilt))
    _diff_node(left, right, (f"/{left.tag}", f"/{right.tag}"), found, limit)
    notes = []
    original_spelling, rebuilt_spelling = _boolean_spelling(original), _boolean_spelling(rebuilt)
    if original_spelling and rebuilt_spelling and original_spelling != rebuilt_spelling:
        notes.append(
            f"the original writes yes/no answers as {original_spelling}, the rebuilt as "
            f"{rebuilt_spelling}: the same answers, not counted as a difference"
        )
    return Comparison(found, notes)


def differences(original: etree._Element, rebuilt: etree._Element, limit: int = 10) -> list[str]:
    """Human-readable differences between two ownership documents (empty when the same)."""
    return compare(original, rebuilt, limit).differences


def _canonical(element: etree._Element, form: str) -> _Node:
    tag = str(element.tag)
    elements = [child for child in element if isinstance(child.tag, str)]  # no comments, PIs
    # A leaf's text is all of its text (around comments too); a parent's own text is layout.
    raw = "".join(str(t) for t in element.itertext()) if not elements else (element.text or "")
    written = raw.strip(_XML_SPACE)
    text, shown = written, ""
    if tag in _BOOLEAN_TAGS:
        text = _BOOLEAN_SPELLINGS.get(written, written)
    elif date := _DATE_TZ.fullmatch(written):
        text = date.group(1)
    elif tag == "value" and _NUMBER.fullmatch(written):
        # The same number shown alike is the same to every reader (.49 and 0.49).
        shown = edgar_shows(written, form) or "nothing"
        text = f"{Decimal(written).normalize()} shown {shown}"
    attributes = tuple(sorted((str(k), str(v)) for k, v in element.attrib.items()))
    children = tuple(_canonical(child, form) for child in elements)
    return _Node(tag, attributes, text, children, written, shown)


def _form_of(root: etree._Element) -> str:
    """The form whose stylesheet shows a document ("3", "4" or "5", an amendment as its form):
    its documentType; a Form 4's when it has none sec16 knows."""
    form = (root.findtext("documentType") or "").strip().removesuffix("/A")
    return form if form in ("3", "4", "5") else "4"


def _boolean_spelling(root: etree._Element) -> str | None:
    """``true/false`` when any yes/no answer is spelled so, ``1/0`` when none is, else None."""
    spellings = {(e.text or "").strip(_XML_SPACE) for e in root.iter(*_BOOLEAN_TAGS)}
    if spellings & {"true", "false"}:
        return "true/false"
    return "1/0" if spellings & {"1", "0"} else None


#: Where an element is in each document: (its path in the original, in the rebuilt).
_Paths = tuple[str, str]


def _diff_node(
    left: _Node, right: _Node, paths: _Paths, found: list[Difference], limit: int
) -> None:
    """Report how two elements at the same place differ, then walk their children."""
    if len(found) >= limit or left == right:
        return
    path = paths[0]  # both sides have it: named as in the original
    if left.tag != right.tag:
        found.append(
            Difference(
                path,
                f"the original has {_describe(left)}, the rebuilt has {_describe(right)} "
                "in its place",
            )
        )
        return
    if left.attributes != right.attributes:
        for name, sentence in _attribute_differences(left, right):
            if len(found) < limit:
                found.append(Difference(f"{path}/@{name}", sentence))
    if left.text != right.text and len(found) < limit:
        found.append(Difference(path, _text_difference(left, right)))
    _diff_children(left.children, right.children, paths, found, limit)


def _diff_children(
    left: tuple[_Node, ...],
    right: tuple[_Node, ...],
    paths: _Paths,
    found: list[Difference],
    limit: int,
) -> None:
    """Align two lists of children so one element missing is one difference, not a cascade.

    Identical children are matched first; within what is left, children of the same tag are
    paired in order and compared, and the rest is present on one side only.
    """
    left_names, right_names = _names(left), _names(right)
    # The common head and tail first: rows repeated word for word would otherwise let the
    # matcher align a long run against its shifted copy and report a block moved.
    head = 0
    while head < min(len(left), len(right)) and left[head] == right[head]:
        head += 1
    tail = 0
    while tail < min(len(left), len(right)) - head and left[-1 - tail] == right[-1 - tail]:
        tail += 1
    middle = SequenceMatcher(
        None, left[head : len(left) - tail], right[head : len(right) - tail], autojunk=False
    )
    for operation, i1, i2, j1, j2 in middle.get_opcodes():
        if operation == "equal":
            continue
        i1, i2, j1, j2 = i1 + head, i2 + head, j1 + head, j2 + head
        by_tag = SequenceMatcher(
            None, [n.tag for n in left[i1:i2]], [n.tag for n in right[j1:j2]], autojunk=False
        )
        for sub, a1, a2, b1, b2 in by_tag.get_opcodes():
            lefts, rights = range(i1 + a1, i1 + a2), range(j1 + b1, j1 + b2)
            paired = list(zip(lefts, rights, strict=False)) if sub in ("equal", "replace") else []
            for i, j in paired:
                child_paths = (f"{paths[0]}/{left_names[i]}", f"{paths[1]}/{right_names[j]}")
                _diff_node(left[i], right[j], child_paths, found, limit)
            for i in lefts[len(paired) :]:
                if len(found) < limit:
                    found.append(
                        Difference(
                            f"{paths[0]}/{left_names[i]}",
                            f"the original has {_describe(left[i])}, the rebuilt has none",
                        )
                    )
            for j in rights[len(paired) :]:
                if len(found) < limit:
                    found.append(
                        Difference(
                            f"{paths[1]}/{right_names[j]}",
                            f"the rebuilt has {_describe(right[j])}, the original has none",
                        )
                    )


def _names(side: tuple[_Node, ...]) -> list[str]:
    """Path steps of one document's children, as lxml's ``getpath`` writes them (and so
    ``validate``): ``tag``, or ``tag[n]`` when the parent has more than one of that tag."""
    repeated = {tag for tag, count in Counter(n.tag for n in side).items() if count > 1}
    seen: Counter[str] = Counter()
    names = []
    for node in side:
        seen[node.tag] += 1
        names.append(f"{node.tag}[{seen[node.tag]}]" if node.tag in repeated else node.tag)
    return names


def _describe(node: _Node) -> str:
    """An element in a few words, its text quoted (a CCC never), for 'the original has ...'."""
    attributes = "".join(f' {name}="{value}"' for name, value in node.attributes)
    if node.children:
        count = len(node.children)
        return f"<{node.tag}{attributes}> with {count} element{'s' if count > 1 else ''}"
    if node.written:
        return f"<{node.tag}{attributes}> {_quote(node, node.written)}"
    return f"<{node.tag}{attributes}>" if attributes else f"an empty <{node.tag}>"


def _quote(node: _Node, text: str) -> str:
    return _CCC if node.tag == _CCC_TAG else f'"{text}"'


def _attribute_differences(left: _Node, right: _Node) -> list[tuple[str, str]]:
    """Each attribute that differs, with a sentence showing it on both sides."""
    before, after = dict(left.attributes), dict(right.attributes)
    found = []
    for name in sorted(before.keys() | after.keys()):
        if before.get(name) != after.get(name):
            was = f'{name}="{before[name]}"' if name in before else f"no {name}"
            now = f'{name}="{after[name]}"' if name in after else f"no {name}"
            found.append((name, f"the original has {was}, the rebuilt has {now}"))
    return found


def _text_difference(left: _Node, right: _Node) -> str:
    """One sentence on how two texts of the same element differ (the CCC never shown)."""
    was, now = left.written, right.written
    if left.tag == _CCC_TAG and was and now:
        return f"the original has {_CCC}, the rebuilt has a different one"
    if not was or not now:
        original = _quote(left, was) if was else "it empty"
        rebuilt = _quote(right, now) if now else "it empty"
        return f"the original has {original}, the rebuilt has {rebuilt}"
    if _NUMBER.fullmatch(was) and _NUMBER.fullmatch(now) and Decimal(was) == Decimal(now):
        shown_was, shown_now = left.shown or was, right.shown or now
        return f"{was} is written {now} in the rebuilt: EDGAR shows {shown_was} and {shown_now}"
    was, now = _excerpts(was, now)
    return f'the original has "{was}", the rebuilt has "{now}"'


def _excerpts(was: str, now: str) -> tuple[str, str]:
    """Two long texts quoted around where they first differ (short ones whole)."""
    if max(len(was), len(now)) <= _LONG:
        return was, now
    start = 0
    while start < min(len(was), len(now)) and was[start] == now[start]:
        start += 1
    begin = max(0, start - _CONTEXT)

    def cut(text: str) -> str:
        end = start + _CONTEXT
        return ("…" if begin else "") + text[begin:end] + ("…" if end < len(text) else "")

    return cut(was), cut(now)
