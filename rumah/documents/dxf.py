"""Writing a sheet (rumah.documents.drawing) to DXF (R2010, metres) with ezdxf: one file per sheet.

The sheet already holds every coordinate and every text; this module only chooses layers,
colours, line types, hatch patterns and the dimension style, and writes atomically.  One file per
build step, because a builder prints the step he is building and a draughtsman opens one plan
at a time; the later steps are in every file on their own dashed layers.  The section is a file
of its own.

Printing.  The model holds the drawing in metres.  A paper-space layout (``A3``) holds the
frame, the title block and the schedule, drawn in the model's metres at 1:1 (so that they fall
around the drawing), with a viewport onto the model at 1:1 too; the layout prints at the
drawing's scale (10 mm of paper for a metre at 1:100).  LibreCAD 2.2 has no paper space: it shows
paper-space entities in the model, where they fall in place, and prints the model on the paper
the header gives it (``$PLIMMIN``/``$PLIMMAX`` in drawing units, ``$PSVPSCALE`` the scale,
``$PINSBASE`` where the model's origin lies on the paper), which this writer sets to the same
sheet.  Line types are drawn in millimetres of paper (``$LTSCALE`` is the scale over 1000).
"""

from __future__ import annotations

import glob
import io
import math
import re
from pathlib import Path

from ..i18n import tr
from ..output import OutputError, write_all_atomic, write_atomic
from .drawing import LAYERS, PAPER_LAYERS, Sheet
from .sheets import PHASES

#: (colour index, line type, line weight in 1/100 mm) per layer; every colour reads on white
#: paper (no yellow, no cyan).
STYLE = {
    "A-WALL": (7, "Continuous", 50), "A-WALL-FUTR": (8, "DASHED", 25), "A-DOOR": (3, "Continuous", 18),
    "A-GLAZ": (5, "Continuous", 18), "A-DOOR-IDEN": (7, "Continuous", 18), "S-COLS": (1, "Continuous", 35),
    "A-AREA": (9, "Continuous", 9), "A-AREA-IDEN": (7, "Continuous", 18), "A-AREA-FUTR": (8, "DASHED", 9),
    "A-GRID": (8, "CENTER", 9), "A-GRID-IDEN": (8, "Continuous", 18), "A-ANNO-DIMS": (6, "Continuous", 13),
    "A-ANNO-LEVL": (7, "Continuous", 18), "A-ANNO-SYMB": (7, "Continuous", 50), "A-ANNO-NOTE": (7, "Continuous", 18),
    "A-FLOR-STRS": (7, "Continuous", 25),
    "P-SANR": (30, "Continuous", 25), "P-SANR-FIXT": (30, "Continuous", 18),
    "C-PROP": (94, "PHANTOM", 35), "C-TOPO": (32, "Continuous", 35),
    "A-SECT-WALL": (7, "Continuous", 50), "A-SECT-FLOR": (8, "Continuous", 18), "A-SECT-ROOF": (7, "Continuous", 35),
    "A-SECT-CLNG": (7, "Continuous", 25), "S-SECT-FNDN": (8, "Continuous", 35), "S-SECT-CONC": (7, "Continuous", 35),
    "A-ANNO-TTLB": (7, "Continuous", 25), "A-ANNO-SCHD": (7, "Continuous", 18), "A-ANNO-VPRT": (8, "Continuous", 9),
    "A-WALL-EXST": (7, "Continuous", 50), "A-WALL-DEMO": (1, "DASHED", 35), "A-WALL-NEWW": (7, "Continuous", 50),
}
#: Line types in millimetres of paper (scaled by ``$LTSCALE``): a dash and a gap; a long dash,
#: gap, dot, gap; a long dash and two short ones (ISO 128 proportions for 0,25 mm lines).
LINETYPES = {
    "DASHED": ("Dashed __ __ __", [4.5, 3.0, -1.5]),
    "CENTER": ("Center ____ _ ____ _", [15.0, 10.0, -2.0, 1.0, -2.0]),
    "PHANTOM": ("Phantom _____ _ _ _____", [19.0, 10.0, -2.0, 1.5, -2.0, 1.5, -2.0]),
}
#: Hatch pattern of filled polygons by layer where the polygon names none: new walls of a house
#: lived in are hatched diagonally (ANSI31) to tell them from the walls that stay.
HATCH = {"A-WALL-NEWW": "ANSI31"}
#: Colour of a hatch's lines where it is not its layer's: the new walls' diagonals grey inside a
#: black outline, so that the blue windows and green doors in them read in every viewer (ezdxf's
#: renderer draws the hatch so dense that blue diagonals hid blue windows).
HATCH_COLOUR = {"A-WALL-NEWW": 8}
#: Spacing of each pattern on paper, as a share of ezdxf's ISO definition (which is in mm).
PATTERN_SCALE = {"ANSI31": 0.5, "ANSI37": 0.6, "GRAVEL": 0.12, "AR-CONC": 0.05, "AR-SAND": 0.04}
#: How each pattern is written.  A HATCH carries its pattern's name and its definition: ezdxf,
#: AutoCAD and most programs draw the definition, but LibreCAD 2.2 looks the name up in its own
#: pattern library (/usr/share/librecad/patterns) and draws nothing when it is not there, as for
#: ANSI37, GRAVEL and AR-SAND.  So a pattern is written as hatches named as LibreCAD knows them,
#: each carrying the ISO definition the others draw: (name written, ISO definition, angle [°],
#: LibreCAD's scale as a share of the ISO one, its tiles being drawn to another size).  The stone
#: is crossed by ANSI31 twice, as ANSI37 is; the bedding's stones are LibreCAD's MILLSTONE and the
#: sand its SAND (dots).
WRITTEN = {
    "ANSI37": (("ANSI31", "ANSI31", 0.0, 1.0), ("ANSI31", "ANSI31", 90.0, 1.0)),
    "GRAVEL": (("MILLSTONE", "GRAVEL", 0.0, 0.4),),
    "AR-SAND": (("SAND", "AR-SAND", 0.0, 1.0),),
}
APP = "RUMAH"
#: Dimension style: ticks, text and extension lines on paper. [mm]
TICK, EXTEND, OFFSET = 1.2, 1.0, 1.0


def _setup(doc, sheet: Sheet) -> None:
    """Layers, line types, the dimension style and the header a LibreCAD print reads."""
    import ezdxf
    k = sheet.scale / 1000
    doc.units = ezdxf.units.M
    doc.header["$MEASUREMENT"] = 1
    doc.header["$LTSCALE"] = k
    doc.header["$PSLTSCALE"] = 1
    for name, (description, pattern) in LINETYPES.items():
        if name in doc.linetypes:
            doc.linetypes.remove(name)
        doc.linetypes.add(name, pattern, description=description)
    doc.appids.add(APP)
    for name, (colour, linetype, weight) in STYLE.items():
        layer = doc.layers.add(name, color=colour, linetype=linetype, lineweight=weight)
        layer.description = LAYERS[name]
    doc.layers.get("A-ANNO-VPRT").dxf.plot = 0
    h = max((d.height for d in sheet.dimensions), default=2.5 * k)
    style = doc.dimstyles.duplicate_entry("EZDXF", "RUMAH")
    # Lengths in metres with two decimals and the sheet's decimal sign (the EZDXF style scales to
    # centimetres and drops zeros): 3,00 not 300 or 3.  LibreCAD draws dimensions from the
    # header's variables, not the style, so the header says the same.
    values = {"dimtxt": h, "dimasz": TICK * k, "dimtsz": TICK * k, "dimexe": EXTEND * k, "dimexo": OFFSET * k,
              "dimgap": 0.5 * h, "dimdec": 2, "dimtad": 1, "dimlunit": 2, "dimlfac": 1.0, "dimzin": 0,
              "dimdsep": ord(sheet.decimal), "dimtmove": 2, "dimclrd": 256, "dimclre": 256, "dimclrt": 256,
              "dimscale": 1.0}
    for key, value in values.items():
        style.dxf.set(key, value)
        doc.header[f"${key.upper()}"] = value
    doc.header["$DIMSTYLE"] = "RUMAH"


def _paper(doc, sheet: Sheet) -> None:
    """The A3 layout: printed at the sheet's scale, its frame and title block, and a viewport."""
    paper = sheet.paper
    layout = doc.layouts.get("Layout1")
    doc.layouts.rename("Layout1", paper.name)
    per_metre = 1000 / paper.scale                       # millimetres of paper per paper-space unit
    layout.page_setup(size=(paper.width, paper.height), margins=(0, 0, 0, 0), units="mm",
                      offset=(-paper.origin[0] * per_metre, -paper.origin[1] * per_metre), scale=(per_metre, 1))
    x0, y0, x1, y1 = paper.viewport
    viewport = layout.add_viewport(center=((x0 + x1) / 2, (y0 + y1) / 2), size=(x1 - x0, y1 - y0),
                                   view_center_point=((x0 + x1) / 2, (y0 + y1) / 2), view_height=y1 - y0,
                                   dxfattribs={"layer": "A-ANNO-VPRT"})
    viewport.dxf.status = 2
    # What LibreCAD reads to print the model on this paper (in drawing units, metres of paper):
    # the active layout's limits become $PLIMMIN/$PLIMMAX when ezdxf saves.
    layout.dxf_layout.dxf.limmin = (0.0, 0.0)
    layout.dxf_layout.dxf.limmax = (paper.width / 1000, paper.height / 1000)
    doc.header["$PSVPSCALE"] = 1 / paper.scale
    doc.header["$PINSBASE"] = (-paper.origin[0] / paper.scale, -paper.origin[1] / paper.scale, 0.0)
    return layout


def sheet_document(sheet: Sheet, fixed_meta: bool = False):
    """An ezdxf document holding ``sheet``: the drawing in model space, its paper in a layout."""
    import ezdxf
    from ezdxf.enums import TextEntityAlignment
    from ezdxf.tools.pattern import ISO_PATTERN

    # Deterministic output for tests: ezdxf writes fixed dates and ids instead of today's.
    ezdxf.options.write_fixed_meta_data_for_testing = fixed_meta

    doc = ezdxf.new("R2010", setup=True)
    _setup(doc, sheet)
    msp = doc.modelspace()
    psp = _paper(doc, sheet) if sheet.paper is not None else msp
    k = sheet.scale / 1000

    def space(layer: str):
        return psp if layer in PAPER_LAYERS else msp

    for polygon in sheet.polygons:
        attribs = {"layer": polygon.layer}
        target = space(polygon.layer)
        if polygon.filled:
            pattern = polygon.pattern or HATCH.get(polygon.layer, "")
            if not pattern:
                target.add_hatch(color=256, dxfattribs=attribs).paths.add_polyline_path(polygon.points, is_closed=True)
            scale = k * PATTERN_SCALE.get(pattern, 1.0)
            for name, iso, angle, librecad in WRITTEN.get(pattern, ((pattern, pattern, 0.0, 1.0),)) if pattern else ():
                hatch = target.add_hatch(color=HATCH_COLOUR.get(polygon.layer, 256), dxfattribs=attribs)
                hatch.set_pattern_fill(name, angle=angle, scale=scale, definition=ISO_PATTERN[iso])
                # What LibreCAD scales and turns its own tile by; the definition above stays as
                # scaled and turned.  LibreCAD 2.2 reads the angle in radians, not degrees.
                hatch.dxf.pattern_scale = scale * librecad
                hatch.dxf.pattern_angle = math.radians(angle)
                hatch.paths.add_polyline_path(polygon.points, is_closed=True)
        outline = target.add_lwpolyline(polygon.points, close=True, dxfattribs=attribs)
        if polygon.tag:
            outline.set_xdata(APP, [(1000, polygon.tag)])
    for segment in sheet.segments:
        line = space(segment.layer).add_line(segment.start, segment.end, dxfattribs={"layer": segment.layer})
        if segment.tag:
            line.set_xdata(APP, [(1000, segment.tag)])
    for arc in sheet.arcs:
        entity = msp.add_arc(arc.centre, arc.radius, arc.start, arc.end, dxfattribs={"layer": arc.layer})
        if arc.tag:
            entity.set_xdata(APP, [(1000, arc.tag)])
    for circle in sheet.circles:
        msp.add_circle(circle.centre, circle.radius, dxfattribs={"layer": circle.layer})
    for label in sheet.labels:
        # Letters are never dashed: LibreCAD draws a text's strokes in its layer's line type.
        text = space(label.layer).add_text(label.text, height=label.height,
                                           dxfattribs={"layer": label.layer, "rotation": label.rotation,
                                                       "linetype": "Continuous"})
        align = TextEntityAlignment.MIDDLE_CENTER if label.align == "center" else TextEntityAlignment.MIDDLE_LEFT
        text.set_placement(label.at, align=align)
    for dim in sheet.dimensions:
        base = (dim.p1[0], dim.base) if dim.along == "x" else (dim.base, dim.p1[1])
        msp.add_linear_dim(base=base, p1=dim.p1, p2=dim.p2, location=dim.text_at,
                           angle=0 if dim.along == "x" else 90, dimstyle="RUMAH",
                           dxfattribs={"layer": "A-ANNO-DIMS"}).render()
    return doc


def sheet_text(sheet: Sheet, fixed_meta: bool = False) -> str:
    """The DXF file of ``sheet``, as text."""
    stream = io.StringIO()
    sheet_document(sheet, fixed_meta).write(stream)
    return stream.getvalue()


def write_sheet(sheet: Sheet, path: str | Path, fixed_meta: bool = False) -> None:
    """Write ``sheet`` to ``path`` atomically: a failed run leaves no partial file."""
    write_atomic(path, sheet_text(sheet, fixed_meta))


def file_name(stem: str, sheet: Sheet) -> str:
    return f"{stem}-{sheet.slug or f'tahap-{sheet.step}'}.dxf"


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
    items = [(folder / file_name(stem, sheet), sheet_text(sheet, fixed_meta)) for sheet in sheets]
    # The sheets of an earlier set of the same name that this one does not have (a house to
    # improve after a new one, fewer steps): gone once the new set is in place, so the folder
    # never mixes two houses.
    names = {path.name for path, _ in items}
    stale = [path for path in sorted(folder.glob(f"{glob.escape(stem)}-*.dxf"))
             if path.name not in names and _SHEET_NAME.fullmatch(path.name[len(stem) + 1:-4])]
    write_all_atomic(items, stale)
    return [path for path, _ in items]


#: What file_name puts after the stem: a step, a phase of the work on a lived-in house, the section.
_SHEET_NAME = re.compile(r"tahap-\d+|" + "|".join(re.escape(slug) for slug in (*PHASES.values(), "potongan")))
