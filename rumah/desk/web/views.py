"""The desk's pages: the consultation, the families, a family, a follow-up visit, the report.

Each page calls the library and shows what it returns; the checks are the library's own (the
consultation's answers by konsultasi, a visit's money by the same parser, the household file by
the register's loader), and their messages are shown beside the field they are about.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import re
import threading
from collections import OrderedDict

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    send_file,
    session,
    url_for,
)

from ...clock import today
from ...errors import RumahError
from ...i18n import plain
from ...schema import Where
from ...schema import name as checked_name
from ..konsultasi import Consultation, Invalid, number_answer, rupiah_answer
from .replay import replay
from .words import t

desk = Blueprint("desk", __name__)

#: Files of a quote that can be downloaded.
DOWNLOADS = re.compile(r"quote\.pdf|denah-[a-z0-9-]+\.dxf")


def _desk():
    return current_app.extensions["rumah"]


def _lang() -> str:
    return _desk().settings.lang


def _families():
    from ..register import families
    return families


def _technician(form_value: str | None) -> tuple[str | None, str | None]:
    """Who does the work: the user logged in, or the name given at the desk (kept for the
    session).  (name, error)."""
    if g.user:
        return g.user, None
    value = (form_value if form_value is not None else session.get("technician", "")) or ""
    if not value.strip():
        return None, t("Write the technician's name.", _lang())
    try:
        value = checked_name(value.strip(), Where("technician"), _families().MAX_PERSON)
    except RumahError as error:
        return None, _message(error, "technician")
    session["technician"] = value
    return value, None


def _message(error: Exception, field: str = "") -> str:
    """A library error as the command line says it (its text), without the name of the ``field``
    it is shown beside (``village: ...`` under the box labelled Desa/kelurahan), which is the
    file's key, in English."""
    return str(error).removeprefix(f"{field}: ") if field else str(error)


# -- families ----------------------------------------------------------------------------------


@desk.route("/")
def index():
    return redirect(url_for("desk.families"))


@desk.route("/keluarga")
def families():
    book = _desk().book
    search = request.args.get("q", "")[:120]
    status = request.args.get("status") or None
    if status not in (None, "waiting", "building", "livable"):
        status = None
    page = request.args.get("halaman", "1")
    page = int(page) if page.isdigit() and 0 < int(page) < 100_000 else 1
    size = _families().PAGE
    found = book.families(search=search or None, status=status, offset=(page - 1) * size)
    pages = max(1, -(-found.total // size))
    unfinished = [(draft.id, name, datetime.datetime.fromtimestamp(when))
                  for draft, name, when in _desk().home.unfinished()]
    return render_template("families.html", found=found, search=search, status=status, page=page, pages=pages,
                           statuses=_status_words(), unfinished=unfinished)


def _status_words() -> dict[str, str]:
    from ...i18n import pick
    from ..register.export import STATUS_WORDS
    return {key: pick(STATUS_WORDS, key, _lang()) for key in STATUS_WORDS}


@desk.route("/keluarga/<int:household_id>")
def family(household_id: int):
    d = _desk()
    try:
        record = d.book.household(household_id)
    except RumahError:
        abort(404)
    versions = d.book.versions(household_id)
    quotes = []
    for quote in d.book.quotes(household_id):
        files = []
        folder = d.home.quote_folder(household_id, quote.number)
        if folder.is_dir():
            files = sorted(p.name for p in folder.iterdir() if DOWNLOADS.fullmatch(p.name))
        quotes.append((quote, files))
    visits = d.book.visits(household_id)
    plan, problem = _family_plan(household_id)
    return render_template("family.html", record=record, versions=versions, quotes=quotes, visits=visits,
                           plan=plan, problem=problem, statuses=_status_words(),
                           packages=_package_names(plan) if plan else {})


def _family_plan(household_id: int):
    """The plan of the family's newest file, or the message why it cannot be made."""
    d = _desk()
    try:
        return d.book.plan(household_id, d.library.catalog()), None
    except RumahError as error:
        return None, _message(error)


def _package_names(plan) -> dict[tuple[int, str], str]:
    from ...documents.plan_report import package_name
    step = t("Step", _lang())
    return {(s.step, p.kind): f"{step} {s.step}: {package_name(plan, s.step, p.kind, _lang())}"
            for s in plan.bill.steps for p in s.packages}


@desk.route("/keluarga/<int:household_id>/penawaran/<number>/<name>")
def download(household_id: int, number: str, name: str):
    if not DOWNLOADS.fullmatch(name):
        abort(404)
    try:
        folder = _desk().home.quote_folder(household_id, number)
    except RumahError:
        abort(404)
    path = folder / name
    if not path.is_file():
        abort(404)
    kind = "application/pdf" if name.endswith(".pdf") else "image/vnd.dxf"
    # Read whole (a quote is a few hundred kilobytes): no file is left open behind the response.
    return send_file(io.BytesIO(path.read_bytes()), mimetype=kind, as_attachment=True,
                     download_name=f"{number}-{name}")


# -- the consultation -----------------------------------------------------------------------------


@desk.post("/konsultasi")
def new_consultation():
    draft = _desk().home.new_draft()
    draft.save_state({"typed": [], "household_id": None, "version": None})
    return redirect(url_for("desk.consultation", draft_id=draft.id), 303)


@desk.post("/keluarga/<int:household_id>/konsultasi")
def reopen(household_id: int):
    """A new consultation from the family's newest file: every answer offered again."""
    d = _desk()
    try:
        record = d.book.household(household_id)
    except RumahError:
        abort(404)
    draft = d.home.new_draft()
    draft.save_household(record.yaml)
    draft.save_state({"typed": [], "household_id": household_id, "version": record.version})
    return redirect(url_for("desk.consultation", draft_id=draft.id), 303)


def _draft(draft_id: str):
    draft = _desk().home.draft(draft_id)
    if draft is None:
        abort(404)
    return draft


def _save_step(draft, state: dict, step) -> None:
    """Keep the answers typed and the household file as konsultasi writes it (marked unfinished
    until the last answer)."""
    from ...output import release_input
    state["typed"] = [list(pair) for pair in step.typed]
    release_input(draft.household_path)
    Consultation(None, draft.household_path, _lang(), step.answers).save(complete=step.done)
    draft.save_state(state)


@desk.route("/konsultasi/<draft_id>", methods=["GET", "POST"])
def consultation(draft_id: str):
    d = _desk()
    draft = _draft(draft_id)
    state = draft.state()
    typed = [tuple(pair) for pair in state["typed"]]
    saved = draft.saved()
    if request.method == "POST":
        index = request.form.get("index", "")
        # A button of the answers offered (a house type, an option, yes or no) sends its own.
        answer = request.form.get("pick") or request.form.get("answer", "")
        if not index.isdigit():
            abort(400)
        index = int(index)
        if index < len(typed):
            typed = typed[:index]           # an earlier question answered again
        step = replay(typed, saved, d.settings.lang, d.library, answer=answer[:2000], index=index)
        refused = step.question is not None and step.question.error is not None and step.question.index == index
        _save_step(draft, state, step)
        if not refused:
            return redirect(url_for("desk.consultation", draft_id=draft_id) + "#tanya", 303)
    else:
        step = replay(typed, saved, d.settings.lang, d.library)
    return _consultation_page(draft, state, step)


@desk.post("/konsultasi/<draft_id>/kembali/<int:index>")
def go_back(draft_id: str, index: int):
    draft = _draft(draft_id)
    state = draft.state()
    state["typed"] = state["typed"][:index]
    draft.save_state(state)
    return redirect(url_for("desk.consultation", draft_id=draft_id) + "#tanya", 303)


def _consultation_page(draft, state: dict, step, **extra):
    d = _desk()
    lang = d.settings.lang
    running = d.panel.running(step.answers, lang)
    question = step.question
    cards = []
    if question is not None:
        values = {}
        for template, line in d.panel.templates_told(question.told):
            cards.append((template, line, d.panel.drawing(template, values, None, lang)))
    drawings = []
    if running is not None and running.template:
        values = step.answers.get("parameters") if isinstance(step.answers.get("parameters"), dict) else {}
        try:
            drawings = [(number, name, area, cost, d.panel.drawing(running.template, values, number, lang))
                        for number, name, area, cost in running.steps]
        except RumahError:
            drawings = []
    told = [line for line in (question.told if question else ()) if line.strip()]
    choices = _choices(told, question) if question else []
    template_lines = {line for _, line, _ in cards}
    told = [line for line in told if line.strip() not in template_lines and not _is_choice(line)]
    plan_view = _plan_view(running.plan) if running is not None and running.plan is not None else None
    return render_template("consultation.html", draft=draft, state=state, step=step, question=question,
                           told=told, choices=choices, cards=cards, running=running, drawings=drawings,
                           plan_view=plan_view, plan_for_months=running.plan if plan_view else None,
                           **extra)


_CHOICE = re.compile(r"\s*(\d+)\.\s+(.*)")


def _is_choice(line: str) -> bool:
    return _CHOICE.fullmatch(line) is not None


def _choices(told: list[str], question) -> list[tuple[str, str]]:
    """Buttons for the answers a question offers: the numbered lines told before it (sent as
    their number, as typed at the terminal), or yes and no."""
    found = [(m.group(1), m.group(2)) for m in (_CHOICE.fullmatch(line) for line in told) if m]
    if found:
        return found
    text = question.text.lower()
    if "(ya/tidak)" in text:
        return [("ya", "ya"), ("tidak", "tidak")]
    if "(yes/no)" in text:
        return [("yes", "yes"), ("no", "no")]
    return []


def _plan_view(plan) -> dict:
    """What the page shows of a plan: its status in words, the livable month, and the schedule,
    each row's work named as the terminal and the quote name it (a part a grant's materials
    buy, and its rest, said so)."""
    from ...documents.plan_report import plan_json, row_name
    view = plan_json(plan, _lang())
    for row, scheduled in zip(view["schedule"], plan.best.steps):
        row["work"] = row_name(plan, scheduled, _lang())
    return view


@desk.route("/konsultasi/<draft_id>/saran")
def saran(draft_id: str):
    """The *saran* of the household so far: asked for by the page once it has shown."""
    d = _desk()
    draft = _draft(draft_id)
    found = d.panel.saran(draft.saved(), d.settings.lang)
    return render_template("_saran.html", found=found)


#: A lock for each draft being saved: the desk serves requests in threads, and a double click on
#: "save" (or two technicians at once) sent two saves of one draft that both read it unsaved and
#: registered the family twice.
_SAVING: OrderedDict[str, threading.Lock] = OrderedDict()
_SAVING_GUARD = threading.Lock()
#: Drafts whose lock is kept: the oldest free ones are let go beyond it.
SAVING_KEPT = 256


@desk.post("/konsultasi/<draft_id>/simpan")
def finish(draft_id: str):
    """Save the household in the register, issue its quote (PDF and DXF plans) and record it; a
    draft saved already, unchanged since, is not saved again (a second click), and its quote is
    made again only if it could not be before."""
    with _SAVING_GUARD:
        lock = _SAVING.setdefault(draft_id, threading.Lock())
        _SAVING.move_to_end(draft_id)
        for old in [key for key, held in _SAVING.items() if not held.locked()][:max(0, len(_SAVING) - SAVING_KEPT)]:
            del _SAVING[old]
    with lock:
        return _finish(draft_id)


def _finish(draft_id: str):
    d = _desk()
    draft = _draft(draft_id)
    state = draft.state()
    step = replay([tuple(p) for p in state["typed"]], draft.saved(), d.settings.lang, d.library)
    if not step.done:
        return redirect(url_for("desk.consultation", draft_id=draft_id), 303)
    text = draft.household_path.read_text(encoding="utf-8")
    # What a save records: the file, and the village and NIK typed beside it.
    given = "\0".join([text, request.form.get("village", "").strip(), request.form.get("nik", "").strip()])
    digest = hashlib.sha256(given.encode("utf-8")).hexdigest()
    saved_already = state.get("household_id") is not None and state.get("saved_digest") == digest
    if saved_already and state.get("quoted_digest") == digest:
        flash(t("Already saved as version {version}.", _lang(), version=state.get("version")), "ok")
        return redirect(url_for("desk.family", household_id=state["household_id"]) + "#penawaran", 303)
    errors = {}
    families = _families()
    village = request.form.get("village", "").strip()
    nik = request.form.get("nik", "").strip()
    by, problem = _technician(request.form.get("technician"))
    if problem:
        errors["technician"] = problem
    if village:
        try:
            village = checked_name(village, Where("village"), families.MAX_VILLAGE)
        except RumahError as error:
            errors["village"] = _message(error, "village")
    if nik:
        from ..register.identity import clean_nik
        try:
            clean_nik(nik)
        except RumahError as error:
            errors["nik"] = _message(error, "nik")
    expected = state.get("version")
    forced = request.form.get("over_version", "")
    if errors:
        return _consultation_page(draft, state, step, errors=errors, village=village), 200
    merged = False
    if forced.isdigit() and not saved_already and expected is not None:
        # Saved over the newer version: what this consultation changed, over what that version
        # holds (a visit's packages built and tranches released are kept).  The draft keeps the
        # consultation's own file until the save is made: merged into it first, a save refused
        # would have the next merge take that version's values for this consultation's answers.
        try:
            text = _merged_over(state["household_id"], expected, int(forced), text)
        except RumahError as error:
            return _consultation_page(draft, state, step, errors={"save": _message(error)}, village=village), 200
        merged = True
        given = "\0".join([text, village, nik])
        digest = hashlib.sha256(given.encode("utf-8")).hexdigest()
        expected = int(forced)
    if errors:
        return _consultation_page(draft, state, step, errors=errors, village=village), 200
    if not saved_already:
        # (Saved already, its quote failed: only the quote is made again.)
        try:
            saved = d.book.save_household(text, by=by, household_id=state.get("household_id"),
                                          expected_version=expected, village=village or None, nik=nik or None)
        except families.EditConflict as conflict:
            return _consultation_page(draft, state, step, conflict=conflict, village=village), 409
        except RumahError as error:
            return _consultation_page(draft, state, step, errors={"save": _message(error)}, village=village), 200
        if merged:
            draft.save_household(text)          # the file saved: the quote is made from it
        state.update(household_id=saved.household_id, version=saved.version, saved_digest=digest,
                     saved_file=hashlib.sha256(text.encode("utf-8")).hexdigest())
        draft.save_state(state)
    household_id, version = state["household_id"], state["version"]
    try:
        number = _issue_quote(household_id, draft.household_path, by)
    except RumahError as error:
        flash(t("The family is saved, but its quote could not be made: {error}", _lang(),
                error=_message(error)), "error")
        return redirect(url_for("desk.family", household_id=household_id), 303)
    state["quoted_digest"] = digest
    draft.save_state(state)
    flash(t("Saved as version {version}; quote {number} issued.", _lang(), version=version, number=number), "ok")
    return redirect(url_for("desk.family", household_id=household_id) + "#penawaran", 303)


def _merged_over(household_id: int, opened: int, current: int, text: str) -> str:
    """The draft's household file ``text``, edited from version ``opened``, merged over version
    ``current`` (:func:`rumah.desk.register.families.merged_over`), as YAML."""
    import yaml

    from ...yamlio import parse_yaml
    book, label = _desk().book, t("household {id}", _lang(), id=household_id)
    versions = [parse_yaml(book.version_text(household_id, n), f"{label} v{n}") for n in (opened, current)]
    mine = parse_yaml(text, label)
    if not all(isinstance(found, dict) for found in (*versions, mine)):
        return text
    merged = _families().merged_over(versions[0], mine, versions[1])
    return yaml.safe_dump(merged, allow_unicode=True, sort_keys=False, default_flow_style=False)


def _issue_quote(household_id: int, household_path, by: str) -> str:
    """The quote of the household file: its PDF and DXF plans kept beside the register, and the
    quote recorded with the PDF's digest.  Its number."""
    from ...documents.dxf import write_steps
    from ...documents.quote import make_quote
    from ...documents.quote_pdf import write_quote
    from ...documents.sheets import household_sheets
    from ...output import release_input
    d = _desk()
    quote = make_quote(household_path, d.settings.clinic, d.settings.lang, advice=True)
    release_input(household_path)
    folder = d.home.quote_folder(household_id, quote.number)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    write_quote(folder / "quote.pdf", quote)
    # The builder's A3 sheets of the plan the quote priced (the quote's own are laid out for A4).
    write_steps(household_sheets(quote.plan, quote.lang, quote.date), folder, "denah")
    d.book.record_quote_of(household_id, quote, (folder / "quote.pdf").read_bytes(), by=by)
    return quote.number


@desk.post("/keluarga/<int:household_id>/penawaran")
def issue(household_id: int):
    """A quote of the family's newest file (after a visit re-planned it, say)."""
    d = _desk()
    try:
        record = d.book.household(household_id)
    except RumahError:
        abort(404)
    by, problem = _technician(request.form.get("technician"))
    if problem:
        flash(problem, "error")
        return redirect(url_for("desk.family", household_id=household_id), 303)
    draft = d.home.new_draft()
    draft.save_household(record.yaml)
    try:
        number = _issue_quote(household_id, draft.household_path, by)
    except RumahError as error:
        flash(_message(error), "error")
        return redirect(url_for("desk.family", household_id=household_id), 303)
    flash(t("Quote {number} issued.", _lang(), number=number), "ok")
    return redirect(url_for("desk.family", household_id=household_id) + "#penawaran", 303)


# -- follow-up visits -----------------------------------------------------------------------------


@desk.route("/keluarga/<int:household_id>/kunjungan", methods=["GET", "POST"])
def visit(household_id: int):
    d = _desk()
    families = _families()
    try:
        record = d.book.household(household_id)
    except RumahError:
        abort(404)
    plan, problem = _family_plan(household_id)
    if plan is None:
        flash(problem, "error")
        return redirect(url_for("desk.family", household_id=household_id), 303)
    names = _package_names(plan)
    grants = [grant for grant in plan.household.grants if grant.materials or grant.labour]
    from werkzeug.datastructures import MultiDict
    form = request.form if request.method == "POST" else MultiDict()
    errors: dict[str, str] = {}
    conflict = None
    if request.method == "POST":
        lang = d.settings.lang
        visited = _date(form.get("visited", ""), errors)
        built = set(plan.household.built)
        for key in form.getlist("built"):
            step, _, package = key.partition(":")
            if step.isdigit() and (int(step), package) in names:
                built.add((int(step), package))
        parts = {}
        before = dict(plan.household.built_parts)
        for key in names:
            field = f"part-{key[0]}-{key[1]}"
            typed = form.get(field, "").strip().rstrip("%").strip()
            if typed and key not in built:
                # What stands of the package now, as the technician sees it on site; the visit
                # records what was built since (a part built before is not counted again).
                try:
                    standing = number_answer(typed, lang, 1, 99) / 100
                except Invalid as refused:
                    errors[field] = str(refused)
                    continue
                if standing <= before.get(key, 0.0) + 1e-9:
                    errors[field] = t("Expected more than the {share} % standing at the last visit (or nothing, when "
                                      "no more was built), found {found} %", lang,
                                      share=plain(before[key] * 100, lang, 1), found=plain(standing * 100, lang, 1))
                    continue
                parts[key] = standing - before.get(key, 0.0)
        spent = _money(form.get("spent", ""), "spent", errors, lang, default=0)
        cash = _money(form.get("cash", ""), "cash", errors, lang, default=None)
        used = {}
        for k, grant in enumerate(grants):
            tranches = form.get(f"grant-{k}-tranches", "").strip()
            count = 0
            if tranches:
                try:
                    count = int(number_answer(tranches, lang, 0, 120, whole=True))
                except Invalid as refused:
                    errors[f"grant-{k}-tranches"] = str(refused)
            materials = _money(form.get(f"grant-{k}-materials", ""), f"grant-{k}-materials", errors, lang, 0)
            labour = _money(form.get(f"grant-{k}-labour", ""), f"grant-{k}-labour", errors, lang, 0)
            if count or materials or labour:
                from ...plan.progress import GrantSpent
                used[grant.name] = GrantSpent(materials or 0, labour or 0, count)
        note = form.get("note", "").strip()[:2000]
        by, trouble = _technician(form.get("technician"))
        if trouble:
            errors["technician"] = trouble
        expected = form.get("version", "")
        if not errors:
            try:
                outcome = d.book.record_visit(
                    household_id, families.Visit(visited, frozenset(built), spent or 0, used, cash, note=note,
                                                 parts=parts),
                    by=by, expected_version=int(expected) if expected.isdigit() else None,
                    catalog=d.library.catalog())
            except families.EditConflict as found:
                conflict = found
            except RumahError as error:
                # A date the register refuses is said beside the date.
                field = "visited" if str(error).startswith("visited: ") else "visit"
                errors[field] = _message(error, field if field == "visited" else "")
            else:
                livable = outcome.plan.best.livable_month
                flash(t("Visit recorded; the rest is planned again from it (version {version}).", _lang(),
                         version=outcome.version)
                      + (" " + t("Livable in month {month}.", _lang(), month=livable) if livable else ""), "ok")
                return redirect(url_for("desk.family", household_id=household_id), 303)
    parts_before = {key: plain(share * 100, d.settings.lang, 1) for key, share in plan.household.built_parts}
    return render_template("visit.html", record=record, plan=plan, names=names, grants=grants, form=form,
                           errors=errors, conflict=conflict, today=today().isoformat(),
                           parts_before=parts_before, last_visit=d.book.last_visit(household_id)), \
        (409 if conflict else 200)


def _date(text: str, errors: dict) -> datetime.date | None:
    """The day of a visit: a date, no later than today (said beside the field, in the desk's words)."""
    try:
        day = datetime.date.fromisoformat(text.strip())
    except ValueError:
        errors["visited"] = t("Expected a date such as {example}, found {found!r}.", _lang(),
                               example=today().isoformat(), found=text[:40])
        return None
    if day > today():
        errors["visited"] = t("A visit is recorded on the day it was made, today at the latest ({today}); found "
                              "{found}.", _lang(), today=today().isoformat(), found=day.isoformat())
        return None
    return day


def _money(text: str, key: str, errors: dict, lang: str, default):
    """An amount written as at the consultation (``2.400.000``, ``2,4 juta``); ``default`` when
    left empty."""
    if not text.strip():
        return default
    try:
        return rupiah_answer(text, lang)
    except Invalid as refused:
        errors[key] = str(refused)
        return default


# -- the monthly report ---------------------------------------------------------------------------


def _month(text: str | None) -> tuple[int, int]:
    found = re.fullmatch(r"(\d{4})-(\d{2})", (text or "").strip())
    if found and 1 <= int(found.group(2)) <= 12 and 1900 < int(found.group(1)) < 3000:
        return int(found.group(1)), int(found.group(2))
    now = today()
    return now.year, now.month


@desk.route("/laporan")
def report():
    from ..register.export import report_rows
    given = request.args.get("bulan")
    year, month = _month(given)
    if given and f"{year:04d}-{month:02d}" != given.strip():
        # Said, not shown silently as another month's.
        flash(t("{given} is no month written YYYY-MM (such as 2026-12): this month's report is shown", _lang(),
                given=given.strip()[:20]), "error")
    found = _desk().book.monthly_report(year, month)
    return render_template("report.html", report=found, rows=report_rows(found, _lang()),
                           month=f"{year:04d}-{month:02d}")


@desk.route("/laporan/unduh")
def report_download():
    from ..register.export import workbook
    year, month = _month(request.args.get("bulan"))
    book = _desk().book
    data = workbook(book.monthly_report(year, month), book.family_list(), _lang())
    return send_file(io.BytesIO(data), as_attachment=True, download_name=f"laporan-{year:04d}-{month:02d}.xlsx",
                     mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


# -- login ------------------------------------------------------------------------------------------


@desk.route("/masuk", methods=["GET", "POST"])
def login():
    error = None
    if request.method == "POST":
        name = request.form.get("name", "")[:40]
        password = request.form.get("password", "")[:1000]
        if _desk().home.check_user(name, password):
            session.clear()
            session["user"] = name
            session.permanent = True
            target = request.args.get("next", "")
            # Only a path of this desk: never another site.
            if not (target.startswith("/") and not target.startswith("//") and "\\" not in target):
                target = url_for("desk.families")
            return redirect(target, 303)
        error = t("Wrong name or password.", _lang())
    return render_template("login.html", error=error), (401 if error else 200)


@desk.post("/keluar")
def logout():
    session.clear()
    return redirect(url_for("desk.login" if _desk().settings.login_required else "desk.families"), 303)
