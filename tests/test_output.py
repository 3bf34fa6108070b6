"""Writing output files: a set is replaced whole or not at all."""

from __future__ import annotations

import os

import pytest

from rumah import output
from rumah.output import OutputError, write_all_atomic


def test_a_set_that_fails_part_way_is_put_back_as_it_was(tmp_path, monkeypatch):
    old = {name: f"old {name}" for name in ("a.dxf", "b.dxf", "c.dxf")}
    for name, text in old.items():
        (tmp_path / name).write_text(text)
    real, calls = os.replace, []

    def third_fails(source, target):
        if str(target).endswith(".dxf"):
            calls.append(target)
            if len(calls) == 3:
                raise PermissionError(1, "Operation not permitted")
        return real(source, target)

    monkeypatch.setattr(output.os, "replace", third_fails)
    items = [(tmp_path / name, f"new {name}") for name in old] + [(tmp_path / "d.dxf", "new d.dxf")]
    with pytest.raises(OutputError) as caught:
        write_all_atomic(items)
    # The file that could not be written is named; the two replaced before it have their old
    # contents, the one never reached is untouched, and the new file of the set is not there.
    assert str(tmp_path / "c.dxf") in str(caught.value)
    assert {p.name: p.read_text() for p in tmp_path.iterdir()} == old


def test_a_set_written_whole_leaves_no_copy_and_drops_the_stale_files(tmp_path):
    (tmp_path / "a.dxf").write_text("old a")
    (tmp_path / "gone.dxf").write_text("an earlier set's sheet")
    write_all_atomic([(tmp_path / "a.dxf", "new a"), (tmp_path / "b.dxf", "new b")], stale=[tmp_path / "gone.dxf"])
    assert {p.name: p.read_text() for p in tmp_path.iterdir()} == {"a.dxf": "new a", "b.dxf": "new b"}
