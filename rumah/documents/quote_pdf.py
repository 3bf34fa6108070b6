"""The quote's pages: reportlab flowables built from a Quote, section by section, and the PDF.

Kept apart from rumah.documents.quote (what is printed) so that this module is only about
layout: fonts, tables, charts and drawings.  Sums shown under a table are summed here from the
very integers printed in its rows.  Fonts are Bitstream Vera, shipped with reportlab, embedded
as subsets; reportlab's invariant mode keeps the file identical for identical inputs and date.
"""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, PageBreak, Paragraph, Spacer, Table, TableStyle

from .. import i18n
from ..errors import DataError
from .pdfsheet import SheetDrawing, pick_scale
from .plan_report import grant_lines, package_name, percent, plan_check_all, row_name, rules_text, saran_text
from .quote import BOLD, FONT, Quote, calendar, long_date, rp, step_materials, trade_name, w

LIGHT = colors.Color(0.93, 0.93, 0.93)
LINE = colors.Color(0.6, 0.6, 0.6)
BLUE = colors.Color(0.12, 0.35, 0.65)
ORANGE = colors.Color(0.85, 0.45, 0.1)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class Layout:
    def __init__(self, quote: Quote, width: float):
        self.q, self.width, self.lang = quote, width, quote.lang
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

    # -- helpers ------------------------------------------------------------------------------

    def p(self, text: str, style=None) -> Paragraph:
        return Paragraph(text, style or self.body)

    def rp(self, amount: int) -> str:
        return rp(amount, self.lang)

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
        parts = self.header() + self.family() + self.summary()
        parts += self.schedule() + self.charts() + self.house() + self.money() + self.shopping()
        parts += self.sources() + self.signatures() + self.appendix()
        return parts

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
        members = f"{h.members} {w('persons', lang)}"
        if h.adults is not None and h.children is not None:
            members += " (" + w("adults_children", lang).format(a=h.adults, c=h.children) + ")"
        if h.housing_monthly is None:
            how = w("share", lang).format(p=i18n.plain(h.housing_share * 100, lang, 1))
        else:
            how = w("fixed", lang)
        rows = [[w("name", lang), h.name], [w("members", lang), members],
                [w("district", lang), f"{self.plan.bill.price_list.region_name} ({h.region})"],
                [w("income", lang), self.rp(h.income)],
                [w("budget", lang), f"{self.rp(h.budget)} ({how})"],
                [w("savings", lang), self.rp(h.savings)]]
        grants = []
        for g in h.grants:
            line = w("grant_line", lang).format(name=g.name, amount=self.rp(g.amount), month=g.month)
            if g.materials or g.labour:
                line += w("in_kind", lang).format(m=self.rp(g.materials), l=self.rp(g.labour),
                                                  end=g.month + g.period - 1)
            grants.append(line)
        rows.append([w("grants", lang), "; ".join(grants) or w("none", lang)])
        loans = [w("loan_offer", lang).format(name=o.name, amount=self.rp(o.amount),
                                              rate=i18n.plain(o.annual_rate * 100, lang, 2), tenor=o.tenor,
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
        for c in improvement.assessment.criteria:
            result = w("passes" if c.passed else "fails", lang)
            rows.append([self.p(_escape(c.name(lang)), self.cell),
                         self.p(result if c.passed else f"<b>{result}</b>", self.cell),
                         self.p(_escape(c.measured(lang)), self.cell), self.p(_escape(c.rule(lang)), self.cell)])
        parts = [Spacer(1, 2 * mm), self.p(w("assessment", lang), self.h3),
                 self.table(rows, [32 * mm, 18 * mm, 58 * mm, self.width - 108 * mm], font=7.5)]
        if improvement.assessment.livable:
            parts.append(self.p(w("all_pass", lang), self.small))
        return parts

    def summary(self) -> list:
        plan, lang, q = self.plan, self.lang, self.q
        h = plan.household
        lines = []
        if plan.status == "never_livable":
            lines.append(w("never_livable", lang).format(name=_escape(plan.bill.design.name(lang)), n=h.members,
                                                         rules=rules_text(plan_check_all(plan).failing, lang)))
            if plan.alternatives:
                lines.append(w("alternatives", lang).format(list="; ".join(
                    w("alternative", lang).format(id=a.template, step=a.step, area=i18n.plain(a.floor_area, lang, 2))
                    for a in plan.alternatives)))
            else:
                lines.append(w("no_alternative", lang))
        elif not plan.feasible:
            lines.append(w("cannot", lang).format(h=h.horizon))
            if plan.shortfall is not None:
                name = package_name(plan, plan.shortfall.step, plan.shortfall.package, lang)
                lines.append(w("would_need", lang).format(total=f"<b>{self.rp(plan.shortfall.total)}</b>",
                                                          monthly=f"<b>{self.rp(plan.shortfall.per_month)}</b>",
                                                          step=plan.shortfall.step, name=_escape(name)))
                if plan.problem.loans:
                    biggest = max(plan.problem.loans, key=lambda offer: offer.amount)
                    lines.append(w("with_loan", lang).format(name=_escape(biggest.name),
                                                             amount=self.rp(biggest.amount)))
        else:
            best, plain = plan.best, plan.naive
            if best.livable_month is not None:
                lines.append(w("livable_at", lang).format(m=best.livable_month,
                                                          cal=calendar(q.date, best.livable_month, lang)))
            else:
                failing = best.steps[-1].failing
                lines.append(w("not_livable", lang).format(h=h.horizon, rules=rules_text(
                    failing, lang, plan.improvement is not None)))
            what = (w("naive_month", lang).format(m=plain.livable_month) if plain.livable_month is not None
                    else w("naive_never", lang).format(h=h.horizon))
            lines.append(w("naive_compare", lang).format(what=what))
            if None not in (best.livable_month, plain.livable_month) and plain.livable_month > best.livable_month:
                lines.append(w("gain", lang).format(n=plain.livable_month - best.livable_month))
            if best.loan is not None:
                loan = best.loan
                lines.append(w("loan_taken", lang).format(
                    name=_escape(loan.offer.name), amount=self.rp(loan.offer.amount), m=loan.month,
                    instalment=self.rp(loan.offer.instalment), first=loan.first_instalment, last=loan.last_instalment))
            elif plan.problem.loans:
                lines.append(w("no_loan_needed", lang))
        for line in grant_lines(plan, lang):
            lines.append(_escape(line))
        for kind, figures in plan.notes:
            if kind == "loan_too_big":
                lines.append(w("loan_refused", lang).format(name=_escape(figures["name"]),
                                                            instalment=self.rp(figures["instalment"]),
                                                            budget=self.rp(figures["budget"])))
        lines.append(w("cost_today", lang).format(total=self.rp(plan.bill.total)))
        if plan.feasible:
            steps = sorted({s.step for s in plan.best.steps})
            lines.append(w("cost_planned", lang).format(r=i18n.plain(h.inflation * 100, lang, 2), h=h.horizon,
                                                        steps=", ".join(map(str, steps)),
                                                        total=self.rp(sum(s.cost for s in plan.best.steps))))
        if plan.advice:
            lines.append(f"<b>{w('advice', lang)}</b>: " + "; ".join(_escape(saran_text(a, lang)) for a in plan.advice))
        box = Table([[[self.p(line, self.big) for line in lines]]], colWidths=[self.width],
                    style=TableStyle([("FONT", (0, 0), (-1, -1), FONT, 8), ("BOX", (0, 0), (-1, -1), 1.0, BLUE),
                                      ("BACKGROUND", (0, 0), (-1, -1), colors.Color(0.94, 0.97, 1.0)),
                                      ("LEFTPADDING", (0, 0), (-1, -1), 6), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                                      ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
        return [self.p(w("summary", lang), self.h2), box]

    def schedule(self) -> list:
        plan, lang, q = self.plan, self.lang, self.q
        if not plan.feasible:
            return []
        if not plan.best.steps:
            return [self.p(w("plan", lang), self.h2), self.p(w("no_work", lang), self.body)]
        h = plan.household
        loan = plan.best.loan
        head = ParagraphStyle("head", self.cell, fontName=BOLD)
        head_right = ParagraphStyle("headr", head, alignment=TA_RIGHT)
        keys = ["month", "work", "cost", "grant_pays", "own", "cash_after", "instalment", "ready", "area", "livable"]
        if loan is None:
            keys.remove("instalment")
        money = ("cost", "grant_pays", "own", "cash_after", "instalment")
        rows = [[self.p(w(key, lang), head_right if key in money else head) for key in keys]]
        amount = lambda value: i18n.rupiah(value, lang, False)      # noqa: E731 - the header says Rp
        for s in plan.best.steps:
            paying = loan is not None and loan.first_instalment <= s.month <= loan.last_instalment
            granted = s.grant_materials + s.grant_labour
            cells = {"month": self.p(f"<b>{s.month}</b><br/>{calendar(q.date, s.month, lang, short=True)}", self.cell),
                     "work": self.p(f"{s.step}. {_escape(row_name(plan, s, lang))}", self.cell),
                     "cost": amount(s.cost), "grant_pays": amount(granted) if granted else "-", "own": amount(s.own),
                     "cash_after": amount(s.cash_after),
                     "instalment": amount(loan.offer.instalment) if paying else "-", "ready": str(s.finish_month),
                     "area": f"{i18n.plain(s.total_floor_area, lang, 2)} m²",
                     "livable": w("yes" if s.livable else "not_yet", lang)}
            rows.append([cells[key] for key in keys])
        totals = {"month": w("planned_total", lang), "cost": amount(sum(s.cost for s in plan.best.steps)),
                  "grant_pays": amount(sum(s.grant_materials + s.grant_labour for s in plan.best.steps)),
                  "own": amount(sum(s.own for s in plan.best.steps))}
        rows.append([totals.get(key, "") for key in keys])
        sizes = {"month": 14, "work": 33, "cost": 19, "grant_pays": 18, "own": 19, "cash_after": 18,
                 "instalment": 16, "ready": 12, "area": 15}
        widths = [sizes.get(key, 0) * mm for key in keys]
        widths[-1] = self.width - sum(widths)
        table = self.table(rows, widths, right=tuple(i for i, key in enumerate(keys) if key in money),
                           totals=(len(rows) - 1,), font=7)
        table.setStyle(TableStyle([("SPAN", (0, len(rows) - 1), (1, len(rows) - 1))]))
        parts = [self.p(w("plan", lang), self.h2), table,
                 Spacer(1, 1.5 * mm),
                 self.p(w("month_one", lang).format(cal=calendar(q.date, 1, lang)), self.small)]
        if plan.best.unbuilt:
            parts.append(self.p(w("unbuilt", lang).format(h=h.horizon, steps=", ".join(
                f"{step} ({_escape(package_name(plan, step, package, lang))})"
                for step, package in plan.best.unbuilt)), self.small))
        if plan.best.unfinished is not None:
            step, package, left = plan.best.unfinished
            parts.append(self.p(w("unfinished", lang).format(
                h=h.horizon, name=f"{step} ({_escape(package_name(plan, step, package, lang))})",
                share=percent(left)), self.small))
        parts += [self.p(w("compare", lang), self.h3), self.compare()]
        return parts

    def compare(self) -> Table:
        plan, lang = self.plan, self.lang
        best, plain = plan.best, plan.naive

        def lived_in(schedule, step):
            """The month the step's rooms are lived in: its packages needed to live are finished."""
            bill_step = next(s for s in plan.bill.steps if s.step == step)
            needed = {p.kind for p in bill_step.packages if p.to_live}
            done = {s.package: s.finish_month for s in schedule.steps if s.step == step and s.complete}
            if "" in done:
                return str(done[""])
            if needed and needed <= set(done):
                return str(max(done[k] for k in needed))
            return w("never", lang)

        def loan_of(schedule):
            if schedule.loan is None:
                return w("none", lang)
            return f"{schedule.loan.offer.name}, {self.rp(schedule.loan.offer.amount)} ({w('month', lang).lower()} " \
                   f"{schedule.loan.month})"

        rows = [["", w("with_plan", lang), w("naive", lang)],
                [w("livable_row", lang), str(best.livable_month or w("never", lang)),
                 str(plain.livable_month or w("never", lang))]]
        for s in plan.bill.steps:
            rows.append([w("step_row", lang).format(n=s.step), lived_in(best, s.step), lived_in(plain, s.step)])
        rows.append([w("loan_row", lang), loan_of(best), loan_of(plain)])
        return self.table(rows, [70 * mm, 50 * mm, 50 * mm], right=(1, 2), font=8)

    def charts(self) -> list:
        plan, lang = self.plan, self.lang
        problem, h = plan.problem, plan.household
        best = plan.best
        last = max([s.finish_month for s in best.steps] + [best.livable_month or 0])
        if h.horizon < 3 or plan.status == "never_livable":
            return []                       # nothing to draw over a month or two, or for no plan
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
            area = [(m, max([0.0] + [s.total_floor_area for s in best.steps if s.finish_month <= m])) for m in months]
            needed = [(m, h.members * h.area_per_person) for m in months]
            parts.append(self._line_chart(w("chart_area", lang), [area, needed],
                                          [w("area_line", lang), w("needed_line", lang).format(n=h.members)],
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
        h = plan.household
        parts = [CondPageBreak(140 * mm), self.p(w("house", lang), self.h2)]
        drawing_width, drawing_height = 120 * mm, 118 * mm
        scale = max(pick_scale(sheet, drawing_width, drawing_height) for sheet in self.q.sheets)
        parts.append(self.p(w("scale", lang).format(n=scale), self.small))
        design = plan.bill.design
        for sheet, step in zip(self.q.sheets, plan.bill.steps):
            rooms = [r for r in design.rooms if r.step == step.step]
            info = [self.p(f"<b>{w('step', lang)} {step.step}: {_escape(step.name(lang))}</b>", self.h3),
                    self.p(w("rooms", lang) + ":", self.cell)]
            info += [self.p(f"- {_escape(r.name(lang))}: {i18n.number(r.x1 - r.x0, lang)} x "
                            f"{i18n.number(r.y1 - r.y0, lang)} m = {i18n.number(r.area, lang)} m²", self.cell)
                     for r in rooms]
            info.append(Spacer(1, 2 * mm))
            info.append(self.p(w("house_area", lang).format(
                a=i18n.number(step.total_floor_area, lang),
                p=i18n.number(step.total_floor_area / h.members, lang, 1),
                n=i18n.number(h.members * h.area_per_person, lang, 1)), self.cell))
            info.append(self.p(w("step_cost_today", lang).format(c=self.rp(step.total)), self.cell))
            parts.append(KeepTogether([self._sheet_row(sheet, scale, info, drawing_width), Spacer(1, 3 * mm)]))
        return parts

    def improved_house(self) -> list:
        """A house the family lives in: as it is with what is taken down, repaired, with rooms added."""
        plan, lang = self.plan, self.lang
        improvement = plan.improvement
        parts = [CondPageBreak(140 * mm), self.p(w("house_improved", lang), self.h2)]
        drawing_width, drawing_height = 120 * mm, 118 * mm
        scale = max(pick_scale(sheet, drawing_width, drawing_height) for sheet in self.q.sheets)
        parts.append(self.p(w("scale_improved", lang).format(n=scale), self.small))
        design = plan.bill.design
        for sheet in self.q.sheets:
            phase = {"ada": "before", "perbaikan": "repair", "tambah": "added"}[sheet.slug]
            info = [self.p(f"<b>{w('phase_' + phase, lang)}</b>", self.h3)]
            step = plan.bill.steps[0] if phase != "added" else plan.bill.steps[1]
            if phase == "before":
                rooms = [r for r in design.rooms if r.step == 1]
                info.append(self.p(w("rooms", lang) + ":", self.cell))
                info += [self.p(f"- {_escape(r.name(lang))}: {i18n.number(r.x1 - r.x0, lang)} x "
                                f"{i18n.number(r.y1 - r.y0, lang)} m = {i18n.number(r.area, lang)} m²", self.cell)
                         for r in rooms]
                down = []
                if "walls" in improvement.fixes:
                    down.append(w("taken_down", lang).format(a=i18n.number(step.quantities["wall_area"], lang)))
                if improvement.new_windows:
                    down.append(w("cut_windows", lang).format(n=len(improvement.new_windows)))
                info.append(Spacer(1, 2 * mm))
                info += [self.p(line, self.cell) for line in down] or [self.p(w("nothing_down", lang), self.cell)]
            else:
                if phase == "added":
                    rooms = [r for r in design.rooms if r.step == 2]
                    info.append(self.p(w("rooms", lang) + ":", self.cell))
                    info += [self.p(f"- {_escape(r.name(lang))}: {i18n.number(r.x1 - r.x0, lang)} x "
                                    f"{i18n.number(r.y1 - r.y0, lang)} m = {i18n.number(r.area, lang)} m²", self.cell)
                             for r in rooms]
                else:
                    info.append(self.p(w("repairs_list", lang) + ":", self.cell))
                info += [self.p(f"- {_escape(p.name(lang))}: {self.rp(p.total)}", self.cell) for p in step.packages]
                info.append(Spacer(1, 2 * mm))
                h = plan.household
                info.append(self.p(w("house_area", lang).format(
                    a=i18n.number(step.total_floor_area, lang),
                    p=i18n.number(step.total_floor_area / h.members, lang, 1),
                    n=i18n.number(h.members * h.area_per_person, lang, 1)), self.cell))
                info.append(self.p(w("step_cost_today", lang).format(c=self.rp(step.total)), self.cell))
            parts.append(KeepTogether([self._sheet_row(sheet, scale, info, drawing_width), Spacer(1, 3 * mm)]))
        return parts

    def _sheet_row(self, sheet, scale: int, info: list, drawing_width: float) -> Table:
        return Table([[SheetDrawing(sheet, scale, FONT, BOLD), info]],
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
            rows.append([label] + [i18n.rupiah(a, lang, False) if a else "-" for a in amounts]
                        + [i18n.rupiah(row_total, lang, False)])
        rows.append([w("total", lang)] + [i18n.rupiah(a, lang, False) for a in column_sums[:-1]]
                    + [self.rp(column_sums[-1])])
        first = 50 * mm
        rest = (self.width - first) / (len(bill.steps) + 1)
        return [CondPageBreak(80 * mm), self.p(w("money", lang), self.h2),
                self.table(rows, [first] + [rest] * (len(bill.steps) + 1),
                           right=tuple(range(1, len(header))), totals=(len(rows) - 1,), font=8)]

    def shopping(self) -> list:
        lang, h = self.lang, self.plan.household
        parts = [CondPageBreak(70 * mm), self.p(w("shopping", lang), self.h2),
                 self.p(w("shopping_note", lang), self.small)]
        durations = {s.step: sum(self.plan.durations.get(p.key, 0) for p in s.packages) for s in self.plan.bill.steps}
        for step, purchases, days in step_materials(self.q):
            rows = [[w("material", lang), w("buy", lang), w("price_each", lang), w("cost", lang)]]
            for item in purchases:
                rows.append([self.p(_escape(item.name(lang)) + (" *" if item.indicative else ""), self.cell),
                             f"{item.count} {i18n.unit_name(item.purchase_unit, lang)}",
                             i18n.rupiah(round(item.unit_price), lang, False), i18n.rupiah(item.cost, lang, False)])
            rows.append([w("shop_total", lang).format(n=step.step), "", "",
                         self.rp(sum(item.cost for item in purchases))])
            trades = ", ".join(f"{_escape(d.name(lang))}{' (' + trade_name(d.trade, lang) + ')' if d.trade else ''} "
                               f"{i18n.number(d.days, lang, 1)}" for d in days)
            labour = w("labour", lang).format(n=step.step, days=trades, t=h.crew.tradesmen, l=h.crew.labourers,
                                              m=durations[step.step])
            parts.append(CondPageBreak(45 * mm))
            parts.append(self.p(f"{w('step', lang)} {step.step}: {_escape(step.name(lang))}", self.h3))
            parts.append(self.table(rows, [78 * mm, 32 * mm, 30 * mm, self.width - 140 * mm], right=(1, 2, 3),
                                    totals=(len(rows) - 1,)))
            parts.append(Spacer(1, 1 * mm))
            parts.append(self.p(labour, self.small))
        return parts

    def sources(self) -> list:
        plan, lang, q = self.plan, self.lang, self.q
        bill, h = plan.bill, plan.household
        design, prices, edition = bill.design, bill.price_list, bill.edition
        def shown(value):
            if isinstance(value, bool):
                return w("yes" if value else "flag_no", lang)
            return i18n.plain(value, lang) if isinstance(value, float) else str(value)
        values = ", ".join(f"{k} = {shown(v)}" for k, v in design.values.items())
        lines = [
            w("src_template", lang).format(name=_escape(design.name(lang)), id=_escape(design.template),
                                           v=design.template_version, values=_escape(values)),
            w("src_prices", lang).format(id=_escape(prices.id), region=_escape(prices.region_name), year=prices.year,
                                         source=_escape(prices.source), n=len(bill.indicative), m=len(bill.used)),
            w("src_ahsp", lang).format(edition=_escape(edition.edition), title=_escape(edition.title)),
            w("src_labour", lang).format(note=_escape(bill.labour_note(lang))),
            w("src_inflation", lang).format(r=i18n.plain(h.inflation * 100, lang, 2), h=h.horizon),
            w("src_livable", lang).format(a=i18n.plain(h.area_per_person, lang, 1), b=h.bedrooms_needed),
        ]
        if plan.improvement is not None:
            criteria = plan.improvement.assessment.criteria
            lines.append(w("src_criteria", lang).format(list="; ".join(
                f"{_escape(c.name(lang))}: {_escape(c.source)}" for c in criteria)))
            lines.append(w("src_repairs", lang))
        lines += [
            w("src_excluded", lang),
            w("src_rounding", lang),
            w("src_validity", lang).format(date=long_date(q.valid_until, lang)),
        ]
        return [CondPageBreak(60 * mm), self.p(w("sources", lang), self.h2)] + \
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
                    rows.append([f"{letter}.{n}", self.p(_escape(line.description(lang)), self.cell),
                                 line.code + ("*" if line.estimate else ""), i18n.number(line.quantity, lang),
                                 i18n.unit_name(line.unit, lang), i18n.rupiah(round(line.unit_price), lang, False),
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
            table = self.table(rows, [10 * mm, 58 * mm, 27 * mm, 14 * mm, 10 * mm, 22 * mm, self.width - 141 * mm],
                               right=(3, 5, 6), totals=(len(rows) - 1,), spans=spans, font=7)
            parts += [self.p(f"{w('step', lang)} {step.step}: {_escape(step.name(lang))}", self.h3), table]
        rows = [[f"{w('step_total', lang).format(n=n)}", self.rp(amount)] for n, amount in step_totals]
        rows.append([w("grand_total", lang), self.rp(sum(amount for _, amount in step_totals))])
        parts += [Spacer(1, 3 * mm), self.table(rows, [100 * mm, 40 * mm], header=False, right=(1,),
                                                totals=(len(rows) - 1,), font=8.5),
                  Spacer(1, 1 * mm), self.p(w("estimated", lang), self.small)]
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


def _printable(text: str, codes: frozenset[int]) -> str | None:
    """The first character of ``text`` the embedded font cannot draw, if any."""
    for ch in text:
        if ord(ch) not in codes and not ch.isspace():
            return ch
    return None


def check_glyphs(quote: Quote) -> None:
    """Every text from the user's files that the quote prints can be drawn by its font: a
    character the font lacks (an emoji, Javanese script) would print as an empty box.  Refused
    with the file, the field and the character, rather than printed wrong."""
    from reportlab.pdfbase import pdfmetrics
    register_fonts()
    codes = frozenset(pdfmetrics.getFont(FONT).face.charToGlyph) | {0xA0}
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
    fields += [(prices.file, key, getattr(prices, key)) for key in ("id", "region_name", "source")]
    for file, field, text in fields:
        bad = _printable(text or "", codes)
        if bad is not None:
            raise DataError(f"{file}: {field}: the character {bad!r} (U+{ord(bad):04X}) is not in the quote's "
                            "font (Bitstream Vera: Latin letters, digits and common signs); write it without it")


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
    layout = Layout(quote, doc.width)
    footer = w("footer", lang).format(clinic=quote.clinic.name, number=quote.number)

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
        raise DataError("the quote cannot be laid out on A4: a text is too long for its place (the family's, a "
                        "grant's or a loan's name, the clinic's address, a template's room name); shorten it") from None
    return buffer.getvalue()


def write_quote(path: str | Path, quote: Quote) -> None:
    """Render ``quote`` and write it atomically: a failed run leaves no partial file."""
    from ..output import write_atomic
    write_atomic(path, render_quote(quote))
