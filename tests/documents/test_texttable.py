"""Text tables fit 80 columns without losing or breaking anything they hold."""

from __future__ import annotations

import re

from rumah.documents.texttable import fitted, table

HEADER = ["No", "Description", "Code", "Quantity", "Unit price", "Amount"]
ROW = ["A.1", "Foundation trench excavation for the stone strip foundation of the front rooms",
       "1.2.1.1.1", "14,28", "80.756", "Rp 1.153.196"]


def words(lines) -> list[str]:
    return " ".join(lines).split()


def test_a_table_that_fits_keeps_each_row_on_one_line_with_padded_columns():
    lines = table([["a", "bb"], ["ccc", "d"]], "lr")
    assert lines == ["a    bb", "ccc   d"]


def test_a_long_description_wraps_within_eighty_columns_and_keeps_every_word():
    lines = table([HEADER, ROW], "lllrrr", wrap=(1,))
    assert max(len(line) for line in lines) <= 80
    assert len(lines) > 2                                  # the description took more than one line
    assert sorted(words(lines)) == sorted(" ".join(HEADER + ROW).split())
    description = [w for w in words(lines[1:]) if w in ROW[1].split()]
    assert description == ROW[1].split()
    # Numbers are whole on the row's first line, right-aligned at their column's edge.
    first = next(line for line in lines if line.startswith("A.1"))
    assert first.endswith("Rp 1.153.196") and "80.756" in first


def test_without_room_for_the_text_it_takes_a_line_of_its_own_above_its_numbers():
    header = ["Month", "Work", *[f"Amount {k}" for k in range(6)]]
    row = ["4-5", "Walls and roof, then move in", *[f"{k}7.436.279" for k in range(6)]]
    lines = table([header, row], "ll" + "r" * 6, wrap=(1,))
    assert max(len(line) for line in lines) <= 80
    text = next(k for k, line in enumerate(lines) if "Walls and roof, then move in" in line)
    assert lines[text].startswith("4-5")                  # the columns before it stay with it
    numbers = lines[text + 1]
    assert all(f"{k}7.436.279" in numbers for k in range(6))


def test_none_is_as_wide_as_the_table_needs():
    lines = table([HEADER, ROW], "lllrrr", wrap=(1,), width=None)
    assert len(lines) == 2 and ROW[1] in lines[1]


def test_a_sentence_wider_than_the_terminal_wraps_with_its_amounts_and_units_whole():
    line = ("Notes: BSPS 2025: Rp 15.447.823 of materials and Rp 2.500.000 of wages used by month 15; "
            "the family's own money for the work in that time Rp 5.175.120, on 36 m² and 1,6 %")
    text = fitted([line], 80)
    assert max(len(row) for row in text.splitlines()) <= 80
    assert text.split() == line.split()
    for whole in ("Rp 15.447.823", "Rp 2.500.000", "Rp 5.175.120", "36 m²", "1,6 %"):
        assert any(whole in row for row in text.splitlines()), whole
    assert all(row.startswith("  ") for row in text.splitlines()[1:])
    assert not re.search(r"\n\S", text.rstrip("\n"))
