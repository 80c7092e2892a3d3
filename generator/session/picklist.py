"""A pick list for the terminal: a choice is made only by what the filer selected.

questionary's select filters by substring and, when nothing matches, keeps the whole list with
its first row highlighted, so "sale" + Enter recorded "Bought (P)" and "I" recorded "Direct".
Here typed text ranks the choices with ``codes.rank_matches`` (the code first, then plain words
and their synonyms; never letters inside a word), and a row is highlighted only when the filer
moved to it, it is the default, or the typed text points at it alone (``codes.sole_match``).
Enter takes the highlighted row; with none, the question stays open with a sentence saying why.
With ``multiple``, Space ticks the highlighted row and Enter finishes (the relationship boxes).

Built on prompt_toolkit alone and drawn like questionary's prompts: questionary's
``InquirerControl`` always points at a row and falls back to the whole list when its filter
finds nothing; changing that means overriding its internals, larger and more fragile than this.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from prompt_toolkit.application import Application, get_app
from prompt_toolkit.filters import is_done
from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
from prompt_toolkit.keys import Keys
from prompt_toolkit.layout import ConditionalContainer, HSplit, Layout, Window
from prompt_toolkit.layout.controls import FormattedTextControl
from prompt_toolkit.styles import Style

from generator.model.codes import rank_matches, sole_match
from generator.session.answers import Choice

#: questionary's colours, for the same look as the session's other prompts.
STYLE = Style(
    [
        ("qmark", "fg:#5f819d"),
        ("question", "bold"),
        ("answer", "fg:#FF9D00 bold"),
        ("highlighted", "bold"),
        ("message", "fg:ansired"),
    ]
)
#: At most this many rows are drawn; the rest scroll (252 countries).
ROWS = 18


class PickList:
    """What is typed, which rows it leaves (best first), the highlighted row, the ticked rows.

    Kept apart from the drawing and the keys so that the rule can be read (and tested) alone.
    """

    def __init__(
        self,
        choices: Sequence[Choice],
        default: Any = None,
        *,
        multiple: bool = False,
        ticked: Collection[Any] = (),
        optional: bool = False,
    ) -> None:
        self.choices = list(choices)
        self.multiple = multiple
        self.optional = optional
        self.ticked = {i for i, choice in enumerate(self.choices) if choice.value in ticked}
        values = [choice.value for choice in self.choices]
        self.default = values.index(default) if default is not None and default in values else None
        if multiple and self.default is None and self.choices:
            self.default = 0  # in a checklist the highlight ticks nothing by itself
        self._entries = [(c.code, c.title, c.keywords) for c in self.choices]
        self.text = ""
        self.message = ""
        self.shown: list[int] = list(range(len(self.choices)))
        self.pointer: int | None = self.default

    def type(self, text: str) -> None:
        self.text += text
        self._filter()

    def erase(self, everything: bool = False) -> None:
        self.text = "" if everything else self.text[:-1]
        self._filter()

    def _filter(self) -> None:
        self.message = ""
        if not self.text.strip():
            self.shown, self.pointer = list(range(len(self.choices))), self.default
            return
        ranked = rank_matches(self.text, self._entries)
        self.shown = [index for _, index in ranked]
        self.pointer = sole_match(ranked)

    def move(self, step: int) -> None:
        """Arrow keys: the highlight moves through the rows shown (from none: to the first)."""
        self.message = ""
        if not self.shown:
            return
        if self.pointer in self.shown:
            position = (self.shown.index(self.pointer) + step) % len(self.shown)
        else:
            position = 0 if step > 0 else -1
        self.pointer = self.shown[position]

    def tick(self) -> None:
        """Space in a checklist: tick or untick the highlighted row, and start a new search."""
        if self.pointer is None:
            self.message = self._why_none()
            return
        self.ticked ^= {self.pointer}
        self.default, self.text = self.pointer, ""
        self._filter()

    def submit(self) -> tuple[bool, Any]:
        """Enter: ``(True, answer)``, or ``(False, None)`` with ``message`` saying why not."""
        if self.multiple:
            if self.text.strip() and self.pointer is not None:
                self.ticked.add(self.pointer)  # "director" + Enter ticks Director
            elif self.text.strip():
                self.message = self._why_none()
                return False, None
            return True, [c.value for i, c in enumerate(self.choices) if i in self.ticked]
        if self.pointer is not None:
            return True, self.choices[self.pointer].value
        if not self.text.strip() and self.optional:
            return True, ""
        self.message = self._why_none()
        return False, None

    def _why_none(self) -> str:
        typed = " ".join(self.text.split())
        if not typed:
            return "Nothing is picked yet: type a few letters of a choice, or move to one with ↓."
        if not self.shown:
            return (
                f"Nothing matches '{typed}': Backspace (or Ctrl-U) to erase it, then type a "
                "word, a code or a name from the list."
            )
        return f"{len(self.shown)} choices match '{typed}': type more, or move to one with ↓."

    def answer(self) -> str:
        """The answer as the finished question shows it."""
        if self.multiple:
            titles = [self.choices[i].title for i in sorted(self.ticked)]
            return f"[{', '.join(titles)}]" if titles else "(none ticked)"
        return self.choices[self.pointer].title if self.pointer is not None else ""

    def rows(self, height: int) -> StyleAndTextTuples:
        """The rows shown, scrolled so that the highlighted one is visible."""
        position = self.shown.index(self.pointer) if self.pointer in self.shown else 0
        start = max(0, min(position - height + 1, len(self.shown) - height))
        lines: StyleAndTextTuples = []
        for index in self.shown[start : start + height]:
            here = index == self.pointer
            lines.append(("class:pointer", " » " if here else "   "))
            if self.multiple:
                lines.append(("class:selected", "● " if index in self.ticked else "○ "))
            lines.append(("class:highlighted" if here else "", self.choices[index].title + "\n"))
        hidden = len(self.shown) - len(self.shown[start : start + height])
        if hidden:
            lines.append(("class:instruction", f"   … {hidden} more: type to narrow the list\n"))
        if not self.shown:
            lines.append(("class:instruction", "   (no choice matches)\n"))
        if self.message:
            lines.append(("class:message", self.message + "\n"))
        if lines and lines[-1][1].endswith("\n"):
            lines[-1] = (lines[-1][0], lines[-1][1][:-1])
        return lines


def pick_list(
    message: str,
    choices: Sequence[Choice],
    default: Any = None,
    *,
    multiple: bool = False,
    optional: bool = False,
    instruction: str = "",
) -> Application[Any]:
    """The prompt_toolkit application of one pick list; ``.run()`` returns the answer.

    The answer is a choice's value; a list of values with ``multiple`` (``default`` is then the
    values ticked); ``""`` when an ``optional`` list is left with Enter before anything is typed.
    Ctrl-C raises KeyboardInterrupt, as questionary's ``unsafe_ask`` does. ``instruction`` is
    shown until something is typed (the default says how to search, move and pick).
    """
    if not instruction:
        instruction = "(type to search, ↑↓ to move" + (")" if multiple else ", Enter to pick)")
    state = PickList(
        choices,
        None if multiple else default,
        multiple=multiple,
        ticked=(default or ()) if multiple else (),
        optional=optional,
    )

    def prompt() -> StyleAndTextTuples:
        line: StyleAndTextTuples = [("class:qmark", "?"), ("class:question", f" {message} ")]
        if get_app().is_done:
            return [*line, ("class:answer", state.answer())]
        if not state.text:
            return [*line, ("[SetCursorPosition]", ""), ("class:instruction", instruction)]
        return [*line, ("", state.text), ("[SetCursorPosition]", "")]

    def rows() -> StyleAndTextTuples:
        return state.rows(max(3, min(ROWS, get_app().output.get_size().rows - 4)))

    keys = KeyBindings()

    @keys.add(Keys.ControlC, eager=True)
    def _interrupt(event: KeyPressEvent) -> None:
        event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

    @keys.add(Keys.Enter, eager=True)
    @keys.add(Keys.ControlJ, eager=True)
    def _enter(event: KeyPressEvent) -> None:
        done, answer = state.submit()
        if done:
            event.app.exit(result=answer)

    @keys.add(Keys.Up, eager=True)
    @keys.add(Keys.ControlP, eager=True)
    def _up(event: KeyPressEvent) -> None:
        state.move(-1)

    @keys.add(Keys.Down, eager=True)
    @keys.add(Keys.ControlN, eager=True)
    @keys.add(Keys.Tab, eager=True)
    def _down(event: KeyPressEvent) -> None:
        state.move(1)

    @keys.add(Keys.Backspace, eager=True)
    def _erase(event: KeyPressEvent) -> None:
        state.erase()

    @keys.add(Keys.ControlU, eager=True)
    def _clear(event: KeyPressEvent) -> None:
        state.erase(everything=True)

    if multiple:

        @keys.add(" ", eager=True)
        def _tick(event: KeyPressEvent) -> None:
            state.tick()

    @keys.add(Keys.Any)
    @keys.add(Keys.BracketedPaste)
    def _type(event: KeyPressEvent) -> None:
        key = event.key_sequence[0].key
        if key == Keys.BracketedPaste or not isinstance(key, Keys):  # not Left, F1, Home…
            text = "".join(c for c in event.data if c.isprintable())
            if text:
                state.type(text)

    layout = Layout(
        HSplit(
            [
                Window(FormattedTextControl(prompt), dont_extend_height=True, wrap_lines=True),
                ConditionalContainer(
                    Window(FormattedTextControl(rows), dont_extend_height=True, wrap_lines=True),
                    filter=~is_done,
                ),
            ]
        )
    )
    return Application(layout=layout, key_bindings=keys, style=STYLE)
