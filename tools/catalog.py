"""Keep the translation catalogs in step with the code: a developer's and translator's tool.

Needs Babel (``pip install -e '.[test]'``); the program itself reads the compiled catalogs with
the standard library alone.

    python tools/catalog.py extract   # rumah/locale/rumah.pot: every text of rumah/, cli.py
                                      # (command docstrings too) and click's own words
    python tools/catalog.py update    # merge rumah.pot into every <lang>/LC_MESSAGES/rumah.po:
                                      # new texts empty, changed ones marked fuzzy
    python tools/catalog.py compile   # every rumah.po -> rumah.mo, what the program reads
    python tools/catalog.py check     # untranslated, fuzzy, stale: what is left to do

Run ``extract`` and ``update`` after changing texts in the code, translate what ``check`` lists,
then ``compile``.  tests/test_i18n.py fails while any of these is left undone.  Entries are sorted
by message and carry file names without line numbers, so that two branches adding texts merge
without conflicts in the ``.po``; a conflict in a ``.mo`` is resolved by running ``compile``.
"""

from __future__ import annotations

import ast
import datetime
import inspect
import io
import sys
from pathlib import Path

import click
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "rumah" / "locale"
TEMPLATE = LOCALE / "rumah.pot"
DOMAIN = "rumah"

#: The functions that take a text of the catalog, and which of their arguments it is
#: (rumah.i18n; ``_`` and ``ngettext`` are click's own).
KEYWORDS = {
    "t": None, "tr": None, "N_": None, "phrase": None,
    "nt": (1, 2), "ntr": (1, 2), "nphrase": (1, 2), "NN_": (1, 2),
    "pt": ((1, "c"), 2),
    "_": None, "ngettext": (1, 2),
}
#: A comment in the code beginning with this reaches the translator.
COMMENT_TAGS = ("Translators:",)
#: Headers that do not change with every run, so that an unchanged catalog stays byte for byte.
FIXED_DATE = datetime.datetime(2026, 12, 1, tzinfo=datetime.timezone.utc)


def sources() -> list[Path]:
    """The files whose texts people read: the library and the command line."""
    return sorted(ROOT.glob("rumah/**/*.py")) + [ROOT / "cli.py"]


def click_sources() -> list[Path]:
    return sorted(Path(click.__file__).parent.glob("*.py"))


def command_docstrings(path: Path) -> list[tuple[int, str]]:
    """Docstrings of the functions of ``path`` decorated as click commands or groups: the help
    click shows, cleaned as click cleans it (up to a form feed)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef):
            continue
        decorated = [ast.unparse(d) for d in node.decorator_list]
        if not any(".command(" in d or ".group(" in d or d.endswith((".command", ".group")) for d in decorated):
            continue
        doc = ast.get_docstring(node, clean=False)
        if doc:
            found.append((node.lineno, inspect.cleandoc(doc).partition("\f")[0]))
    return found


def _relative(path: Path) -> str:
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return "click/" + path.name


def extract() -> Catalog:
    """Every text of the code, as a template catalog."""
    template = Catalog(project="rumah", domain=DOMAIN, creation_date=FIXED_DATE, revision_date=FIXED_DATE,
                       msgid_bugs_address="", copyright_holder="", fuzzy=False)
    for path, keywords in [(p, KEYWORDS) for p in sources()] + [(p, {"_": None, "ngettext": (1, 2)})
                                                               for p in click_sources()]:
        where = _relative(path)
        for _lineno, message, comments, context in extract_from_file("python", path, keywords, COMMENT_TAGS,
                                                                     strip_comment_tags=True):
            if not (message[0] if isinstance(message, tuple) else message):
                continue
            template.add(message, locations=[(where, None)], auto_comments=comments, context=context)
    # The desk's pages: Jinja templates, their texts in _("...") and counted ones in _n("...", "...", n).
    for path in sorted(ROOT.glob("rumah/desk/web/templates/*.html")):
        for _lineno, message, comments, context in extract_from_file("jinja2.ext:babel_extract", path,
                                                                     {"_": None, "_n": (1, 2)},
                                                                     COMMENT_TAGS, strip_comment_tags=True):
            if message:
                template.add(message, locations=[(_relative(path), None)], auto_comments=comments, context=context)
    for _lineno, doc in command_docstrings(ROOT / "cli.py"):
        template.add(doc, locations=[("cli.py", None)], auto_comments=["The help of a command."])
    for message in _other_click_words(template):
        template[message.id] = message
    return template


def _other_click_words(template: Catalog) -> list:
    """click's words in the shipped template that the installed click does not have: they belong to
    another click release that setup.cfg allows (8.4 and 8.5 word their help differently), so the
    catalog serves whichever of them a machine has.  A word no allowed release has any more is dropped
    by deleting it from rumah.pot by hand."""
    if not TEMPLATE.exists():
        return []
    return [m for m in read(TEMPLATE) if m.id and m.context is None and template.get(m.id) is None
            and m.locations and all(where.startswith("click/") for where, _ in m.locations)]


def _write(path: Path, catalog: Catalog) -> None:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, sort_output=True, ignore_obsolete=True, include_lineno=False)
    path.write_bytes(buffer.getvalue())


def catalogs() -> list[Path]:
    return sorted(LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def read(path: Path) -> Catalog:
    with open(path, "rb") as stream:
        return read_po(stream)


def update() -> None:
    template = read(TEMPLATE)
    for path in catalogs():
        catalog = read(path)
        catalog.update(template, update_creation_date=False)
        catalog.revision_date = FIXED_DATE
        _write(path, catalog)
        print(f"{path.relative_to(ROOT)}: {len(problems(catalog))} to translate")


def compile_mo(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def compile_all() -> None:
    for path in catalogs():
        path.with_suffix(".mo").write_bytes(compile_mo(read(path)))
        print(path.with_suffix(".mo").relative_to(ROOT))


def problems(catalog: Catalog) -> list[str]:
    """The entries of ``catalog`` left to do: untranslated or fuzzy."""
    out = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            out.append(f"fuzzy: {message.id!r}")
        elif not all(strings):
            out.append(f"untranslated: {message.id!r}")
    return out


def entries(catalog: Catalog) -> dict[tuple[str | None, object], object]:
    """(context, id) -> translation of every translated, settled entry: what a .mo holds."""
    def form(value):
        return tuple(value) if isinstance(value, (list, tuple)) else value

    return {(m.context, form(m.id)): form(m.string) for m in catalog if m.id and not m.fuzzy and m.string
            and all(m.string if isinstance(m.string, (list, tuple)) else (m.string,))}


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else ""
    if command == "extract":
        template = extract()
        _write(TEMPLATE, template)
        print(f"{TEMPLATE.relative_to(ROOT)}: {len(template)} texts")
    elif command == "update":
        update()
    elif command == "compile":
        compile_all()
    elif command == "check":
        fresh = {(m.context, m.id) for m in extract() if m.id}
        shipped = {(m.context, m.id) for m in read(TEMPLATE) if m.id}
        left = [f"{TEMPLATE.name}: not extracted since the code changed"] if fresh != shipped else []
        for path in catalogs():
            left += [f"{path.relative_to(ROOT)}: {p}" for p in problems(read(path))]
            with open(path.with_suffix(".mo"), "rb") as stream:
                if entries(read_mo(stream)) != entries(read(path)):
                    left.append(f"{path.with_suffix('.mo').relative_to(ROOT)}: not compiled since the .po changed")
        print("\n".join(left) or "nothing left to do")
        return 1 if left else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
