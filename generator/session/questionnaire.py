"""The guided session: runs the questions of ``questions.py`` in the terminal.

Lists (a choice, boxes to tick, a state or country) are ``picklist``s; text and yes/no
questions are questionary's.

The session's state is the draft itself, the plain dict that ``generator.formats.draft`` loads,
and it is written (atomically, by the draft's own writer ``dump_draft``) after every answer and
on Ctrl-C, so that nothing typed is ever lost. A partly answered draft need not be a valid
filing yet: it is only validated as a Filing on the review screen at the end. An optional answer
left empty is saved as ``null``, so that the key records that the question was answered. One
comment line in the draft, ``# sec16-session: next <question>``, says where the session stopped
(``drafts.py``); the loader ignores it.

``sec16 new --book`` gives the session what a book of the reporting person's filings proposes
(``domain.BookChoice``, ``domain.FromBook``, read by the command): whose filing it is, then the
answers of the person's last filing (taken without asking when the filer says so, else each
proposed as the question's default), each row's amount owned following from the book's figure,
and the footnotes used before. A proposal is a default: the draft holds only what was answered.

Ctrl-C (questionary's ``unsafe_ask`` lets it through) saves the draft and raises
``SessionInterrupted``; ``sec16 edit`` resumes at the question that was open (a draft that does
not say: where ``resume.resume_point`` finds the first question left), or, on a finished draft,
offers the review screen and a list of sections and rows to change.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import textwrap
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from generator.model.codes import code_of
from generator.session import amending
from generator.session import footnotes as fn
from generator.session.amending import AMEND, Amends
from generator.session.answers import (
    Answers,
    Choice,
    Scope,
    noted,
    notes_of,
    plain,
    row_kind,
    table_choices,
    us_date,
)
from generator.session.domain import (
    BookChoice,
    FromBook,
    Proposed,
    book_item,
    footnote_text_check,
    keys_of_other_forms,
    power_of_attorney,
)
from generator.session.drafts import (
    draft_stem,
    read_amends,
    read_answered,
    renumbered,
    session_notes,
    tidy,
)
from generator.session.drafts import read_session as read_session  # for `sec16 edit`
from generator.session.drafts import unused_path as unused_path  # for `sec16 new`
from generator.session.questions import (
    FOOTNOTE_TEXT,
    FORM,
    GROUPS,
    REVIEW,
    SECTIONS,
    FootnoteTexts,
    Gate,
    Group,
    Offer,
    Question,
    Section,
    Step,
    Target,
    form_choices,
    is_date,
    step_id,
    target_of,
)
from generator.session.resume import asked_again, has_answer, resume_point
from generator.support.errors import Sec16Error, UsageError
from generator.support.files import write_atomic

if TYPE_CHECKING:
    from generator.pipeline.build import Built

NEEDS_TERMINAL = "sec16 {command} needs a terminal; write a draft and use `sec16 build DRAFT.yaml`"
_FOOTNOTE_SUFFIX = re.compile(r"^(.*?)\s*\[\s*([A-Za-z]?\d+(?:[\s,]+[A-Za-z]?\d+)*)\s*\]\s*$", re.S)
#: Problems no answer of the session can fix (the CCC is given at build time, never asked).
NOT_ANSWERED_HERE = frozenset({"ccc-missing"})
#: The sections a book's last filing answers, filled in from it when the filer says so.
FILLED_FROM_BOOK = ("reporting_owners", "issuer", "signatures")


class SessionInterrupted(Sec16Error):
    """Ctrl-C during a session: the draft is saved and can be resumed."""

    exit_code = 130

    def __init__(self, draft: Path) -> None:
        self.draft = draft
        super().__init__(f"Saved {draft}; resume with: sec16 edit {draft}")


@dataclass
class Outcome:
    """How a session ended: the draft, and the XML if one was written."""

    draft: Path
    xml: Path | None = None
    valid: bool = False
    messages: list[str] = field(default_factory=list)


# --- the terminal ------------------------------------------------------------------------------


def require_terminal(command: str) -> None:
    """Refuse to start without a terminal (or input injected by a test through prompt_toolkit)."""
    try:
        interactive = sys.stdin is not None and sys.stdin.isatty()
    except (ValueError, OSError):
        interactive = False
    if interactive:
        return
    from prompt_toolkit.application.current import get_app_session

    if getattr(get_app_session(), "_input", None) is not None:
        return
    raise UsageError(NEEDS_TERMINAL.format(command=command))


# --- answers typed as text ---------------------------------------------------------------------


def split_notes(text: str) -> tuple[str, list[str]]:
    """``12.50 [F1, F2]`` -> ``("12.50", ["F1", "F2"])``; ``[F1]`` -> ``("", ["F1"])``."""
    match = _FOOTNOTE_SUFFIX.fullmatch(text.strip())
    if not match:
        return text.strip(), []
    from generator.model.values import parse_footnote_id

    idents = [parse_footnote_id(i) for i in re.split(r"[\s,]+", match.group(2)) if i]
    return match.group(1).strip(), idents


def answer_text(raw: Any) -> str:
    """A stored answer as typed again: ``{value: 12.50, footnotes: [F1]}`` -> ``12.50 [F1]``."""
    value, notes = plain(raw), notes_of(raw)
    text = "" if value is None else str(value)
    if isinstance(value, bool):
        text = "true" if value else "false"
    if notes:
        text = f"{text} [{', '.join(notes)}]".strip()
    return text


# --- the session -------------------------------------------------------------------------------


@dataclass
class Issue:
    """A problem found on the review screen, and the question that can fix it."""

    severity: str
    where: str
    message: str
    target: Target | None


@contextmanager
def _shared_key_bindings() -> Iterator[None]:
    """Build prompt_toolkit's default key bindings once per session, not once per question.

    prompt_toolkit rebuilds its several hundred default bindings (emacs, vi, mouse) for every
    prompt, about a third of the time a question takes to appear. The bindings keep no state of
    their own (their filters ask the running application), so one set serves every question.
    """
    try:
        from prompt_toolkit.application import application as module
    except ImportError:  # pragma: no cover - questionary requires prompt_toolkit
        yield
        return
    original = getattr(module, "load_key_bindings", None)
    if original is None:  # pragma: no cover - another prompt_toolkit: leave it alone
        yield
        return
    setattr(module, "load_key_bindings", lru_cache(maxsize=1)(original))  # noqa: B010
    try:
        yield
    finally:
        setattr(module, "load_key_bindings", original)  # noqa: B010


def _terminal_width() -> int:
    """The width messages are wrapped to: the running prompt's terminal, else stdout's."""
    try:
        from prompt_toolkit.application.current import get_app_or_none

        app = get_app_or_none()
        if app is not None:
            return max(20, int(app.output.get_size().columns))
    except Exception:  # pragma: no cover - no prompt_toolkit output: the terminal's size
        pass
    return max(20, shutil.get_terminal_size((80, 24)).columns)


def wrap_message(text: str, width: int) -> str:
    """A sentence on as many lines as ``width`` needs (one column spare: no line touches the
    edge), broken between words; a word longer than a line is broken too, never cut."""
    lines = []
    for paragraph in text.splitlines() or [""]:
        lines.extend(textwrap.wrap(paragraph, max(10, width - 1)) or [""])
    return "\n".join(lines)


@contextmanager
def _wrapping_validation_toolbar() -> Iterator[None]:
    """Let a text prompt's validation message take as many lines as it needs.

    prompt_toolkit draws the message of a refused answer in a toolbar one line high, so a
    sentence longer than the terminal is wide was cut at the edge. The session's prompts get a
    toolbar as high as its (wrapped) message instead; nothing else changes.
    """
    try:
        from importlib import import_module

        from prompt_toolkit.filters import has_validation_error
        from prompt_toolkit.layout import ConditionalContainer, Window
        from prompt_toolkit.widgets.toolbars import ValidationToolbar

        # The module, not the function ``prompt`` that its package exports under that name.
        module = import_module("prompt_toolkit.shortcuts.prompt")
    except ImportError:  # pragma: no cover - questionary requires prompt_toolkit
        yield
        return
    original = getattr(module, "ValidationToolbar", None)
    if original is not ValidationToolbar:  # pragma: no cover - another prompt_toolkit
        yield
        return

    class WrappingValidationToolbar(ValidationToolbar):
        def __init__(self, show_position: bool = False) -> None:
            super().__init__(show_position)
            self.container = ConditionalContainer(
                content=Window(self.control, wrap_lines=True, dont_extend_height=True),
                filter=has_validation_error,
            )

    setattr(module, "ValidationToolbar", WrappingValidationToolbar)  # noqa: B010
    try:
        yield
    finally:
        setattr(module, "ValidationToolbar", original)  # noqa: B010


def _warm_imports() -> None:
    """Load pydantic and the model while the filer reads the first question."""
    try:
        import generator.formats.draft
        import generator.pipeline.build  # noqa: F401
    except Exception:  # pragma: no cover - the real import later reports any problem
        pass


class Session:
    """One guided session on one draft file."""

    def __init__(
        self,
        path: Path,
        data: dict[str, Any] | None = None,
        *,
        cursor: str | None = None,
        resume: bool = False,
        rename: bool = False,
        today: date | None = None,
        out: TextIO | None = None,
        profile: str = "submission",
        now: date | datetime | None = None,
        book: Sequence[BookChoice] = (),
        amends: Amends | None = None,
        offer_amend: bool = False,
    ) -> None:
        self.path = path
        #: The filing already made that the draft corrects (finishing writes its amendment);
        #: ``offer_amend``: ``sec16 new``'s form question offers to amend one.
        self.amends = amends
        self.offer_amend = offer_amend
        #: The moment due dates are counted to (None: now, Eastern time).
        self.now = now
        self.data: dict[str, Any] = data if data is not None else {}
        self.today = today or date.today()
        self.out = out or sys.stdout
        self.profile = profile
        self.rename = rename
        self.cursor = cursor
        self.replaying = resume
        self.revising = False
        self._headings: list[str] = []
        self._warmed = False
        self._saved_cursor: str | None = None
        #: Questions without a key of their own answered (in this run, and on resuming, in the
        #: runs before: the draft records them), and items being walked.
        self._done: set[str] = set()
        self._walking: set[Scope] = set()
        #: ``sec16 new --book``: the reporting persons and issuers offered, what the book
        #: proposes for the one picked, whether the filer took its answers, the section asked.
        self.choices = tuple(book)
        self.book: FromBook | None = None
        self._fill_in = False
        self._section_id: str | None = None
        if resume and path.exists():
            with suppress(OSError, UnicodeDecodeError):
                text = path.read_text(encoding="utf-8-sig")
                self._done = read_answered(text)
                if self.amends is None and (found := read_amends(text)) is not None:
                    self.amends = Amends(*found)

    # -- running ---------------------------------------------------------------------------

    def run(self) -> Outcome:
        with _shared_key_bindings(), _wrapping_validation_toolbar():
            return self._run()

    def _run(self) -> Outcome:
        try:
            if self.replaying and self.cursor is None:
                self.cursor = REVIEW if self._complete() else resume_point(self.data)
            if self.replaying and self.cursor == REVIEW:
                self.replaying = False
                return self._review()
            if self.choices and not self.replaying:
                self._open_book()
            offer = self.offer_amend and not self.replaying and not self.data.get("form")
            if offer and self._form_or_amend():
                return self._review()
            self._walk()
            return self._review()
        except (KeyboardInterrupt, EOFError):
            self._save(self.cursor or "form")
            raise SessionInterrupted(self.path) from None

    def _walk(self) -> None:
        for section in SECTIONS:
            if section.when(Answers(self.data)):
                self._section(section)
        self._section_id = None
        self.replaying = False
        self.cursor = REVIEW

    # -- a book of the person's filings (sec16 new --book) ------------------------------------

    def _open_book(self) -> None:
        """Whose filing this is (when the book holds several persons or issuers), what the
        book's last filing of them answers, and whether to fill those answers in."""
        chosen = self.choices[0]
        if len(self.choices) > 1:
            options = [Choice(choice.title, index) for index, choice in enumerate(self.choices)]
            options.append(Choice("Someone else: nothing is filled in from the book", -1))
            pick = Question(
                "",
                "Whose filing is this? (the reporting persons and issuers of the book)",
                "select",
                choices=_fixed(options),
            )
            index = int(self._ask(pick, Answers(self.data), "form", default=0))
            if index < 0:
                self._tell("Nothing is filled in from the book: the questions are asked as usual.")
                return
            chosen = self.choices[index]
        book = chosen.load()
        width = min(120, _terminal_width())
        for line in book.lines:
            self._say(textwrap.fill(line, width - 1, subsequent_indent="    "))
        self.book = book
        if not book.answers:
            return
        take = Question(
            "",
            "Fill these in? (No: each is asked, with its answer proposed)",
            "confirm",
        )
        self._fill_in = bool(self._ask(take, Answers(self.data), "form", default=True))

    def _filling(self) -> bool:
        """Whether an answer the book proposes is taken without asking: the filer said so, and
        the question is one of the sections the book's last filing answers."""
        return (
            self._fill_in
            and not self.revising
            and not self.replaying
            and self._section_id in FILLED_FROM_BOOK
        )

    def _acceptable(self, question: Question, answers: Answers, value: Any) -> bool:
        """Whether an answer the book proposes passes the question's check (one that does not,
        a code EDGAR no longer takes, say, is asked, with the check's sentence)."""
        try:
            if question.kind == "text":
                return self._validator(question, answers)(str(value)) is True
            if question.kind in ("checkbox", "autocomplete") and question.check is not None:
                question.check(value)
        except ValueError:
            return False
        return True

    def _from_book(self, question: Question, answers: Answers) -> Proposed | None:
        """What the book proposes to ``question`` (None: nothing, or not while revising).

        A question of its own (``Question.book``: the amount owned from the book's figures);
        else, for the issuer, a reporting person or a signature, the answer the book's last
        filing gives at the same key: an optional answer it does not give is proposed empty.
        """
        book = self.book
        if book is None or self.revising:
            return None
        if question.book is not None:
            return question.book(answers, book)
        if question.virtual or not question.key:
            return None
        top = str(answers.scope[0]) if answers.scope else question.key.split(".")[0]
        item = book_item(answers, book) if top in book.answers else None
        if item is None:
            return None
        node: Any = item
        for part in question.key.split("."):
            node = node.get(part, _ABSENT) if isinstance(node, dict) else _ABSENT
        if node is _ABSENT or node is None:
            if question.kind == "confirm":
                return Proposed(False)
            return Proposed("") if question.optional else None
        if question.kind == "confirm":
            value = plain(node)
            return Proposed(value is True or (question.yes is not True and value == question.yes))
        if question.kind in ("select", "autocomplete"):
            return Proposed(plain(node))
        return Proposed(answer_text(node))

    def _footnote_text(self, ident: str, sid: str, default: str | None = None) -> str:
        """The text of footnote ``ident``; with a book, the footnotes the reporting person used
        before are offered first (the one the last filing put on the same value, if any, picked
        already), and the text picked is proposed to keep or edit."""
        if self.book is not None and not self.revising:
            offered, likeliest = fn.earlier_footnotes(self.data, ident, self.book)
            if offered:
                width = min(120, _terminal_width()) - 6
                choices = [Choice("A new footnote (its text is typed next)", "")]
                for text in offered:
                    choices.append(Choice(textwrap.shorten(text, width, placeholder=" …"), text))
                pick = Question(
                    "",
                    f"Footnote {ident}: one this reporting person used before?",
                    "select",
                    choices=_fixed(choices),
                )
                picked = self._ask(pick, Answers(self.data), sid, default=likeliest)
                default = str(picked) if picked else default
        text = self._ask(
            FOOTNOTE_TEXT, Answers(self.data, ("footnotes", ident)), sid, default=default
        )
        return str(text).strip()

    def _section(self, section: Section) -> None:
        self._section_id = section.id
        self._headings = [section.title]
        if section.intro:
            intro = section.intro
            self._headings.append(intro(Answers(self.data)) if callable(intro) else intro)
        for step in section.steps:
            if isinstance(step, Group):
                self._group(step)
            elif isinstance(step, FootnoteTexts):
                self._footnotes(step.question)
            else:
                self._step(step, ())

    def _step(self, step: Step, scope: Scope) -> None:
        if isinstance(step, Gate):
            self._gate(step, scope)
        elif isinstance(step, Offer):
            self._offer(step, scope)
        else:
            self._question(step, scope)

    def _question(self, question: Question, scope: Scope) -> None:
        answers = Answers(self.data, scope)
        if not question.when(answers):
            return
        sid = step_id(scope, question.id)
        if sid == self.cursor:
            self.replaying = False
        created = False
        if question.virtual:
            held = question.answered is not None and question.answered(answers)
            if self.revising:
                ask = not (held and question.follow)
            else:
                ask = not (self.replaying or held or sid in self._done)
            if ask:
                keys = question.typed_notes(answers) if question.typed_notes else []
                before = self._notes(answers, keys)
                value = self._ask(question, answers, sid)
                if question.file:
                    value = self._draft_file(str(value or ""))
                assert question.store is not None
                question.store(answers, value)
                self._done.add(sid)
                self._save(sid)
                created = bool(value)
                self._which_footnotes(answers, keys, before, sid)
                self._notice(question, answers)
        elif self.revising or not (has_answer(question, answers) or self._may_skip(question)):
            keys = [question.key] if question.footnotes else []
            before = self._notes(answers, keys)
            value = self._ask(question, answers, sid)
            self._put(question, answers, value)
            if question.then is not None:
                question.then(answers, answers.get(question.key))
            self._save(sid)
            self._which_footnotes(answers, keys, before, sid)
            self._notice(question, answers)
        if question.follow is not None and not self.revising and (created or self.replaying):
            # The row an offer added is filled in at once; on resuming, walked again so that a
            # question left open inside it is found.
            target = question.follow(answers)
            if target is not None and target not in self._walking:
                self._item(GROUPS[str(target[0])], target)
                if scope and str(scope[0]) in GROUPS:
                    # Back in the item the offer was made in: say so if it asks more.
                    self._headings.append(f"{_item_heading(scope)} (continued)")

    # -- footnotes handed out, standard footnotes, dates that matter --------------------------

    def _moment(self) -> date | datetime:
        """The moment deadlines are counted to: ``now`` if given, else now in Eastern time."""
        if self.now is not None:
            return self.now
        from generator.checks.deadlines import now_eastern

        return now_eastern()

    def _notice(self, question: Question, answers: Answers) -> None:
        if question.notice is not None:
            width = min(120, shutil.get_terminal_size((120, 40)).columns)
            for line in question.notice(answers, self._moment()):
                for part in textwrap.wrap(line, width) or [""]:
                    self._say(part)

    @staticmethod
    def _notes(answers: Answers, keys: list[str]) -> set[str]:
        return {n for key in keys if answers.has(key) for n in notes_of(answers.get(key))}

    def _which_footnotes(
        self, answers: Answers, keys: list[str], before: set[str], sid: str
    ) -> None:
        """A footnote id just typed that already stands for a text: that footnote, or a new one?

        Asked for each id the answer did not carry before; a new footnote gets the next free id
        and its text is asked at once.
        """
        for key in keys:
            for ident in notes_of(answers.get(key)):
                footnotes = self.data.get("footnotes")
                text = footnotes.get(ident) if isinstance(footnotes, dict) else None
                if ident in before or not isinstance(text, str) or not text.strip():
                    continue
                new = fn.next_footnote(self.data)
                width = min(120, shutil.get_terminal_size((120, 40)).columns)
                self._say(f"{ident} already stands for this footnote:")
                for line in textwrap.wrap(text, width - 4) or [""]:
                    self._say(f"    {line}")
                choices = [
                    Choice(f"A new footnote, {new} (its text is asked next)", new),
                    Choice(f"{ident}, the footnote above", ident),
                ]
                pick = Question(
                    "", f"Is {ident} the footnote meant here?", "select", choices=_fixed(choices)
                )
                if self._ask(pick, answers, sid, default=new) == ident:
                    continue
                fn.rename_note(answers, key, ident, new)
                self._save(sid)
                written = self._footnote_text(new, sid)
                fn.write_note(answers, key, new, written)
                self._save(sid)

    def _offer(self, offer: Offer, scope: Scope) -> None:
        """A standard footnote for the row: its yes/no question, its blanks, its text."""
        answers = Answers(self.data, scope)
        template = offer.template(answers)
        if template is None:
            return
        sid = step_id(scope, offer.name)
        if sid == self.cursor:
            self.replaying = False
        ident = fn.template_footnote(answers, template)
        if self.replaying or (not self.revising and (ident is not None or sid in self._done)):
            return
        yes = self._ask(
            Question("", template.offer, "confirm"), answers, sid, default=ident is not None
        )
        self._done.add(sid)
        if not yes:
            if ident is not None:
                fn.drop_note(answers, template.attach, ident)
            self._save(sid)
            return
        footnotes = self.data.get("footnotes")
        earlier = None
        if ident is not None and isinstance(footnotes, dict):
            earlier = template.read(str(footnotes.get(ident, "")))
        filled: dict[str, str] = {}
        for blank in template.blanks:
            check = fn.blank_check(answers, template, blank, filled)
            ask = Question("", blank.prompt, check=check)
            default = (earlier or {}).get(blank.name) or blank.default or None
            filled[blank.name] = str(check(str(self._ask(ask, answers, sid, default=default))))
        ident = ident or fn.next_footnote(self.data)
        text = template.fill(fn.template_words(answers), filled)
        edit = Question(
            "",
            f"Text of footnote {ident} (Enter to keep it, or edit it):",
            check=footnote_text_check(ident),
        )
        written = str(self._ask(edit, answers, sid, default=text)).strip() or text
        fn.write_note(answers, template.attach, ident, written)
        self._save(sid)

    def _may_skip(self, question: Question) -> bool:
        """Before the resume point only what a filing cannot do without is asked again."""
        return self.replaying and not asked_again(question)

    def _gate(self, gate: Gate, scope: Scope) -> None:
        question = gate.question
        answers = Answers(self.data, scope)
        if not question.when(answers):
            return
        sid = step_id(scope, question.id)
        if sid == self.cursor:
            self.replaying = False
        inside = {step_id(scope, s.id) for s in gate.steps}
        opened = any(s.key and answers.has(s.key) for s in gate.steps)
        if question.answered is not None and question.answered(answers):
            opened = True
        if self.replaying:
            opened = opened or self.cursor in inside
        elif self.revising or not (opened or sid in self._done):
            opened = bool(self._ask(question, answers, sid, default=opened or None))
            assert question.store is not None
            question.store(answers, opened)
            self._done.add(sid)
            self._save(sid)
        if opened:
            for step in gate.steps:
                self._question(step, scope)

    def _group(self, group: Group) -> None:
        index = 0
        while True:
            items = self.data.get(group.key)
            items = items if isinstance(items, list) else []
            if index < len(items):
                if step_id((group.key, index), "add") == self.cursor:
                    self.replaying = False
                self._item(group, (group.key, index))
                index += 1
                continue
            if len(items) >= group.limit:
                return
            if not (index == 0 and group.first is None):
                sid = step_id((group.key, index), "add")
                if sid == self.cursor:
                    self.replaying = False
                if self.replaying:
                    return
                prompt = group.first if index == 0 and group.first else group.more
                ask = Question("", prompt, "confirm")
                more = self._more_from_book(group, index)
                if not self._ask(ask, Answers(self.data), sid, default=index == 0, proposal=more):
                    self.data.setdefault(group.key, [])
                    self._save(sid)
                    return
            self.data[group.key] = [*items, group.new_item(Answers(self.data))]
            self._save(step_id((group.key, index), "add"))

    def _more_from_book(self, group: Group, index: int) -> Proposed | None:
        """ "Add another reporting person (signature)?": yes while the book's last filing has
        more of them."""
        if self.book is None or self.revising or group.key not in self.book.answers:
            return None
        there = self.book.answers[group.key]
        return Proposed(isinstance(there, list) and index < len(there))

    def _item(self, group: Group, scope: Scope) -> None:
        heading = _item_heading(scope)
        self._headings.append(heading)
        self._walking.add(scope)
        try:
            for step in group.steps:
                self._step(step, scope)
        finally:
            self._walking.discard(scope)
        unused = (heading, f"{heading} (continued)")
        self._headings = [h for h in self._headings if h not in unused]

    def _footnotes(self, question: Question) -> None:
        for ident in fn.referenced_footnotes(self.data):
            footnotes = self.data.get("footnotes")
            if isinstance(footnotes, dict) and ident in footnotes and not self.revising:
                continue
            sid = step_id(("footnotes",), ident)
            if sid == self.cursor:
                self.replaying = False
            if question is FOOTNOTE_TEXT:
                text = self._footnote_text(ident, sid)
            else:
                text = self._ask(question, Answers(self.data, ("footnotes", ident)), sid)
            self.data.setdefault("footnotes", {})
            if not isinstance(self.data["footnotes"], dict):
                self.data["footnotes"] = {}
            self.data["footnotes"][ident] = text.strip()
            self._save(sid)

    def _complete(self) -> bool:
        from generator.formats.draft import filing_from_data
        from generator.support.errors import DraftError

        try:
            filing_from_data(self.data, {}, str(self.path))
        except DraftError:
            return False
        return True

    # -- asking ----------------------------------------------------------------------------

    def _say(self, text: str = "") -> None:
        print(text, file=self.out, flush=True)

    def _tell(self, sentence: str) -> None:
        """A message in sentences, wrapped to the terminal's width: nothing is cut."""
        self._say(wrap_message(sentence, _terminal_width()))

    def _ask(
        self,
        question: Question,
        answers: Answers,
        sid: str,
        default: Any = None,
        *,
        proposal: Proposed | None = None,
    ) -> Any:
        """Put ``question`` to the filer and return the answer. ``proposal``: what a book
        proposes instead of ``default`` (found for the question when neither is given); taken
        without asking where the filer said to fill the book's answers in."""
        self.cursor = sid
        if proposal is None and default is None:
            proposal = self._from_book(question, answers)
        if (
            proposal is not None
            and proposal.value is not None
            and self._filling()
            and self._acceptable(question, answers, proposal.value)
        ):
            return proposal.value
        for heading in self._headings:
            self._say(f"\n{heading}" if not heading.startswith("Tip:") else heading)
        self._headings = []
        if proposal is not None and proposal.note:
            self._tell(proposal.note)
        if proposal is not None and proposal.value is not None:
            default = proposal.value
        elif default is None:
            default = self._default(question, answers)
        while True:
            value = _ask_questionary(
                question, answers, default, self._validator(question, answers), self._warm_once
            )
            if question.kind != "checkbox" or question.check is None:
                return value
            try:
                question.check(value)
            except ValueError as err:
                # The list is answered: the question is asked again under the sentence.
                self._tell(str(err))
                default = value
                continue
            return value

    def _warm_once(self) -> None:
        if not self._warmed:
            self._warmed = True
            threading.Thread(target=_warm_imports, daemon=True).start()

    def _default(self, question: Question, answers: Answers) -> Any:
        default = self._proposed(question, answers)
        if question.file and default:
            return self._shown_file(str(default))
        if is_date(question) and isinstance(default, str):
            # Every date is proposed as the prompt asks for it: MM/DD/YYYY.
            body, notes = split_notes(default)
            shown = us_date(body) or body
            return f"{shown} [{', '.join(notes)}]".strip() if notes else shown
        return default

    def _proposed(self, question: Question, answers: Answers) -> Any:
        if question.virtual or question.kind == "checkbox":
            return question.default(answers) if question.default else None
        if self.revising and answers.has(question.key):
            current = answers.get(question.key)
            if question.kind in ("select", "confirm"):
                value = plain(current)
                if question.kind == "confirm":
                    return value is True or (question.yes is not True and value == question.yes)
                return value if value is not None else ""
            return answer_text(current)
        return question.default(answers) if question.default else None

    def _draft_file(self, typed: str) -> str:
        """A file typed from the current folder, as the draft records it: from its folder."""
        if not typed.strip():
            return ""
        path = Path(typed.strip()).expanduser()
        try:
            return Path(os.path.relpath(path.resolve(), self.path.parent.resolve())).as_posix()
        except ValueError:  # another drive (Windows): no relative path
            return str(path.resolve())

    def _shown_file(self, recorded: str) -> str:
        """A file the draft records (from its folder), as typed from the current folder."""
        path = self.path.parent / Path(recorded).expanduser()
        try:
            return os.path.relpath(path)
        except ValueError:
            return str(path)

    def _validator(self, question: Question, answers: Answers) -> Callable[[str], bool | str]:
        check = question.check_for(answers) if question.check_for else question.check

        def validate(text: str) -> bool | str:
            try:
                body, notes = split_notes(text) if question.footnotes else (text.strip(), [])
                if not body and (notes or question.optional):
                    return True
                if check is not None:
                    check(body)
            except ValueError as err:
                # Shown under the prompt, on as many lines as it takes (never cut at the edge).
                return wrap_message(str(err), _terminal_width())
            return True

        return validate

    def _put(self, question: Question, answers: Answers, value: Any) -> None:
        current = answers.get(question.key) if answers.has(question.key) else None
        if question.kind == "confirm":
            stored: Any = question.yes if value else question.no
        elif question.kind == "select":
            stored = None if value in ("", None) else noted(value, notes_of(current))
        elif question.kind == "autocomplete":
            stored = code_of(value, question.table) if str(value).strip() else None
        elif question.footnotes:
            body, notes = split_notes(str(value))
            stored = noted(body or None, notes) if (body or notes) else None
        else:
            stored = str(value).strip() or None
        if question.upper and isinstance(stored, str):
            stored = stored.upper()
        answers.set(question.key, stored)

    # -- saving ----------------------------------------------------------------------------

    def _save(self, cursor: str) -> None:
        if self.rename:
            self._maybe_rename()
        from generator.formats.draft import dump_draft

        text = dump_draft(self.data, session_notes(self.path, cursor, self._done, self._amends()))
        write_atomic(self.path, text, force=True)
        self._saved_cursor = cursor

    def _amends(self) -> tuple[str, date | None] | None:
        return None if self.amends is None else (self.amends.original, self.amends.filed)

    def _maybe_rename(self) -> None:
        stem = draft_stem(self.data, self.today)
        if stem is None:
            return
        self.rename = False
        new = unused_path(self.path.parent, stem)
        old = self.path
        self.path = new
        from generator.formats.draft import dump_draft

        notes = session_notes(new, self._saved_cursor or REVIEW, self._done, self._amends())
        text = dump_draft(self.data, notes)
        write_atomic(new, text, force=False)
        if old.exists() and old != new:
            old.unlink()
        self._say(f"(The draft is saved as {new}.)")

    # -- review ----------------------------------------------------------------------------

    def _check(self) -> tuple[Any, Any, list[Issue]]:
        from generator.formats.draft import filing_from_data, format_path
        from generator.formats.locate import key_path
        from generator.pipeline.build import build_filing
        from generator.support.errors import DraftError

        try:
            filing = filing_from_data(self.data, {}, str(self.path))
        except DraftError as err:
            issues = [
                Issue("error", p.place.path, p.message, target_of(p.place.key))
                for p in err.problems
            ]
            return None, None, issues
        built = build_filing(filing, self.profile)  # type: ignore[arg-type]
        issues = []
        for problem in built.problems:
            path = key_path(problem, built.tree)
            target = target_of(path)
            where = describe(target) if target else (format_path(path) or "the filing")
            if problem.rule in NOT_ANSWERED_HERE:
                target = None
            issues.append(Issue(problem.severity, where, problem.message, target))
        return filing, built, issues

    def _review(self) -> Outcome:
        # The review screen is the text view of sec16 preview --text, as wide as the terminal.
        from generator.formats.preview_text import text_view

        if self.amends is not None:
            self._open_amendment()
        while True:
            self.cursor = REVIEW
            for key in keys_of_other_forms(self.data):
                self._tell(f"{key} left out: a Form {self.data.get('form')} does not have it.")
            self._save(REVIEW)
            filing, built, issues = self._check()
            issues.sort(key=lambda issue: issue.severity != "error")
            width = min(120, shutil.get_terminal_size((120, 40)).columns)
            self._say("\nReview")
            if filing is not None:
                self._say(text_view(filing, width))
            if built is not None and (due := self._due(built)):
                for line in textwrap.wrap(due, width):
                    self._say(line)
            if issues:
                self._say("Problems found:")
            for number, issue in enumerate(issues, 1):
                text = f"{issue.severity}: {issue.where}: {issue.message}"
                lead = f"  {number}. "
                for line in textwrap.wrap(text, width - len(lead)) or [""]:
                    self._say(lead + line)
                    lead = " " * len(lead)
            errors = [i for i in issues if i.severity == "error"]
            choices = []
            if filing is not None and not errors:
                finish = "Write the amendment" if self.amends else "Write the XML"
                choices.append(Choice(f"{finish} and finish", ("write", None)))
            for number, issue in enumerate(issues, 1):
                if issue.target is not None:
                    title = f"Go back to {issue.where} (problem {number})"
                    choices.append(Choice(title, ("go", issue.target)))
            choices.append(Choice("Change something (pick a section or a row)", ("menu", None)))
            choices.append(Choice(f"Stop here (the draft {self.path} is saved)", ("stop", None)))
            pick = Question("", "What next?", "select", choices=_fixed(choices))
            action, target = self._ask(pick, Answers(self.data), REVIEW, default=choices[0].value)
            if action == "write" and self.amends is not None:
                if (outcome := self._finish_amendment(filing)) is not None:
                    return outcome
            elif action == "write":
                return self._finish(built)
            if action == "stop":
                return Outcome(self.path, None, False, [i.message for i in errors])
            if action == "go":
                self._go_to(target)
            else:
                self._menu()

    def _due(self, built: Built) -> str | None:
        """When the form is due and, filed now, how late (``rules.deadline``'s one answer)."""
        found = built.due(self._moment())
        return found.sentence("if filed today") if found is not None else None

    # -- amending a filing already made ---------------------------------------------------

    def _form_or_amend(self) -> bool:
        """``sec16 new``'s form question, with "Amend a filing already made" after the forms;
        True when the filer picked that (the filing is imported, the session is at its review)."""
        offered = Question(
            FORM.key,
            FORM.prompt,
            "select",
            choices=lambda a: [
                *form_choices(a),
                Choice("Amend a filing already made (from its XML or EDGAR .txt file)", AMEND),
            ],
        )
        self._headings = [SECTIONS[0].title]
        answers = Answers(self.data)
        value = self._ask(offered, answers, FORM.id)
        if value != AMEND:
            self._put(FORM, answers, value)
            self._save(FORM.id)
            return False
        while True:
            typed = self._ask(_FILED_FILE, answers, FORM.id)
            original = Path(str(typed).strip()).expanduser()
            try:
                data = amending.import_original(original)
            except Sec16Error as err:
                self._tell(f"{original} cannot be amended here: {err}")
                continue
            break
        path = amending.corrected_path(original) if self.rename else self.path
        self.rename, self.book, self._fill_in = False, None, False
        self.path, self.data = path, data
        self.amends = Amends(amending.recorded(original, path), amending.date_filed(original))
        self._save(REVIEW)
        self._tell(f"Imported {original} into {path} (the filing's own file is not changed).")
        return True

    def _open_amendment(self) -> None:
        """Say what the session amends; ask the date the original was filed when it is not
        known, and the Rule 10b5-1(c) box when the original (filed before the box) has none."""
        assert self.amends is not None
        self.cursor = REVIEW
        self._tell(amending.opening(self.path, self.amends, self.data))
        if self.amends.filed is None:
            original = amending.shown(amending.original_of(self.path, self.amends))
            period = amending.period_of(self.data)
            today = self.today

            def check(text: str) -> object:
                return amending.check_original_date(text, period, today)

            base = amending.amended_form(self.data).removesuffix("/A")
            ask = Question(
                "",
                f"Date the original Form {base} ({original}) was filed (MM/DD/YYYY; "
                "EDGAR's filing index shows it):",
                check=check,
            )
            typed = self._ask(ask, Answers(self.data), REVIEW)
            filed = amending.check_original_date(str(typed), period, today)
            self.amends = Amends(self.amends.original, filed)
            self._save(REVIEW)
        answers = Answers(self.data)
        form = answers.form
        if form is not None and form.has_transactions and self.data.get("rule_10b5_1_plan") is None:
            self._tell(
                "The original does not answer the Rule 10b5-1(c) box (it was filed before the "
                "box existed): answer it for the amendment; sec16 does not guess it."
            )
            # That one question (not ``_go_to``, which then asks whatever else the draft lacks:
            # the review says what an imported filing misses, and leads to it).
            section = next(s for s in SECTIONS if s.id == "boxes")
            self._headings = [section.title]
            self.revising, self.replaying = True, False
            try:
                for step in _find(section.steps, "rule_10b5_1_plan"):
                    self._step(step, ())
            finally:
                self.revising = False

    def _finish_amendment(self, filing: Any) -> Outcome | None:
        """Write the amendment draft of the corrected draft (None: refused, back to the review)."""
        from generator.support.errors import DraftError, InputError, OutputError

        assert self.amends is not None
        self.data = tidy(self.data)
        self._save(REVIEW)
        try:
            written = amending.write_amendment(self.path, self.amends, filing, self.today)
        except (InputError, DraftError, OutputError) as err:
            self._tell(f"No amendment is written: {err}")
            return None
        for line in written.lines:
            self._tell(line)
        return Outcome(self.path, None, written.valid, [])

    def _finish(self, built: Built) -> Outcome:
        self.data = tidy(self.data)
        self._save(REVIEW)
        xml = self.path.with_suffix(".xml")
        # The XML written is the one built and checked for the review: nothing is checked twice.
        # A CCC from the environment makes it a file for its owner's eyes only.
        write_atomic(xml, built.xml, force=True, mode=0o600 if built.holds_ccc else None)
        messages = [problem.as_text(str(xml)) for problem in built.problems]
        for message in messages:
            self._tell(message)
        verdict = "valid" if built.valid else "NOT valid"
        warnings = sum(p.severity == "warning" for p in built.problems)
        extra = f", {warnings} warning(s)" if warnings else ""
        self._say(f"Wrote {xml}: Form {built.filing.form.value}, {verdict}{extra}.")
        if due := self._due(built):
            self._tell(due)
        self._say(f"The draft is {self.path}; change it later with: sec16 edit {self.path}")
        if attorney := power_of_attorney(self.data):
            self._tell(
                f"The power of attorney {attorney} is attached (EX-24) when you run: "
                f"sec16 package {self.path}"
            )
        return Outcome(self.path, xml, built.valid, messages)

    # -- going back ------------------------------------------------------------------------

    @contextmanager
    def _revise(self) -> Iterator[None]:
        self.revising, self.replaying = True, False
        try:
            yield
        finally:
            self.revising = False
        self._fill()

    def _fill(self) -> None:
        """Ask whatever a change made necessary (an amendment needs the original's date…)."""
        self.replaying, self.cursor = True, REVIEW
        self._walk()

    def _go_to(self, target: Target) -> None:
        section = next(s for s in SECTIONS if s.id == target.section)
        with self._revise():
            if target.scope and str(target.scope[0]) in GROUPS:
                group = GROUPS[str(target.scope[0])]
                items = self.data.get(group.key)
                if not isinstance(items, list) or int(target.scope[1]) >= len(items):
                    return
                found = _find(group.steps, target.key)
                if found:
                    self._headings = [describe(target)]
                    for step in found:
                        self._step(step, target.scope)
                else:
                    self._item(group, target.scope)
            elif target.section == "footnotes":
                self._edit_footnotes()
            else:
                steps: list[Any] = _find(section.steps, target.key) or list(section.steps)
                self._headings = [section.title]
                for step in steps:
                    if isinstance(step, (Question, Gate)):
                        self._step(step, ())

    def _menu(self) -> None:
        answers = Answers(self.data)
        choices: list[Choice] = []
        for section in SECTIONS:
            if not section.when(answers):
                continue
            group = next((s for s in section.steps if isinstance(s, Group)), None)
            if group is None:
                choices.append(
                    Choice(
                        f"{section.title}: {summary(self.data, section.id)}",
                        ("section", section.id, None),
                    )
                )
                continue
            rows = answers.rows(group.key)
            for index, row in enumerate(rows):
                title = f"{group.noun[:1].upper()}{group.noun[1:]} {index + 1}: {row_summary(row)}"
                choices.append(Choice(title, ("item", group.key, index)))
            if len(rows) < group.limit:
                choices.append(Choice(f"Add a {group.noun}", ("add", group.key, None)))
        choices.append(Choice("Back to the review", ("back", None, None)))
        pick = Question("", "What do you want to change?", "select", choices=_fixed(choices))
        action, key, index = self._ask(pick, answers, REVIEW, default=choices[0].value)
        if action == "section":
            self._go_to(Target(str(key)))
        elif action == "item":
            self._item_menu(GROUPS[str(key)], int(index))
        elif action == "add":
            group = GROUPS[str(key)]
            items = self.data.setdefault(group.key, [])
            items.append(group.new_item(answers))
            self.replaying = self.revising = False
            self._item(group, (group.key, len(items) - 1))
            self._fill()

    def _item_menu(self, group: Group, index: int) -> None:
        items = self.data[group.key]
        choices = [Choice("Change it", "change")]
        if not (group.first is None and len(items) == 1):
            choices.append(Choice("Delete it", "delete"))
        choices.append(Choice("Back", "back"))
        pick = Question(
            "",
            f"{group.noun[:1].upper()}{group.noun[1:]} {index + 1}:",
            "select",
            choices=lambda a: choices,
        )
        action = self._ask(pick, Answers(self.data), REVIEW, default="change")
        if action == "change":
            self._go_to(Target(group.key, (group.key, index)))
        elif action == "delete":
            self._delete(group, index)

    def _delete(self, group: Group, index: int) -> None:
        """Delete an item once the filer confirms; an XML written before no longer matches."""
        items = self.data[group.key]
        name = _item_heading((group.key, index))
        sure = Question(
            "", f"Delete {name} ({row_summary(items[index])})? It cannot be undone.", "confirm"
        )
        if not self._ask(sure, Answers(self.data), REVIEW, default=False):
            self._tell(f"{name} is kept.")
            return
        del items[index]
        self._done = renumbered(self._done, group.key, index)
        self._save(REVIEW)
        self._tell(f"Deleted {name}; the items after it move up one.")
        self._retire_xml()

    def _retire_xml(self) -> None:
        """Rename the XML written before (now stale) so that it is not sent by mistake."""
        xml = self.path.with_suffix(".xml")
        if not xml.exists():
            return
        stale = xml.with_name(f"{xml.stem}.stale.xml")
        os.replace(xml, stale)
        self._tell(
            f"{xml} was written before this change and no longer matches the draft: it is "
            f"renamed {stale} (kept, not deleted). 'Write the XML and finish' writes a new {xml}."
        )

    def _edit_footnotes(self) -> None:
        footnotes = self.data.get("footnotes")
        if not isinstance(footnotes, dict):
            footnotes = self.data["footnotes"] = {}
        wanted = fn.referenced_footnotes(self.data)
        idents = sorted({*footnotes, *wanted}, key=fn.footnote_number)
        if not idents:
            self._say("No value refers to a footnote: type [F1] after an answer to add one.")
            return
        choices = []
        for ident in idents:
            text = str(footnotes.get(ident) or "(no text yet)")
            unused = "" if ident in wanted else " (not referenced: delete it?)"
            choices.append(Choice(f"{ident}{unused}: {text[:70]}", ident))
        choices.append(Choice("Back", ""))
        pick = Question("", "Which footnote?", "select", choices=_fixed(choices))
        ident = self._ask(pick, Answers(self.data), REVIEW, default=choices[0].value)
        if not ident:
            return
        if ident not in wanted:
            delete = Question("", f"Delete footnote {ident}?", "confirm")
            if self._ask(delete, Answers(self.data), REVIEW, default=True):
                footnotes.pop(ident, None)
                self._save(REVIEW)
                return
        scope = ("footnotes", ident)
        current = footnotes.get(ident)
        text = self._ask(
            FOOTNOTE_TEXT,
            Answers(self.data, scope),
            step_id(("footnotes",), ident),
            default=str(current) if current else None,
        )
        footnotes[ident] = text.strip()
        self._save(REVIEW)


#: A key the book's answers do not hold (told apart from one they hold as null).
_ABSENT = object()


def _filing_file(text: str) -> object:
    """A filing already made, typed as its file: there, and not a draft."""
    path = Path(text.strip()).expanduser()
    if not text.strip():
        raise ValueError("type the path of the filing's XML or EDGAR .txt file")
    if not path.is_file():
        raise ValueError(f"{text.strip()}: no such file")
    if amending.is_draft(path):
        raise ValueError(
            f"{text.strip()} is a draft: continue or change it with `sec16 edit`; a filing "
            "already made is its ownership XML or EDGAR .txt file"
        )
    return path


_FILED_FILE = Question(
    "",
    "The filing to amend: its ownership XML or EDGAR .txt file (path):",
    check=_filing_file,
)


def _item_heading(scope: Scope) -> str:
    """``("table_1", 1)`` -> ``Table I row 2``."""
    noun = GROUPS[str(scope[0])].noun
    return f"{noun[:1].upper()}{noun[1:]} {int(scope[1]) + 1}"


def _fixed(choices: list[Choice]) -> Callable[[Answers], list[Choice]]:
    return lambda _: choices


def _find(steps: tuple[Any, ...], key: str | None) -> list[Step]:
    """The questions that answer ``key`` (a draft key inside the item), in the order asked."""
    if not key:
        return []
    found: list[Step] = []
    for step in steps:
        for question in (step.question, *step.steps) if isinstance(step, Gate) else (step,):
            if not isinstance(question, Question):
                continue
            fields = {f.rsplit(".", 1)[-1] for f in question.fields}
            same = question.key and (question.key == key or key.startswith(question.key + "."))
            if same or key.split(".")[-1] in fields:
                found.append(question)
    return found


def describe(target: Target) -> str:
    """Where a problem is, in words: "Table I row 2 (price)"."""
    names = {
        "form": "Form",
        "issuer": "Issuer",
        "dates": "Dates",
        "boxes": "Boxes",
        "footnotes": "Footnotes",
        "remarks": "Remarks",
        "reporting_owners": "Reporting person",
        "table_1": "Table I row",
        "table_2": "Table II row",
        "signatures": "Signature",
    }
    text = names.get(target.section, target.section)
    if len(target.scope) > 1:
        text += f" {int(target.scope[1]) + 1}"
    if target.key and (target.section in GROUPS or target.section == "issuer"):
        text += f" ({target.key})"
    return text


def row_summary(row: dict[str, Any]) -> str:
    """One line for a menu: an owner's name or CIK, a row's security, date, code and amount."""
    if "cik" in row and "security" not in row:
        return str(row.get("name") or f"CIK {row.get('cik')}")
    if "security" not in row and "name" in row:
        return f"{row.get('name')}, {row.get('date') or ''}".strip(", ")
    parts = [plain(row.get("security")) or "(no title yet)"]
    if row_kind(row) == "transaction":
        parts += [plain(row.get("transaction_date")), plain(row.get("code"))]
        shares = plain(row.get("shares"))
        if shares:
            parts.append(f"{shares} {plain(row.get('acquired_disposed')) or ''}".strip())
    else:
        parts += ["holding", plain(row.get("owned_following"))]
    return ", ".join(str(p) for p in parts if p)


def summary(data: dict[str, Any], section: str) -> str:
    answers = Answers(data)
    if section == "form":
        return f"Form {data.get('form') or '?'}"
    if section == "issuer":
        return f"{answers.value('issuer.ticker') or '?'} (CIK {answers.value('issuer.cik') or '?'})"
    if section == "dates":
        return str(data.get("period_of_report") or "?")
    if section == "boxes":
        return "10b5-1 ticked" if data.get("rule_10b5_1_plan") else "10b5-1 not ticked"
    if section == "footnotes":
        notes = data.get("footnotes")
        return ", ".join(notes) if isinstance(notes, dict) and notes else "none"
    if section == "remarks":
        return (str(data.get("remarks") or "none"))[:40]
    return ""


# --- questionary -------------------------------------------------------------------------------


def _ask_questionary(
    question: Question,
    answers: Answers,
    default: Any,
    validate: Callable[[str], bool | str],
    on_shown: Callable[[], None],
) -> Any:
    """Put one question on the terminal and return the answer (Ctrl-C raises KeyboardInterrupt).

    Every list (select, checkbox, and the states and countries of an autocomplete) is a
    ``picklist``: a choice is made only by what the filer selected, never by a list that stayed
    whole under a search that matched nothing.
    """
    message = question.text(answers)
    if question.kind in ("select", "checkbox", "autocomplete"):
        from generator.session.picklist import pick_list

        if question.kind == "autocomplete":
            options = table_choices(question.table or {})
        else:
            options = question.choices(answers) if question.choices else []
        application = pick_list(
            message,
            options,
            default,
            multiple=question.kind == "checkbox",
            optional=question.optional and question.kind == "autocomplete",
            # The question itself says "type to search" for states and countries.
            instruction="(↑↓ to move, Enter to pick)" if question.kind == "autocomplete" else "",
        )
        application.after_render += lambda _app: on_shown()
        return application.run()
    import questionary

    prompt: Any
    if question.kind == "confirm":
        # y or n shows the answer and only Enter gives it, so that "y⏎" typed ahead answers
        # one question, not this one with "y" and the next with Enter.
        prompt = questionary.confirm(message, default=bool(default), auto_enter=False)
    else:
        prompt = questionary.text(message, default=str(default or ""), validate=validate)
    prompt.application.after_render += lambda _app: on_shown()
    return prompt.unsafe_ask()
