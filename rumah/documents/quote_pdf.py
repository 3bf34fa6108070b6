"""The quote's pages: reportlab flowables built from a Quote, section by section, and the PDF.

Kept apart from rumah.documents.quote (what is printed) so that this module is only about
layout: fonts, tables, charts and drawings.  Sums shown under a table are summed here from the
very integers printed in its rows.  Fonts are Bitstream Vera, shipped with reportlab, embedded
as subsets; reportlab's invariant mode keeps the file identical for identical inputs and date.
"""

from __future__ import annotations

import io
import re
from functools import cached_property
from pathlib import Path

from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, KeepInFrame, KeepTogether, PageBreak, Paragraph, Spacer, Table, TableStyle

from .. import i18n
from ..cost.prices import DEFAULT_INFLATION
from ..errors import DataError
from ..i18n import tr
from .notes import note_sentence
from .pdfsheet import SheetDrawing
from .plan_report import (
    built_text,
    failing_at_start,
    grant_lines,
    grant_parts_text,
    lower_first,
    never_met,
    no_alternative_text,
    package_name,
    percent,
    prices_month_text,
    row_name,
    rules_text,
    saran_text,
    shortfall_share,
    works_text,
)
from .provenance import factor_text, imported_text
from .quote import (
    BOLD,
    DESIGN_WORDS,
    FONT,
    Quote,
    calendar,
    counted,
    design_words,
    family_page,
    lived_in_month,
    long_date,
    month_names,
    price_list_fields,
    price_origins,
    published_code,
    rp,
    season_amounts,
    step_materials,
    steps_text,
    superscript_units,
    trade_name,
    w,
)

LIGHT = colors.Color(0.93, 0.93, 0.93)
LINE = colors.Color(0.6, 0.6, 0.6)
BLUE = colors.Color(0.12, 0.35, 0.65)
ORANGE = colors.Color(0.85, 0.45, 0.1)
GREEN = colors.Color(0.88, 0.95, 0.88)


#: What would help, on the first page: the soonest (the appendix lists them all).
FIRST_SARAN = 4
#: The most the first page is shrunk to fit one page (7,5 pt table text at least 6,7 pt): a page
#: that needs more leaves what would help, then the first shopping's items, to the appendix,
#: which holds them whole, rather than print a page a family reads alone in 6 pt type.
MOST_SHRINK = 1.12
#: How much the first page leaves to the appendix: nothing, the saran, the saran and half the
#: first shopping's items (the dearest stay), the saran and all of them.
FIRST_PAGE_LEVELS = 4


def _headed(parts: list) -> list:
    """A section's heading and scale note (the first two flowables) kept on the page of its first
    drawing (the third, itself kept together): a heading never ends a page alone."""
    return [KeepTogether(parts[:3]), *parts[3:]]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class Layout:
    def __init__(self, quote: Quote, width: float, height: float = 0.0):
        """``width`` and ``height``: the frame's, less its padding. [pt]"""
        self.q, self.width, self.height, self.lang = quote, width, height, quote.lang
        self.plan = quote.plan
        base = ParagraphStyle("base", fontName=FONT, fontSize=9, leading=11.5)
        self.body = base
        self.small = ParagraphStyle("small", base, fontSize=7.5, leading=9.2)
        self.cell = ParagraphStyle("cell", base, fontSize=7.5, leading=9)
        self.cell_right = ParagraphStyle("cellr", self.cell, alignment=TA_RIGHT)
        self.h1 = ParagraphStyle("h1", base, fontName=BOLD, fontSize=13, leading=16)
        self.h2 = ParagraphStyle("h2", base, fontName=BOLD, fontSize=11, leading=14, spaceBefore=8, spaceAfter=4)
        self.h3 = ParagraphStyle("h3", base, fontName=BOLD, fontSize=9.5, leading=12, spaceBefore=6, spaceAfter=2)
        self.big = ParagraphStyle("big", base, fontSize=10.5, leading=14)
        self.title = ParagraphStyle("title", base, fontName=BOLD, fontSize=15, leading=19)

    # -- helpers ------------------------------------------------------------------------------

    def p(self, text: str, style=None) -> Paragraph:
        # A percent sign stays on the line of its number: "(41" above "%)" reads as two things.
        return Paragraph(text.replace(" %", "\u00a0%"), style or self.body)

    def rp(self, amount: int) -> str:
        return rp(amount, self.lang)

    @property
    def listed(self) -> str:
        """The month the bill's prices hold, as the family reads it (``Juli 2024``)."""
        return prices_month_text(self.plan, self.lang)

    def table(self, rows, widths, *, header=True, right=(), totals=(), spans=(), font=7.5) -> Table:
        """A ruled table: header row shaded, ``right`` columns right-aligned, ``totals`` rows bold."""
        style = [("FONT", (0, 0), (-1, -1), FONT, font), ("LEADING", (0, 0), (-1, -1), font + 1.5),
                 ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.25, LINE),
                 ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                 ("LEFTPADDING", (0, 0), (-1, -1), 2.5), ("RIGHTPADDING", (0, 0), (-1, -1), 2.5)]
        if header:
            style += [("FONT", (0, 0), (-1, 0), BOLD, font), ("BACKGROUND", (0, 0), (-1, 0), LIGHT)]
        for column in right:
            style.append(("ALIGN", (column, 0), (column, -1), "RIGHT"))
        for row in totals:
            style += [("FONT", (0, row), (-1, row), BOLD, font), ("LINEABOVE", (0, row), (-1, row), 0.8, colors.black)]
        for row in spans:
            style += [("SPAN", (0, row), (-1, row)), ("FONT", (0, row), (-1, row), BOLD, font),
                      ("BACKGROUND", (0, row), (-1, row), LIGHT)]
        return Table(rows, colWidths=widths, style=TableStyle(style), repeatRows=1 if header else 0, hAlign="LEFT")

    # -- sections -----------------------------------------------------------------------------

    def story(self) -> list:
        # The first page is one page whatever its names: too much (a long family, grant or loan
        # name) is shrunk to fit rather than spilling a few lines onto a page of their own, but
        # not below a size a family reads: first what the appendix holds anyway is left to it.
        for level in range(FIRST_PAGE_LEVELS):
            first = KeepInFrame(self.width, self.height, self.header() + self.family_page(level), mode="shrink")
            first.wrapOn(Canvas(io.BytesIO()), self.width, self.height)     # (measured on a page not kept)
            if getattr(first, "_scale", 1.0) <= MOST_SHRINK:
                break
        parts = [first, PageBreak()]
        parts += [self.p(w("appendix_head", self.lang), self.h1), Spacer(1, 2 * mm)]
        parts += self.family()
        parts += self.schedule() + self.charts() + self.house() + self.money() + self.shopping()
        parts += self.sources_and_signatures() + self.appendix()
        return parts

    # -- the first page -------------------------------------------------------------------------

    @cached_property
    def page(self):
        """What the first page says, worked out once for every way it is laid out."""
        return family_page(self.q)

    def family_page(self, level: int = 0) -> list:
        """What the family reads alone: when to build what, the money a month, the month they
        move in, the grant's terms, the loan, and what to take to the shop first.  ``level`` 1
        leaves what would help to the appendix (said, with how many), 2 half the first shopping's
        items too, 3 all of them (its total stays)."""
        q, lang, plan = self.q, self.lang, self.plan
        h = plan.household
        page = self.page
        cal = lambda month: calendar(q.month_one, month, lang)         # noqa: E731 - reads best inline
        house = superscript_units(plan.bill.design.name(lang)) if plan.improvement is None else \
            plan.bill.steps[0].name(lang)
        parts = [self.p(w("page_title", lang).format(name=_escape(h.name)), self.title),
                 self.p(w("page_house", lang).format(house=_escape(house),
                                                     district=_escape(plan.bill.price_list.region_name)), self.body),
                 Spacer(1, 3 * mm)]
        # A house larger than the plot, or a floor the floods reach, is said first: nothing else on
        # the page holds otherwise.
        facts = []
        now = (q.date.year, q.date.month)
        if (q.month_one.year, q.month_one.month) < now:
            # A reprint keeps its file's months (start_month): a family reading it alone would take
            # its first month for now, or think itself behind.
            facts.append("<b>" + w("reprint", lang).format(start=cal(1), date=i18n.long_date(q.date, lang),
                                                           now=calendar(q.date.replace(day=1), 1, lang)) + "</b>")
        facts += [f"<b>{_escape(note_sentence(kind, figures, lang))}</b>" for kind, figures in plan.notes
                  if kind in ("plot_too_small", "plot_too_wide", "floor_below_flood")]
        facts += self._when_facts(page, cal)
        facts += self._money_facts(page, cal)
        if plan.built or plan.built_in_part:
            facts.append(w("built_line", lang).format(work=_escape(built_text(plan, lang)),
                                                      cost=self.rp(plan.built_cost), listed=self.listed))
        parts.append(self._box(facts))
        if page.works:
            parts += self._works_table(page, cal)
        for k, grant in enumerate(page.grants):
            # Two grants of the same months share the family's own money: said once.
            same = next((g.name for g in page.grants[:k] if g.swadaya == grant.swadaya and grant.swadaya), None)
            # The grants of the same months need the family's money together: the least that keeps
            # them all is said once, under the last of them.
            last = not any(g.name in grant.together for g in page.grants[k + 1:])
            names = " + ".join(_escape(g.name) for g in page.grants if g is grant or g.name in grant.together)
            parts += self._grant_terms(grant, cal, same, last, names)
        if page.purchases:
            # (The dearest first: half of them, then none, when the page needs the room.)
            whole = len(page.purchases)
            parts += self._first_shopping(page, cal, shown=(whole, whole, (whole + 1) // 2, 0)[level])
        if plan.advice and level >= 1:
            parts += [self.p(i18n.nt("What would help (saran): {n} change, in the appendix.",
                                     "What would help (saran): {n} changes, in the appendix.", len(plan.advice),
                                     lang), self.cell)]
        elif plan.advice:
            parts += [self.p(w("advice", lang), self.h3)]
            parts += [self.p(f"- {_escape(saran_text(a, lang, cal))}", self.cell) for a in plan.advice[:FIRST_SARAN]]
            if len(plan.advice) > FIRST_SARAN:
                # The page holds the soonest; the rest are not dropped unsaid.
                more = len(plan.advice) - FIRST_SARAN
                parts.append(self.p(i18n.nt("- and {n} more, in the appendix", "- and {n} more, in the appendix",
                                            more, lang), self.cell))
        lines = []
        if page.works:
            lines.append(w("cost_line", lang).format(today=self.rp(page.total_today), listed=self.listed,
                                                     planned=self.rp(page.planned_total)))
        else:
            lines.append(w("cost_today", lang).format(total=self.rp(page.total_today), listed=self.listed))
        if plan.built or plan.built_in_part:
            lines[-1] += " " + w("cost_built", lang).format(built=self.rp(plan.built_cost))
        lines.append(w("details", lang).format(date=long_date(q.valid_until, lang)))
        bill = plan.bill
        if bill.indicative:
            # The family reads page 1 alone: that the amounts are estimates is said here, not only
            # in the appendix's sources.
            if len(bill.indicative) == len(bill.used):
                lines.append(w("all_indicative_first", lang))
            else:
                lines.append(i18n.nt("{n} of the {m} prices used here is indicative (no published source for the "
                                     "district): the amounts are estimates; check it at a local shop before buying "
                                     "(marked * in the appendix's shopping list).",
                                     "{n} of the {m} prices used here are indicative (no published source for the "
                                     "district): the amounts are estimates; check them at a local shop before "
                                     "buying (marked * in the appendix's shopping list).",
                                     len(bill.indicative), lang, m=len(bill.used)))
        parts += [Spacer(1, 3 * mm)] + [self.p(line, self.small) for line in lines]
        return parts

    def _when_facts(self, page, cal) -> list[str]:
        """The month to move in and the month the house is livable, or why not."""
        plan, lang = self.plan, self.lang
        h = plan.household
        if plan.status == "never_livable" and plan.improvement is not None:
            left = never_met(plan)
            text = w("never_livable_repair", lang).format(n=counted("person", h.members, lang),
                                                          rules=rules_text(left, lang, True))
            return [text + (" " + w("needs_rooms", lang) if {"area", "bedrooms"} & set(left) else "")]
        if plan.status == "never_livable":
            lines = [w("never_livable", lang).format(name=_escape(superscript_units(plan.bill.design.name(lang))),
                                                     n=counted("person", h.members, lang),
                                                     rules=rules_text(never_met(plan), lang))]
            if plan.alternatives:
                lines.append(w("alternatives", lang).format(list="; ".join(
                    w("alternative", lang).format(id=a.template, step=a.step, area=i18n.plain(a.floor_area, lang, 2))
                    for a in plan.alternatives)))
            elif not any(kind == "plot_too_small" and not figures["fitting"] for kind, figures in plan.notes):
                # (The plot's note above says already that no bundled type fits it and the family.)
                lines.append(_escape(no_alternative_text(plan, lang)))
            return lines
        if plan.status == "cannot_start":
            lines = [w("cannot", lang).format(h=counted("month", h.horizon, lang))]
            if plan.shortfall is not None:
                name = package_name(plan, plan.shortfall.step, plan.shortfall.package, lang)
                lines.append(w("would_need", lang).format(total=f"<b>{self.rp(plan.shortfall.total)}</b>",
                                                          monthly=f"<b>{self.rp(plan.shortfall.per_month)}</b>",
                                                          share=shortfall_share(plan),
                                                          step=plan.shortfall.step, name=_escape(name)))
            return lines
        lines = []
        best = plan.best
        if page.move_in_month is not None and page.move_in_month != page.livable_month:
            first = min((s for s in plan.bill.steps), key=lambda s: lived_in_month(plan, best, s.step) or 10 ** 6)
            if all(p.key in h.built for p in first.packages if p.to_live):
                # Its walls and roof were built before this plan: the family lives there already.
                lines.append(w("lived_in", lang).format(step=first.step))
            else:
                lines.append(w("move_in", lang).format(cal=cal(page.move_in_month), m=page.move_in_month,
                                                       step=first.step))
        if page.livable_month is not None:
            key = "livable_improved" if plan.improvement is not None else "livable_for"
            lines.append(w(key, lang).format(n=counted("person", h.members, lang), cal=cal(page.livable_month),
                                             m=page.livable_month))
            if plan.naive.livable_month is None or plan.naive.livable_month > page.livable_month:
                if plan.naive.livable_month is not None:
                    gain = plan.naive.livable_month - page.livable_month
                    lines.append(w("sooner", lang).format(n=counted("month", gain, lang)))
                else:
                    # What the plan buys is the house itself: said, not left out.
                    lines.append(w("sooner_only", lang).format(h=counted("month", h.horizon, lang)))
        else:
            failing = best.steps[-1].failing if best.steps else ()
            rules = rules_text(failing, lang, plan.improvement is not None)
            lines.append(w("not_livable_by", lang).format(cal=cal(h.horizon), h=counted("month", h.horizon, lang),
                                                          rules=rules))
        return lines

    def _money_facts(self, page, cal) -> list[str]:
        """The money to put aside each month (and in lean months), the savings and the loan."""
        plan, lang = self.plan, self.lang
        h, loan = plan.household, plan.best.loan
        if plan.status == "livable" and not plan.best.steps:
            # Nothing left to build (all of it built already): nothing to put aside for it.
            return [w("no_work", lang)]
        if plan.best.steps and not any(s.own for s in plan.best.steps):
            # Grants pay all the work planned (it waits for a grant in kind): nothing to put aside
            # for it, and the page says why the work waits.
            line = w("grants_pay_all", lang)
            if page.savings:
                line += " " + w("savings_kept", lang).format(amount=self.rp(page.savings))
            waits = [note_sentence(kind, figures, lang) for kind, figures in plan.notes if kind == "waits_for_grant"]
            return [line + "".join(" " + _escape(text) for text in waits)]
        how = "" if h.housing_monthly is not None else w("put_aside_share", lang).format(
            share=f"{i18n.plain(h.housing_share * 100, lang, 1)} %", income=self.rp(h.income))
        line = w("put_aside", lang).format(amount=self.rp(page.budget), cal=cal(1), how=how)
        for months, amount in page.seasons:
            line += " " + w("seasons", lang).format(months=month_names(months, lang), amount=self.rp(amount))
        if page.savings:
            line += " " + w("savings_used", lang).format(amount=self.rp(page.savings))
        if loan is not None:
            line += " " + w("instalments_inside", lang)
        lines = [line]
        # Money a grant gives as money goes in too: without it the page's sums would not add up.
        lines += [w("cash_grant", lang).format(name=_escape(g.name), amount=self.rp(g.cash), cal=cal(g.month))
                  for g in sorted(h.grants, key=lambda g: g.month) if g.cash and g.month <= h.horizon]
        if loan is not None:
            lines.append(w("loan_take", lang).format(
                name=_escape(loan.offer.name), amount=self.rp(loan.offer.amount), cal=cal(loan.month),
                instalment=self.rp(loan.offer.instalment), first=cal(loan.first_instalment),
                last=cal(loan.last_instalment)) + " " + self._loan_cost(loan.offer))
        elif h.loans and plan.feasible:
            # An offer whose instalment the money cannot pay is not "not needed": it is said why.
            refused = [figures for kind, figures in plan.notes if kind == "loan_too_big"]
            if plan.problem.loans:
                lines.append(w("loan_none", lang))
            lines += [self._loan_refused(f) for f in refused]
        return lines

    def _loan_refused(self, figures: dict) -> str:
        """Why an offered loan is not used (its instalment is more than the leanest month's money).
        The offer's own name may start with "loan": it stands apart, not after the word."""
        key = "loan_refused_lean" if self.plan.household.seasonal else "loan_refused"
        return w(key, self.lang).format(name=_escape(figures["name"]), instalment=self.rp(figures["instalment"]),
                                        budget=self.rp(figures["budget"]))

    def _box(self, lines: list[str]) -> Table:
        return Table([[[self.p(line, self.big) for line in lines]]], colWidths=[self.width],
                     style=TableStyle([("FONT", (0, 0), (-1, -1), FONT, 8), ("BOX", (0, 0), (-1, -1), 1.0, BLUE),
                                       ("BACKGROUND", (0, 0), (-1, -1), colors.Color(0.94, 0.97, 1.0)),
                                       ("LEFTPADDING", (0, 0), (-1, -1), 6), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                                       ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]))

    def _work_words(self, step: int, package: str, work=None) -> str:
        """The package in plain words, under it its step; of a ``work`` row, the part it builds."""
        plan, lang = self.plan, self.lang
        words = package_name(plan, step, package, lang) if work is None else row_name(plan, work, lang)
        name = _escape(superscript_units(words))
        if plan.improvement is not None and step == 1:
            return name                       # a repair says what it is
        step_name = next(s for s in plan.bill.steps if s.step == step).name(lang)
        return w("work_of_step", lang).format(package=name, step=step, step_name=_escape(superscript_units(step_name)))

    def _works_table(self, page, cal) -> list:
        lang = self.lang
        head = ParagraphStyle("fhead", self.cell, fontName=BOLD, fontSize=8, leading=9.5)
        head_right = ParagraphStyle("fheadr", head, alignment=TA_RIGHT)
        keys = ["start", "work", "done", "cost", "grant", "own"]
        if not any(work.grant for work in page.works):
            keys.remove("grant")
        money = ("cost", "grant", "own")
        rows = [[self.p(w(f"col_{key}", lang), head_right if key in money else head) for key in keys]]
        amount = lambda value: self.rp(value) if value else "-"       # noqa: E731
        marks = []
        for work in page.works:
            words = self._work_words(work.step, work.package, work)
            cells = {"start": cal(work.month), "work": self.p(words, self.cell),
                     "done": cal(work.last_month), "cost": amount(work.cost), "grant": amount(work.grant),
                     "own": amount(work.own)}
            rows.append([cells[key] for key in keys])
            if work.makes_livable:
                marks.append(len(rows))
                rows.append([self.p("<b>" + w("livable_mark", lang).format(cal=cal(page.livable_month)) + "</b>",
                                    self.cell)] + [""] * (len(keys) - 1))
        totals = {"start": self.p(f"<b>{w('total', lang)}</b>", self.cell),
                  "cost": self.rp(sum(x.cost for x in page.works)), "grant": self.rp(sum(x.grant for x in page.works)),
                  "own": self.rp(sum(x.own for x in page.works))}
        rows.append([totals.get(key, "") for key in keys])
        plain_rows = [row for k, row in enumerate(rows) if k not in marks]
        table = self.table(rows, self._fitted(keys, plain_rows, "work", 8),
                           right=tuple(i for i, key in enumerate(keys) if key in money), totals=(len(rows) - 1,),
                           font=8)
        style = [("SPAN", (0, len(rows) - 1), (2, len(rows) - 1))]
        for row in marks:
            style += [("SPAN", (0, row), (-1, row)), ("BACKGROUND", (0, row), (-1, row), GREEN)]
        table.setStyle(TableStyle(style))
        note = w("costs_rise", lang).format(r=i18n.plain(self.plan.household.inflation * 100, lang, 2),
                                            listed=self.listed)
        title = "when_what" if self.plan.improvement is None else "when_what_repairs"
        return [self.p(w(title, lang), self.h2), table, Spacer(1, 1 * mm), self.p(note, self.small)]

    def _grant_terms(self, grant, cal, same: str | None = None, last: bool = True, names: str = "") -> list:
        """A grant in kind's block: its parts, the work it pays for, the family's own money in
        its months (or, given ``same``, the name of the grant above whose months and money these
        are), what is lost, and (``last``: the last block of the grants of the same months,
        ``names``) the least own money that uses it all, or them all together."""
        lang = self.lang
        lines = []
        if grant.pays_for:
            works = "; ".join(self._work_words(step, package).split("<br/>")[0] +
                              ("" if self.plan.improvement is not None and step == 1 else
                               f" ({w('step', lang).lower()} {step})")
                              for step, package in grant.pays_for)
            pays = "grant_pays_for" if grant.used_materials and grant.used_labour else \
                "grant_pays_materials_for" if grant.used_materials else "grant_pays_wages_for"
            lines.append(w(pays, lang).format(works=works))
        if same is not None:
            lines.append(w("grant_same_swadaya", lang).format(name=_escape(same)))
        elif grant.swadaya:
            lines.append(w("grant_swadaya", lang).format(
                list="; ".join(w("swadaya_item", lang).format(amount=f"<b>{self.rp(a)}</b>", cal=cal(m))
                               for m, a in grant.swadaya), cal=cal(grant.end_month)))
        elif grant.pays_for:
            lines.append(w("grant_no_swadaya", lang))
        # Why it is lost, as the plan says it: own money the family could add saves it only when
        # money is what it lacks.
        said = {"small": "grant_small_short", "sooner": "grant_lost_sooner", "time": "grant_time_short",
                "spare": "grant_spare_short"}
        if grant.lost and grant.reason in said:
            lines.append(w(said[grant.reason], lang).format(amount=self.rp(grant.lost), cal=cal(grant.end_month),
                                                            busy=cal(grant.busy)))
        elif grant.lost and grant.needed:
            lines.append(w("grant_lost_together" if grant.together else "grant_lost_short", lang).format(
                amount=self.rp(grant.lost), cal=cal(grant.end_month), needed=self.rp(grant.needed), names=names))
        elif grant.lost:
            lines.append(w("grant_spare_short", lang).format(amount=self.rp(grant.lost), cal=cal(grant.end_month)))
        elif grant.needed and last:
            # The plan may add more (whole packages): the least that keeps the grant is worth knowing.
            more = not grant.together and sum(a for _, a in grant.swadaya) > grant.needed
            lines.append(w("grant_keep_together" if grant.together else "grant_keep_more" if more else "grant_keep",
                           lang).format(needed=self.rp(grant.needed), names=names))
        head = w("grant_head" if grant.materials and grant.labour else "grant_head_wages" if grant.labour
                 else "grant_head_materials", lang).format(name=_escape(grant.name),
                                                           materials=self.rp(grant.materials),
                                                           labour=self.rp(grant.labour))
        return [self.p(head, self.h3)] + [self.p(line, self.body) for line in lines]

    def _loan_cost(self, offer) -> str:
        """What a loan costs in all: its instalments added up, and how much more that is than the
        loan (the money the plan's "own money" counts already holds the loan itself)."""
        repaid = offer.instalment * offer.tenor
        return w("loan_cost", self.lang).format(n=counted("instalment", offer.tenor, self.lang),
                                                repaid=self.rp(repaid), interest=self.rp(repaid - offer.amount))

    def _first_shopping(self, page, cal, shown: int | None = None) -> list:
        lang = self.lang
        step, package, month = page.first_work
        # The first row of the plan: a part says so, as its shopping list holds only that part.
        work = self._work_words(step, package, work=self.plan.best.steps[0]).split("<br/>")[0]
        # What to buy may be two shop units (2 papan 2/20, 4 m + 1 ...): a paragraph, so it wraps.
        items = [[self.p(_escape(superscript_units(item.name(lang))), self.cell),
                  self.p(_escape(superscript_units(i18n.purchase_text(item.parts, lang))), self.cell_right),
                  self.rp(item.cost)]
                 for item in page.purchases[:shown]]
        total = w("first_shop_total" if items else "first_shop_total_only", lang).format(
            total=self.rp(page.purchases_total), listed=self.listed, n=counted("kind", page.purchase_kinds, lang),
            shown=len(items))
        more = page.purchases_total - page.first_materials
        if page.first_materials and more > 0:
            # The plan pays the bill's materials; the shop sells whole units: the family is told
            # the difference before it stands at the counter short of it.
            total += " " + w("shop_more", lang).format(more=self.rp(more), materials=self.rp(page.first_materials))
        head = self.p(w("shop_first", lang).format(work=work, cal=cal(month)), self.h3)
        if not items:
            return [head, self.p(total, self.small)]
        half = (len(items) + 1) // 2
        rows = [left + [""] + (items[half + k] if half + k < len(items) else ["", "", ""])
                for k, left in enumerate(items[:half])]
        column = (self.width - 6 * mm) / 2
        widths = [column - 49 * mm, 27 * mm, 22 * mm, 6 * mm, column - 49 * mm, 27 * mm, 22 * mm]
        table = self.table(rows, widths, header=False, right=(1, 2, 5, 6), font=8)
        table.setStyle(TableStyle([("LINEBELOW", (3, 0), (3, -1), 0, colors.white)]))
        return [head, table, Spacer(1, 1 * mm), self.p(total, self.small)]

    def header(self) -> list:
        q, lang = self.q, self.lang
        clinic = [self.p(f"<b>{_escape(q.clinic.name)}</b>", self.h1)]
        for line in (q.clinic.address, q.clinic.phone):
            if line:
                clinic.append(self.p(_escape(line), self.small))
        right = [self.p(f"<b>{w('title', lang)}</b>", self.body),
                 self.p(f"{w('number', lang)}: <b>{_escape(q.number)}</b>", self.small),
                 self.p(f"{w('date', lang)}: {long_date(q.date, lang)}", self.small),
                 self.p(f"{w('valid', lang)}: {long_date(q.valid_until, lang)}", self.small)]
        if q.clinic.technician:
            right.append(self.p(f"{w('technician', lang)}: {_escape(q.clinic.technician)}", self.small))
        table = Table([[clinic, right]], colWidths=[self.width * 0.45, self.width * 0.55],
                      style=TableStyle([("FONT", (0, 0), (-1, -1), FONT, 8), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                        ("LINEBELOW", (0, 0), (-1, 0), 1.2, colors.black),
                                        ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        return [table, Spacer(1, 4 * mm)]

    def family(self) -> list:
        h, lang = self.plan.household, self.lang
        members = counted("person", h.members, lang)
        if h.adults is not None and h.children is not None:
            members += f" ({counted('adult', h.adults, lang)}, {counted('child', h.children, lang)})"
        if h.housing_monthly is None:
            how = w("share", lang).format(share=f"{i18n.plain(h.housing_share * 100, lang, 1)} %")
        else:
            how = w("fixed", lang)
        rows = [[w("name", lang), h.name], [w("members", lang), members],
                [w("district", lang), f"{self.plan.bill.price_list.region_name} ({self.plan.bill.price_list.id})"],
                [w("income", lang), self.rp(h.income)],
                [w("budget", lang), f"{self.rp(h.budget)} ({how})" + ("." if h.seasonal else "") + "".join(
                    " " + w("seasons", lang).format(months=month_names(months, lang), amount=self.rp(amount))
                    for months, amount in season_amounts(h))],
                [w("savings", lang), self.rp(h.savings)]]
        grants = []
        for g in h.grants:
            line = w("grant_line", lang).format(name=g.name, amount=self.rp(g.amount), month=g.month)
            if g.materials or g.labour:
                line += w("in_kind_cash" if g.cash else "in_kind", lang).format(parts=grant_parts_text(g, lang),
                                                                               end=g.month + g.period - 1)
            grants.append(line)
        rows.append([w("grants", lang), "; ".join(grants) or w("none", lang)])
        loans = [w("loan_offer", lang).format(name=o.name, amount=self.rp(o.amount),
                                              rate=i18n.plain(o.annual_rate * 100, lang, 2),
                                              tenor=counted("month", o.tenor, lang),
                                              instalment=self.rp(o.instalment)) for o in h.loans]
        rows.append([w("loans", lang), "; ".join(loans) or w("none", lang)])
        rows = [[r[0], self.p(_escape(r[1]), self.cell)] for r in rows]
        return [self.p(w("family", lang), self.h2),
                self.table(rows, [45 * mm, self.width - 45 * mm], header=False, font=8)] + self.assessment()

    def assessment(self) -> list:
        """For a house the family lives in: each criterion, what was found and the rule."""
        improvement, lang = self.plan.improvement, self.lang
        if improvement is None:
            return []
        head = ParagraphStyle("head", self.cell, fontName=BOLD)
        rows = [[self.p(w(k, lang), head) for k in ("criterion", "result", "found", "rule")]]
        # What the family has built since the survey puts some right: said so, not "fails".
        still = set(failing_at_start(self.plan))
        for c in improvement.assessment.criteria:
            fixed = not c.passed and c.id not in still
            result = w("passes" if c.passed else "fixed_built" if fixed else "fails", lang)
            rows.append([self.p(_escape(c.name(lang)), self.cell),
                         self.p(result if c.passed or fixed else f"<b>{result}</b>", self.cell),
                         self.p(_escape(c.measured(lang)), self.cell), self.p(_escape(c.rule(lang)), self.cell)])
        parts = [Spacer(1, 2 * mm), self.p(w("assessment", lang), self.h3),
                 self.table(rows, [32 * mm, 18 * mm, 58 * mm, self.width - 108 * mm], font=7.5)]
        if improvement.assessment.livable:
            parts.append(self.p(w("all_pass", lang), self.small))
        return parts

    def notes(self) -> list[str]:
        """What the first page leaves to the appendix: the plan made without planning, what the
        grants pay and lose, the loans not used, the notes of the plan, the costs."""
        plan, lang = self.plan, self.lang
        h = plan.household
        lines = []
        # (A house never livable says so on page 1: the plan without planning is no more livable.)
        never = plan.status == "never_livable"
        if plan.feasible:
            best, plain = plan.best, plan.naive
            what = (w("naive_month", lang).format(m=plain.livable_month) if plain.livable_month is not None
                    else w("naive_never", lang).format(h=counted("month", h.horizon, lang)))
            if not never:
                lines.append(w("naive_compare", lang).format(what=what))
            if best.loan is not None:
                loan = best.loan
                lines.append(w("loan_taken", lang).format(
                    name=_escape(loan.offer.name), amount=self.rp(loan.offer.amount), m=loan.month,
                    instalment=self.rp(loan.offer.instalment), first=loan.first_instalment, last=loan.last_instalment)
                    + " " + self._loan_cost(loan.offer))
            elif plan.problem.loans:
                lines.append(w("no_loan_needed", lang))
        elif plan.status == "cannot_start" and plan.problem.loans:
            biggest = max(plan.problem.loans, key=lambda offer: offer.amount)
            lines.append(w("with_loan", lang).format(name=_escape(biggest.name), amount=self.rp(biggest.amount)))
        lines += [_escape(line) for line in grant_lines(plan, lang)]
        for kind, figures in plan.notes:
            if kind == "loan_too_big":
                lines.append(self._loan_refused(figures))
            else:
                lines.append(_escape(note_sentence(kind, figures, lang)))
        lines.append(w("cost_today", lang).format(total=self.rp(plan.bill.total), listed=self.listed))
        if plan.feasible:
            steps = sorted({s.step for s in plan.best.steps})
            lines.append(w("cost_planned", lang).format(r=i18n.plain(h.inflation * 100, lang, 2),
                                                        h=counted("month", h.horizon, lang),
                                                        steps=steps_text(steps, lang),
                                                        total=self.rp(sum(s.cost for s in plan.best.steps))))
        if plan.advice:
            lines.append(f"<b>{w('advice', lang)}</b>: " + "; ".join(_escape(saran_text(a, lang)) for a in plan.advice))
        return lines

    def schedule(self) -> list:
        plan, lang, q = self.plan, self.lang, self.q
        notes = [self.p(line, self.small) for line in self.notes()]
        if not plan.feasible:
            return [self.p(w("plan_notes", lang), self.h2)] + notes
        if not plan.best.steps:
            return [self.p(w("plan", lang), self.h2), self.p(w("no_work", lang), self.body)] + notes
        h = plan.household
        head = ParagraphStyle("head", self.cell, fontName=BOLD)
        head_right = ParagraphStyle("headr", head, alignment=TA_RIGHT)
        keys = ["month", "work", "cost", "grant_pays", "own", "cash_after", "ready", "area", "livable"]
        money = ("cost", "grant_pays", "own", "cash_after")
        rows = [[self.p(w(key, lang), head_right if key in money else head) for key in keys]]
        amount = lambda value: i18n.rupiah(value, lang, False)      # noqa: E731 - the header says Rp
        for s in plan.best.steps:
            granted = s.grant_materials + s.grant_labour
            named = calendar(q.month_one, s.month, lang, short=True)
            cells = {"month": self.p(f"<b>{s.month}</b><br/>{named}", self.cell),
                     "work": self.p(f"{s.step}. {_escape(row_name(plan, s, lang))}", self.cell),
                     "cost": amount(s.cost), "grant_pays": amount(granted) if granted else "-",
                     "own": amount(s.own) if s.own else "-",
                     "cash_after": amount(s.cash_after), "ready": str(s.last_month),
                     "area": f"{i18n.plain(s.total_floor_area, lang, 2)} m²",
                     "livable": w("yes" if s.livable else "not_yet", lang)}
            rows.append([cells[key] for key in keys])
        totals = {"month": w("planned_total", lang), "cost": amount(sum(s.cost for s in plan.best.steps)),
                  "grant_pays": amount(sum(s.grant_materials + s.grant_labour for s in plan.best.steps)),
                  "own": amount(sum(s.own for s in plan.best.steps))}
        rows.append([totals.get(key, "") for key in keys])
        table = self.table(rows, self._fitted(keys, rows, "work", 7), right=tuple(i for i, key in enumerate(keys)
                                                                                   if key in money),
                           totals=(len(rows) - 1,), font=7)
        table.setStyle(TableStyle([("SPAN", (0, len(rows) - 1), (1, len(rows) - 1))]))
        parts = [self.p(w("plan", lang), self.h2), table,
                 Spacer(1, 1.5 * mm),
                 self.p(w("month_one", lang).format(cal=calendar(q.month_one, 1, lang)), self.small)]
        if plan.best.unbuilt:
            parts.append(self.p(w("unbuilt", lang).format(h=counted("month", h.horizon, lang), steps=_escape(
                works_text(plan, plan.best.unbuilt, lang))), self.small))
        if plan.best.unfinished is not None:
            step, package, left = plan.best.unfinished
            name = _escape(works_text(plan, [(step, package)], lang))
            parts.append(self.p(w("unfinished", lang).format(h=counted("month", h.horizon, lang), name=name,
                                                             share=percent(left)), self.small))
        if plan.status != "never_livable":
            parts += [self.p(w("compare", lang), self.h3), self.compare(), Spacer(1, 2 * mm)]
        return parts + notes

    def _fitted(self, keys: list[str], rows: list, stretch: str, font: float) -> list[float]:
        """Column widths that hold every header word whole (no word broken in two) and every
        plain cell on one line; the ``stretch`` column takes what is left."""
        from reportlab.pdfbase.pdfmetrics import stringWidth
        pad = 5.5

        def lines(cell) -> list[tuple[str, str, float]]:
            """(text, font, size) of each line of a cell."""
            if isinstance(cell, Paragraph):
                style = cell.style
                bold = style.fontName == BOLD
                found = []
                for line in cell.text.split("<br/>"):
                    plain = re.sub(r"<[^>]+>", "", line)
                    found.append((plain, BOLD if bold or "<b>" in line else style.fontName, style.fontSize))
                return found
            return [(str(cell), FONT, font)]

        widths = []
        for k, key in enumerate(keys):
            need = max((stringWidth(word, name, size) for text, name, size in lines(rows[0][k])
                        for word in text.split()), default=0)
            if key != stretch:
                for row in rows[1:-1]:
                    need = max([need] + [stringWidth(text, name, size) for text, name, size in lines(row[k])])
            widths.append(need + pad)
        last = rows[-1]
        for k, cell in enumerate(last):
            if keys[k] != stretch and cell and not isinstance(cell, Paragraph):
                widths[k] = max(widths[k], stringWidth(str(cell), BOLD, font) + pad)
        index = keys.index(stretch)
        widths[index] = self.width - sum(widths) + widths[index]
        return widths

    def compare(self) -> Table:
        plan, lang = self.plan, self.lang
        best, plain = plan.best, plan.naive

        def lived_in(schedule, step):
            month = lived_in_month(plan, schedule, step)
            return str(month) if month is not None else w("never", lang)

        def loan_of(schedule):
            if schedule.loan is None:
                return w("none", lang)
            return self.p(_escape(f"{schedule.loan.offer.name}, {self.rp(schedule.loan.offer.amount)} "
                                  f"({w('month', lang).lower()} {schedule.loan.month})"), self.cell_right)

        rows = [["", w("with_plan", lang), w("naive", lang)],
                [w("livable_row", lang), str(best.livable_month or w("never", lang)),
                 str(plain.livable_month or w("never", lang))]]
        for s in plan.bill.steps:
            rows.append([w("step_row", lang).format(n=s.step), lived_in(best, s.step), lived_in(plain, s.step)])
        rows.append([w("loan_row", lang), loan_of(best), loan_of(plain)])
        # What the family pays itself for the work each plan builds (a plan that waits for a
        # grant in kind may be livable later and cost the family far less).
        rows.append([w("own_row", lang), self.rp(sum(s.own for s in best.steps)),
                     self.rp(sum(s.own for s in plain.steps))])
        return self.table(rows, [70 * mm, 50 * mm, 50 * mm], right=(1, 2), font=8)

    def charts(self) -> list:
        plan, lang = self.plan, self.lang
        problem, h = plan.problem, plan.household
        best = plan.best
        last = max([s.finish_month for s in best.steps] + [best.livable_month or 0])
        if h.horizon < 3 or (not best.steps and plan.status != "cannot_start"):
            # Nothing to draw over a month or two, for no plan (a house type never livable for the
            # family), or for a house with nothing left to build.
            return []
        months = range(1, min(h.horizon, last + 12) + 1) if best.steps else range(1, h.horizon + 1)
        loan = None if best.loan is None else (problem.loans.index(best.loan.offer), best.loan.month - 1)
        # With nothing built, the shortfall counts the largest usable loan as if taken: so does the chart.
        lent = 0 if best.steps else max((offer.amount for offer in problem.loans), default=0)
        available = [(m, (problem.base_cash[m - 1] + problem.loan_cash(loan, m - 1) + lent) / 1e6) for m in months]
        spent = _stairs([(m, sum(s.own for s in best.steps if s.month <= m) / 1e6) for m in months])
        if best.steps:
            series, names = [available, spent], [w("available", lang), w("spent", lang)]
        else:
            first = (plan.shortfall.step, plan.shortfall.package) if plan.shortfall is not None else \
                (plan.bill.steps[0].step, plan.bill.steps[0].packages[0].kind)
            index = [(t.step, t.package) for t in problem.tasks].index(first)
            series = [available, [(m, problem.cost_table[index][m - 1] / 1e6) for m in months]]
            names = [w("available", lang), w("first_cost", lang)]
        money = self._line_chart(w("chart_money", lang), series, names, step=False)
        parts = [CondPageBreak(70 * mm), money]
        if best.steps:
            # From month 1 the family lives in what stands: the house it improves, the rooms it built.
            area = [(m, max([plan.start_check.floor_area] + [s.total_floor_area for s in best.steps
                                                             if s.finish_month <= m])) for m in months]
            needed = [(m, h.members * h.area_per_person) for m in months]
            parts.append(self._line_chart(w("chart_area", lang), [area, needed],
                                          [w("area_line", lang),
                                           w("needed_line", lang).format(n=counted("person", h.members, lang))],
                                          step=True))
        return parts

    def _line_chart(self, title: str, series, names, step: bool) -> Drawing:
        """A line chart over plan months; ``step`` draws values that change in jumps as steps."""
        height = 58 * mm
        drawing = Drawing(self.width, height, initialFontName=FONT)
        drawing.add(String(0, height - 9, title, fontName=BOLD, fontSize=9))
        chart = LinePlot()
        chart.x, chart.y, chart.width, chart.height = 32, 30, self.width - 44, height - 58
        if step:
            series = [_stairs(points) for points in series]
        chart.data = series
        palette = [BLUE, ORANGE]
        for k in range(len(series)):
            chart.lines[k].strokeColor = palette[k % 2]
            chart.lines[k].strokeWidth = 1.4
        chart.lines[1].strokeDashArray = [4, 2] if step else None
        for axis in (chart.xValueAxis, chart.yValueAxis):
            axis.labels.fontName, axis.labels.fontSize = FONT, 7
        chart.xValueAxis.valueMin = series[0][0][0]
        chart.xValueAxis.valueMax = series[0][-1][0]
        chart.yValueAxis.valueMin = 0
        drawing.add(chart)
        drawing.add(String(chart.x + chart.width, 8, w("month", self.lang), fontName=FONT, fontSize=7,
                           textAnchor="end"))
        legend = Legend()
        legend.x, legend.y = chart.x, 10
        legend.fontName, legend.fontSize = FONT, 7
        legend.alignment, legend.columnMaximum, legend.dx, legend.dy = "right", 1, 10, 3
        legend.deltax = self.width / 2.3
        legend.colorNamePairs = [(palette[k % 2], names[k]) for k in range(len(series))]
        drawing.add(legend)
        return drawing

    def house(self) -> list:
        if self.plan.improvement is not None:
            return self.improved_house()
        plan, lang = self.plan, self.lang
        parts = [self.p(w("house", lang), self.h2)]
        drawing_width = 120 * mm
        scale = self.q.sheets[0].scale
        parts.append(self.p(w("scale", lang).format(n=scale), self.small))
        design = plan.bill.design
        for sheet, step in zip(self.q.sheets, plan.bill.steps):
            rooms = [r for r in design.rooms if r.step == step.step]
            title = f"{w('step', lang)} {step.step}: {_escape(superscript_units(step.name(lang)))}"
            info = [self.p(f"<b>{title}</b>", self.h3)] + self._room_lines(rooms)
            info.append(Spacer(1, 2 * mm))
            info += self._area_lines(step)
            parts.append(KeepTogether([self._sheet_row(sheet, scale, info, drawing_width), Spacer(1, 3 * mm)]))
        return _headed(parts) + self.section()

    def section(self) -> list:
        """The section through the house, across the page, with its scale."""
        sheet = self.q.section
        if sheet is None:
            return []
        lang = self.lang
        return [KeepTogether([self.p(f"<b>{_escape(sheet.title[0])}</b>", self.h3),
                              self.p(w("section_scale", lang).format(n=sheet.scale), self.small),
                              SheetDrawing(sheet, FONT, BOLD), Spacer(1, 3 * mm)])]

    def improved_house(self) -> list:
        """A house the family lives in: as it is with what is taken down, repaired, with rooms added."""
        plan, lang = self.plan, self.lang
        improvement = plan.improvement
        parts = [self.p(w("house_improved", lang), self.h2)]
        drawing_width = 120 * mm
        scale = self.q.sheets[0].scale
        parts.append(self.p(w("scale_improved", lang).format(n=scale), self.small))
        design = plan.bill.design
        for sheet in self.q.sheets:
            phase = {"ada": "before", "perbaikan": "repair", "tambah": "added"}[sheet.slug]
            info = [self.p(f"<b>{w('phase_' + phase, lang)}</b>", self.h3)]
            step = plan.bill.steps[0] if phase != "added" else plan.bill.steps[1]
            if phase == "before":
                info += self._room_lines([r for r in design.rooms if r.step == 1])
                down = []
                if "walls" in improvement.fixes:
                    down.append(w("taken_down", lang).format(a=i18n.number(step.quantities["wall_area"], lang)))
                if improvement.new_windows and "walls" not in improvement.fixes:
                    # (New walls are laid with the new windows' openings: nothing is cut.)
                    windows = counted("new_window", len(improvement.new_windows), lang)
                    down.append(w("cut_windows", lang).format(n=windows))
                info.append(Spacer(1, 2 * mm))
                info += [self.p(line, self.cell) for line in down] or [self.p(w("nothing_down", lang), self.cell)]
            else:
                if phase == "added":
                    info += self._room_lines([r for r in design.rooms if r.step == 2])
                else:
                    info.append(self.p(w("repairs_list", lang).format(listed=self.listed) + ":", self.cell))
                info += [self.p(f"- {_escape(p.name(lang))}: {self.rp(p.total)}", self.cell) for p in step.packages]
                info.append(Spacer(1, 2 * mm))
                info += self._area_lines(step)
            parts.append(KeepTogether([self._sheet_row(sheet, scale, info, drawing_width), Spacer(1, 3 * mm)]))
        return _headed(parts) + self.section()

    def _room_lines(self, rooms) -> list:
        """"Rooms:" and each room's size, beside its drawing."""
        lang = self.lang
        return [self.p(w("rooms", lang) + ":", self.cell)] + [
            self.p(f"- {_escape(r.name(lang))}: {i18n.number(r.x1 - r.x0, lang)} x "
                   f"{i18n.number(r.y1 - r.y0, lang)} m = {i18n.number(r.area, lang)} m²", self.cell) for r in rooms]

    def _area_lines(self, step) -> list:
        """The floor area after ``step`` against what the family needs, and the step's cost."""
        h, lang = self.plan.household, self.lang
        return [self.p(w("house_area", lang).format(a=i18n.number(step.total_floor_area, lang),
                                                    p=i18n.number(step.total_floor_area / h.members, lang, 1),
                                                    n=i18n.number(h.members * h.area_per_person, lang, 1)), self.cell),
                self.p(w("step_cost_today", lang).format(c=self.rp(step.total), listed=self.listed), self.cell)]

    def _sheet_row(self, sheet, scale: int, info: list, drawing_width: float) -> Table:
        return Table([[SheetDrawing(sheet, FONT, BOLD), info]],
                     colWidths=[drawing_width + 4 * mm, self.width - drawing_width - 4 * mm],
                     style=TableStyle([("FONT", (0, 0), (-1, -1), FONT, 8), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                       ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                       ("LINEBELOW", (0, 0), (-1, -1), 0.4, LINE)]))

    def money(self) -> list:
        plan, lang = self.plan, self.lang
        bill = plan.bill
        header = [w("work", lang)] + [f"{w('step', lang)} {s.step}" for s in bill.steps] + [w("total", lang)]
        rows, column_sums = [header], [0] * (len(bill.steps) + 1)
        groups = list(bill.groups) + ([("overhead", None)] if bill.overhead_rate > 0 else [])
        for group, name in groups:
            amounts = []
            for s in bill.steps:
                amounts.append(s.overhead if group == "overhead" else
                               sum(line.amount for line in s.lines if line.group == group))
            if not any(amounts):
                continue
            row_total = sum(amounts)
            for k, amount in enumerate(amounts + [row_total]):
                column_sums[k] += amount
            label = w("overhead", lang) if name is None else name(lang)
            # A Paragraph, so that a long repair name wraps in its column instead of running under the figures.
            rows.append([self.p(_escape(label), self.cell)]
                        + [i18n.rupiah(a, lang, False) if a else "-" for a in amounts]
                        + [i18n.rupiah(row_total, lang, False)])
        rows.append([w("total", lang)] + [i18n.rupiah(a, lang, False) for a in column_sums[:-1]]
                    + [self.rp(column_sums[-1])])
        first = 50 * mm
        rest = (self.width - first) / (len(bill.steps) + 1)
        return [CondPageBreak(80 * mm), self.p(w("money", lang).format(listed=self.listed), self.h2),
                self.table(rows, [first] + [rest] * (len(bill.steps) + 1),
                           right=tuple(range(1, len(header))), totals=(len(rows) - 1,), font=8)]

    def shopping(self) -> list:
        lang, h = self.lang, self.plan.household
        bill = self.plan.bill
        # "*" marks an indicative price, and only that; when every price is indicative, one
        # sentence says so instead of a star on every line.
        every = len(bill.indicative) == len(bill.used)
        note = w("shopping_note", lang) + " " + w("all_indicative" if every else "star_indicative", lang)
        parts = [CondPageBreak(70 * mm), self.p(w("shopping", lang).format(listed=self.listed), self.h2),
                 self.p(note, self.small)]
        built = self.plan.household.built
        durations = {s.step: sum(self.plan.durations.get(p.key, 0) for p in s.packages if p.key not in built)
                     for s in bill.steps}
        for step, purchases, days in step_materials(self.q):
            rows = [[w("material", lang), w("buy", lang), w("price_each", lang), w("cost", lang)]]
            for item in purchases:
                star = " *" if item.indicative and not every else ""
                rows.append([self.p(_escape(superscript_units(item.name(lang))) + star, self.cell),
                             superscript_units(i18n.purchase_text(item.parts, lang)),
                             i18n.prices_text(item.part_prices, lang), i18n.rupiah(item.cost, lang, False)])
            rows.append([w("shop_total", lang).format(n=step.step), "", "",
                         self.rp(sum(item.cost for item in purchases))])
            # Semicolons between roles: the days carry decimal commas.
            trades = "; ".join(f"{_escape(d.name(lang))}{' (' + trade_name(d.trade, lang) + ')' if d.trade else ''} "
                               f"{i18n.number(d.days, lang, 1)}" for d in days)
            labour = w("labour", lang).format(n=step.step, days=trades, t=counted("tradesman", h.crew.tradesmen, lang),
                                              l=counted("labourer", h.crew.labourers, lang),
                                              m=counted("month", durations[step.step], lang))
            parts.append(CondPageBreak(45 * mm))
            title = f"{w('step', lang)} {step.step}: {_escape(superscript_units(step.name(lang)))}"
            done = [lower_first(p.name(lang)) for p in step.packages if p.key in built]
            if done:
                title += " " + w("without_built", lang).format(work=_escape("; ".join(done)))
            parts.append(self.p(title, self.h3))
            parts.append(self.table(rows, [78 * mm, 32 * mm, 30 * mm, self.width - 140 * mm], right=(1, 2, 3),
                                    totals=(len(rows) - 1,)))
            parts.append(Spacer(1, 1 * mm))
            parts.append(self.p(labour, self.small))
        return parts

    def sources_and_signatures(self) -> list:
        """The sources, then the signatures kept with the last of them: a signature block never
        stands alone on a page."""
        return [KeepTogether(self.sources() + self.signatures())]

    def sources(self) -> list:
        plan, lang, q = self.plan, self.lang, self.q
        bill, h = plan.bill, plan.household
        design, prices, edition = bill.design, bill.price_list, bill.edition
        origins = "; ".join((w("src_origin", lang).format(id=_escape(i), region=_escape(region), year=year,
                                                          source=_escape(source), n=counted("price", n, lang))
                             + (w("src_origin_own", lang).format(k=own) if own else ""))
                            if region else w("src_origin_bare", lang).format(id=_escape(i),
                                                                             n=counted("price", n, lang))
                            for i, region, year, source, n, own in price_origins(q))
        imported = imported_text(prices, bill.used, lang)
        values = design_words(design, lang)
        if plan.improvement is not None:
            # The walls, roof and floor of a surveyed house are its own (section 1 says them); the
            # design's choices said are those the new work the repairs and rooms added brings uses.
            values = _new_work_words(plan.improvement, design, lang)
        resources = self.q.catalog.resources
        # (Community labour pays no labourer: only the trades its bill pays are named.)
        pay = self.q.catalog.bill_map.labour_modes.get(bill.labour, {})
        wages = [code for code in bill.used if resources[code].kind == "labour" and pay.get(code, 1.0) > 0]
        lines = [
            w("src_template", lang).format(name=_escape(superscript_units(design.name(lang))),
                                           id=_escape(design.template), v=design.template_version,
                                           values=_escape(values)),
            w("src_prices", lang).format(id=_escape(prices.id), region=_escape(prices.region_name), year=prices.year,
                                         origins=origins, n=len(bill.indicative), m=len(bill.used)),
            *([_escape(factor_text(prices, lang))] if prices.links else []),
            *([_escape(imported) + "."] if imported else []),
            w("src_ahsp", lang).format(edition=_escape(edition.edition), title=_escape(edition.title)),
            w("src_labour", lang).format(note=_escape(bill.labour_note(lang))),
            # The wage of each trade the bill pays, as the list gives it: what a builder's day costs.
            *([w("src_wages", lang).format(id=_escape(prices.id), wages="; ".join(
                f"{_escape(resources[code].name(lang))} {self.rp(round(prices.price(code).per_base))}"
                for code in wages))] if wages else []),
            # Only the default is BPS's: a rate the household file sets is the clinic's own.
            w("src_inflation" if h.inflation == DEFAULT_INFLATION else "src_inflation_set", lang).format(
                r=i18n.plain(h.inflation * 100, lang, 2), h=counted("month", h.horizon, lang)),
            w("src_livable", lang).format(a=i18n.plain(h.area_per_person, lang, 1),
                                          b=counted("bedroom", h.bedrooms_needed, lang)),
        ]
        if plan.improvement is not None:
            criteria = plan.improvement.assessment.criteria
            lines.append(w("src_criteria", lang).format(list="; ".join(
                f"{_escape(c.name(lang))}: {_escape(c.source(lang))}" for c in criteria)))
            lines.append(w("src_repairs", lang))
        lines += [
            w("src_excluded", lang),
            w("src_rounding", lang),
            w("src_validity", lang).format(date=long_date(q.valid_until, lang)),
        ]
        return [self.p(w("sources", lang), self.h2)] + \
            [self.p(f"- {line}", self.small) for line in lines]

    def signatures(self) -> list:
        lang, q = self.lang, self.q
        family = self.plan.household.name
        technician = q.clinic.technician or "." * 40
        # Names as paragraphs: a long one wraps (a word too long for the line is split) instead of
        # running off the page.
        signed = ParagraphStyle("signed", self.body, alignment=TA_CENTER)
        rows = [[w("sign_family", lang), w("sign_technician", lang)], ["", ""],
                [self.p(f"({_escape(family)})", signed), self.p(f"({_escape(technician)})", signed)]]
        table = Table(rows, colWidths=[self.width / 2] * 2, rowHeights=[12, 24 * mm, None],
                      style=TableStyle([("FONT", (0, 0), (-1, -1), FONT, 9), ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                                        ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        return [KeepTogether([self.p(w("signatures", lang), self.h2), table])]

    def appendix(self) -> list:
        lang, bill = self.lang, self.plan.bill
        parts = [PageBreak(), self.p(w("appendix", lang), self.h2)]
        step_totals = []
        widths = [10 * mm, 62 * mm, 23 * mm, 14 * mm, 10 * mm, 22 * mm, self.width - 141 * mm]
        tail = None
        for step in bill.steps:
            rows = [[w("no", lang), w("description", lang), "AHSP", w("volume", lang), w("unit", lang),
                     w("unit_price", lang), w("amount", lang)]]
            spans, subtotals, step_sum = [], [], 0
            for index, (group, name) in enumerate(bill.groups):
                lines = [line for line in step.lines if line.group == group]
                if not lines:
                    continue
                letter = chr(ord("A") + index)
                spans.append(len(rows))
                rows.append([f"{letter}. {name(lang)}", "", "", "", "", "", ""])
                for n, line in enumerate(lines, 1):
                    # The edition's own number, never the project's key; "\u2020" (and only it) marks
                    # estimated coefficients.  A paragraph, so that a long number wraps in its column.
                    code = published_code(line.code) + (" \u2020" if line.estimate else "")
                    rows.append([f"{letter}.{n}", self.p(_escape(superscript_units(line.description(lang))), self.cell),
                                 self.p(_escape(code.strip()), self.cell), i18n.number(line.quantity, lang),
                                 superscript_units(i18n.unit_name(line.unit, lang)),
                                 i18n.rupiah(round(line.unit_price), lang, False),
                                 i18n.rupiah(line.amount, lang, False)])
                group_sum = sum(line.amount for line in lines)
                step_sum += group_sum
                subtotals.append(len(rows))
                rows.append(["", w("subtotal", lang).format(g=letter), "", "", "", "",
                             i18n.rupiah(group_sum, lang, False)])
            if bill.overhead_rate > 0:
                rows.append(["", w("overhead", lang), "", "", "", "", i18n.rupiah(step.overhead, lang, False)])
                step_sum += step.overhead
            rows.append(["", w("step_total", lang).format(n=step.step), "", "", "", "", self.rp(step_sum)])
            step_totals.append((step.step, step_sum))
            head = self.p(f"{w('step', lang)} {step.step}: {_escape(superscript_units(step.name(lang)))}", self.h3)
            if step is bill.steps[-1]:
                # The grand total comes with the last lines of the last step, never alone on a page.
                keep = 6
                body = self.table(rows[:-keep], widths, right=(3, 5, 6), font=7,
                                  spans=[r for r in spans if r < len(rows) - keep])
                tail = self.table(rows[-keep:], widths, header=False, right=(3, 5, 6), totals=(keep - 1,),
                                  spans=[r - (len(rows) - keep) for r in spans if r >= len(rows) - keep], font=7)
                parts += [head, body]
            else:
                parts += [head, self.table(rows, widths, right=(3, 5, 6), totals=(len(rows) - 1,), spans=spans,
                                           font=7)]
        rows = [[f"{w('step_total', lang).format(n=n)}", self.rp(amount)] for n, amount in step_totals]
        rows.append([w("grand_total", lang), self.rp(sum(amount for _, amount in step_totals))])
        total = self.table(rows, [100 * mm, 40 * mm], header=False, right=(1,), totals=(len(rows) - 1,), font=8.5)
        parts.append(KeepTogether([tail, Spacer(1, 3 * mm), total, Spacer(1, 1 * mm),
                                   self.p(w("estimated", lang), self.small)]))
        return parts


def _stairs(points):
    """Points of a value that jumps: hold each value until the next month's."""
    out = []
    for (m, value), following in zip(points, points[1:] + [None]):
        out.append((m, value))
        if following is not None and following[1] != value:
            out.append((following[0], value))
    return out


def register_fonts() -> None:
    """Bitstream Vera from reportlab's own fonts folder, embedded (as subsets) in every PDF."""
    from reportlab import rl_config
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    folder = Path(rl_config.__file__).parent / "fonts"
    faces = {FONT: "Vera.ttf", BOLD: "VeraBd.ttf", f"{FONT}-Italic": "VeraIt.ttf",
             f"{FONT}-BoldItalic": "VeraBI.ttf"}
    for name, file in faces.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, BOLD)
    addMapping(FONT, 0, 1, f"{FONT}-Italic")
    addMapping(FONT, 1, 1, f"{FONT}-BoldItalic")


def _footer(form: str, clinic: str, number: str, width: float) -> str:
    """The footer line, drawn as one line of ``width`` points: a clinic name too long for it is cut
    (with an ellipsis), never the quote number."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    text = form.format(clinic=clinic, number=number)
    while stringWidth(text, FONT, 7.5) > width and clinic:
        clinic = clinic[:-1]
        text = form.format(clinic=clinic.rstrip() + "...", number=number)
    return text


def _printable(text: str, codes: frozenset[int]) -> str | None:
    """The first character of ``text`` the embedded font cannot draw, if any."""
    for ch in text:
        if ord(ch) not in codes and not ch.isspace():
            return ch
    return None


def _font_codes() -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics
    register_fonts()
    return frozenset(pdfmetrics.getFont(FONT).face.charToGlyph) | {0xA0}


def missing_glyph(text: str) -> str | None:
    """The first character of ``text`` the quote's font cannot draw, if any (for a question that
    asks a name the quote will print)."""
    return _printable(text, _font_codes())


def check_glyphs(quote: Quote) -> None:
    """Every text from the user's files that the quote prints can be drawn by its font: a
    character the font lacks (an emoji, Javanese script) would print as an empty box.  Refused
    with the file, the field and the character, rather than printed wrong."""
    codes = _font_codes()
    plan, clinic = quote.plan, quote.clinic
    household, design, prices = plan.household, plan.bill.design, plan.bill.price_list
    fields = [(household.file, "name", household.name)]
    fields += [(household.file, f"grants[{k}].name", g.name) for k, g in enumerate(household.grants)]
    fields += [(household.file, f"loans[{k}].name", o.name) for k, o in enumerate(household.loans)]
    fields += [(clinic.file or "clinic", key, getattr(clinic, key)) for key in ("name", "address", "technician",
                                                                                 "phone")]
    fields += [(design.source_file, "name", design.name(quote.lang))]
    fields += [(design.source_file, f"steps[{k}].name", s.name(quote.lang)) for k, s in enumerate(design.steps)]
    fields += [(design.source_file, f"rooms: {r.id}", r.name(quote.lang)) for r in design.rooms]
    fields += price_list_fields(prices, quote.catalog.resources)
    edition = plan.bill.edition
    fields += [(edition.file, key, getattr(edition, key)) for key in ("edition", "title")]
    for key in sorted({line.work for step in plan.bill.steps for line in step.lines}):
        item = edition.items[key]
        fields += [(edition.file, f"items.{key}.code", item.code),
                   (edition.file, f"items.{key}.description", item.description(quote.lang))]
    refuse_unprintable(fields, codes)


def refuse_unprintable(fields, codes: frozenset[int] | None = None) -> None:
    """Refuse the first of ``fields`` ((file, field, text) triples) whose text has a character the
    quote's font cannot draw, naming the file, the field and the character."""
    codes = codes if codes is not None else _font_codes()
    for file, field, text in fields:
        bad = _printable(text or "", codes)
        if bad is not None:
            code = f"U+{ord(bad):04X}"
            raise DataError(tr("{file}: {field}: the character {char!r} ({code}) is not in the quote's font "
                               "(Bitstream Vera: Latin letters, digits and common signs); write it without it",
                               file=file, field=field, char=bad, code=code))


def render_quote(quote: Quote) -> bytes:
    """The quote as PDF bytes."""
    check_glyphs(quote)
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    register_fonts()
    buffer = io.BytesIO()
    lang = quote.lang
    title = w("title", lang).title()
    doc = SimpleDocTemplate(buffer, pagesize=A4, initialFontName=FONT, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=18 * mm, title=f"{title} {quote.number}",
                            author=quote.clinic.name, subject=quote.plan.household.name, creator="rumah",
                            invariant=1, lang=lang)
    # A frame pads its content 6 pt on every side.
    layout = Layout(quote, doc.width, doc.height - 12)
    footer = _footer(w("footer", lang), quote.clinic.name, quote.number, doc.width - 20 * mm)

    def on_page(canvas, document):
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.drawString(doc.leftMargin, 10 * mm, footer)
        canvas.drawRightString(A4[0] - doc.rightMargin, 10 * mm, w("page", lang).format(n=document.page))
        canvas.restoreState()

    from reportlab.platypus.doctemplate import LayoutError
    try:
        doc.build(layout.story(), onFirstPage=on_page, onLaterPages=on_page)
    except LayoutError:
        raise DataError(tr("the quote cannot be laid out on A4: a text is too long for its place (the family's, a "
                           "grant's or a loan's name, the clinic's address, a template's room name); shorten it")) \
            from None
    return buffer.getvalue()


def write_quote(path: str | Path, quote: Quote) -> None:
    """Render ``quote`` and write it atomically: a failed run leaves no partial file."""
    from ..output import write_atomic
    write_atomic(path, render_quote(quote))


def _new_work_words(improvement, design, lang: str) -> str:
    """What the quote says of a surveyed house's design: the house as surveyed, and of the new
    work's choices only those its repairs use (all of them for rooms added): the wall material
    for new walls, the roof for a new roof (its covering on the frame it keeps, when it keeps
    it), the structure's sections for new structure."""
    if improvement.house.has_new_rooms:
        used = DESIGN_WORDS
    else:
        used = frozenset(part for part, criterion in (("wall", "walls"), ("roof", "roof"), ("sections", "structure"))
                         if improvement.mends(criterion))
    if not used:
        return i18n.t("the house as surveyed", lang)
    kept = improvement.house.components.roof_frame if not improvement.assessment.frame else None
    words = design_words(design, lang, used, kept if "roof" in used and used != DESIGN_WORDS else None)
    return i18n.t("the house as surveyed; for new work {choices}", lang, choices=words)
