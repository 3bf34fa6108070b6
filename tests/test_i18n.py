"""One gettext catalog per language: it holds every text of the code (click's own words too), each
translated, compiled into the .mo the program reads; the command line follows the reader's locale
and ``--lang``; numbers and counted words follow the language."""

from __future__ import annotations

import importlib.util
import re
import string
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from click.testing import CliRunner

import cli
from rumah import i18n

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("catalog_tool", ROOT / "tools" / "catalog.py")
tool = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(tool)

CATALOGS = tool.catalogs()
#: The locale variables, all unset but those a test names.
UNSET = dict.fromkeys(i18n.ENVIRONMENT)


def run(args: list[str], **env: str):
    """``rumah args`` with only the locale variables in ``env`` set."""
    return CliRunner().invoke(cli.main, args, env=UNSET | env, prog_name="rumah")


@pytest.fixture(scope="module")
def extracted():
    """Every text of the code, found by Babel as the translator's tool finds it."""
    return {(m.context, m.id): m for m in tool.extract() if m.id}


def test_the_template_holds_every_text_of_the_code(extracted):
    shipped = {(m.context, m.id) for m in tool.read(tool.TEMPLATE) if m.id}
    assert set(extracted) - shipped == set(), "new texts: run python tools/catalog.py extract, then update"
    assert shipped - set(extracted) == set(), "texts gone from the code: run python tools/catalog.py extract"


def _literal_calls(path: Path):
    """(context, message) of every call of a catalog function with literal texts in ``path``, found in
    the syntax tree: inside f-strings too, where Babel's tokenizer (Python 3.11) does not look."""
    import ast
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
        spec = tool.KEYWORDS.get(name) if name not in ("_", "ngettext") else None
        args = [a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else None for a in node.args]
        if name == "pt" and len(args) >= 2 and args[0] and args[1]:
            yield (args[0], args[1])
        elif name in ("nt", "ntr", "nphrase") and len(args) >= 2 and args[0] and args[1]:
            yield (None, (args[0], args[1]))
        elif name in tool.KEYWORDS and spec is None and args and args[0]:
            yield (None, args[0])


def test_babel_finds_every_text_the_code_translates(extracted):
    """A text Babel cannot see (a call inside an f-string) would never be translated: none may hide."""
    hidden = {(path.name, key) for path in tool.sources() for key in _literal_calls(path) if key not in extracted}
    assert hidden == set(), "move these calls out of f-strings"


def test_indonesian_is_shipped_and_every_catalog_is_a_language():
    assert "id" in [po.parent.parent.name for po in CATALOGS]
    assert i18n.languages() == tuple(po.parent.parent.name for po in CATALOGS) + ("en",)


@pytest.mark.parametrize("po", CATALOGS, ids=lambda p: p.parent.parent.name)
def test_every_text_is_translated_and_none_is_fuzzy(po, extracted):
    catalog = tool.read(po)
    assert tool.problems(catalog) == []
    assert {(m.context, m.id) for m in catalog if m.id} == set(extracted)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("po", CATALOGS, ids=lambda p: p.parent.parent.name)
def test_translations_keep_the_placeholders_of_the_english(po):
    for message in tool.read(po):
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            # One form may serve every count (Indonesian): it may use the plural's fields.
            english = _fields(message.id[0]) | _fields(message.id[1])
            for form in message.string:
                assert _fields(form) <= english and _fields(form) >= _fields(message.id[1]) - {"n"}, message.id
        else:
            assert _fields(message.string) == _fields(message.id), message.id
            assert sorted(re.findall(r"%\(\w+\)\w", message.string)) == sorted(re.findall(r"%\(\w+\)\w", message.id))


@pytest.mark.parametrize("po", CATALOGS, ids=lambda p: p.parent.parent.name)
def test_the_shipped_mo_is_the_po_compiled(po):
    with open(po.with_suffix(".mo"), "rb") as stream:
        compiled = read_mo(stream)
    source = tool.read(po)
    assert tool.entries(compiled) == tool.entries(source), "run: python tools/catalog.py compile"
    assert compiled.plural_forms == source.plural_forms


@pytest.mark.parametrize(("env", "expected"), [
    ({"LANG": "id_ID.UTF-8"}, "id"),
    ({"LANG": "C"}, "en"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LANG": "jv_ID.UTF-8"}, "en"),                      # no Javanese catalog (yet)
    ({"LANG": "C", "LANGUAGE": "id"}, "id"),
    ({"LANG": "id_ID.UTF-8", "LANGUAGE": "en"}, "en"),
    ({"LANG": "en_US.UTF-8", "LC_ALL": "id_ID.UTF-8"}, "id"),
    ({"LANG": "C", "LC_MESSAGES": "id_ID"}, "id"),
    ({"LANGUAGE": "jv:id", "LANG": "C"}, "id"),           # the first language with a catalog
])
def test_the_reader_language_follows_the_locale_as_gettext_reads_it(monkeypatch, env, expected):
    for name in i18n.ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert i18n.language() == expected


def test_numbers_follow_the_language():
    assert i18n.number(1234567.5, "id") == "1.234.567,50"
    assert i18n.number(1234567.5, "en") == "1,234,567.50"
    assert i18n.plain(0.2, "id") == "0,2" and i18n.plain(1.5, "en") == "1.5" and i18n.plain(3.0, "id") == "3"
    assert i18n.rupiah(1250000, "id") == "Rp 1.250.000"


def test_units_are_words_of_the_catalog():
    assert i18n.unit_name("sak_50kg", "id") == "sak 50 kg" and i18n.unit_name("sak_50kg", "en") == "sack 50 kg"
    assert i18n.unit_name("piece", "id") == "bh" and i18n.unit_name("piece", "en") == "pc"
    assert i18n.unit_name("OH", "en") == "person-day"


def test_click_speaks_the_locale():
    indonesian = run(["plan"], LANG="id_ID.UTF-8")
    assert indonesian.exit_code == 2
    assert "Penggunaan: rumah plan" in indonesian.output
    assert "Kesalahan: Argumen belum diberikan" in indonesian.output
    assert "Coba 'rumah plan --help' untuk bantuan." in indonesian.output
    english = run(["plan"], LANG="C")
    assert english.exit_code == 2
    assert "Usage: rumah plan" in english.output and "Error: Missing argument" in english.output


@pytest.mark.parametrize(("env", "flag", "words"), [
    ("C", "id", ("Penggunaan:", "Kesalahan:")),
    ("id_ID.UTF-8", "en", ("Usage:", "Error:")),
])
def test_lang_outranks_the_locale_wherever_it_is_written(env, flag, words):
    for args in (["plan", "--lang", flag], ["plan", f"--lang={flag}"], ["--lang", flag, "plan"]):
        result = run(args, LANG=env)
        assert all(word in result.output for word in words), (args, result.output)


def test_counted_words_take_the_form_of_their_count():
    one = run(["catalog", "list", "extra"], LANG="C")
    two = run(["catalog", "list", "more", "extra"], LANG="C")
    assert "Got unexpected extra argument (extra)" in one.output
    assert "Got unexpected extra arguments (more extra)" in two.output
    assert "Ada argumen lebih yang tidak diharapkan (more extra)" in run(["catalog", "list", "more", "extra"],
                                                                           LANG="id_ID.UTF-8").output


def test_help_switches_language_within_one_process():
    """click makes the --help option once; its line must still follow each run's language."""
    for _ in range(2):
        assert "Tampilkan bantuan ini lalu keluar." in run(["plan", "--help"], LANG="id_ID.UTF-8").output
        assert "Show this message and exit." in run(["plan", "--help"], LANG="C").output


#: Common English words no Indonesian help should hold, and common Indonesian ones no English help.
ENGLISH = {"the", "and", "with", "file", "show", "write", "output", "for", "of", "to", "is", "are", "this", "each",
           "every", "from", "or", "in", "on", "by", "when", "which", "not", "be", "an", "its", "as", "if", "into",
           "than", "only", "instead", "exit", "message", "help", "default", "options", "usage", "error", "missing",
           "argument", "step", "steps", "house", "household", "family", "price", "month", "months", "examples",
           "required", "run", "new", "own", "one", "all", "at", "see", "what", "set", "plans",
           "text", "integer", "range", "command"}
INDONESIAN = {"yang", "dan", "untuk", "dengan", "berkas", "tampilkan", "dari", "atau", "tidak", "ini", "itu", "di",
              "ke", "pada", "tiap", "setiap", "bila", "harga", "daftar", "tahap", "keluarga", "bulan", "rencana",
              "bantuan", "keluar", "penggunaan", "opsi", "perintah", "contoh", "bawaan", "wajib", "lalu", "satu",
              "sebagai", "dalam", "sudah", "belum", "lagi", "boleh", "bahasa", "tulis", "keluaran", "biaya"}


def every_command(group=cli.main, path=()):
    yield path
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            yield from every_command(command, path + (name,))
        else:
            yield path + (name,)


def help_words(text: str) -> list[str]:
    """The words of a help screen that are sentences: not the usage line, command names, example
    command lines, option names, choices, file names, addresses or field names."""
    words = []
    listing = False
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith(("rumah ", "Usage:", "Penggunaan:")):
            continue
        if not line.startswith(" "):
            listing = stripped in ("Commands:", "Perintah:")
            words += re.findall(r"[A-Za-z]+", stripped)
            continue
        if listing:
            stripped = stripped.split(None, 1)[1] if " " in stripped else ""
        kept = [token for token in stripped.split()
                if not token.startswith("-") and not re.search(r"[/._\[\]<>=:]\w", token)]
        words += re.findall(r"[A-Za-z]+", " ".join(kept))
    return [w.lower() for w in words]


@pytest.mark.parametrize("path", list(every_command()), ids=lambda p: " ".join(p) or "rumah")
def test_help_in_indonesian_holds_no_english_sentence_and_ends_with_examples(path):
    result = run([*path, "--help"], LANG="id_ID.UTF-8")
    assert result.exit_code == 0
    english = sorted(set(help_words(result.output)) & ENGLISH)
    assert english == [], result.output
    assert "\nContoh:\n" in result.output and result.output.rstrip().splitlines()[-1].strip().startswith("rumah ")


@pytest.mark.parametrize("path", list(every_command()), ids=lambda p: " ".join(p) or "rumah")
def test_help_in_english_holds_no_indonesian_sentence_and_ends_with_examples(path):
    result = run([*path, "--help"], LANG="C")
    assert result.exit_code == 0
    indonesian = sorted(set(help_words(result.output)) & INDONESIAN)
    assert indonesian == [], result.output
    assert "\nExamples:\n" in result.output and result.output.rstrip().splitlines()[-1].strip().startswith("rumah ")


@pytest.mark.parametrize("lang", ["id_ID.UTF-8", "C"])
def test_every_help_fits_eighty_columns(lang):
    for path in every_command():
        lines = run([*path, "--help"], LANG=lang).output.splitlines()
        assert max(len(line) for line in lines) <= 80, (path, max(lines, key=len))


def test_help_follows_lang_over_the_locale():
    assert "Contoh:" in run(["plan", "--help", "--lang", "id"], LANG="C").output
    assert "Examples:" in run(["plan", "--lang", "en", "--help"], LANG="id_ID.UTF-8").output


def test_ranges_and_defaults_in_indonesian_help_have_decimal_commas():
    text = run(["estimate", "--help"], LANG="id_ID.UTF-8").output
    assert "0 sampai 0,15" in text and "0.15" not in text


def test_an_error_in_indonesian_names_the_file_the_field_what_was_expected_and_what_was_found(tmp_path):
    household = tmp_path / "keluarga.yaml"
    household.write_text('name: Keluarga Uji\nmembers: 4\nregion: kendal\nincome_monthly: "2.400.000"\n'
                         "housing_share: 1.5\ntemplate: inti-6m\n", encoding="utf-8")
    result = run(["plan", str(household)], LANG="id_ID.UTF-8")
    assert result.exit_code == 1
    assert result.output.strip() == (f"Kesalahan: {household}: housing_share: seharusnya angka paling banyak 1, "
                                     "tertulis 1,5")
    english = run(["plan", str(household)], LANG="C")
    assert english.output.strip() == f"Error: {household}: housing_share: expected a number of at most 1, found 1.5"


def test_a_parameter_out_of_range_is_said_with_decimal_commas_in_indonesian():
    result = run(["estimate", "inti-6m", "-r", "kendal", "--set", "plinth_height=3"], LANG="id_ID.UTF-8")
    assert result.exit_code == 1
    assert "parameter 'plinth_height': seharusnya 0,2 sampai 1,5 m, tertulis 3 m" in result.output


def test_an_unknown_name_is_refused_in_the_readers_language_with_the_nearest_name():
    assert "daerah 'kendall' tidak dikenal; maksudnya 'kendal'?" in run(
        ["estimate", "inti-6m", "-r", "kendall"], LANG="id_ID.UTF-8").output
    assert "unknown region 'kendall'; did you mean 'kendal'?" in run(
        ["estimate", "inti-6m", "-r", "kendall", "--lang", "en"], LANG="id_ID.UTF-8").output


def test_counted_words_of_documents_take_the_form_of_their_count():
    assert i18n.nt("{n} month", "{n} months", 1, "en") == "1 month"
    assert i18n.nt("{n} month", "{n} months", 60, "en") == "60 months"
    assert i18n.nt("{n} month", "{n} months", 1, "id") == "1 bulan"
    assert i18n.nt("{n} month", "{n} months", 60, "id") == "60 bulan"          # Indonesian: one form
    assert i18n.nphrase("{n} bedroom", "{n} bedrooms", 1)("en") == "1 bedroom"


def test_a_plan_of_one_month_says_month_not_months():
    madiun = str(ROOT / "examples" / "madiun-pabrik.yaml")
    english = run(["plan", madiun, "--horizon", "1", "--lang", "en"], LANG="C").output
    assert "Outcome: not livable within 1 month\n" in english and "1 months" not in english
    assert "Hasil: belum layak huni dalam 1 bulan" in run(["plan", madiun, "--horizon", "1"], LANG="C").output


def test_documents_are_indonesian_unless_asked_whatever_the_locale():
    """A resident reads Indonesian even when the technician's computer speaks English."""
    assert run(["catalog", "list"], LANG="C").output.startswith("id ")
    assert "tahap" in run(["catalog", "list"], LANG="en_US.UTF-8").output.splitlines()[0]
    assert "steps" in run(["catalog", "list", "--lang", "en"], LANG="id_ID.UTF-8").output.splitlines()[0]


def test_a_new_language_is_one_file_and_no_code(tmp_path, monkeypatch):
    """A translator's Javanese: the template copied, two texts translated, compiled; the program
    offers it and reads it, and what is not translated yet falls back to Indonesian."""
    import shutil

    from babel.messages.catalog import Catalog
    locale = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE_DIR, locale)
    javanese = Catalog(locale="jv", domain="rumah")
    for message in tool.read(tool.TEMPLATE):
        if message.id:
            javanese.add(message.id, context=message.context)
    javanese["Step {step}: {name}"].string = "Undhak {step}: {name}"
    javanese.get("Bill of quantities").string = "Rancangan Anggaran Biaya"
    po = locale / "jv" / "LC_MESSAGES" / "rumah.po"
    po.parent.mkdir(parents=True)
    po.with_suffix(".mo").write_bytes(tool.compile_mo(javanese))
    monkeypatch.setattr(i18n, "LOCALE_DIR", locale)
    i18n.catalog.cache_clear()
    i18n.separators.cache_clear()
    try:
        assert i18n.languages() == ("id", "jv", "en")
        assert i18n.t("Step {step}: {name}", "jv", step=2, name="Dapur") == "Undhak 2: Dapur"
        assert i18n.t("Bill of quantities", "jv") == "Rancangan Anggaran Biaya"
        assert i18n.t("Total materials", "jv") == "Total belanja bahan"          # not yet: Indonesian
        assert i18n.number(1234.5, "jv") == "1.234,50"                           # Indonesian's separators
    finally:
        i18n.catalog.cache_clear()
        i18n.separators.cache_clear()


def test_purchase_units_are_counted_in_english_and_stay_one_word_in_indonesian():
    parts = (("sak_50kg", 13), ("kaleng_1kg", 1))
    assert i18n.purchase_text(parts, "en") == "13 sacks 50 kg + 1 can 1 kg"
    assert i18n.purchase_text(parts, "id") == "13 sak 50 kg + 1 kaleng 1 kg"
    assert i18n.purchase_text((("balok_6x12_4m", 4),), "en") == "4 beams 6/12, 4 m"
    # Thousands grouped as every other number the family reads.
    assert i18n.purchase_text((("sak_50kg", 5609),), "id") == "5.609 sak 50 kg"
    assert i18n.purchase_text((("sak_50kg", 5609),), "en") == "5,609 sacks 50 kg"
    assert i18n.purchase_text((("piece", 1),), "en") == "1 pc" and i18n.unit_name("piece", "en") == "pc"


@pytest.mark.parametrize("args, env, said", [
    (["--version"], {"LANG": "id_ID.UTF-8"}, "rumah, versi "),
    (["--version", "--lang", "en"], {"LANG": "id_ID.UTF-8"}, "rumah, version "),
    (["--lang", "id", "--version"], {"LANG": "C"}, "rumah, versi "),
])
def test_the_version_is_said_in_the_language_asked(args, env, said):
    result = run(args, **env)
    assert result.exit_code == 0 and result.output.startswith(said)
