"""Writing a plan sheet to DXF (R2010, metres) with ezdxf: one file per build step.

The sheet (rumah.documents.drawing) already holds every coordinate; this module only chooses layers,
colours, line types and dimension styles, and writes atomically.  One file per step, because a
builder prints the step he is building and a draughtsman opens one plan at a time; the later
steps are in every file on their own dashed layers.
"""

from __future__ import annotations

import io
from pathlib import Path

from ..i18n import tr
from ..output import OutputError, write_all_atomic, write_atomic
from .drawing import LAYERS, Sheet

#: (colour index, line type, line weight in 1/100 mm) per layer.
STYLE = {
    "A-WALL": (7, "Continuous", 50), "A-WALL-FUTR": (8, "DASHED", 25), "A-DOOR": (3, "Continuous", 18),
    "A-GLAZ": (4, "Continuous", 18), "S-COLS": (1, "Continuous", 35), "A-AREA": (9, "Continuous", 9),
    "A-AREA-IDEN": (7, "Continuous", 18), "A-AREA-FUTR": (8, "DASHED", 9), "A-GRID": (8, "CENTER", 9),
    "A-GRID-IDEN": (8, "Continuous", 18), "A-ANNO-DIMS": (2, "Continuous", 13), "A-ANNO-TTLB": (7, "Continuous", 25),
    "A-ANNO-NOTE": (7, "Continuous", 18),
    "A-WALL-EXST": (7, "Continuous", 50), "A-WALL-DEMO": (1, "DASHED", 35), "A-WALL-NEWW": (5, "Continuous", 50),
}
#: Hatch pattern of filled polygons by layer (solid where not named): new walls are hatched
#: diagonally (ANSI31) to tell them from the walls that stay.
HATCH = {"A-WALL-NEWW": ("ANSI31", 0.02)}
APP = "RUMAH"


def sheet_document(sheet: Sheet, fixed_meta: bool = False):
    """An ezdxf document holding ``sheet`` in model space."""
    import ezdxf
    from ezdxf.enums import TextEntityAlignment

    # Deterministic output for tests: ezdxf writes fixed dates and ids instead of today's.
    ezdxf.options.write_fixed_meta_data_for_testing = fixed_meta

    doc = ezdxf.new("R2010", setup=True)
    doc.units = ezdxf.units.M
    doc.header["$MEASUREMENT"] = 1
    doc.appids.add(APP)
    for name, (colour, linetype, weight) in STYLE.items():
        layer = doc.layers.add(name, color=colour, linetype=linetype, lineweight=weight)
        layer.description = LAYERS[name]
    style = doc.dimstyles.duplicate_entry("EZDXF", "RUMAH")
    style.dxf.dimtxt, style.dxf.dimasz, style.dxf.dimexe, style.dxf.dimexo = 0.18, 0.12, 0.1, 0.1
    # Lengths in metres with two decimals (the EZDXF style scales to centimetres): 3,00 not 300.
    style.dxf.dimdec, style.dxf.dimtad, style.dxf.dimlunit, style.dxf.dimlfac = 2, 1, 2, 1.0
    style.dxf.dimdsep = ord(sheet.decimal)
    msp = doc.modelspace()
    for polygon in sheet.polygons:
        attribs = {"layer": polygon.layer}
        if polygon.filled:
            hatch = msp.add_hatch(color=256, dxfattribs=attribs)
            if polygon.layer in HATCH:
                pattern, scale = HATCH[polygon.layer]
                hatch.set_pattern_fill(pattern, scale=scale)
            hatch.paths.add_polyline_path(polygon.points, is_closed=True)
        outline = msp.add_lwpolyline(polygon.points, close=True, dxfattribs=attribs)
        if polygon.tag:
            outline.set_xdata(APP, [(1000, polygon.tag)])
    for segment in sheet.segments:
        line = msp.add_line(segment.start, segment.end, dxfattribs={"layer": segment.layer})
        if segment.tag:
            line.set_xdata(APP, [(1000, segment.tag)])
    for arc in sheet.arcs:
        entity = msp.add_arc(arc.centre, arc.radius, arc.start, arc.end, dxfattribs={"layer": arc.layer})
        if arc.tag:
            entity.set_xdata(APP, [(1000, arc.tag)])
    for circle in sheet.circles:
        msp.add_circle(circle.centre, circle.radius, dxfattribs={"layer": circle.layer})
    for label in sheet.labels:
        text = msp.add_text(label.text, height=label.height, dxfattribs={"layer": label.layer})
        align = TextEntityAlignment.MIDDLE_CENTER if label.align == "center" else TextEntityAlignment.MIDDLE_LEFT
        text.set_placement(label.at, align=align)
    for dim in sheet.dimensions:
        base = (dim.p1[0], dim.base) if dim.along == "x" else (dim.base, dim.p1[1])
        msp.add_linear_dim(base=base, p1=dim.p1, p2=dim.p2, angle=0 if dim.along == "x" else 90,
                           dimstyle="RUMAH", dxfattribs={"layer": "A-ANNO-DIMS"}).render()
    return doc


def sheet_text(sheet: Sheet, fixed_meta: bool = False) -> str:
    """The DXF file of ``sheet``, as text."""
    stream = io.StringIO()
    sheet_document(sheet, fixed_meta).write(stream)
    return stream.getvalue()


def write_sheet(sheet: Sheet, path: str | Path, fixed_meta: bool = False) -> None:
    """Write ``sheet`` to ``path`` atomically: a failed run leaves no partial file."""
    write_atomic(path, sheet_text(sheet, fixed_meta))


def write_steps(sheets: list[Sheet], folder: str | Path, stem: str, fixed_meta: bool = False) -> list[Path]:
    """One DXF per sheet in ``folder`` (made if missing, when its parent exists), written as one
    set: every file is ready before any earlier one is replaced, so a failure keeps the old set."""
    folder = Path(folder)
    if Path(stem).name != stem or stem in ("", ".", ".."):
        # Every file of the set goes into the folder given, whatever the template calls itself.
        raise OutputError(tr("{stem!r}: expected a plain file name for the DXF plans, found a path", stem=stem))
    if not folder.exists():
        if not folder.parent.is_dir():
            raise OutputError(tr("{path}: folder {folder!r} does not exist", path=folder, folder=str(folder.parent)))
        folder.mkdir()
    elif not folder.is_dir():
        raise OutputError(tr("{folder}: is not a folder (the DXF plans are a set of files, written into a folder)",
                             folder=folder))
    items = [(folder / f"{stem}-{sheet.slug or f'tahap-{sheet.step}'}.dxf", sheet_text(sheet, fixed_meta))
             for sheet in sheets]
    write_all_atomic(items)
    return [path for path, _ in items]
