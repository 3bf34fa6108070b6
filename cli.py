"""The ``rumah`` command line: parse, call one library function, format, write.

Exit codes: 0 success; 1 a problem with the user's data (a clear message, no traceback);
2 a usage error (click's own).  Library errors (``RumahError``) become ``ClickException``.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import gettext
import inspect
import io
import json
import os
import re
import shlex
import sys
from pathlib import Path

import click

from rumah import __version__, i18n
from rumah.clock import today
from rumah.errors import RumahError
from rumah.i18n import N_, ntr, tr

# click's own words (Usage, Options, Error ...) are looked up with the standard gettext in the
# default domain: make that domain ours, so that they come from the same catalog as ours.
gettext.bindtextdomain(i18n.DOMAIN, str(i18n.LOCALE_DIR))
gettext.textdomain(i18n.DOMAIN)


def _language_asked(args: list[str]) -> str | None:
    """The value of ``--lang`` anywhere on the command line, if it names a language we have."""
    for k, arg in enumerate(args):
        if arg == "--":
            break
        value = args[k + 1] if arg == "--lang" and k + 1 < len(args) else arg[7:] if arg.startswith("--lang=") else None
        if value in i18n.languages():
            return value
    return None


class _ShownLater(str):
    """A message click fills in with ``%`` when it shows it: translated then, once ``--lang`` is
    read, not when this module is loaded (``rumah --version --lang en`` under an Indonesian
    locale said "versi")."""

    def __mod__(self, values):
        return tr(str(self)) % values


def _translated(text: str | None) -> str | None:
    return tr(inspect.cleandoc(text)) if text else text


#: What click prints for the kinds of values and in a usage line, translated when shown.
METAVARS = (N_("Examples"), N_("TEXT"), N_("INTEGER"), N_("INTEGER RANGE"), N_("FLOAT"), N_("FLOAT RANGE"),
            N_("DECIMAL"), N_("DECIMAL RANGE"), N_("FILE"), N_("DIRECTORY"), N_("PATH"), N_("[OPTIONS]"),
            N_("COMMAND [ARGS]..."), N_("[COMMAND] [ARGS]..."),
            N_("required"))


def _decimals(text: str) -> str:
    """``0<=x<=0.15`` with the reader's decimal separator."""
    separator = i18n.separators(i18n.language())[0]
    return re.sub(r"(?<=\d)\.(?=\d)", separator, text) if separator != "." else text


class Option(click.Option):
    """An option whose kind of value, default and range are shown in the reader's language."""

    def make_metavar(self, ctx) -> str:
        return tr(super().make_metavar(ctx))

    def prompt_for_value(self, ctx):
        english = self.prompt
        self.prompt = tr(english) if english else english
        try:
            return super().prompt_for_value(ctx)
        finally:
            self.prompt = english

    def get_help_extra(self, ctx):
        extra = super().get_help_extra(ctx)
        if "range" in extra:
            extra["range"] = _decimals(str(extra["range"]))
        if "default" in extra and isinstance(self.default, float):
            extra["default"] = _decimals(str(extra["default"]))
        return extra


class Argument(click.Argument):
    """An argument whose name (``HOUSEHOLD``) is shown in the reader's language."""

    def make_metavar(self, ctx) -> str:
        return tr(super().make_metavar(ctx))


option = functools.partial(click.option, cls=Option)
argument = functools.partial(click.argument, cls=Argument)


class Decimal(click.ParamType):
    """A number written with a decimal point or a decimal comma (``0,1``), within bounds."""

    name = "decimal"

    def __init__(self, low: float, high: float):
        self.low, self.high = low, high

    def get_metavar(self, param, ctx=None) -> str:
        return "DECIMAL RANGE"

    def convert(self, value, param, ctx):
        if isinstance(value, float):
            return value
        try:
            number = float(str(value).strip().replace(",", "."))
        except ValueError:
            self.fail(tr("expected a number such as 0,1 or 0.1, found {value!r}", value=value), param, ctx)
        if not self.low <= number <= self.high:
            self.fail(tr("expected a number from {low} to {high}, found {value}",
                         low=i18n.plain(self.low, i18n.language()), high=i18n.plain(self.high, i18n.language()),
                         value=value), param, ctx)
        return number


class Command(click.Command):
    """A command whose help (its docstring, epilog and options) is shown in the reader's language."""

    def collect_usage_pieces(self, ctx) -> list[str]:
        return [tr(piece) for piece in super().collect_usage_pieces(ctx)]

    def format_help(self, ctx, formatter):
        options = [p for p in self.get_params(ctx) if isinstance(p, click.Option)]
        english = self.help, [p.help for p in options]
        self.help = _translated(self.help)
        for param in options:
            param.help = _translated(param.help)
        try:
            super().format_help(ctx, formatter)
        finally:
            self.help = english[0]
            for param, text in zip(options, english[1]):
                param.help = text

    def format_epilog(self, ctx, formatter):
        """The epilog is the command's examples: command lines kept as they are, with comments."""
        if self.epilog:
            with formatter.section(tr("Examples")):
                for line in inspect.cleandoc(tr(self.epilog)).splitlines():
                    formatter.write(f"{'':>{formatter.current_indent}}{line}\n")

    def get_short_help_str(self, limit: int = 45) -> str:
        english = self.help
        self.help = _translated(english)
        try:
            return super().get_short_help_str(limit)
        finally:
            self.help = english

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None and not getattr(option, "message_id", False):
            # click made it once, in the language of that moment: keep the message id instead.
            option.help = N_("Show this message and exit.")
            option.message_id = True
        return option


class Group(Command, click.Group):
    """A group of commands, in the reader's language; the language is settled before click reads
    the command line, so that its usage errors are in it too."""

    command_class = Command
    group_class = type

    def main(self, args=None, *rest, **extra):
        args, leading = _leading_language(self, list(sys.argv[1:] if args is None else args))
        asked = _language_asked(args) or _language_asked(leading)
        before = os.environ.get("LANGUAGE")
        if asked:
            # gettext (ours and click's) reads LANGUAGE first: --lang outranks the locale.
            os.environ["LANGUAGE"] = asked
        global _STDOUT_TAKEN
        _STDOUT_TAKEN = False                   # a command's own; data_errors sets it for those with outputs
        try:
            return super().main(args, *rest, **extra)
        except OSError as exc:
            # What click itself prints (--help, --version, a usage error) meets a full disk or a
            # closed pipe like everything else: a message and exit code 1, not a traceback.
            what = f"{exc.filename}: cannot be written" if exc.filename else "cannot write to standard output"
            with contextlib.suppress(OSError):
                sys.stderr.write(f"Error: {what} ({exc.strerror or exc})\n")
                sys.stderr.flush()
            with contextlib.suppress(OSError, ValueError):
                # Nothing more can be written; do not let the interpreter try again at exit.
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)
        finally:
            if asked:
                if before is None:
                    os.environ.pop("LANGUAGE", None)
                else:
                    os.environ["LANGUAGE"] = before


class _Day(click.ParamType):
    """A day written YYYY-MM-DD, said so when it is not one (not click's strftime pattern)."""

    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):
        if isinstance(value, datetime.datetime):
            return value
        text = str(value).strip()
        try:
            return datetime.datetime.strptime(text, "%Y-%m-%d")
        except ValueError:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                self.fail(tr("expected a day of the calendar, found {value!r}: there is no such day",
                             value=text[:40]), param, ctx)
            self.fail(tr("expected a date as YYYY-MM-DD (2026-12-01 for 1 December 2026), found {value!r}",
                         value=text[:40]), param, ctx)


def _plausible_date(ctx, param, value):
    """A --date within the years a household's start_month may be in."""
    from rumah.plan.household import YEARS
    if value is not None and not YEARS[0] <= value.year <= YEARS[1]:
        raise click.BadParameter(tr("expected a date from {first} to {last}, found {value}", first=YEARS[0],
                                    last=YEARS[1], value=value.date().isoformat()))
    return value


def _leading_language(group: click.Group, args: list[str]) -> tuple[list[str], list[str]]:
    """``--lang`` given before the command's name (``rumah --lang en plan ...``, ``rumah catalog
    --lang en list``, ``rumah --help --lang en``) moved to just after it when the command takes
    it, as anywhere else on the line; otherwise (a group's help, a command without it) it only
    sets the messages' language: it is returned apart, and click does not read it.  Returns (the
    arguments, that --lang)."""
    command: click.Command = group
    before: list[str] = []
    given: list[str] = []
    path = 0                                    # where in ``before`` the command's name ends
    k = 0
    while k < len(args) and isinstance(command, click.Group):
        word = args[k]
        if word == "--lang" and k + 1 < len(args):
            given, k = args[k:k + 2], k + 2
            continue
        if word.startswith("--lang="):
            given, k = [word], k + 1
            continue
        if word in command.commands:
            command = command.commands[word]
            before.append(word)
            path = len(before)
        else:
            before.append(word)
        k += 1
    rest = before + args[k:]
    takes = command is not group and any(p.name == "lang" for p in command.params)
    if not takes and not isinstance(command, click.Group):
        # A command without it (register add, desk user add ...): after its name too, --lang
        # sets only the messages' language, as everywhere else on the line.
        tail, k = [], len(before)
        while k < len(rest):
            if rest[k] == "--lang" and k + 1 < len(rest):
                given, k = rest[k:k + 2], k + 2
            elif rest[k].startswith("--lang="):
                given, k = [rest[k]], k + 1
            else:
                tail.append(rest[k])
                k += 1
        rest = before + tail
    if not given:
        return args, []
    if takes:
        return rest[:path] + given + rest[path:], []
    return rest, given


def _document_language(ctx, param, value):
    return value or i18n.DOCUMENT_DEFAULT


LANG = option("--lang", type=click.Choice(list(i18n.languages())), default=None, callback=_document_language,
              help=N_("Language of what the command writes (Indonesian unless asked) and of its messages "
                      "(your locale's: LANG=id_ID.UTF-8 gives Indonesian)."))


def format_option(*choices: str):
    if "csv" in choices:
        text = N_("Output format (csv: ';' separated with decimal commas, for a spreadsheet set to Indonesian; "
                  "',' and decimal points with --lang en).")
    else:
        text = N_("Output format.")
    return option("--format", "fmt", type=click.Choice(list(choices)), default=choices[0], show_default=True,
                  help=text)


OUTPUT = option("-o", "--output", type=click.Path(dir_okay=False, writable=False), default=None,
                help=N_("Write to this file (atomically) instead of standard output."))


def assignments_option(help_text: str):
    """``--set NAME=VALUE`` (repeatable), parsed here so that a malformed pair is a usage error."""
    def parse(ctx, param, pairs):
        from rumah.errors import ParameterError
        from rumah.house.parameters import parse_assignments
        try:
            return parse_assignments(pairs)
        except ParameterError as exc:
            raise click.BadParameter(str(exc).split(": ", 1)[-1]) from None
    return option("--set", "assignments", multiple=True, metavar=N_("NAME=VALUE"), callback=parse, help=help_text)


#: Arguments and options that name files a command reads, and options that name files it writes.
INPUTS = ("template", "region", "household", "households", "source", "file", "clinic", "saved", "db", "table_file",
          "list_a", "list_b")
OUTPUTS = {"output": "-o", "summary": "--summary", "chart": "--chart"}


#: Whether an output of the running command is this process's standard output (-o /dev/stdout):
#: then what the command says for people goes to standard error, not into that output.
_STDOUT_TAKEN = False


def _is_stdout(path: str) -> bool:
    try:
        return os.path.samestat(os.stat(path), os.fstat(sys.stdout.fileno()))
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        return False


def _another_kind(path: str, expected: str) -> None:
    """Refuse, saying which command takes it, a file of another kind than the command's
    (``expected``: ``household``, ``table`` or ``template``): a house type's name or a CSV given
    to ``plan``, a household file given to ``batch`` or ``estimate``."""
    from rumah.errors import DataError
    from rumah.house.template import template_paths
    suffix = Path(path).suffix.lower()
    if expected == "household" and not Path(path).exists() and path in template_paths():
        raise DataError(tr("{file}: a house type, not a household file: 'rumah estimate {file} -r REGION' prices it; "
                           "a household file (examples/kendal-nelayan.yaml) names a family and its house type",
                           file=path))
    if expected in ("household", "template") and suffix in (".csv", ".xlsx"):
        raise DataError(tr("{file}: a table of households, not one household's file: 'rumah batch {file} -o "
                           "RESULTS.csv' plans every row", file=path))
    if suffix in (".yaml", ".yml") and Path(path).is_file():
        from rumah.yamlio import load_yaml
        try:
            raw = load_yaml(Path(path))
        except DataError:
            return                              # said as it is by the command's own reading
        if not isinstance(raw, dict):
            return
        if expected in ("table", "template") and "members" in raw:
            raise DataError(tr("{file}: a household file: 'rumah plan {file}' plans it and prices its house; this "
                               "command takes {what}", file=path,
                               what=tr("a table of households (CSV or workbook)") if expected == "table"
                               else tr("a house type (rumah catalog list)")))
        if expected in ("table", "household") and "rooms" in raw and "grid" in raw:
            raise DataError(tr("{file}: a house type's file: 'rumah estimate {file} -r REGION' prices it, and a "
                               "household file names it as its template", file=path))


def data_errors(command):
    """Turn the library's data errors into a clean message and exit code 1; before any work, check
    that every output can be written where it is named and that none is one of the inputs."""
    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        from rumah.output import check_outputs, forget_inputs, terminal_safe
        global _STDOUT_TAKEN
        forget_inputs()
        _STDOUT_TAKEN = any(isinstance(v, str) and _is_stdout(v) for k, v in kwargs.items() if k in OUTPUTS)
        try:
            named = [v for k, value in kwargs.items() if k in INPUTS
                     for v in (value if isinstance(value, tuple) else (value,))]
            check_outputs({OUTPUTS[k]: v for k, v in kwargs.items() if k in OUTPUTS},
                          [v for v in named if isinstance(v, str) and Path(v).is_file()])
            return command(*args, **kwargs)
        except RumahError as exc:
            raise click.ClickException(terminal_safe(str(exc))) from None
    return wrapper


def say(text: str, nl: bool = True, err: bool = False) -> None:
    """Print for people: without control characters, and a full disk or closed pipe is a clean
    message, not a traceback."""
    from rumah.output import terminal_safe
    err = err or _STDOUT_TAKEN
    try:
        click.echo(terminal_safe(text), nl=nl, err=err)
    except OSError as exc:
        where = tr("standard error") if err else tr("standard output")
        raise click.ClickException(tr("cannot write to {where} ({reason})", where=where,
                                      reason=exc.strerror or exc)) from None


def emit(text: str, output: str | None) -> None:
    if output:
        from rumah.output import write_atomic
        write_atomic(output, text)
    else:
        say(text, nl=False)


def as_json(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def table(rows: list[list[str]], wrap: tuple[int, ...] = (), wide: bool = False, align: str = "",
          least: int = 14) -> str:
    """A table for the terminal: 80 columns, its ``wrap`` columns wrapped to fit, down to
    ``least`` characters (``--wide``: as wide as it needs)."""
    from rumah.documents.texttable import table as lines
    return "\n".join(lines([[str(c) for c in row] for row in rows], align, wrap, _width(wide), least)) + "\n"


WIDE = option("--wide", is_flag=True, help=N_("Tables as wide as they need (default: 80 columns, long text wrapped)."))


def _width(wide: bool) -> int | None:
    from rumah.documents.texttable import WIDTH
    return None if wide else WIDTH


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]}, epilog=N_("""
# the house types, and what one costs in Kendal
rumah catalog list
rumah estimate inti-6m --region kendal
# a family's build plan, and the quote to hand them
rumah plan examples/kendal-nelayan.yaml
rumah quote examples/kendal-nelayan.yaml -o penawaran.pdf
# every command has its own help and examples
rumah plan --help"""))
@click.version_option(__version__, prog_name="rumah", help=N_("Show the version and exit."),
                      message=_ShownLater(N_("%(prog)s, version %(version)s")))
def main() -> None:
    """Staged self-help house designs, priced bills of quantities and build plans.

    For Indonesian self-help housing clinics (Klinik Rumah Swadaya): pick a growing house
    template, price it for a district, and see what each build step costs.
    """
    import signal
    import threading
    if threading.current_thread() is threading.main_thread():
        # A terminated run unwinds like Ctrl-C, so that a file being written is cleaned up
        # (the earlier file stays) instead of leaving a temporary file behind.
        signal.signal(signal.SIGTERM, _terminated)


class Terminated(SystemExit):
    """What SIGTERM raises: a run stopped politely unwinds like Ctrl-C and exits with 128 + 15.

    reportlab re-raises an exception passing through a flowable as a new one of the same class
    with a longer message (``annotateException``); built again, this one keeps its exit code
    instead of turning into ``SystemExit("... 143")``, which would exit with 1 and a message."""

    def __init__(self, *_message):
        super().__init__(128 + 15)


def _terminated(signum, frame):
    raise Terminated()


@main.group(epilog=N_("""
rumah catalog list
rumah catalog show deret-4m5"""))
def catalog() -> None:
    """House templates: their build steps, areas and parameters."""


@catalog.command("list", epilog=N_("""
rumah catalog list
# for other programs
rumah catalog list --format json -o tipe-rumah.json"""))
@format_option("table", "json")
@WIDE
@LANG
@OUTPUT
@data_errors
def catalog_list(fmt: str, wide: bool, lang: str, output: str | None) -> None:
    """List the bundled house templates with the floor area after each step."""
    from rumah.documents.listing import list_templates
    templates = list_templates(lang)
    if fmt == "json":
        return emit(as_json(templates), output)
    rows = [["id", i18n.t("steps", lang), "m2", i18n.t("name", lang)]]
    for template in templates:
        areas = " -> ".join(i18n.plain(s["total_floor_area_m2"], lang, 2) for s in template["steps"])
        rows.append([template["id"], str(len(template["steps"])), areas, template["name"]])
    emit(table(rows, (3,), wide), output)


@catalog.command("show", epilog=N_("""
rumah catalog show deret-4m5
# the areas with other choices
rumah catalog show inti-6m --set wall=aac --set plinth_height=0,8"""))
@argument("template", metavar=N_("TEMPLATE"))
@assignments_option(N_("Set a parameter (repeatable), e.g. --set wall=aac --set plinth_height=0,8."))
@format_option("table", "json")
@WIDE
@LANG
@OUTPUT
@data_errors
def catalog_show(template: str, assignments: dict, fmt: str, wide: bool, lang: str, output: str | None) -> None:
    """Show one template: steps, rooms and areas, and every parameter with its range."""
    from rumah.documents.listing import template_summary
    from rumah.house.template import load_template
    summary = template_summary(load_template(template), assignments, lang)
    if fmt == "json":
        return emit(as_json(summary), output)
    n, t = i18n.number, i18n.t
    out = [f"{summary['id']} v{summary['version']}: {summary['name']}", summary["description"]]
    if summary["source"]:
        out.append(t("source: {source}", lang, source=summary["source"]))
    out.append("")
    for s in summary["steps"]:
        needs = ("  (" + t("requires step {steps}", lang, steps=", ".join(map(str, s["requires"]))) + ")"
                 if s["requires"] else "")
        out.append(t("Step {step}: {name}", lang, step=s["step"], name=s["name"])
                   + f"  (+{n(s['floor_area_m2'], lang)} m² -> {n(s['total_floor_area_m2'], lang)} m²){needs}")
        for r in s["rooms"]:
            size = f"{n(r['width_m'], lang)} x {n(r['depth_m'], lang)} m"
            out.append(f"    {r['name']}: {size} = {n(r['area_m2'], lang)} m²")
    out.append("")

    def shown(value, kind):
        if kind == "number":
            return i18n.plain(value, lang)
        if kind == "flag":
            return t("yes", lang) if value else t("no", lang)
        return str(value)

    rows = [[t("parameter", lang), t("value", lang), t("allowed", lang), ""]]
    for p in summary["parameters"]:
        if p["kind"] == "number":
            allowed = p["allowed"]
        elif p["kind"] == "flag":
            allowed = t("yes", lang) + " / " + t("no", lang)
        else:
            allowed = ", ".join(p["choices"])
        rows.append([p["name"], shown(p["value"], p["kind"]), allowed, p["label"]])
    from rumah.documents.texttable import fitted
    emit(fitted(out, _width(wide)) + table(rows, (2, 3), wide), output)


@main.group(epilog=N_("""
rumah prices list
rumah prices show pekalongan
rumah prices check harga-desa-2025.yaml"""))
def prices() -> None:
    """Regional price lists: what is bundled, what a list holds, checking your own, importing a
    district's own table and comparing two lists."""


def _resources():
    from rumah.cost.resources import load_resources
    from rumah.data import catalog_dir
    return load_resources(catalog_dir() / "resources.yaml")


@prices.command("list", epilog=N_("""
rumah prices list
rumah prices list --format json"""))
@format_option("table", "json")
@WIDE
@LANG
@OUTPUT
@data_errors
def prices_list(fmt: str, wide: bool, lang: str, output: str | None) -> None:
    """List the bundled price lists with their year, base and how many prices are indicative."""
    from rumah.documents.listing import list_price_lists
    lists = list_price_lists(_resources(), lang)
    if fmt == "json":
        return emit(as_json([{k: v for k, v in s.items() if k != "prices"} for s in lists]), output)
    t = i18n.t
    rows = [[t("region", lang), "id", t("year", lang), t("name", lang), t("extends", lang), t("factor", lang),
             t("indicative", lang)]]
    for s in lists:
        rows.append([s["region"], s["id"], str(s["year"]), s["region_name"], s["extends"] or "-", s["factor_shown"],
                     f"{s['indicative_count']}/{len(s['prices'])}"])
    emit(table(rows, (3,), wide, least=9), output)


def _show_prices(summary: dict, lang: str, wide: bool) -> str:
    t = i18n.t
    head = [f"{summary['id']}: {summary['region_name']} ({summary['province']}, BPS {summary['bps_code']}), "
            f"{summary['year']}",
            t("source: {source}", lang, source=summary["source"])]
    if summary["extends"]:
        head.append(summary["factor_text"])
    rows = [[t("code", lang), t("name", lang), t("price", lang), t("per", lang), t("buy unit", lang),
             t("price/buy unit", lang), t("from", lang)]]
    for p in summary["prices"]:
        origin = p["from"] + (f" x {i18n.plain(p['rise'], lang, 4)}" if p["rise"] != 1 else "") \
            + (f" ({p['source_label']})" if p["source_label"] else "")
        rows.append([p["code"], p["name"] + (" *" if p["indicative"] else ""),
                     i18n.rupiah(round(p["price_idr"]), lang, False), i18n.unit_name(p["unit"], lang),
                     i18n.unit_name(p["purchase_unit"], lang), i18n.rupiah(round(p["purchase_price_idr"]), lang, False),
                     origin])
    from rumah.documents.texttable import fitted
    return (fitted(head, _width(wide)) + "\n" + table(rows, (1, 6), wide, "llrllrl") + "\n* "
            + t("Indicative prices (no published source)", lang) + "\n")


@prices.command("show", epilog=N_("""
rumah prices show kendal
# as a spreadsheet
rumah prices show kendal-2024 --format csv -o harga.csv"""))
@argument("region", metavar=N_("REGION"))
@format_option("table", "json", "csv")
@WIDE
@LANG
@OUTPUT
@data_errors
def prices_show(region: str, fmt: str, wide: bool, lang: str, output: str | None) -> None:
    """Show every price of a region (name like 'kendal', list id, or a YAML file)."""
    from rumah.cost.prices import load_price_list
    from rumah.documents.listing import price_list_summary
    resources = _resources()
    summary = price_list_summary(load_price_list(region, resources), resources, lang)
    if fmt == "json":
        return emit(as_json(summary), output)
    if fmt == "csv":
        import csv
        import io

        from rumah.documents.bill_report import _delimiter
        buffer = io.StringIO()
        # As every CSV here: ';' and decimal commas in Indonesian, ',' and points in English.
        writer = csv.writer(buffer, delimiter=_delimiter(lang), lineterminator="\r\n")
        from rumah.schema import spreadsheet_cell
        writer.writerow(["code", "name", "unit", "price_idr", "indicative", "from"])
        for p in summary["prices"]:
            writer.writerow([spreadsheet_cell(p["code"]), spreadsheet_cell(p["name"]), p["unit"],
                             f"{p['price_idr']:.4f}".rstrip("0").rstrip(".").replace(".", i18n.separators(lang)[0]),
                             "yes" if p["indicative"] else "no", spreadsheet_cell(p["from"])])
        return emit("\ufeff" + buffer.getvalue(), output)
    emit(_show_prices(summary, lang, wide), output)


@prices.command("check", epilog=N_("""
# a clinic's own list, before using it
rumah prices check harga-desa-2025.yaml"""))
@argument("file", type=click.Path(dir_okay=False), metavar=N_("FILE"))
@LANG
@data_errors
def prices_check(file: str, lang: str) -> None:
    """Check a price list file: schema, units, sources, and a price for every resource."""
    from rumah.documents.listing import check_price_list
    summary = check_price_list(file, _resources(), lang)
    say(tr("{file}: OK - {id} ({region}, {year}), {prices}", file=file, id=summary["id"],
           region=summary["region_name"], year=summary["year"],
           prices=ntr("{n} price, {indicative} indicative", "{n} prices, {indicative} indicative",
                      len(summary["prices"]), indicative=summary["indicative_count"])))


@prices.command("import", epilog=N_("""
# the district's table of unit prices (SSH), into a list of its own
rumah prices import ssh-kendal-2025.xlsx -r kendal --year 2025 \\
    --source "SSH Kab. Kendal 2025" -o kendal-2025.yaml
rumah prices diff kendal-2024 kendal-2025.yaml"""))
@argument("table_file", metavar=N_("TABLE"), type=click.Path(dir_okay=False))
@option("--region", "-r", required=True, metavar=N_("REGION"),
        help=N_("The district: a bundled region or list (kendal, kendal-2024) whose region the new list copies and "
                "which it extends, or a new region's short name (then --region-name and --extends)."))
@option("--year", type=click.IntRange(1990, 2100), required=True, metavar=N_("YEAR"),
        help=N_("Year of the table's prices."))
@option("--source", "list_source", required=True, metavar=N_("TEXT"),
        help=N_('Who published the table, e.g. "SSH Kab. Kendal 2025 (Perbup No. ...)".'))
@option("-o", "--output", type=click.Path(dir_okay=False), required=True,
        help=N_("The price list to write (its id is the file name, e.g. kendal-2025.yaml)."))
@option("--extends", default=None, metavar=N_("LIST"),
        help=N_("The list that prices what the table lacks (default: --region's)."))
@option("--region-name", default=None, metavar=N_("TEXT"),
        help=N_('Full name of a new region, e.g. "Kabupaten Blora".'))
@option("--bps-code", default=None, metavar=N_("TEXT"), help=N_("BPS code of a new region."))
@option("--province", default=None, metavar=N_("TEXT"), help=N_("Province of a new region."))
@option("--collected", default=None, metavar=N_("TEXT"),
        help=N_("When the prices were collected, YYYY-MM or a year (default: the year, taken as its July): plans "
                "rise the prices from then."))
@option("--choose", type=click.Choice(["ask", "mapping"]), default=None,
        help=N_("When several rows price one resource: ask which (the default at a terminal), or take the row the "
                "mapping prefers (the default otherwise)."))
@format_option("table", "json")
@WIDE
@LANG
@data_errors
def prices_import(table_file: str, region: str, year: int, list_source: str, output: str, extends: str | None,
                  region_name: str | None, bps_code: str | None, province: str | None, collected: str | None,
                  choose: str | None, fmt: str, wide: bool, lang: str) -> None:
    """Import a district's standard price table (SSH/HSPK, CSV or XLSX) as a price list."""
    from rumah.cost.ssh import import_price_list
    from rumah.documents.listing import import_report_json, import_report_table
    from rumah.output import write_atomic
    resources = _resources()
    asking = choose == "ask" or (choose is None and sys.stdin.isatty())
    imported, text, price_list = import_price_list(
        table_file, output, resources, region=region, year=year, source=list_source, extends=extends,
        region_name=region_name, bps_code=bps_code, province=province, collected=collected,
        choose=_ask_row(resources, lang) if asking else None)
    write_atomic(output, text)
    if fmt == "json":
        return emit(as_json(import_report_json(imported, price_list, output, resources, lang)), None)
    emit(import_report_table(imported, price_list, output, resources, lang, _width(wide)), None)


def _ask_row(resources, lang: str):
    """Ask at the terminal which of several rows prices a resource."""

    def ask(code, matches, default):
        resource = resources[code]
        reader = i18n.language()
        say(f"{code} ({resource.name(reader)}): " + ntr("{n} row", "{n} rows", len(matches)))
        for n, m in enumerate(matches, 1):
            where = tr("{sheet}, row {row}", sheet=m.row.sheet, row=m.row.number) if m.row.sheet else \
                tr("row {row}", row=m.row.number)
            say(f"  {n}. {where}: {m.row.label(reader)} -> "
                f"Rp {i18n.number(m.per_base, reader, 2)} / {i18n.unit_name(resource.unit, reader)}")
        return click.prompt(tr("row"), type=click.IntRange(1, len(matches)), default=default + 1) - 1
    return ask


@prices.command("diff", epilog=N_("""
rumah prices diff kendal-2024 kendal-2025.yaml
# the same, for other programs
rumah prices diff semarang-2024 surakarta-2024 --format json"""))
@argument("list_a", metavar="A")
@argument("list_b", metavar="B")
@option("--ahsp", "edition", default=None, metavar=N_("EDITION"),
        help=N_("AHSP edition for the template totals (default: the newest)."))
@format_option("table", "json")
@WIDE
@LANG
@OUTPUT
@data_errors
def prices_diff(list_a: str, list_b: str, edition: str | None, fmt: str, wide: bool, lang: str,
                output: str | None) -> None:
    """Compare two price lists: each price and its change, and each bundled template's total."""
    from rumah.cost.compare import compare_lists
    from rumah.cost.estimate import load_catalog
    from rumah.documents.listing import diff_json, diff_table
    comparison = compare_lists(list_a, list_b, load_catalog(edition))
    emit(as_json(diff_json(comparison, lang)) if fmt == "json" else diff_table(comparison, lang, _width(wide)), output)


@main.command(epilog=N_("""
rumah estimate inti-6m --region kendal
# another wall and a higher floor
rumah estimate risha-3x3 -r madiun --set wall=aac --set plinth_height=0,8
# what to buy for step 1, with community labour
rumah estimate inti-6m -r kendal --step 1 --materials --labour gotong_royong
# for a spreadsheet; in English
rumah estimate inti-6m -r kendal --format csv -o rab.csv
rumah estimate inti-6m -r kendal --lang en"""))
@argument("template", metavar=N_("TEMPLATE"))
@option("--region", "-r", required=True, metavar=N_("REGION"),
        help=N_("District price list: a region (kendal), a list id (kendal-2024) or a YAML file of your own."))
@assignments_option(N_("Set a template parameter (repeatable), e.g. --set wall=aac --set plinth_height=0,8."))
@option("--step", type=click.IntRange(min=1), default=None, metavar="N", help=N_("Only this build step."))
@format_option("table", "json", "csv")
@option("--materials", is_flag=True, help=N_("The shopping list and labour days instead of the bill (as a table "
                                             "or CSV; JSON always holds both)."))
@option("--ahsp", "edition", default=None, metavar=N_("EDITION"),
        help=N_("AHSP edition (default: the newest bundled)."))
@option("--labour", type=click.Choice(["paid", "gotong_royong"]), default="paid", show_default=True,
        help=N_("Paid labour, or community labour (labourers unpaid, tradesmen paid)."))
@option("--overhead", type=Decimal(0, 0.15), default=0.0, show_default=True, metavar=N_("RATE"),
        help=N_("Overhead and profit rate, 0 to 0.15 (0 for self-help; shown as its own line)."))
@WIDE
@LANG
@OUTPUT
@data_errors
def estimate(template: str, region: str, assignments: dict, step: int | None, fmt: str, materials: bool,
             edition: str | None, labour: str, overhead: float, wide: bool, lang: str, output: str | None) -> None:
    """Bill of quantities of TEMPLATE priced for a district, per build step."""
    from rumah.cost.estimate import estimate as run_estimate
    from rumah.cost.estimate import load_catalog
    from rumah.documents import bill_report as report
    _another_kind(template, "template")
    catalog_data = load_catalog(edition)
    bill = run_estimate(template, region, assignments, labour=labour, overhead=overhead,
                        steps=[step] if step else None, catalog=catalog_data)
    if fmt == "json":
        text = as_json(report.bill_json(bill, catalog_data.resources, lang))
    elif fmt == "csv" and materials:
        text = report.materials_csv(bill, catalog_data.resources, lang)
    elif fmt == "csv":
        text = report.bill_csv(bill, lang)
    elif materials:
        text = report.materials_table(bill, catalog_data.resources, lang, _width(wide))
    else:
        text = report.bill_table(bill, lang, _width(wide))
    emit(text, output)


@main.command(epilog=N_("""
rumah dxf examples/pekalongan-rob.yaml -o gambar/
# a house type with another wall
rumah dxf deret-4m5 --set wall=aac -o denah/"""))
@argument("source", metavar=N_("TEMPLATE|HOUSEHOLD.yaml"))
@assignments_option(N_("Set a template parameter (repeatable); with a household file, overrides its own."))
@option("-o", "--output", "folder", type=click.Path(file_okay=False), required=True,
        help=N_("Folder for the DXF files (made if missing): one per build step and the section."))
@LANG
@data_errors
def dxf(source: str, assignments: dict, folder: str, lang: str) -> None:
    """DXF floor plans of every build step of a TEMPLATE or a HOUSEHOLD.yaml, and its section."""
    from rumah.documents.dxf import write_steps
    from rumah.documents.sheets import step_sheets
    sheets, stem = step_sheets(source, assignments, lang)
    for path in write_steps(sheets, folder, stem):
        say(str(path))


@main.command(epilog=N_("""
rumah assess examples/kendal-rtlh.yaml
# the repairs it leads to, month by month
rumah plan examples/kendal-rtlh.yaml"""))
@argument("household", type=click.Path(dir_okay=False), metavar=N_("HOUSEHOLD.yaml"))
@format_option("table", "json")
@WIDE
@LANG
@OUTPUT
@data_errors
def assess(household: str, fmt: str, wide: bool, lang: str, output: str | None) -> None:
    """Assess the house a household lives in (its existing_house): each livable-house criterion
    with pass or fail, what was found, the rule and its source, and the repairs priced."""
    from rumah.cost.estimate import load_catalog
    from rumah.cost.prices import load_price_list
    from rumah.documents.assessment_report import assessment_json, assessment_table, repairs_json
    from rumah.documents.provenance import price_list_json
    from rumah.errors import UnknownNameError
    from rumah.plan.household import load_household
    from rumah.plan.planner import plan_household
    from rumah.schema import Where
    _another_kind(household, "household")
    family = load_household(household)
    if family.existing is None:
        raise click.ClickException(tr("{file}: existing_house: expected the house the family lives in (rooms and "
                                      "components), found nothing; a new house has nothing to assess",
                                      file=household))
    catalog = load_catalog(family.ahsp)
    try:
        price_list = load_price_list(family.region, catalog.resources)
    except UnknownNameError as exc:
        raise (Where(household) / "region").fail(str(exc)) from None
    # The repairs as the plan makes them: a floor raising the family can pay for only later is
    # as high as it must be then, as on the quote and the drawings.
    found = plan_household(family, catalog, compare=False).improvement
    if fmt == "json":
        # The plan's names and forms for what both print (an integrator reads both with one parser).
        emit(as_json({"household": {"name": family.name, "members": family.members}, "region": price_list.region,
                      "price_list": price_list_json(price_list, lang), "ahsp_edition": catalog.edition.edition,
                      **assessment_json(found.assessment, lang), "repairs": repairs_json(found, lang)}), output)
    else:
        emit(assessment_table(family, found, lang, _width(wide)), output)


HORIZON = N_("Months to plan over (default: the household file's, or 120).")


@main.command(epilog=N_("""
rumah plan examples/kendal-nelayan.yaml
# a longer horizon, for other programs
rumah plan examples/pekalongan-rob.yaml --format json --horizon 180
# several families: one plan after another (JSON: a list of plans)
rumah plan examples/kendal-nelayan.yaml examples/madiun-pabrik.yaml"""))
@argument("households", nargs=-1, required=True, type=click.Path(dir_okay=False), metavar=N_("HOUSEHOLD.yaml..."))
@format_option("table", "json")
@option("--horizon", type=click.IntRange(1, 600), default=None, metavar=N_("MONTHS"), help=HORIZON)
@WIDE
@LANG
@OUTPUT
@data_errors
def plan(households: tuple[str, ...], fmt: str, horizon: int | None, wide: bool, lang: str,
         output: str | None) -> None:
    """Staged build plan for each household: which step in which month, cash, loan, livable month."""
    from rumah.documents.plan_report import plan_json, plan_table
    from rumah.plan.advice import advise
    from rumah.plan.planner import plan_household
    # Every household is planned before anything is written: a bad file leaves no partial output.
    for household in households:
        _another_kind(household, "household")
    results = [advise(plan_household(household, horizon=horizon)) for household in households]
    if fmt == "json":
        data = [plan_json(result, lang) for result in results]
        emit(as_json(data[0] if len(data) == 1 else data), output)
    else:
        emit("\n".join(plan_table(result, lang, _width(wide)) for result in results), output)


@main.command(epilog=N_("""
rumah quote examples/kendal-nelayan.yaml -o penawaran.pdf
# with the clinic's name, dated
rumah quote keluarga.yaml --clinic klinik.yaml --date 2026-12-01 -o q.pdf"""))
@argument("household", type=click.Path(dir_okay=False), metavar=N_("HOUSEHOLD.yaml"))
@option("-o", "--output", type=click.Path(dir_okay=False), required=True,
        help=N_("The PDF to write (atomically: a failed run leaves any earlier file as it was)."))
@option("--clinic", type=click.Path(dir_okay=False), default=None,
        help=N_("Clinic file (name, address, technician, phone, validity_days); a generic clinic if omitted."))
@option("--date", "date", type=_Day(), default=None, callback=_plausible_date,
        help=N_("Date printed on the quote, YYYY-MM-DD (default today); month 1 of the plan is its month, unless "
                "the household file gives its start_month."))
@option("--horizon", type=click.IntRange(1, 600), default=None, metavar=N_("MONTHS"), help=HORIZON)
@LANG
@data_errors
def quote(household: str, output: str, clinic: str | None, date, horizon: int | None, lang: str) -> None:
    """The PDF quote for a family: plan, house drawings, costs, shopping list, sources."""
    from rumah.documents.plan_report import status_text
    from rumah.documents.quote import make_quote
    from rumah.documents.quote_pdf import write_quote
    _another_kind(household, "household")
    # The printed quote says what would help a family whose house is late, as `rumah plan` does.
    result = make_quote(household, clinic, lang, date.date() if date else None, horizon, advice=True)
    write_quote(output, result)
    plan = result.plan
    if plan.status == "livable":
        naive = plan.naive.livable_month
        outcome = tr("livable from month {month} (naive plan: {naive})", month=plan.best.livable_month,
                     naive=naive if naive else tr("never"))
    else:
        outcome = status_text(plan, i18n.language())
    say(tr("{file}: quote {number} for {name}; {outcome}", file=output, number=result.number,
           name=plan.household.name, outcome=outcome))
    start = plan.household.start
    if start is not None and start < (result.date.year, result.date.month):
        # A reprint of an earlier quote is right to keep its months; a new one would plan from now.
        month = "{:04d}-{:02d}".format(*start)
        say(tr("{file}: its plan starts in {start} (start_month), before the quote's date: the months before then "
               "are past. To plan from now, reopen it with rumah konsultasi --from.", file=household, start=month),
            err=True)


@main.command(epilog=N_("""
rumah batch examples/households.csv -o hasil.csv --summary program.json
# a workbook for the housing office; where 10 more grants help most
rumah batch examples/households.csv -o hasil.xlsx --format xlsx --grants 10
# carry on a run that was stopped
rumah batch examples/households.csv -o hasil.csv --resume"""))
@argument("households", type=click.Path(dir_okay=False), metavar=N_("HOUSEHOLDS.csv"))
@option("-o", "--output", type=click.Path(dir_okay=False), required=True,
        help=N_("Results: one row per input row, same order (appears only when every row is done)."))
@option("--summary", type=click.Path(dir_okay=False), default=None, help=N_("Program totals as JSON."))
@option("--chart", type=click.Path(dir_okay=False), default=None,
        help=N_("Money needed per month and households livable by month, as a PNG (needs matplotlib)."))
@option("--workers", type=click.IntRange(min=1), default=None, metavar="N", help=N_("Processes (default: all cores)."))
@option("--scheduler", default=None, metavar=N_("ADDRESS"),
        help=N_("Run on an existing Dask cluster, e.g. tcp://10.0.0.5:8786 (needs rumah[dask])."))
@option("--resume", is_flag=True, help=N_("Carry on a run that was stopped, keeping the rows it finished."))
@option("--horizon", type=click.IntRange(1, 600), default=None, metavar=N_("MONTHS"),
        help=N_("Months to plan over for every household (default: each row's, or 120)."))
@option("--format", "fmt", type=click.Choice(["csv", "xlsx"]), default=None,
        help=N_("csv: one results row per household; xlsx: a workbook with the summary per district and house "
                "type, then every household, headers in --lang (needs rumah[xlsx]). Default: as -o ends, .xlsx "
                "or else csv."))
@option("--grants", type=click.IntRange(min=1), default=None, metavar="N",
        help=N_("How many more families N BSPS grants would make livable within 24 and 60 months, given to the "
                "households without a grant they help most (plans those households twice)."))
@LANG
@data_errors
def batch(households: str, output: str, summary: str | None, chart: str | None, workers: int | None,
          scheduler: str | None, resume: bool, horizon: int | None, fmt: str, grants: int | None, lang: str) -> None:
    """Plan every household of a CSV (program planning): one result row each, and program totals."""
    import shutil
    import tempfile

    from rumah.output import is_special
    from rumah.program.batch import open_table
    _another_kind(households, "table")
    fmt = _table_format(output, fmt, "csv")
    if fmt == "xlsx":
        try:
            import openpyxl  # noqa: F401 - fail before hours of planning, not after
        except ImportError:
            raise click.UsageError(tr("--format xlsx needs openpyxl: pip install 'rumah[xlsx]'")) from None
    # A device or pipe (/dev/stdout) gets the results once they are all done; until then they are
    # worked on in a folder of their own (not beside it, in /dev), and cannot be resumed.
    special = is_special(output)
    if special and resume:
        raise click.UsageError(tr("-o {file}: --resume needs a file to carry on, not a device or pipe", file=output))
    table = open_table(households)
    workdir = tempfile.mkdtemp(prefix="rumah-batch-") if special else None
    try:
        _batch(households, table, output, summary, chart, workers, scheduler, resume, horizon, fmt, grants, lang,
               workdir)
    finally:
        if workdir is not None:
            shutil.rmtree(workdir, ignore_errors=True)


def _batch(households, table, output, summary, chart, workers, scheduler, resume, horizon, fmt, grants, lang,
           workdir) -> None:
    """The batch command's work once its output is settled: plan the rows into the results (in
    ``workdir`` for a device or pipe), then the workbook, summary, chart and what the run says."""
    from rumah.output import check_outputs, copy_into
    from rumah.program.batch import count_rows, named_files, run_batch, summarize, working_files, write_chart
    if workdir is not None:
        results = str(Path(workdir) / "results.csv")
    else:
        # A workbook is made from the results CSV, kept hidden beside it (and resumable) until it is done.
        results = output if fmt == "csv" else str(Path(output).with_name(f".{Path(output).name}.csv"))
    # Before any planning: no output may be the batch's own working files, the CSV, or a file its
    # rows name (an existing house, a template, a price list beside the CSV).
    check_outputs({**working_files(results), "-o": output, "--summary": summary, "--chart": chart,
                   **({tr("the results of {file}", file=output): results} if results != output else {})},
                  [households, *named_files(table)])
    if chart:
        try:
            import matplotlib  # noqa: F401 - fail before hours of planning, not after
        except ImportError:
            raise click.UsageError(tr("--chart needs matplotlib: pip install 'rumah[chart]'")) from None
    progress = None
    bar = None
    if sys.stderr.isatty():
        total = count_rows(table)
        bar = click.progressbar(length=total, label=tr("households"), file=sys.stderr, show_pos=True,
                                item_show_func=lambda _: _rate(bar))
        bar.__enter__()
        progress = bar.update
    try:
        outcome = run_batch(households, results, workers=workers, scheduler=scheduler, resume=resume,
                            horizon=horizon, progress=progress, lang=lang, trial=grants is not None)
    except (KeyboardInterrupt, Terminated):
        if bar is not None:
            bar.__exit__(None, None, None)
            bar = None
        if workdir is None:
            # Hours of planning are not lost: say how to keep them.
            with contextlib.suppress(click.ClickException):
                say(tr("{file}: stopped; the rows planned so far are kept: run the same command with --resume to "
                       "carry on", file=output), err=True)
        raise
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    for number, status in outcome.invalid:
        # ("invalid: <reason>" is the results' word, in every language; here the reader's.)
        say(tr("{file}: row {row}: invalid: {reason}", file=households, row=number,
               reason=status.removeprefix("invalid: ")), err=True)
    if outcome.invalid_count > len(outcome.invalid):
        say(ntr("... and {n} more invalid row (status column of {file})",
                "... and {n} more invalid rows (status column of {file})",
                outcome.invalid_count - len(outcome.invalid), file=output), err=True)
    totals = summarize(results, grants)
    repeated = totals["duplicate_ids"]
    if repeated["ids"]:
        # One family listed twice is counted twice in every total: the planner should know.
        shown = "; ".join(tr("{id} in rows {rows}", id=ident, rows=", ".join(map(str, found["first"][:5]))
                             + (", ..." if found["rows"] > 5 else ""))
                          for ident, found in list(repeated["rows"].items())[:5])
        say(ntr("{file}: {n} id is given to more than one row, and each row is counted in the totals: {ids}",
                "{file}: {n} ids are given to more than one row, and each row is counted in the totals: {ids}",
                repeated["ids"], file=households, ids=shown + ("; ..." if repeated["ids"] > 5 else "")), err=True)
    if fmt == "xlsx":
        from rumah.program.report import write_workbook
        write_workbook(results, totals, output, lang)
        Path(results).unlink()
    elif workdir is not None:
        copy_into(output, results)
    if summary:
        from rumah.output import write_atomic
        write_atomic(summary, as_json(totals))
    if chart:
        write_chart(totals, chart, lang)
    counts = totals["status"]
    kept = (" " + tr("({n} kept from the stopped run)", n=outcome.resumed_from)) if outcome.resumed_from else ""
    say(tr("{file}: {households}{kept}: {livable} livable, {late} not livable within the horizon, {never} never "
           "livable in their house type, {cannot} cannot start, {invalid} invalid", file=output,
           households=ntr("{n} household", "{n} households", totals["households"]), kept=kept,
           livable=counts["livable"], late=counts["not_livable_within_horizon"], never=counts["never_livable"],
           cannot=counts["cannot_start"], invalid=counts["invalid"]))
    scenario = totals["grant_effect"].get("scenario")
    if scenario:
        say(ntr("{n} BSPS grant to the household it helps most: {within_24} livable within 24 months, "
                "{within_60} within 60", "{n} BSPS grants to the households they help most: {within_24} "
                "livable within 24 months, {within_60} within 60", grants,
                within_24=ntr("{n} more family", "{n} more families", scenario["more_livable_within_24"]),
                within_60=scenario["more_livable_within_60"]))
        for target in (24, 60):
            if scenario[f"not_known_within_{target}"]:
                # Plans shorter than the target: how many more it would be is not known.
                say(ntr("  (not known for {n} more household within {months} months: it was planned for fewer "
                        "months)", "  (not known for {n} more households within {months} months: they were planned "
                        "for fewer months)", scenario[f"not_known_within_{target}"], months=target))


class ClickDesk:
    """The consultation's questions on the terminal (or answers piped on standard input)."""

    def ask(self, question, default, check, shown=str, note=""):
        from rumah.desk.konsultasi import Invalid
        while True:
            text = f"{question} {note}" if note else question
            # The default shown as click shows it, but inside the text that wraps at the terminal.
            text = f"{text} [{default}]" if default not in (None, "") else f"{text} []"
            answer = click.prompt(_wrapped(text), default=default if default is not None else "",
                                  show_default=False, prompt_suffix=": ", err=False)
            try:
                value = check(answer)
            except Invalid as exc:
                say(f"  ! {exc}")
                continue
            if answer.strip() and answer.strip() != default and shown(value) != answer.strip():
                say(f"  -> {shown(value)}")   # a number from a list, a spelling put right, 2,4 juta in Rupiah
            return value

    def tell(self, text):
        say(_wrapped(text))


def _wrapped(text: str) -> str:
    """``text`` with its long lines (the districts on offer, a saran, a long question) wrapped
    between words at the terminal's width, a list item's continuation under its text, rather than
    wherever the terminal cuts them.  Output to a pipe or a file keeps its lines whole."""
    if not sys.stdout.isatty():
        return text
    import shutil
    import textwrap
    width = max(40, shutil.get_terminal_size((100, 24)).columns - 1)
    lines = []
    for line in text.split("\n"):
        marker = re.match(r"\s*(?:\d+\.|-)?\s*", line).group()        # "  3. " or "- " or the indent
        # "Rp 143.651.978" stays on one line: the space after Rp is held while wrapping.
        lines.append(textwrap.fill(line.replace("Rp ", "Rp\u00a0"), width, subsequent_indent=" " * len(marker),
                                   break_long_words=False, break_on_hyphens=False).replace("Rp\u00a0", "Rp ")
                     if len(line) > width else line)
    return "\n".join(lines)


@main.command(epilog=N_("""
rumah konsultasi -o keluarga-slamet/
# with the clinic's name on the quote, dated
rumah konsultasi -o keluarga-slamet/ --clinic klinik.yaml --date 2026-12-01
# reopen a consultation, Enter keeps each answer
rumah konsultasi --from keluarga-slamet/household.yaml"""))
@option("-o", "--output", "folder", type=click.Path(file_okay=False), default=None,
        help=N_("Folder for household.yaml, quote.pdf and the DXF plans (default: konsultasi-<family>, "
                "or the folder of --from)."))
@option("--from", "saved", type=click.Path(dir_okay=False), default=None,
        help=N_("Reopen a saved (or unfinished) household file: its answers are offered again; Enter keeps them."))
@option("--clinic", type=click.Path(dir_okay=False), default=None,
        help=N_("Clinic file for the quote (name, address, technician, phone, validity_days)."))
@option("--date", "date", type=_Day(), default=None, callback=_plausible_date,
        help=N_("Date of the consultation and its quote, YYYY-MM-DD (default today); month 1 of the plan is "
                "its month."))
@LANG
@data_errors
def konsultasi(folder: str | None, saved: str | None, clinic: str | None, date, lang: str) -> None:
    """A guided consultation at the clinic desk, ending with household.yaml, the plan and the quote."""

    from rumah.desk.konsultasi import Consultation, load_saved
    from rumah.output import check_folder
    answers = load_saved(Path(saved)) if saved else {}
    if folder is None and saved:
        folder = str(Path(saved).parent)

    def prepare(out: Path) -> Path:
        if not out.exists():
            if not out.parent.is_dir():
                raise click.ClickException(tr("{path}: folder {folder!r} does not exist", path=out,
                                              folder=str(out.parent)))
            try:
                out.mkdir()
            except OSError as exc:
                raise click.ClickException(tr("{folder}: cannot make the folder ({reason})", folder=out,
                                              reason=exc.strerror or exc)) from None
        check_folder(out)
        return out

    def locate(name: str) -> Path:
        # konsultasi-<name>, shortened; a family of the same name gets its own folder.
        stem = "konsultasi-" + (re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40].strip("-") or "keluarga")
        candidate, k = Path(stem), 1
        while candidate.exists():
            k += 1
            candidate = Path(f"{stem}-{k}")
        return prepare(candidate) / "household.yaml"

    if folder is not None:
        out = prepare(Path(folder))
        target = Path(saved) if saved and Path(saved).parent == out else out / "household.yaml"
        reopened = saved is not None and target.exists() and os.path.samefile(saved, target)
        if target.exists() and not reopened:
            # Another family's consultation: a new one must not overwrite its answers.
            raise click.ClickException(tr("{path}: this folder already holds a consultation; reopen it with "
                                          "--from {path}, or choose another folder with -o", path=target))
        draft = None
        if reopened and target.name.endswith(DRAFT_SUFFIX):
            # A reopened draft finishes the household file it was made from.
            draft, target = target, target.with_name(target.name[:-len(DRAFT_SUFFIX)] + ".yaml")
        elif reopened and _plannable(target):
            # A finished file, which the family's quote was made from, stays as it is until the
            # last answer: a consultation stopped halfway is saved beside it.
            draft = target.with_name(target.stem + DRAFT_SUFFIX)
            if draft.exists():
                # Another reopening stopped halfway: its answers are not overwritten unread.
                raise click.ClickException(tr("{path}: a consultation of this file stopped halfway waits in {draft}: "
                                              "carry on with --from {draft}, or remove it to start again",
                                              path=target, draft=draft))
        written = sorted(p.name for p in out.glob("*") if p.name == "quote.pdf" or
                         (p.name.startswith("denah-") and p.suffix == ".dxf"))
        if written and not reopened:
            # Another family's quote or drawings, their answers gone or kept elsewhere: a new
            # consultation ends by writing the same names, so it must not start here.
            raise click.ClickException(tr("{folder}: this folder already holds a quote or drawings ({files}); "
                                          "choose another folder with -o", folder=out, files=", ".join(written)))
    else:
        target = draft = None
        check_folder(Path("."))          # the family's folder is made here after the first answer
    day = date.date() if date else None
    if clinic:
        from rumah.documents.clinic import load_clinic
        load_clinic(clinic)                   # a bad clinic file is refused before any question
    session = Consultation(ClickDesk(), target, lang, answers, locate, day, draft=draft)
    try:
        # The library's messages within the conversation (a saved answer it cannot use) in its
        # language, not the computer's.
        with i18n.reading(lang):
            session.run()
    except click.Abort:
        # (Stopped before the first answer was written, there is nothing to go on from.)
        if session.saved_at is not None and session.saved_at.is_file():
            # The conversation's language, as every question before it.
            # With the options it was run with: resumed without them, the quote loses the clinic's
            # name and the plan its date.
            again = (f" --clinic {shlex.quote(clinic)}" if clinic else "") + \
                (f" --date {day.isoformat()}" if day else "") + f" --lang {lang}"
            say("\n" + i18n.t("Saved: {path} - rumah konsultasi --from {path}", lang, path=session.saved_at) + again,
                err=True)
        raise SystemExit(1) from None
    target = session.path
    out = target.parent
    _finish(target, out, lang, clinic, day, session.final)


#: A consultation reopened from a finished household file and not finished yet: household.unfinished.yaml.
DRAFT_SUFFIX = ".unfinished.yaml"


def _plannable(path: Path) -> bool:
    """Whether ``path`` is a household file ``rumah plan`` reads (a finished consultation's)."""
    from rumah.errors import RumahError
    from rumah.output import release_input
    from rumah.plan.household import load_household
    try:
        load_household(path)
    except (RumahError, OSError):
        return False
    finally:
        release_input(path)            # read to be checked, and written once the consultation ends
    return True


def _finish(household: Path, folder: Path, lang: str, clinic: str | None = None, day=None, plan=None) -> None:
    """The plan on screen, the quote and the DXF plans in ``folder``."""
    from rumah.documents.dxf import write_steps
    from rumah.documents.plan_report import plan_table
    from rumah.documents.quote import make_quote
    from rumah.documents.quote_pdf import write_quote
    from rumah.documents.sheets import household_sheets
    # What would help a family whose house comes late is on its quote, as it was on the screen.
    quote_data = make_quote(household, clinic, lang, day, advice=True, plan=plan)
    plan = quote_data.plan
    say("")
    say(plan_table(plan, lang), nl=False)
    write_quote(folder / "quote.pdf", quote_data)
    # The DXF plans and section draw the very design the quote priced (a house to improve: as it
    # is, repaired ...).
    paths = write_steps(household_sheets(plan, lang, quote_data.date), folder, "denah")
    say(f"\n{household}\n{folder / 'quote.pdf'}\n" + "\n".join(str(p) for p in paths))


# -- the register of families --------------------------------------------------------------------

DB = option("--db", default=None, metavar=N_("PATH|URL"),
            help=N_("The register: a SQLite file or a postgresql:// URL (default: register.sqlite in the "
                    "user's data folder, $XDG_DATA_HOME/rumah on Linux)."))


def _from_extra(module: str, extra: str, command: str):
    """``module`` of an optional face, or a clear message naming the extra to install."""
    import importlib
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise click.ClickException(tr("rumah {command} needs the {extra} extra (missing: {name}); install it "
                                      "with: pip install 'rumah[{extra}]'", command=command, extra=extra,
                                      name=exc.name)) from None


def _families():
    """The register's library, or a clear message when its extra is not installed."""
    return _from_extra("rumah.desk.register.families", "register", "register")


def _month(ctx, param, value):
    if value is None:
        return None
    from rumah.plan.household import YEARS
    found = re.fullmatch(r"(\d{4})-(\d{2})", value.strip())
    if not found or not 1 <= int(found.group(2)) <= 12 or not YEARS[0] <= int(found.group(1)) <= YEARS[1]:
        raise click.BadParameter(tr("expected a month as YYYY-MM, such as 2026-07, from {first} to {last}, found "
                                    "{value!r}", first=YEARS[0], last=YEARS[1], value=value))
    return int(found.group(1)), int(found.group(2))


@main.group(epilog=N_("""
rumah register add examples/kendal-nelayan.yaml --by Sari --village Bandengan
rumah register list --search bandengan
rumah register export -o laporan.xlsx --month 2026-07
rumah register backup -o cadangan.sqlite"""))
def register() -> None:
    """The register of the families a clinic serves: list, export, back up."""


@register.command("add", epilog=N_("""
rumah register add examples/kendal-nelayan.yaml --by Sari --village Bandengan
# a register shared on a server
rumah register add kel.yaml --by Sari --db postgresql://klinik@server/rumah"""))
@argument("household", type=click.Path(dir_okay=False), metavar=N_("HOUSEHOLD.yaml"))
@option("--by", required=True, metavar=N_("NAME"), help=N_("Who saves it (the technician's name)."))
@option("--village", default=None, metavar=N_("VILLAGE"),
        help=N_("The family's village (desa/kelurahan), for the list and search."))
@option("--nik", "ask_nik", is_flag=True,
        help=N_("Ask for the family's NIK (typed unseen, never on the command line): the register keeps "
                "only its digest and last four digits, and refuses a NIK already registered."))
@DB
@data_errors
def register_add(household: str, by: str, village: str | None, ask_nik: bool, db: str | None) -> None:
    """Save a household file into the register as a new family."""
    from rumah.yamlio import read_text
    families = _families()
    _another_kind(household, "household")         # a house type's file or a CSV: said which command takes it
    text = read_text(Path(household))
    # Checked first, named by its file, and before a new register is made for it.
    _, parsed = families.read_household(text, household)
    families.check_plannable(parsed)
    nik = None
    if ask_nik:
        from rumah.desk.register.identity import clean_nik
        # Typed unseen at a terminal; read as a line from a pipe (a script's, with no echo to hide).
        typed = click.prompt(tr("NIK"), hide_input=True, err=True) if sys.stdin.isatty() else sys.stdin.readline()
        nik = clean_nik(typed.strip())
    with families.open_register(db) as book:
        saved = book.save_household(text, by=by, village=village, nik=nik, source="register")
        say(tr("{register}: family {family}, version {version}", register=book.location,
               family=saved.household_id, version=saved.version))
        # The same family added twice would be counted twice in every report: said, not refused
        # (two families may share a name).
        place = (village or "").strip().lower()
        twins = [row.id for row in book.families(search=parsed.name, limit=1000).rows
                 if row.id != saved.household_id and row.name.strip().lower() == parsed.name.strip().lower()
                 and row.village.strip().lower() == place]
        if twins:
            say(tr("warning: family {twins} has {same}: check that it is not the same family registered twice",
                   twins=", ".join(map(str, twins)),
                   same=tr("the same name and village") if place else tr("the same name")), err=True)


def _status(value: str | None) -> str | None:
    """A family's status as the register stores it, from its word in any language the list shows."""
    if value is None:
        return None
    from rumah.desk.register.export import STATUS_WORDS
    from rumah.i18n import pick
    words = {key: key for key in ("waiting", "building", "livable")}
    words |= {pick(STATUS_WORDS, key, lang).lower(): key for key in tuple(words) for lang in ("id", "en")}
    found = words.get(" ".join(value.lower().split()))
    if found is None:
        raise click.BadParameter(tr("expected one of {names}, found {value!r}", names=", ".join(sorted(words)),
                                    value=value[:40]))
    return found


@register.command("list", epilog=N_("""
rumah register list
# the families of one village still building, page 2
rumah register list --search bandengan --status building --page 2
rumah register list --format csv -o keluarga.csv"""))
@option("--search", default=None, metavar=N_("TEXT"),
        help=N_("Only families whose name or village contains this text (any case)."))
@option("--status", default=None, callback=lambda ctx, param, value: _status(value),
        metavar="waiting|building|livable",
        help=N_("Only families of this status (as the list shows it: menunggu, membangun, layak huni, or as "
                "waiting, building, livable)."))
@option("--page", type=click.IntRange(min=1), default=1, show_default=True, metavar="N",
        help=N_("Page of 50 families."))
@format_option("table", "json", "csv")
@DB
@WIDE
@LANG
@OUTPUT
@data_errors
def register_list(search: str | None, status: str | None, page: int, fmt: str, db: str | None, wide: bool,
                  lang: str, output: str | None) -> None:
    """The families in the register, by name, with their status; search by name or village."""
    families = _families()
    from rumah.desk.register.export import STATUS_WORDS, WORDS
    from rumah.i18n import pick
    with families.open_register(db, create=False) as book:
        found = book.families(search=search, status=status, offset=(page - 1) * families.PAGE)
    keys = ("id", "name", "village", "region", "status", "nik", "version", "updated")
    rows = [[r.id, r.name, r.village, r.region, pick(STATUS_WORDS, r.status, lang), r.nik, r.version,
             f"{r.updated_at:%Y-%m-%d %H:%M}"] for r in found.rows]
    if fmt == "json":
        emit(as_json({"total": found.total, "page": page, "page_size": found.limit,
                      "families": [dict(zip(keys, [r.id, r.name, r.village, r.region, r.status, r.nik, r.version,
                                                   r.updated_at.isoformat(timespec="seconds")]))
                                   for r in found.rows]}), output)
    elif fmt == "csv":
        from rumah.desk.register.export import _csv
        emit(_csv([[pick(WORDS, k, lang) for k in keys], *rows], lang), output)
    else:
        shown = found.offset + len(found.rows)
        head = [pick(WORDS, k, lang) for k in keys]
        pages = max(1, -(-found.total // found.limit))
        if not found.total:
            summary = "0 / 0"
        elif found.rows:
            summary = f"{found.offset + 1}-{shown} / {found.total} (" + i18n.t("page {page} of {pages}", lang,
                                                                            page=page, pages=pages) + ")"
        else:
            # Past the last page (or nothing found): say how many pages there are, not "0-4900 / 4".
            summary = f"0 / {found.total} (" + i18n.t("page {page} is empty; {pages} in all", lang, page=page,
                                                      pages=pages) + ")"
        emit((table([head, *[[str(c) for c in row] for row in rows]], (1, 2), wide) if rows else "") + summary + "\n",
             output)


def _table_format(output: str, fmt: str | None, otherwise: str) -> str:
    """The format of a table written to ``output``: ``fmt`` when given, else what its name ends in
    (``otherwise`` for a name without an ending, or, when ``otherwise`` is text, any other).  The
    file's ending says what it is: a workbook named .csv, or CSV text named .xlsx, opens in no
    spreadsheet, so an ``fmt`` against it is a usage error; so is a workbook named .pdf."""
    ending = Path(output).suffix.lower()
    if ending and ending not in (".xlsx", ".csv") and (fmt or otherwise) == "xlsx":
        # A workbook named .pdf opens in nothing by its name; CSV text in a .txt still reads.
        raise click.UsageError(tr("-o {file}: expected a name ending in .xlsx (a workbook) or .csv (text), found "
                                  "{ending}", file=output, ending=ending))
    if fmt is None:
        return {".xlsx": "xlsx", ".csv": "csv"}.get(ending, otherwise)
    if ending in (".csv", ".xlsx") and ending != f".{fmt}":
        raise click.UsageError(tr("-o {file}: its name ends in {ending}, but --format is {format}; name it .{format} "
                                  "or leave --format out", file=output, ending=ending, format=fmt))
    return fmt


@register.command("export", epilog=N_("""
rumah register export -o laporan.xlsx
# July's report, as three CSV files (the format follows the name)
rumah register export -o laporan.csv --month 2026-07"""))
@option("--format", "fmt", type=click.Choice(["xlsx", "csv"]), default=None,
        help=N_("xlsx: the report, the report by village and the families on three sheets; csv: three "
                "files, FILE (the report), FILE-desa.csv (by village) and FILE-keluarga.csv (the families).  "
                "Default: what FILE's name ends in (.xlsx or .csv; xlsx without an ending)."))
@option("-o", "--output", type=click.Path(dir_okay=False), required=True,
        help=N_("The file to write (atomically)."))
@option("--month", callback=_month, default=None, metavar=N_("YYYY-MM"),
        help=N_("The month of the report (default: this month)."))
@DB
@LANG
@data_errors
def register_export(fmt: str, output: str, month, db: str | None, lang: str) -> None:
    """The monthly report (services, households assisted, packages completed, grant tranches), the
    same village by village, and the list of families, for a spreadsheet."""

    from rumah.output import check_outputs, write_all_atomic
    families = _families()
    from rumah.desk.register.export import families_csv, report_csv, villages_csv, workbook
    fmt = _table_format(output, fmt, "xlsx")
    year, number = month or (today().year, today().month)
    second = by_village = None
    if fmt == "csv":
        path = Path(output)
        second = str(path.with_name(f"{path.stem}-keluarga{path.suffix or '.csv'}"))
        by_village = str(path.with_name(f"{path.stem}-desa{path.suffix or '.csv'}"))
        check_outputs({"-o": output, "-o (by village)": by_village, "-o (families)": second},
                      [db] if db and Path(db).is_file() else [])
    with families.open_register(db, create=False) as book:
        if book.location.path is not None and Path(output).exists() and \
                os.path.samefile(output, book.location.path):
            raise click.ClickException(tr("{file}: is the register itself; write the export to another file",
                                          file=output))
        report = book.monthly_report(year, number)
        listed = book.family_list()
    counted = ntr("{n} family", "{n} families", len(listed))
    if fmt == "xlsx":
        # Names, villages and NIKs' last digits: readable by their owner only, as the register.
        write_all_atomic([(output, workbook(report, listed, lang))], private=True)
        say(f"{output}: {report.label}, {counted}")
    else:
        write_all_atomic([(output, report_csv(report, lang)), (by_village, villages_csv(report, lang)),
                          (second, families_csv(listed, lang))], private=True)
        places = ntr("{n} village", "{n} villages", len(report.villages))
        say(f"{output}: {report.label}\n{by_village}: {report.label}, {places}\n{second}: {counted}")


@register.command("backup", epilog=N_("""
rumah register backup -o cadangan-2026-07.sqlite"""))
@option("-o", "--output", type=click.Path(dir_okay=False), required=True,
        help=N_("The backup file (a SQLite database; see README for the restore)."))
@DB
@data_errors
def register_backup(output: str, db: str | None) -> None:
    """A consistent copy of the register while it is in use (SQLite's online backup)."""
    families = _families()
    with families.open_register(db, create=False) as book:
        book.backup(output)
        say(tr("{file}: {register} backed up", file=output, register=book.location))


# -- the desk in a browser -------------------------------------------------------------------------


def _desk_app():
    """The desk's library, or a clear message when its extra is not installed."""
    return _from_extra("rumah.desk.web.app", "desk", "desk")


@main.group(invoke_without_command=True, epilog=N_("""
rumah desk
# on the clinic's network, with a login
rumah desk user add sari
rumah desk --host 0.0.0.0 --cert desk.pem --key desk.key"""))
@DB
@option("--host", default="127.0.0.1", show_default=True, metavar=N_("ADDRESS"),
        help=N_("Address to listen on. Anything but this machine (127.0.0.1, ::1, localhost) needs --cert, --key "
                "and a user of the desk (rumah desk user add NAME)."))
@option("--port", type=click.IntRange(1, 65535), default=8765, show_default=True, metavar=N_("PORT"),
        help=N_("Port to listen on."))
@option("--clinic", type=click.Path(dir_okay=False, exists=True), default=None,
        help=N_("Clinic file printed on the quotes (name, address, technician, phone, validity_days)."))
@option("--cert", type=click.Path(dir_okay=False, exists=True), default=None,
        help=N_("TLS certificate (PEM), needed when listening on another address."))
@option("--key", type=click.Path(dir_okay=False, exists=True), default=None, help=N_("TLS private key (PEM)."))
@option("--no-browser", is_flag=True, help=N_("Do not open the desk in the web browser."))
@LANG
@click.pass_context
@data_errors
def desk(ctx, db: str | None, host: str, port: int, clinic: str | None, cert: str | None, key: str | None,
         no_browser: bool, lang: str) -> None:
    """The clinic desk in a web browser: the consultation as a form, the register's families,
    follow-up visits and the monthly report (needs rumah[desk])."""
    if ctx.invoked_subcommand is not None:
        ctx.obj = {"db": db}
        return
    web = _desk_app()
    settings = web.Settings(register=db, host=host, port=port, lang=lang, clinic=clinic, tls=bool(cert))
    if settings.login_required:
        if not (cert and key):
            raise click.UsageError(tr("--host {host} is not this machine only: give --cert and --key (TLS), so that "
                                      "passwords and families' data do not cross the network in the clear",
                                      host=host))
    elif (cert or key) and not (cert and key):
        raise click.UsageError(tr("give both --cert and --key"))
    from rumah.desk.register.families import open_register
    book = open_register(db)
    application = web.create_app(settings, book)
    home = application.extensions["rumah"].home
    if settings.login_required and not home.users():
        add = "rumah desk user add NAME" + (f" --db {db}" if db else "")
        raise click.ClickException(tr("{folder}: the desk has no users yet, and on {host} it asks for a login; add "
                                      "one with: {command}", folder=home.folder, host=host, command=add))
    from werkzeug.serving import make_server
    try:
        server = make_server(host, port, application, threaded=True,
                             ssl_context=(cert, key) if cert and key else None)
    except OSError as exc:
        raise click.ClickException(tr("cannot listen on {host}:{port} ({reason})", host=host, port=port,
                                      reason=exc.strerror or exc)) from None
    shown = f"[{host}]" if ":" in host else host
    address = f"{'https' if cert else 'http'}://{shown}:{port}/"
    say(f"{address}  ({book.location}; {home.folder})")
    say(tr("Ctrl-C: stop"))
    import threading
    threading.Thread(target=application.extensions["rumah"].library.warm, args=(lang,), daemon=True).start()
    if not no_browser:
        import webbrowser
        webbrowser.open(address)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        book.close()


@desk.group("user", epilog=N_("""
rumah desk user add sari"""))
def desk_user() -> None:
    """The desk's users (a login is asked for when the desk listens beyond this machine)."""


@desk_user.command("add", epilog=N_("""
rumah desk user add sari
# the password typed in, not asked for
rumah desk user add sari --password rahasia-panjang"""))
@argument("name", metavar=N_("NAME"))
@click.password_option("--password", cls=Option, prompt=N_("Password"), metavar=N_("TEXT"),
                       help=N_("The password (asked for, not shown, when omitted)."))
@DB
@click.pass_obj
@data_errors
def desk_user_add(obj, name: str, password: str, db: str | None) -> None:
    """Add a user of the desk, or change a user's password (kept hashed beside the register)."""
    _desk_app()
    from rumah.desk.register.store import Location
    from rumah.desk.web.home import Home, home_for
    home = Home(home_for(Location(db or (obj or {}).get("db"))))
    new = home.add_user(name, password)
    said = tr("{name} added", name=name) if new else tr("{name}: password changed", name=name)
    say(f"{home.folder / 'users'}: {said}")


def _rate(bar) -> str:
    """Households per second so far, for the progress bar."""
    import time
    if bar is None or not bar.pos:
        return ""
    elapsed = time.time() - bar.start
    return f"{bar.pos / elapsed:,.0f}/s" if elapsed > 0 else ""


if __name__ == "__main__":
    sys.exit(main())
