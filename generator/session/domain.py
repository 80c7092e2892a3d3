"""What the session knows about a filing, as pure functions on the draft (``Answers``).

The question table (``questions.py``) says what is asked; the functions here are what its
conditions, defaults, checks and stores do: when a question applies, what "What happened?"
stores, which row matches an exercise, the arithmetic of the amount owned following, the
relationship boxes, the footnotes typed on a row's choices, the power of attorney. Footnote ids
and standard footnotes are in ``footnotes.py``.

No prompt and no questionary here; pydantic only inside the checks that use the model's own
validators, loaded when first called.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from generator.checks import deadlines
from generator.model import codes, values
from generator.model.codes import (
    CURRENT_COUNTRIES,
    RELATIONSHIP_KEYWORDS,
    TRANSACTION_CODE_KEYWORDS,
    US_STATES,
    FormType,
    TransactionCode,
    code_of,
)
from generator.model.happenings import EXERCISE_CODES, HAPPENINGS
from generator.session.answers import (
    Answers,
    Choice,
    Scope,
    amount,
    day,
    form_of,
    noted,
    notes_of,
    plain,
    row_kind,
    show_amount,
    us_date,
)

Check = Callable[[str], object]
Predicate = Callable[[Answers], bool]


# --- when a question applies ---------------------------------------------------------------------


def has_transactions(answers: Answers) -> bool:
    form = answers.form
    return form is not None and form.has_transactions


def is_amendment(answers: Answers) -> bool:
    form = answers.form
    return form is not None and form.is_amendment


def is_transaction(answers: Answers) -> bool:
    return answers.kind == "transaction"


def is_holding(answers: Answers) -> bool:
    return answers.kind == "holding"


def is_form_5_holding(answers: Answers) -> bool:
    form = answers.form
    return answers.kind == "holding" and form is not None and form.base == FormType.FORM_5


def indirect(answers: Answers) -> bool:
    return str(answers.value("ownership") or "").upper() in ("I", "INDIRECT")


def plan_ticked(answers: Answers) -> bool:
    return answers.data.get("rule_10b5_1_plan") is True


def owns_following(answers: Answers) -> bool:
    """Every row has the amount owned following, except a Form 3's Table II rows."""
    form = answers.form
    return not (answers.table == "table_2" and form is not None and form.base == FormType.FORM_3)


def non_us(answers: Answers) -> bool:
    return answers.get("address.non_us") is True


def us(answers: Answers) -> bool:
    return not non_us(answers)


def ticked(name: str) -> Predicate:
    """A relationship box is ticked (``officer``: the officer's title is asked)."""
    return lambda a: a.get(f"relationship.{name}") is True


def signed_by_attorney(answers: Answers) -> bool:
    """A signature by an attorney-in-fact ("Attorney-in-Fact", "attorney in fact", "POA")."""
    return bool(_ATTORNEY.search(str(answers.value("name") or "")))


#: The boxes the session asks on Forms 4 and 5 only (the section "boxes").
FORM_4_AND_5_BOXES = ("no_longer_subject_to_section_16", "rule_10b5_1_plan")


def keys_of_other_forms(data: dict[str, Any]) -> list[str]:
    """Drop from a Form 3's answers what only Forms 4 and 5 have, and name it (key paths).

    The session never asks these on a Form 3 (the boxes at the top, Table II's amount owned
    following), so they are left from an earlier choice of form (a Form 4 changed into a
    Form 3), or were typed into the draft; the draft loader refuses them, and the session could
    not ask them again to take them back.
    """
    form = form_of(data)
    if form is None or form.has_transactions:
        return []
    dropped = [key for key in FORM_4_AND_5_BOXES if data.pop(key, None) is not None]
    rows = data.get("table_2")
    for number, row in enumerate(rows if isinstance(rows, list) else [], 1):
        for key in ("owned_following", "value_owned_following"):
            if isinstance(row, dict) and row.pop(key, None) is not None:
                dropped.append(f"table_2[{number}].{key}")
    return dropped


# --- checks: the loader's own parsers and validators ------------------------------------------


def field_check(model: str, name: str) -> Check:
    """Check an answer with the model's own validators for one field (pydantic, loaded lazily).

    The model validates a dict holding only this answer; of its errors, those about this field
    are the answer's (the rest say that other fields are missing). The message is the draft
    loader's, word for word.
    """

    def check(text: str) -> object:
        from pydantic import ValidationError

        from generator.formats.draft import message_of
        from generator.model import filing as models

        cls = getattr(models, model)
        try:
            cls.model_validate({name: text})
        except ValidationError as err:
            for error in err.errors():
                if tuple(error["loc"][:1]) == (name,) and error["type"] != "missing":
                    raise ValueError(message_of(error)) from None
        return text

    return check


def footnote_text_check(ident: str) -> Check:
    def check(text: str) -> object:
        return field_check("Filing", "footnotes")({ident: text})  # type: ignore[arg-type]

    return check


def check_date(text: str) -> object:
    return values.parse_date(text)


def check_state(text: str) -> str:
    """A typed state (code or name): the model's own check, current codes only."""
    return codes.check_state(code_of(text, US_STATES), legacy=False)


def check_country(text: str) -> str:
    """A typed country (code or name): the model's own check, current codes only."""
    return codes.check_country(code_of(text, CURRENT_COUNTRIES), obsolete=False)


# --- the dates that matter ----------------------------------------------------------------------


def due_notice(answers: Answers, moment: date | datetime) -> list[str]:
    """Once box 3 is known: when the form is due and, filed at ``moment``, whether it is late."""
    form = answers.form
    start = day(answers.get("period_of_report"))
    if form is None or form.is_amendment or start is None:
        return []
    try:
        found = deadlines.deadline(form.base.value, start, moment)
    except (ValueError, OverflowError):
        return []
    return [found.sentence("if filed today")]


def today(_: Answers) -> str:
    return values.us_date(date.today())


# --- "What happened?": plain words that derive the code --------------------------------------

HOLDING = "holding"
OTHER = "other"


def happening_of(answers: Answers) -> str | None:
    """The "What happened?" answer the row's coding stands for (None before it is answered)."""
    item = answers.item
    if "kind" not in item and "code" not in item:
        return None
    if answers.kind == "holding":
        return HOLDING
    code, direction = answers.value("code"), answers.value("acquired_disposed")
    if code is None:
        return OTHER
    for index, happening in enumerate(HAPPENINGS[answers.table or "table_1"]):
        code_text, direction_text = str(code).upper(), str(direction or "").upper()
        if (happening.code, happening.direction) == (code_text, direction_text):
            return str(index)
    return OTHER


def happening_choices(answers: Answers) -> list[Choice]:
    choices = [
        Choice(h.title, str(i), h.code, TRANSACTION_CODE_KEYWORDS[h.code])
        for i, h in enumerate(HAPPENINGS[answers.table or "table_1"])
    ]
    choices.append(Choice("Nothing happened: report a holding (no transaction)", HOLDING))
    choices.append(Choice("Other: pick from the full code list", OTHER))
    return choices


def happening_default(answers: Answers) -> str | None:
    return happening_of(answers) if answers.value("code") is not None else None


def happening_answered(answers: Answers) -> bool:
    return "code" in answers.item or answers.item.get("kind") == "holding"


_TRANSACTION_ONLY = (
    "transaction_date",
    "deemed_execution_date",
    "code",
    "equity_swap",
    "timeliness",
    "price",
    "shares",
    "total_value",
    "acquired_disposed",
)


def store_happening(answers: Answers, choice: Any) -> None:
    item = answers.item
    if choice == HOLDING:
        item["kind"] = "holding"
        for key in _TRANSACTION_ONLY:
            item.pop(key, None)
        if str(plain(item.get("form_type"))) in ("4", "5"):
            item.pop("form_type", None)
        return
    if item.get("kind") != "transaction" and str(plain(item.get("form_type"))) == "3":
        item.pop("form_type", None)
    item["kind"] = "transaction"
    if choice == OTHER:
        if happening_of(answers) != OTHER:
            item.pop("code", None)
            item.pop("acquired_disposed", None)
        return
    happening = HAPPENINGS[answers.table or "table_1"][int(choice)]
    answers.set("code", noted(happening.code, notes_of(item.get("code"))))
    if answers.table == "table_1":
        answers.set(
            "acquired_disposed", noted(happening.direction, notes_of(item.get("acquired_disposed")))
        )
    else:
        answers.set("acquired_disposed", happening.direction)


def coded_by_other(answers: Answers) -> bool:
    """The answer to "What happened?" was "Other": the code and the direction are asked."""
    return answers.kind == "transaction" and happening_of(answers) == OTHER


def usual_direction(answers: Answers) -> str | None:
    try:
        usual = TransactionCode(str(answers.value("code")).upper()).usual_direction
    except ValueError:
        return None
    return usual.value if usual else None


def store_date_kind(answers: Answers, stored: Any) -> None:
    """A transaction date makes the row a transaction; none (an empty answer), a holding."""
    if stored is None:
        store_happening(answers, HOLDING)
        return
    item = answers.item
    if item.get("kind") != "transaction" and str(plain(item.get("form_type"))) == "3":
        item.pop("form_type", None)
    item["kind"] = "transaction"


def date_answered(answers: Answers) -> bool:
    item = answers.item
    return "transaction_date" in item or "kind" in item or "code" in item


def new_row(answers: Answers) -> dict[str, Any]:
    """A new row: a holding on a Form 3 (no transactions), else what the date makes it."""
    return {} if has_transactions(answers) else {"kind": "holding"}


# --- the matching row of an exercise, and the same-day sale ---------------------------------


def matching_row(answers: Answers) -> Scope | None:
    """The row of the other table for the same exercise or conversion, if there is one."""
    item = answers.item
    code = str(answers.value("code") or "").upper()
    if answers.kind != "transaction" or code not in EXERCISE_CODES:
        return None
    on = day(item.get("transaction_date"))
    if answers.table == "table_1":
        other, number, direction = "table_2", amount(item.get("shares")), "D"
        count = "underlying_shares"
    else:
        other, direction, count = "table_1", "A", "shares"
        number = amount(item.get("underlying_shares")) or amount(item.get("shares"))
    for index, row in enumerate(answers.rows(other)):
        if (
            row_kind(row) == "transaction"
            and str(plain(row.get("code")) or "").upper() == code
            and str(plain(row.get("acquired_disposed")) or "").upper() == direction
            and day(row.get("transaction_date")) == on
            and amount(row.get(count)) == number
        ):
            return (other, index)
    return None


def offer_match(answers: Answers) -> bool:
    """An exercise or conversion: its row in the other table is offered."""
    if answers.kind != "transaction":
        return False
    code = str(answers.value("code") or "").upper()
    direction = str(answers.value("acquired_disposed") or "").upper()
    wanted = "A" if answers.table == "table_1" else "D"
    return code in EXERCISE_CODES and direction == wanted


def store_match(answers: Answers, yes: Any) -> None:
    """Add the matching row of the other table, filled in from this one (once)."""
    if not yes or matching_row(answers) is not None:
        return
    item = answers.item
    if answers.table == "table_1":
        row: dict[str, Any] = {
            "kind": "transaction",
            "transaction_date": item.get("transaction_date"),
            "code": item.get("code"),
            "acquired_disposed": "D",
            "shares": plain(item.get("shares")),
            "underlying_security": plain(item.get("security")),
            "underlying_shares": plain(item.get("shares")),
        }
        target = "table_2"
    else:
        row = {
            "kind": "transaction",
            "security": plain(item.get("underlying_security")) or "Common Stock",
            "transaction_date": item.get("transaction_date"),
            "code": item.get("code"),
            "acquired_disposed": "A",
            "shares": plain(item.get("underlying_shares")) or plain(item.get("shares")),
        }
        target = "table_1"
    rows = answers.data.get(target)
    if not isinstance(rows, list):
        rows = answers.data[target] = []
    rows.append({k: v for k, v in row.items() if v is not None})


#: Codes of the row that usually follows an exercise on the same day: a sale, or shares
#: withheld or delivered to pay the tax or the exercise price ("sell to cover").
SALE_CODES = ("S", "F")


def _same_security(left: Any, right: Any) -> bool:
    return str(plain(left) or "").strip().casefold() == str(plain(right) or "").strip().casefold()


def _exercise_acquired(row: dict[str, Any]) -> bool:
    return (
        row_kind(row) == "transaction"
        and str(plain(row.get("code")) or "").upper() in EXERCISE_CODES
        and str(plain(row.get("acquired_disposed")) or "").upper() == "A"
    )


def same_day_disposal(answers: Answers) -> Scope | None:
    """The Table I row that sells or withholds, on the same day, the shares of this exercise."""
    item = answers.item
    if answers.table != "table_1" or not _exercise_acquired(item):
        return None
    on = day(item.get("transaction_date"))
    for index, row in enumerate(answers.rows("table_1")):
        if (
            index != answers.index
            and row_kind(row) == "transaction"
            and str(plain(row.get("code")) or "").upper() in SALE_CODES
            and str(plain(row.get("acquired_disposed")) or "").upper() == "D"
            and day(row.get("transaction_date")) == on
            and _same_security(row.get("security"), item.get("security"))
        ):
            return ("table_1", index)
    return None


def offer_sale(answers: Answers) -> bool:
    """Shares acquired by an exercise: the same-day sale (or sell-to-cover) is offered."""
    return answers.table == "table_1" and _exercise_acquired(answers.item)


def sale_choices(_: Answers) -> list[Choice]:
    return [
        Choice("Sold the same day (S, disposed of): add that row", "S"),
        Choice(
            "Withheld or delivered the same day to pay tax or the exercise price "
            "(F, disposed of): add that row",
            "F",
        ),
        Choice("Neither", ""),
    ]


def store_sale(answers: Answers, code: Any) -> None:
    """Add the sale (S) or sell-to-cover (F) row: same security and date, disposed of."""
    if code not in SALE_CODES or same_day_disposal(answers) is not None:
        return
    item = answers.item
    row = {
        "kind": "transaction",
        "security": plain(item.get("security")),
        "transaction_date": plain(item.get("transaction_date")),
        "code": code,
        "acquired_disposed": "D",
    }
    rows = answers.data.get("table_1")
    if not isinstance(rows, list):
        rows = answers.data["table_1"] = []
    rows.append({k: v for k, v in row.items() if v is not None})


# --- defaults: the amount owned following, and help with dates and numbers ----------------------


def _previous(answers: Answers, key: str) -> Any:
    rows = answers.rows(answers.table or "table_1")[: answers.index]
    return plain(rows[-1].get(key)) if rows else None


def _same_holding(answers: Answers, row: dict[str, Any]) -> bool:
    def key(raw: Any) -> str:
        return str(plain(raw) or "").strip().casefold()

    item = answers.item
    same = key(row.get("security")) == key(item.get("security"))
    same = same and key(row.get("ownership") or "D") == key(item.get("ownership") or "D")
    if same and indirect(answers):
        same = key(row.get("nature_of_ownership")) == key(item.get("nature_of_ownership"))
    if same and answers.table == "table_2":
        same = amount(row.get("exercise_price")) == amount(item.get("exercise_price"))
    return same


def _earlier_owned(answers: Answers) -> Decimal | None:
    """The figure of the last row before this one for the same security and ownership."""
    earlier = answers.rows(answers.table or "table_1")[: answers.index]
    return next(
        (
            number
            for row in reversed(earlier)
            if _same_holding(answers, row)
            and (number := amount(row.get("owned_following"))) is not None
        ),
        None,
    )


def _owned_after(answers: Answers, before: Decimal) -> str | None:
    """What the row leaves owned, starting from ``before``: plus or minus its shares (None
    rather than a negative figure)."""
    if answers.kind == "holding":
        return show_amount(before)
    change = amount(answers.get("shares"))
    if change is None:
        return show_amount(before)
    direction = str(answers.value("acquired_disposed") or "").upper()
    after = before + change if direction.startswith("A") else before - change
    return show_amount(after) if after >= 0 else None


def owned_following_default(answers: Answers) -> str | None:
    """The previous row's figure for the same security and ownership, plus or minus this row."""
    before = _earlier_owned(answers)
    return None if before is None else _owned_after(answers, before)


def security_default(answers: Answers) -> Any:
    if answers.table == "table_1":
        return _previous(answers, "security") or "Common Stock"
    return _previous(answers, "security")


def shares_default(answers: Answers) -> str | None:
    """A same-day sale or sell-to-cover proposes the shares its exercise acquired."""
    item = answers.item
    code = str(answers.value("code") or "").upper()
    if code not in SALE_CODES or str(answers.value("acquired_disposed") or "").upper() != "D":
        return None
    on = day(item.get("transaction_date"))
    for index, row in enumerate(answers.rows("table_1")):
        if (
            index != answers.index
            and _exercise_acquired(row)
            and day(row.get("transaction_date")) == on
            and _same_security(row.get("security"), item.get("security"))
        ):
            shares = plain(row.get("shares"))
            return None if shares is None else str(shares)
    return None


def price_default(answers: Answers) -> str | None:
    """An exercise proposes its Table II row's exercise price (0 on Table II); a grant or a
    gift, 0."""
    code = str(answers.value("code") or "").upper()
    if code in EXERCISE_CODES:
        match = matching_row(answers)
        if match and answers.table == "table_1":
            price = answers.at(match).value("exercise_price")
            return str(price) if price is not None else None
        if answers.table == "table_2":
            return "0"
    return "0" if code in ("A", "G") else None


def exercise_price_default(answers: Answers) -> str | None:
    match = matching_row(answers)
    if match:
        price = answers.at(match).value("price")
        return str(price) if price is not None else None
    return None


def underlying_shares_default(answers: Answers) -> Any:
    return answers.value("shares") if answers.kind == "transaction" else None


def underlying_default(answers: Answers) -> str:
    first = answers.rows("table_1")
    return str(plain(first[0].get("security"))) if first else "Common Stock"


def transaction_date_default(answers: Answers) -> Any:
    if answers.item.get("kind") == "holding":
        return None  # a holding has no date; typing one makes the row a transaction
    proposed = _previous(answers, "transaction_date") or answers.data.get("period_of_report")
    return us_date(proposed) or proposed


def form_type_default(answers: Answers) -> str:
    form = answers.form
    return "5" if form is not None and form.base == FormType.FORM_5 else "4"


# --- the relationship boxes, and the address -------------------------------------------------

RELATIONSHIPS = (
    ("Director", "director"),
    ("Officer (give title)", "officer"),
    ("10% owner", "ten_percent_owner"),
    ("Other (specify)", "other"),
)


def relationship_choices(_: Answers) -> list[Choice]:
    return [Choice(title, key, keywords=RELATIONSHIP_KEYWORDS[key]) for title, key in RELATIONSHIPS]


def relationship_default(answers: Answers) -> list[str]:
    return [key for _, key in RELATIONSHIPS if answers.get(f"relationship.{key}") is True]


def check_ticked(ticked: Any) -> object:
    """The relationship box: at least one of its boxes (EDGAR's cm(1), rule relationship-none)."""
    if not ticked:
        raise ValueError(
            "Tick at least one box (Space, then Enter): EDGAR requires the reporting person to "
            "be a director, an officer, a 10% owner or other."
        )
    return ticked


def store_relationship(answers: Answers, ticked: Any) -> None:
    current = answers.get("relationship")
    relationship = dict(current) if isinstance(current, dict) else {}
    for _, key in RELATIONSHIPS:
        relationship.pop(key, None)
    for _, key in RELATIONSHIPS:
        if key in ticked:
            relationship[key] = True
    if "officer" not in ticked:
        relationship.pop("officer_title", None)
    if "other" not in ticked:
        relationship.pop("other_text", None)
    answers.set("relationship", relationship)


def store_address_gate(answers: Answers, yes: Any) -> None:
    """No mailing address: EDGAR uses the one on record (an address typed before goes)."""
    if not yes:
        answers.delete("address")


# --- footnotes typed on a row's choices (``code F2, ownership F3``) ---------------------------

#: Row values answered by picking from a list, which take footnotes as ``code F2, ownership F3``.
CHOICE_NOTES = ("code", "acquired_disposed", "ownership", "timeliness", "form_type")


def choice_note_keys(answers: Answers) -> list[str]:
    keys = ["ownership"]
    if answers.kind == "transaction":
        keys[:0] = ["code", "acquired_disposed"] if answers.table == "table_1" else ["code"]
        if answers.has("timeliness"):
            keys.append("timeliness")
    elif answers.has("form_type"):
        keys.append("form_type")
    return keys


def parse_choice_notes(text: str, allowed: list[str]) -> dict[str, list[str]]:
    """``code F2, ownership F3 F4`` -> ``{"code": ["F2"], "ownership": ["F3", "F4"]}``."""
    result: dict[str, list[str]] = {}
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        name, *idents = part.split()
        if name not in allowed:
            raise ValueError(f"{name!r} is not one of this row's choices: {', '.join(allowed)}")
        if not idents:
            raise ValueError(f"give the footnote after {name}, e.g. {name} F2")
        result[name] = [values.parse_footnote_id(i) for i in idents]
    return result


def choice_notes_default(answers: Answers) -> str:
    parts = []
    for key in choice_note_keys(answers):
        if notes := notes_of(answers.get(key)):
            parts.append(" ".join([key, *notes]))
    return ", ".join(parts)


def store_choice_notes(answers: Answers, text: Any) -> None:
    wanted = parse_choice_notes(str(text or ""), choice_note_keys(answers))
    for key in choice_note_keys(answers):
        if answers.has(key) and answers.get(key) is not None:
            answers.set(key, noted(plain(answers.get(key)), wanted.get(key, [])))


def choice_notes_check(answers: Answers) -> Check:
    def check(text: str) -> object:
        return parse_choice_notes(text, choice_note_keys(answers))

    return check


# --- a signature by an attorney-in-fact: the power of attorney (EX-24) to attach ------------

_ATTORNEY = re.compile(r"attorney[\s-]*in[\s-]*fact|\bPOA\b", re.IGNORECASE)
POWER_OF_ATTORNEY = "EX-24"


def _is_power_of_attorney(entry: Any) -> bool:
    kind = str(entry.get("type") or "") if isinstance(entry, dict) else ""
    return kind.upper().partition(".")[0] == POWER_OF_ATTORNEY


def power_of_attorney(data: dict[str, Any]) -> str | None:
    """The file of the draft's power of attorney (an EX-24 attachment), if it names one."""
    entries = data.get("attachments")
    for entry in entries if isinstance(entries, list) else []:
        if _is_power_of_attorney(entry):
            return str(entry.get("file") or "") or None
    return None


def check_attachment(text: str) -> object:
    """A file ``sec16 package`` can enclose as EX-24, with its own sentences; None: no file."""
    from pathlib import Path

    from generator.pipeline.package import AttachmentSpec, read_attachment
    from generator.support.errors import Sec16Error

    path = Path(text).expanduser()
    if not path.is_file():
        raise ValueError(
            f"{text}: there is no such file (give its path from the folder sec16 runs in, or "
            "Enter to leave it out)"
        )
    try:
        read_attachment(AttachmentSpec(path, POWER_OF_ATTORNEY), set())
    except Sec16Error as err:
        raise ValueError(str(err)) from None
    return path


def store_power_of_attorney(answers: Answers, file: Any) -> None:
    """The draft's EX-24 attachment: the file given (relative to the draft), or none."""
    data = answers.data
    entries = data.get("attachments")
    kept = [e for e in entries if not _is_power_of_attorney(e)] if isinstance(entries, list) else []
    if file:
        entry = {"file": str(file), "type": POWER_OF_ATTORNEY, "description": "Power of Attorney"}
        kept.append(entry)
    if kept:
        data["attachments"] = kept
    else:
        data.pop("attachments", None)


# --- a book of the reporting person's filings (sec16 new --book) ------------------------------


@dataclass(frozen=True)
class Held:
    """A book's last figure for one holding: the amount owned, the file that reported it and
    the day it is as of."""

    amount: Decimal
    source: str
    on: date | None = None


#: The book's last figure for a row's holding, given the draft and the row's scope (None: the
#: book does not hold it).
HeldLookup = Callable[[Answers], "Held | None"]


@dataclass
class FromBook:
    """What a book of the reporting person's filings proposes to a new draft.

    The command (``sec16 new --book``) reads it from the person's last filing in the book:
    ``answers`` are draft keys that filing answers (the issuer, the reporting persons, the
    signers' names), proposed at the same keys; ``lines`` say what it is (shown before the
    filer decides to take it); ``rows`` and ``last_footnotes`` are that filing's rows and
    footnotes (which footnote went on which value); ``footnotes`` the texts of every footnote
    the person used in the book, the latest first; ``held`` the book's last figure for a row's
    holding. Plain data: the session never reads a book itself.
    """

    answers: dict[str, Any]
    lines: tuple[str, ...] = ()
    footnotes: tuple[str, ...] = ()
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    last_footnotes: dict[str, str] = field(default_factory=dict)
    held: HeldLookup | None = None


@dataclass(frozen=True)
class BookChoice:
    """A reporting person and issuer of a book, offered when ``sec16 new --book`` starts;
    ``load`` reads what the book proposes for them."""

    title: str
    load: Callable[[], FromBook]


@dataclass(frozen=True)
class Proposed:
    """An answer the book proposes, and a line saying where it comes from ('' for none)."""

    value: Any
    note: str = ""


#: What a book proposes to one question (None: nothing).
BookDefault = Callable[[Answers, FromBook], "Proposed | None"]


def book_address(answers: Answers, book: FromBook) -> Proposed | None:
    """ "Give a mailing address?": yes when the book's filing gave the person one."""
    found = book_item(answers, book)
    return None if found is None else Proposed(isinstance(found.get("address"), dict))


def book_relationship(answers: Answers, book: FromBook) -> Proposed | None:
    """The relationship boxes the book's filing ticked for the person."""
    found = book_item(answers, book)
    if found is None or not isinstance(found.get("relationship"), dict):
        return None
    ticked = found["relationship"]
    return Proposed([key for _, key in RELATIONSHIPS if ticked.get(key) is True])


def book_item(answers: Answers, book: FromBook) -> dict[str, Any] | None:
    """The item of the book's answers at the question's scope (the same reporting person, the
    same signature), or None when the book has none there."""
    node: Any = book.answers
    for part in answers.scope:
        if isinstance(part, int):
            node = node[part] if isinstance(node, list) and part < len(node) else None
        else:
            node = node.get(part) if isinstance(node, dict) else None
    return node if isinstance(node, dict) else None


def book_owned_following(answers: Answers, book: FromBook) -> Proposed | None:
    """The book's last figure for the row's holding, plus or minus this row, when no earlier
    row of the draft holds the same security and ownership (the draft's own figure comes
    first)."""
    if book.held is None or _earlier_owned(answers) is not None:
        return None
    held = book.held(answers)
    if held is None:
        return None
    proposed = _owned_after(answers, held.amount)
    on = f", {values.us_date(held.on)}" if held.on is not None else ""
    where = f"{show_amount(held.amount)} ({held.source}{on})"
    if proposed is None:
        return Proposed(
            None,
            f"The book's last figure for this holding is {where}: this row would leave less "
            "than nothing; check the amount.",
        )
    return Proposed(proposed, f"The book's last figure for this holding: {where}.")
