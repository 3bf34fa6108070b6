"""The desk's Flask application: where it listens, who may use it, and its safety settings.

- On a loopback address (127.0.0.0/8, ``::1``, ``localhost``) anyone at the machine may use it;
  the Host header must name the loopback too (a web page elsewhere cannot reach it by pointing a
  name of its own at 127.0.0.1).
- On any other address it needs TLS (a certificate and key), and every page but the login asks
  for a user of the desk (``rumah desk user add NAME``); the session cookie is then Secure.
- Every form carries a CSRF token (Flask-WTF's CSRFProtect); a POST without it is refused.
- Session cookies are HttpOnly and SameSite=Lax, signed with the key kept beside the register.
- Pages forbid inline scripts and every source but the desk itself (Content Security Policy).
"""

from __future__ import annotations

import contextlib
import ipaddress
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, g, redirect, request, session, url_for
from flask_wtf.csrf import CSRFError, CSRFProtect

from ... import i18n
from ...clock import today
from ..library import Library
from .home import Home, home_for
from .panel import Panel
from .words import SOURCES, t

#: Fields of a household file that hold Rupiah, and those that hold a share (0.3 = 30 %), by the
#: last part of their path (``grants.0.amount``): a conflict's table shows them so.
MONEY_FIELDS = frozenset({"income_monthly", "housing_monthly", "savings", "amount", "materials", "labour"})
SHARE_FIELDS = frozenset({"housing_share", "annual_rate"})

LOOPBACK_NAMES = ("localhost",)


def is_loopback(host: str) -> bool:
    """Whether ``host`` (an address or ``localhost``) is this machine only."""
    if host.strip("[]").lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass
class Settings:
    """How the desk runs.

    register : the register's location (a SQLite file, a postgresql:// URL, or None for the
        user's data folder).
    host : the address it listens on; anything but loopback needs a login.
    lang : the language of its pages (``id`` or ``en``).
    clinic : the clinic file printed on quotes (None: a generic clinic).
    home : the desk's folder (None: beside the register).
    """

    register: str | None = None
    host: str = "127.0.0.1"
    port: int = 8765
    lang: str = "id"
    clinic: str | None = None
    home: Path | None = None
    tls: bool = False

    @property
    def login_required(self) -> bool:
        return not is_loopback(self.host)


def create_app(settings: Settings, book=None) -> Flask:
    """The desk over the register ``book`` (opened from ``settings.register`` when None)."""
    from ..register.families import open_register
    book = book or open_register(settings.register)
    home = Home(settings.home or home_for(book.location)).prepare()
    app = Flask(__name__)
    login = settings.login_required
    app.config.update(
        SECRET_KEY=home.secret(),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=login,
        SESSION_COOKIE_NAME="rumah_desk",
        PERMANENT_SESSION_LIFETIME=12 * 3600,
        # A consultation may take longer than Flask-WTF's default hour: the token lives as long
        # as the session.
        WTF_CSRF_TIME_LIMIT=None,
        WTF_CSRF_SSL_STRICT=True,
        MAX_CONTENT_LENGTH=256 * 1024,
        TEMPLATES_AUTO_RELOAD=False,
    )
    if not login:
        # DNS rebinding: a page elsewhere naming its own host at 127.0.0.1 is refused by Host.
        app.config["TRUSTED_HOSTS"] = ["127.0.0.1", "localhost", "::1", "[::1]"]
    CSRFProtect(app)
    library = Library()
    app.extensions["rumah"] = Desk(settings, book, home, library, Panel(library))
    app.jinja_env.globals["_"] = lambda message, **fields: t(message, settings.lang, **fields)
    app.jinja_env.globals["_n"] = lambda one, many, n, **fields: i18n.nt(one, many, n, settings.lang, **fields)
    app.jinja_env.globals["lang"] = settings.lang
    app.jinja_env.globals["sources"] = SOURCES
    _filters(app, settings.lang)

    @app.before_request
    def _language():
        # What the library says (a refused visit, a NIK of the wrong length) in the desk's
        # language, not the server's: each request reads in it until it is torn down.
        g.reading = contextlib.ExitStack()
        g.reading.enter_context(i18n.reading(settings.lang))

    @app.teardown_request
    def _read(_error):
        stack = g.pop("reading", None)
        if stack is not None:
            stack.close()

    @app.before_request
    def _who():
        g.user = session.get("user")
        if login and g.user is None and request.endpoint not in ("desk.login", "static"):
            return redirect(url_for("desk.login", next=request.path))
        return None

    @app.after_request
    def _headers(response):
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
        response.headers["X-Content-Type-Options"] = "nosniff"
        # Same origin only: over HTTPS the CSRF check compares the Referer with the desk itself.
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["X-Frame-Options"] = "DENY"
        if request.endpoint != "static":
            response.headers["Cache-Control"] = "no-store"
        return response

    @app.errorhandler(CSRFError)
    def _csrf(error):
        from flask import render_template
        return render_template("error.html", title=t("The form has expired", settings.lang),
                               message=t("The form was sent without its security token, or with an old one. "
                                         "Open the page again and send it once more.", settings.lang)), 400

    @app.errorhandler(404)
    def _missing(error):
        from flask import render_template
        return render_template("error.html", title=t("Page not found", settings.lang),
                               message=t("There is no such page, family or quote here. Go back to the list of "
                                         "families and open it from there.", settings.lang)), 404

    from .views import desk
    app.register_blueprint(desk)
    return app


def _filters(app: Flask, lang: str) -> None:
    """How the pages write money, areas, counts, packages and a plan's status."""
    from ... import i18n

    def status_text(plan) -> str:
        from ...documents.plan_report import status_text as words
        return words(plan, lang)

    def notes(plan) -> list[str]:
        """What the plan says beside its months (the work waits for a grant, the house does not fit
        the plot ...), as the terminal and the quote say it."""
        from ...documents.notes import note_sentence
        return [note_sentence(kind, figures, lang) for kind, figures in plan.notes]

    def never_livable(plan) -> list[str]:
        """Why no step of the house type can house the family, and the types that can (nothing for
        another plan, or a lived-in house, whose repairs are planned all the same)."""
        from ...documents.plan_report import never_livable_lines
        if plan.status != "never_livable" or plan.improvement is not None:
            return []
        return never_livable_lines(plan, lang)

    def loan_text(plan) -> str:
        from ...documents.plan_report import loan_text as words
        return words(plan, lang)

    def calendar_month(month: int, plan) -> str:
        """Plan month ``month`` of ``plan`` as a calendar month (``Apr 2027``): month 1 is the
        file's start_month, or the month the plan counted from (this month, if it did not say)."""
        from ...documents.quote import calendar, month_one
        return calendar(month_one(plan.household, plan.start or today()), month, lang, short=True)

    def work(row, plan) -> str:
        """A plan row's work: its package, or the part of it a grant's materials buy, or its rest."""
        from ...documents.plan_report import row_name
        return row_name(plan, row, lang)

    def question(path: str) -> str:
        """A changed field of the household file as the question that asks it."""
        from ..konsultasi import question_of
        return question_of(path, lang)

    def answer(value, path: str) -> str:
        """A changed field's value as the family reads it: Rupiah, a per cent, a plain figure."""
        from ...errors import RumahError
        from ...house.template import shared_parameters
        from ...plan.household import money
        from ...schema import Where
        field = path.rsplit(".", 1)[-1]
        if value is None:
            return "—"
        if isinstance(value, bool):
            return t("yes", lang) if value else t("no", lang)
        if field in MONEY_FIELDS and isinstance(value, (int, float, str)):
            with contextlib.suppress(RumahError):
                return i18n.rupiah(money(value, Where(path)), lang).replace(" ", "\u00a0")
        if path.startswith("parameters.") and isinstance(value, str):
            # A choice by its label (Keramik 30x30), not its key (ceramic).
            choices = getattr(shared_parameters().get(field), "choices", {})
            if value in choices:
                return choices[value].label(lang)
        if isinstance(value, float) and field in SHARE_FIELDS:
            return f"{i18n.plain(value * 100, lang, 2)}\u00a0%"
        if isinstance(value, float):
            return i18n.plain(value, lang, 3)
        return str(value)

    app.jinja_env.filters.update(
        rupiah=lambda amount: i18n.rupiah(int(amount), lang).replace(" ", "\u00a0"),
        area=lambda value: f"{i18n.number(value, lang)}\u00a0m²",
        grouped=lambda value: i18n.number(value, lang, 0),
        status_text=status_text,
        loan_text=loan_text,
        never_livable=never_livable,
        notes=notes,
        work=work,
        calendar_month=calendar_month,
        long_date=lambda day: i18n.long_date(day, lang),
        built=lambda item, names: names.get(tuple(item), f"{item[0]}:{item[1]}"),
        # A package built in part, with how much of it stands: ((step, package), share).
        part=lambda item, names: f"{names.get(tuple(item[0]), f'{item[0][0]}:{item[0][1]}')} "
                                 f"({i18n.plain(item[1] * 100, lang, 1)}\u00a0%)",
        question=question,
        answer=answer,
    )


@dataclass
class Desk:
    """What the pages share: settings, the register, the desk's folder, the library and panel."""

    settings: Settings
    book: object
    home: Home
    library: Library
    panel: Panel
