"""Where a session resumes on a draft that does not say: the question table walked over the draft.

A draft the session wrote records where it stopped (``# sec16-session: next table_1[2].price``).
A draft without that line (written by hand, imported, or saved by an older sec16) resumes at the
first question that a filing cannot do without and that the draft holds no answer to:
``resume_point`` walks the question table (``questions.SECTIONS``) in the order the session
asks, over the saved answers, with each question's ``when`` condition, and stops there.

It passes over what the session does not ask again before the point where it stopped:
optional questions, yes/no questions, questions without a key of their own ("What
happened?", the matching-row and same-day-sale offers, which it follows into the row they
lead to), the standard footnotes and "Add another…?". It asks the text of a footnote that is
referred to but has none, and starts the first reporting person or signature when there is
none. Nothing left to ask: the review (``REVIEW``).

The session itself (``questionnaire.Session``) asks again, when it resumes, by the same rule
(``asked_again`` and ``has_answer``). Pure functions of the draft: nothing is asked or written.
"""

from __future__ import annotations

from typing import Any

from generator.session.answers import Answers, Scope
from generator.session.footnotes import referenced_footnotes
from generator.session.questions import (
    GROUPS,
    REVIEW,
    SECTIONS,
    FootnoteTexts,
    Gate,
    Group,
    Offer,
    Question,
    Step,
    step_id,
)


def has_answer(question: Question, answers: Answers) -> bool:
    """The draft holds an answer to ``question``: its key, or what its ``answered`` looks for."""
    return answers.has(question.key) or (
        question.answered is not None and question.answered(answers)
    )


def asked_again(question: Question) -> bool:
    """Whether an unanswered question before the point where a session stopped is asked when
    it resumes: only what a filing cannot do without (neither optional nor a yes/no)."""
    return not (question.optional or question.kind == "confirm")


def resume_point(data: dict[str, Any]) -> str:
    """The id of the question a session on ``data`` resumes at (``REVIEW``: none is left)."""
    return _Walk(data).sections() or REVIEW


class _Walk:
    """The question table in the session's order over a draft; each method returns the id of
    the first question to ask in its part, or None."""

    def __init__(self, data: dict[str, Any]) -> None:
        #: A copy at the top: a group whose first item is always there may get one.
        self.data = dict(data)
        #: The items being walked: an offer leads into another row only if it is not one.
        self.walking: set[Scope] = set()

    def sections(self) -> str | None:
        for section in SECTIONS:
            if not section.when(Answers(self.data)):
                continue
            for step in section.steps:
                if isinstance(step, Group):
                    found = self.group(step)
                elif isinstance(step, FootnoteTexts):
                    found = self.footnotes()
                else:
                    found = self.step(step, ())
                if found is not None:
                    return found
        return None

    def group(self, group: Group) -> str | None:
        items = self.data.get(group.key)
        items = items if isinstance(items, list) else []
        if not items and group.first is None:
            items = self.data[group.key] = [group.new_item(Answers(self.data))]
        for index in range(len(items)):
            found = self.item((group.key, index))
            if found is not None:
                return found
        return None  # "Add another…?" is not asked again

    def item(self, scope: Scope) -> str | None:
        self.walking.add(scope)
        try:
            for step in GROUPS[str(scope[0])].steps:
                found = self.step(step, scope)
                if found is not None:
                    return found
        finally:
            self.walking.discard(scope)
        return None

    def step(self, step: Step, scope: Scope) -> str | None:
        if isinstance(step, Offer):
            return None  # a standard footnote is offered once, when its row is written
        if isinstance(step, Gate):
            return self.gate(step, scope)
        return self.question(step, scope)

    def gate(self, gate: Gate, scope: Scope) -> str | None:
        answers = Answers(self.data, scope)
        if not gate.question.when(answers):
            return None
        answered = gate.question.answered
        opened = (answered is not None and answered(answers)) or any(
            step.key and answers.has(step.key) for step in gate.steps
        )
        for step in gate.steps if opened else ():
            found = self.question(step, scope)
            if found is not None:
                return found
        return None

    def question(self, question: Question, scope: Scope) -> str | None:
        answers = Answers(self.data, scope)
        if not question.when(answers):
            return None
        if not question.virtual and asked_again(question) and not has_answer(question, answers):
            return step_id(scope, question.id)
        if question.follow is not None:
            target = question.follow(answers)
            if target is not None and target not in self.walking:
                return self.item(target)
        return None

    def footnotes(self) -> str | None:
        for ident in referenced_footnotes(self.data):
            texts = self.data.get("footnotes")
            if not (isinstance(texts, dict) and ident in texts):
                return step_id(("footnotes",), ident)
        return None
