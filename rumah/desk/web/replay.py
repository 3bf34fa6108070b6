"""The consultation as a form: konsultasi's own questions and checks, one page at a time.

A web page cannot wait inside ``Consultation.run`` for the next answer, so every page runs the
consultation again from its first question with a :class:`ReplayDesk`: it answers each question
with what the family answered before (checked again by the question's own check), and stops at
the first question not yet answered, which becomes the page's form.  An answer the check
refuses stops the replay at that question with konsultasi's own message.  No rule is written
twice: what the terminal accepts, the form accepts.

The answers typed so far are kept as (question, text) pairs in order.  Going back to an earlier
question drops the pairs from it on; the answers given after it stay in the saved household
(``saved``) and are offered again as defaults, as when a terminal consultation is reopened.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..konsultasi import Consultation, Invalid
from ..library import Library

#: Where a stopped replay leaves off: no further question is asked.
_DONE = object()


@dataclass(frozen=True)
class Answered:
    """A question answered: as asked, as typed, and the value the check made of it."""

    question: str
    text: str
    value: Any


@dataclass(frozen=True)
class Question:
    """The question a page asks: its text, the default offered, what was told before it, and
    (after a refused answer) the answer given and why it was refused."""

    index: int
    text: str
    default: str | None
    told: tuple[str, ...] = ()
    given: str | None = None
    error: str | None = None


@dataclass
class Step:
    """One replay: the answers, the question to ask next (None when the consultation is done)
    and the household file as it stands."""

    answered: list[Answered]
    question: Question | None
    answers: dict
    told: list[str] = field(default_factory=list)

    @property
    def done(self) -> bool:
        return self.question is None

    @property
    def typed(self) -> list[tuple[str, str]]:
        return [(a.question, a.text) for a in self.answered]


class _Stop(Exception):
    def __init__(self, question: Question):
        super().__init__(question.text)
        self.question = question


class ReplayDesk:
    """A :class:`rumah.desk.konsultasi.Desk` that answers from ``typed`` and then from ``answer``
    (the form just sent for question number ``index``), and stops at the next question."""

    def __init__(self, typed: list[tuple[str, str]], answer: str | None = None, index: int | None = None):
        self.typed = list(typed)
        self.answer, self.index = answer, index
        self.answered: list[Answered] = []
        self.told: list[str] = []
        self._since: list[str] = []          # told since the last question

    def tell(self, text: str) -> None:
        self.told.append(text)
        self._since.append(text)

    def ask(self, question: str, default: str | None, check: Callable[[str], Any],
            shown: Callable[[Any], str] = str, note: str = "") -> Any:
        n = len(self.answered)
        told, self._since = tuple(self._since), []
        if n < len(self.typed) and self.typed[n][0] == question:
            text = self.typed[n][1]
        elif self.answer is not None and self.index == n:
            text, self.answer = self.answer, None
        else:
            raise _Stop(Question(n, question, default, told))
        try:
            value = check(text)
        except Invalid as refused:
            raise _Stop(Question(n, question, default, told, text, str(refused))) from None
        # An empty answer takes the answer offered, which comes from the saved household: kept as
        # that answer, so that the next replays give the same value even once the saved household
        # changes (a saran chosen at the end changes the money, the house type ...; replayed as
        # "the saved answer", the questions before it would give the changed values, and the saran
        # picked by its number another saran).
        self.answered.append(Answered(question, text if text.strip() or not default else default, value))
        return value


def replay(typed: list[tuple[str, str]], saved: dict, lang: str, library: Library, *,
           answer: str | None = None, index: int | None = None) -> Step:
    """Run the consultation over the answers typed so far (and ``answer`` to question ``index``);
    the step it reaches.  Pairs that no longer match the questions asked (an earlier answer
    changed the way) are dropped from the first that differs."""
    desk = ReplayDesk(typed, answer, index)
    consultation = Consultation(desk, None, lang, saved, library=library)
    try:
        answers = consultation.run()
        question = None
    except _Stop as stop:
        answers = consultation.answers
        question = stop.question
    return Step(desk.answered, question, answers, desk.told)


def back_to(typed: list[tuple[str, str]], index: int) -> list[tuple[str, str]]:
    """The answers typed before question ``index``: that question is asked again."""
    return list(typed[:max(0, index)])
