"""A section (potongan) through the house as plain drawing data, read from the same Design.

The cut runs across the first roof, perpendicular to its ridge (or down its slope), through the
middle of its widest grid span, and shows the whole house along that line: the stone strip
foundation on its bedding (aanstamping), the sloof, the floor on sand and fill with the ground
at ``0,00``, the walls cut by the line (with the doors and windows in them), the ring beam, the
roof at its pitch with its overhangs, and the ceiling when there is one.  Every size comes from
the Design's parameters, the same numbers the takeoff measures.  Coordinates: ``x`` along the cut
(plan ``x``, or plan ``y`` from the street back), ``y`` the height above the ground. [m]
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from .. import i18n
from ..house.design import Design, RoofBlock
from ..i18n import t
from . import paper as sheet_paper
from .drawing import Dimension, Label, Point, Polygon, Segment, Sheet, level, model_extents, text_box, text_width
from .labels import Clearance, dimension_lines, place, place_dimension

#: Sizes on paper [mm]: text, the chain of heights off the drawing, notes beyond it.
TEXT = 2.5
CHAIN = 6.0                  # the heights' dimension line, left of the drawing
SPANS = 8.0                  # the spans' dimension lines, below the foundation and above the ridge
NOTES = 8.0                  # notes start this far right of the drawing
NOTE_WIDTH = 55.0            # and wrap at this width
#: Depth of the roof covering with its battens and rafters as drawn. [m]
ROOF_DEPTH = 0.10
#: Ground drawn beyond the outermost wall or eave. [m]
GROUND_BEYOND = 0.5

@dataclass(frozen=True)
class Level:
    """A floor level the section marks: its height above the ground [m] and what it is, said
    beside its height (``raising 2``); an empty name: the height alone."""

    height: float
    name: str = ""


@dataclass(frozen=True)
class Cut:
    """Where the section cuts the plan: along ``x`` at ``y = at`` or along ``y`` at ``x = at``."""

    along: str
    at: float
    name: str = "A"


def cut_line(design: Design) -> Cut:
    """Across the first roof, down its slope, through the middle of its widest grid span."""
    core = min(design.roofs, key=lambda r: r.step)
    slope_x = (core.form == "gable" and core.ridge == "y") or (core.form == "shed" and core.high in ("left", "right"))
    if slope_x:
        lines = [y for y in design.ys if core.y0 - 1e-9 <= y <= core.y1 + 1e-9]
    else:
        lines = [x for x in design.xs if core.x0 - 1e-9 <= x <= core.x1 + 1e-9]
    a, b = max(zip(lines, lines[1:]), key=lambda s: s[1] - s[0])
    return Cut("x" if slope_x else "y", (a + b) / 2)


def _roof_profile(block: RoofBlock, cut: Cut, eaves: float) -> list[Point] | None:
    """The top of a roof block along the cut: (position along the cut, height). None when the
    cut misses it."""
    across = (block.y0, block.y1) if cut.along == "x" else (block.x0, block.x1)
    if not across[0] - 1e-9 <= cut.at <= across[1] + 1e-9:
        return None
    lo_side, hi_side = ("left", "right") if cut.along == "x" else ("front", "back")
    s0, s1 = (block.x0, block.x1) if cut.along == "x" else (block.y0, block.y1)
    tan = math.tan(math.radians(block.pitch))
    slope_along_cut = (block.form == "gable" and lo_side in block.eaves) or \
        (block.form == "shed" and block.high in (lo_side, hi_side))
    o0, o1 = block.hang(lo_side, cut.at), block.hang(hi_side, cut.at)
    if slope_along_cut:
        if block.form == "gable":
            mid = (s0 + s1) / 2
            return [(s0 - o0, eaves - o0 * tan), (mid, eaves + (mid - s0) * tan), (s1 + o1, eaves - o1 * tan)]
        if block.high == hi_side:
            return [(s0 - o0, eaves - o0 * tan), (s1 + o1, eaves + (s1 - s0 + o1) * tan)]
        return [(s0 - o0, eaves + (s1 - s0 + o0) * tan), (s1 + o1, eaves - o1 * tan)]
    # The cut runs along the ridge (or along the slope's contour): the roof is level along it.
    c0, c1 = across
    if block.form == "gable":
        rise = min(cut.at - c0, c1 - cut.at) * tan
    else:
        high_side = block.high
        low = c0 if high_side in ("back", "right") else c1
        rise = abs(cut.at - low) * tan
    return [(s0 - o0, eaves + rise), (s1 + o1, eaves + rise)]


class _Section:
    def __init__(self, design: Design, lang: str, scale: int, lettering: float, floor: float,
                 floor_name: str = "", later: tuple[Level, ...] = ()):
        self.design, self.lang, self.scale = design, lang, scale
        self.k = scale / 1000
        self.text = lettering * self.k
        self.lettering = lettering
        self.p = design.param
        self.floor = floor
        self.floor_name = floor_name
        #: Floors raised later (on the land that sinks), each on fill over the one before.
        self.later = later
        #: The structure's floor level (top of the sloof): the design's; a floor raised later
        #: lies higher, on fill, between the same walls.
        self.base = float(design.values["plinth_height"])
        self.polygons: list[Polygon] = []
        self.segments: list[Segment] = []
        self.labels: list[Label] = []
        self.dims: list[Dimension] = []
        self.clear = Clearance()

    def mm(self, value: float) -> float:
        """A size given on paper for ordinary lettering [mm], in the model at this scale and
        lettering (smaller lettering draws the whole plan tighter). [m]"""
        return value * self.k * self.lettering / TEXT

    def n(self, value: float) -> str:
        return i18n.number(value, self.lang)

    def rect(self, layer: str, x0: float, y0: float, x1: float, y1: float, filled=False, pattern="", tag=""):
        self.polygons.append(Polygon(layer, ((x0, y0), (x1, y0), (x1, y1), (x0, y1)), filled, tag, pattern))

    def walls(self, cut: Cut):
        """The walls the cut crosses: (position along the cut, wall)."""
        found = []
        for wall in self.design.walls:
            if cut.along == "x" and wall.along == "y" and wall.y0 < cut.at < wall.y1:
                found.append((wall.x0, wall))
            if cut.along == "y" and wall.along == "x" and wall.x0 < cut.at < wall.x1:
                found.append((wall.y0, wall))
        return sorted(found, key=lambda f: f[0])

    def structure(self, cut: Cut) -> list[float]:
        """Foundation, bedding, sloof, wall (with its openings) and ring beam under every wall
        the cut crosses; returns their positions."""
        p = self.p
        f, base = self.floor, self.base
        depth, bedding = p("foundation_depth"), p("bedding_thickness")
        top, bottom = p("foundation_top"), p("foundation_bottom")
        sloof_w, sloof_d = p("sloof_width"), p("sloof_depth")
        ring_w, ring_d = p("ring_beam_width"), p("ring_beam_depth")
        height = p("wall_height")
        at = []
        for s, wall in self.walls(cut):
            at.append(s)
            t = wall.thickness
            self.rect("S-SECT-FNDN", s - bottom / 2, -depth - bedding, s + bottom / 2, -depth, True, "GRAVEL", wall.id)
            stone_top = base - sloof_d
            self.polygons.append(Polygon("S-SECT-FNDN", ((s - bottom / 2, -depth), (s + bottom / 2, -depth),
                                                         (s + top / 2, stone_top), (s - top / 2, stone_top)),
                                         True, wall.id, "ANSI37"))
            self.rect("S-SECT-CONC", s - sloof_w / 2, stone_top, s + sloof_w / 2, base, True, "", wall.id)
            # The wall, with a gap where the cut passes through a door or window in it.
            gaps = []
            for o in self.design.openings:
                centre = o.x if wall.along == "x" else o.y
                if o.wall == wall.id and o.kind in ("door", "window") and abs(centre - cut.at) < o.width / 2:
                    sill = 0.0 if o.kind == "door" else o.type.sill
                    gaps.append((sill, min(sill + o.height, base + height - f), o))
            z = base
            for a, b, o in sorted(gaps, key=lambda g: g[0]):
                if f + a > z + 1e-9:
                    self.rect("A-SECT-WALL", s - t / 2, z, s + t / 2, f + a, True, "ANSI31", wall.id)
                layer = "A-DOOR" if o.kind == "door" else "A-GLAZ"
                self.rect(layer, s - t / 2, f + a, s + t / 2, f + b, False, "", o.id)
                self.segments.append(Segment(layer, (s, f + a), (s, f + b), o.id))
                z = f + b
            self.rect("A-SECT-WALL", s - t / 2, z, s + t / 2, base + height, True, "ANSI31", wall.id)
            self.rect("S-SECT-CONC", s - ring_w / 2, base + height, s + ring_w / 2, base + height + ring_d, True, "",
                      wall.id)
        return at

    def floors(self, cut: Cut, walls: list[float]) -> list[tuple[float, float]]:
        """The floor in every room the cut crosses, between the wall faces: finish, lean concrete,
        sand, and the earth fill down to the ground.  Returns the rooms' spans."""
        d, f = self.design, self.floor
        finish = float(d.choice_attrs["floor"]["finish"])
        slab, sand = self.p("floor_slab"), self.p("sand_bed")
        half = max(wall.thickness for wall in d.walls) / 2
        spans = []
        for room in d.rooms:
            a, b = (room.y0, room.y1) if cut.along == "x" else (room.x0, room.x1)
            if not a < cut.at < b:
                continue
            s0, s1 = (room.x0, room.x1) if cut.along == "x" else (room.y0, room.y1)
            spans.append((s0, s1))
            x0 = s0 + (half if any(abs(s0 - s) < 1e-9 for s in walls) else 0.0)
            x1 = s1 - (half if any(abs(s1 - s) < 1e-9 for s in walls) else 0.0)
            self.rect("A-SECT-FLOR", x0, f - finish, x1, f, False, "", room.id)
            self.rect("A-SECT-FLOR", x0, f - finish - slab, x1, f - finish, True, "AR-CONC", room.id)
            self.rect("A-SECT-FLOR", x0, f - finish - slab - sand, x1, f - finish - slab, True, "AR-SAND", room.id)
            fill = f - finish - slab - sand
            if fill > 1e-3:
                self.rect("A-SECT-FLOR", x0, 0.0, x1, fill, False, "", room.id)
        return spans

    def later_floors(self, cut: Cut, walls: list[float]) -> None:
        """Each later raising dashed over the floor before it, in every room the cut crosses: the
        fill it lays on that floor, and its new sand bed, slab and finish up to its level."""
        d = self.design
        build_up = float(d.choice_attrs["floor"]["finish"]) + self.p("floor_slab") + self.p("sand_bed")
        half = max(wall.thickness for wall in d.walls) / 2
        below = self.floor
        for n, raised in enumerate(self.later):
            for room in d.rooms:
                a, b = (room.y0, room.y1) if cut.along == "x" else (room.x0, room.x1)
                if not a < cut.at < b:
                    continue
                s0, s1 = (room.x0, room.x1) if cut.along == "x" else (room.y0, room.y1)
                x0 = s0 + (half if any(abs(s0 - s) < 1e-9 for s in walls) else 0.0)
                x1 = s1 - (half if any(abs(s1 - s) < 1e-9 for s in walls) else 0.0)
                fill = max(below, raised.height - build_up)
                tag = f"later-floor-{n + 1}-{room.id}"
                if fill > below + 1e-3:
                    self.rect("A-WALL-FUTR", x0, below, x1, fill, False, "", tag)
                self.rect("A-WALL-FUTR", x0, fill, x1, raised.height, False, "", tag)
            below = raised.height

    def roofs(self, cut: Cut, spans: list[tuple[float, float]]) -> list[list[Point]]:
        """The roof of every block the cut crosses: covering line and the depth under it, on the
        ring beam at its eaves and on the walls that close it where it stands higher."""
        eaves = self.base + self.p("wall_height") + self.p("ring_beam_depth")
        tan = math.tan(math.radians(self.p("roof_pitch")))
        drop = ROOF_DEPTH * math.sqrt(1 + tan * tan)
        crossed = [(block, profile) for block in self.design.roofs
                   if (profile := _roof_profile(block, cut, eaves)) is not None]
        walls = [(block, wall) for block, profile in crossed
                 for wall in self.closing(cut, block, [(x, y - drop) for x, y in profile], eaves)]
        profiles = []
        for block, profile in crossed:
            # The eave of a roof that another roof's closing wall rises beside (a roof built
            # against it later) is cut back to the wall's face.
            s0, s1 = (block.x0, block.x1) if cut.along == "x" else (block.y0, block.y1)
            for other, (a, b) in walls:
                if other is block:
                    continue
                if abs((a + b) / 2 - s1) < 1e-9 and profile[-1][0] > a:
                    profile = _clipped(profile, profile[0][0], a)
                elif abs((a + b) / 2 - s0) < 1e-9 and profile[0][0] < b:
                    profile = _clipped(profile, b, profile[-1][0])
            profiles.append(profile)
            under = [(x, y - drop) for x, y in reversed(profile)]
            self.polygons.append(Polygon("A-SECT-ROOF", tuple(profile) + tuple(under), tag=f"roof-{block.step}"))
        if bool(self.design.values["ceiling"]):
            z = self.base + self.p("wall_height")
            half = max(wall.thickness for wall in self.design.walls) / 2
            for s0, s1 in spans:
                self.segments.append(Segment("A-SECT-CLNG", (s0 + half, z), (s1 - half, z), "ceiling"))
        return profiles

    def closing(self, cut: Cut, block: RoofBlock, under: list[Point], eaves: float) -> list[tuple[float, float]]:
        """The walls closing ``block`` above the ring beam at its ends along the cut (a shed's
        high side, a gable end the cut runs into): brick from the ring beam up to the gable frame
        beam (balok ampig) on which the roof bears, its top following the roof's underside.  The
        Design says where one stands (RoofBlock.closing); the takeoff prices the same walls.
        Returns where each stands along the cut (from, to)."""
        sides = ("left", "right") if cut.along == "x" else ("front", "back")
        ends = (block.x0, block.x1) if cut.along == "x" else (block.y0, block.y1)
        closed = {c.side for c in block.closing}
        width, depth = self.p("gable_beam_width"), self.p("gable_beam_depth")
        drawn = []
        for side, end in zip(sides, ends):
            wall = next((w for s, w in self.walls(cut) if abs(s - end) < 1e-9), None)
            if side not in closed or wall is None:
                continue
            a, b = end - width / 2, end + width / 2
            top_a, top_b = _height_on(under, a), _height_on(under, b)
            bottom = min(top_a, top_b) - depth
            if bottom <= eaves + 1e-3:
                continue                        # the roof lies on the ring beam here
            tag = f"closing-{block.step}-{side}"
            t = wall.thickness
            self.rect("A-SECT-WALL", end - t / 2, eaves, end + t / 2, bottom, True, "ANSI31", tag)
            self.polygons.append(Polygon("S-SECT-CONC", ((a, bottom), (b, bottom), (b, top_b), (a, top_a)), True, tag))
            drawn.append((end - max(t, width) / 2, end + max(t, width) / 2))
        return drawn

    def ground(self, left: float, right: float, walls: list[float]) -> None:
        """The ground line at 0,00 and short strokes under it, outside the foundations."""
        self.segments.append(Segment("C-TOPO", (left, 0.0), (right, 0.0), "ground"))
        half = self.p("foundation_bottom") / 2 + self.p("trench_clearance")
        step, tick = self.mm(3.0), self.mm(2.0)
        x = left
        while x + tick < right:
            if all(not (s - half - tick < x < s + half) for s in walls):
                self.segments.append(Segment("C-TOPO", (x, -tick * 0.7), (x + tick * 0.7, 0.0), "ground"))
            x += step

    def hold(self) -> None:
        for p in self.polygons:
            self.clear.polygon(p.points, p.filled)
        for s in self.segments:
            self.clear.segment(s.start, s.end)

    def dimensions(self, walls: list[float], profiles: list[list[Point]], left: float) -> float:
        """Heights down the left (foundation, floor, wall, roof), the spans between the walls
        along the bottom and the overhangs along the top.  Returns the x of the heights' line."""
        p, f, structure = self.p, self.floor, self.base
        depth, bedding = p("foundation_depth"), p("bedding_thickness")
        eaves = structure + p("wall_height") + p("ring_beam_depth")
        ridge = max(y for profile in profiles for _, y in profile) if profiles else eaves
        base = left - self.mm(CHAIN)
        x = min(walls)
        later = [raised.height for raised in self.later]
        levels = sorted({round(v, 6) for v in (-depth, 0.0, structure, f, *later, structure + p("wall_height"), ridge)})
        wanted = [((x, a), (x, b), "y", base) for a, b in zip(levels, levels[1:])]
        bottom = -depth - bedding
        wanted += [((a, bottom), (b, bottom), "x", bottom - self.mm(SPANS)) for a, b in zip(walls, walls[1:])]
        top = ridge + self.mm(SPANS)
        # The overhangs at both ends of the house.
        ends = [point for profile in profiles for point in (profile[0], profile[-1])]
        if ends:
            for (end, z), wall in ((min(ends), min(walls)), (max(ends), max(walls))):
                if 0.005 < abs(end - wall) < 1.5:
                    wanted.append(((end, z), (wall, eaves), "x", top))
        for p1, p2, along, at in wanted:
            dimension_lines(self.clear, p1, p2, along, at)
        for p1, p2, along, at in wanted:
            length = abs(p2[0] - p1[0]) if along == "x" else abs(p2[1] - p1[1])
            if length >= 0.005:
                self.dims.append(place_dimension(self.clear, p1, p2, along, at, self.n(length), self.text))
        return base

    def levels(self, base: float, profiles: list[list[Point]], flood: float | None) -> None:
        """Level marks left of the heights' dimensions: the ground, the floor, the ring beam, the
        ridge (and the last flood), each a triangle on its level and the height above it."""
        p, f, lang = self.p, self.floor, self.lang
        heights = [0.0, f, self.base + p("wall_height")]
        if profiles:
            heights.append(max(y for profile in profiles for _, y in profile))
        if flood is not None:
            heights.append(flood)
        h = self.text
        size = h * 0.9
        apex = base - 2.2 * h - size
        for z in heights:
            text = level(z, lang)
            width = text_width(text, h)
            # The height written above its level, left of the triangle standing on it.
            label = Label("A-ANNO-LEVL", text, (apex - size - 0.3 * h - width, z + h), h, "left")
            triangle = Polygon("A-ANNO-LEVL", ((apex - size * 0.5, z + size * 0.9), (apex + size * 0.5, z + size * 0.9),
                                               (apex, z)))
            tick = Segment("A-ANNO-LEVL", (apex - size, z), (apex + size, z))
            offsets = [(-k * (width + 2.5 * h), 0.0) for k in range(0, 6)]
            found = place(self.clear, [label], offsets, [triangle, tick])
            if found:
                self.labels += found[0]
                self.polygons += [s for s in found[1] if isinstance(s, Polygon)]
                self.segments += [s for s in found[1] if isinstance(s, Segment)]

    def later_marks(self, spans: list[tuple[float, float]]) -> None:
        """A level mark on each later raising, in a room it is dashed in: a triangle standing on
        its floor, its height and name above it (its height alone where the room is too narrow
        for the name: the notes say which raising it is), raised on a stem where the mark would
        touch something."""
        for raised in self.later:
            for label, shapes in self._mark_places(raised, spans):
                found = place(self.clear, [label], [(0.0, 0.0)], shapes)
                if found:
                    self.labels += found[0]
                    self.polygons += [s for s in found[1] if isinstance(s, Polygon)]
                    self.segments += [s for s in found[1] if isinstance(s, Segment)]
                    break

    def _mark_places(self, raised: Level, spans: list[tuple[float, float]]):
        """(label, triangle and stem) of a level mark, in order of preference: with its name,
        lowest first, from the middle of each room out."""
        h = self.text
        size, z = h * 0.9, raised.height
        height = level(z, self.lang)
        texts = [f"{height} {raised.name}", height] if raised.name else [height]
        for text in texts:
            width = text_width(text, h)
            for lift in (h, 3 * h, 5 * h, 7 * h):
                for s0, s1 in spans:
                    for k in (4, 3, 5, 2, 6, 1, 7):
                        x = s0 + k * (s1 - s0) / 8
                        if x + size / 2 + 0.3 * h + width > s1:
                            continue
                        shapes = [Polygon("A-ANNO-LEVL", ((x - size / 2, z + size * 0.9),
                                                          (x + size / 2, z + size * 0.9), (x, z)))]
                        if lift > h:
                            shapes.append(Segment("A-ANNO-LEVL", (x, z + size * 0.9), (x, z + lift - 0.9 * h)))
                        # The height right of the triangle (and of its stem), above the floor.
                        yield Label("A-ANNO-LEVL", text, (x + size / 2 + 0.3 * h, z + lift), h, "left"), shapes

    def notes(self, walls: list[float], profiles: list[list[Point]], right: float, wall_name: str,
              roof_name: str = "", finish_name: str = "") -> None:
        """What each part is made of, right of the drawing, each with a leader to the part in the
        last wall the cut crosses."""
        p, f, d, lang = self.p, self.floor, self.design, self.lang
        b = self.base
        s = max(walls)
        eaves = b + p("wall_height") + p("ring_beam_depth")
        depth, bedding = p("foundation_depth"), p("bedding_thickness")
        roof = roof_name or d.choice_labels["roof"](lang)
        floor_finish = finish_name or d.choice_labels["floor"](lang)
        thickness = max(wall.thickness for wall in d.walls)
        items = [
            (t("Roof: {cover}, pitch {pitch}°", lang, cover=roof, pitch=i18n.plain(p("roof_pitch"), lang)),
             _on_profile(profiles, s - 0.4, eaves) if profiles else (s, eaves)),
            (t("Ring beam {w} x {d} m", lang, w=self.n(p("ring_beam_width")), d=self.n(p("ring_beam_depth"))),
             (s, b + p("wall_height") + p("ring_beam_depth") / 2)),
            (t("Walls: {wall}, {t} m thick", lang, wall=wall_name, t=self.n(thickness)),
             (s, b + p("wall_height") * 0.6)),
            (t("Floor: {finish}; lean concrete {slab} m; sand {sand} m; earth fill", lang, finish=floor_finish,
               slab=self.n(p("floor_slab")), sand=self.n(p("sand_bed"))),
             (s - thickness / 2 - 0.3, f - 0.02)),
            (t("Sloof {w} x {d} m", lang, w=self.n(p("sloof_width")), d=self.n(p("sloof_depth"))),
             (s, b - p("sloof_depth") / 2)),
            (t("Stone strip foundation 1:4, top {top} m, bottom {bottom} m", lang, top=self.n(p("foundation_top")),
               bottom=self.n(p("foundation_bottom"))),
             (s, -depth / 2)),
            (t("Dry stone bedding {t} m", lang, t=self.n(bedding)),
             (s + p("foundation_bottom") / 4, -depth - bedding / 2)),
        ]
        if bool(d.values["ceiling"]):
            items.insert(1, (t("Ceiling", lang), (s - thickness / 2 - 0.3, b + p("wall_height"))))
        h = self.text
        x = right + self.mm(NOTES)
        blocks = []
        for text, target in items:
            lines = sheet_paper.wrap(text, h, self.mm(NOTE_WIDTH))
            blocks.append((lines, target))
        # Each note as near its part's height as the others allow (blocks that would overlap are
        # merged and centred on their parts), its leader from its first line.
        blocks.sort(key=lambda b: b[1][1])
        line, gap = h * 1.7, h * 0.8
        heights = [len(lines) * line for lines, _ in blocks]
        groups = [[k] for k in range(len(blocks))]

        def span(group):
            return sum(heights[k] for k in group) + gap * (len(group) - 1)

        def bottom(group):
            centre = sum(blocks[k][1][1] for k in group) / len(group)
            return centre - span(group) / 2

        merged = True
        while merged:
            merged = False
            for i in range(len(groups) - 1):
                if bottom(groups[i]) + span(groups[i]) + gap > bottom(groups[i + 1]):
                    groups[i:i + 2] = [groups[i] + groups[i + 1]]
                    merged = True
                    break
        for group in groups:
            y = bottom(group)
            for k in group:
                lines, target = blocks[k]
                top = y + heights[k] - line / 2
                labels = [Label("A-ANNO-NOTE", t, (x, top - n * line), h, "left") for n, t in enumerate(lines)]
                anchor = (x - h * 0.5, top)
                self.labels += labels
                self.segments += [Segment("A-ANNO-NOTE", anchor, target, "leader"),
                                  Segment("A-ANNO-NOTE", (target[0] - h * 0.25, target[1]),
                                          (target[0] + h * 0.25, target[1]), "dot")]
                for label in labels:
                    self.clear.box(text_box(label))
                y += heights[k] + gap


def _clipped(line: list[Point], x0: float, x1: float) -> list[Point]:
    """The part of a polyline (running in x) from ``x0`` to ``x1``."""
    inner = [(x, y) for x, y in line if x0 + 1e-9 < x < x1 - 1e-9]
    return [(x0, _height_on(line, x0))] + inner + [(x1, _height_on(line, x1))]


def _height_on(line: list[Point], x: float) -> float:
    """The height of a polyline at ``x``, its end segments carried on beyond its ends. [m]"""
    pairs = list(zip(line, line[1:]))
    for (x0, y0), (x1, y1) in pairs:
        if min(x0, x1) - 1e-9 <= x <= max(x0, x1) + 1e-9 and x1 != x0:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    (x0, y0), (x1, y1) = pairs[0] if x < min(line[0][0], line[-1][0]) + 1e-9 else pairs[-1]
    return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
def _entrance_steps(s: _Section, cut: Cut) -> list[float]:
    """The entrance steps the cut passes through (rumah/house/entrance.py), on the stairs' layer
    hatched as the stone masonry they are: along the way up, the profile of the landing and the
    treads; across it, the step the line crosses.  No text: the plan names the risers, and a
    note as wide as the steps' run would push the section to a smaller scale.  Returns the
    positions along the cut they reach. [m]"""
    reach: list[float] = []
    for steps in s.design.entrances:
        tag = f"steps:{steps.door}"
        along_cut = steps.direction[1] != 0 if cut.along == "y" else steps.direction[0] != 0
        centre, across = (steps.y, steps.x) if cut.along == "y" else (steps.x, steps.y)
        sign = sum(steps.direction)
        face = centre + sign * steps.face
        if along_cut:
            if abs(across - cut.at) >= steps.width / 2:
                continue
            points = [(face, 0.0), (face, steps.height)]
            for out, top, depth in steps.nosings():
                points += [(face + sign * (out - depth), top), (face + sign * out, top)]
            points.append((face + sign * steps.run, 0.0))
            s.polygons.append(Polygon("A-FLOR-STRS", tuple(dict.fromkeys(points)), True, tag, "ANSI37"))
            reach += [face, face + sign * steps.run]
        else:
            out = (cut.at - face) * sign
            if not 0.0 < out < steps.run:
                continue
            top = next(top for edge, top, _ in steps.nosings() if out <= edge + 1e-9)
            s.rect("A-FLOR-STRS", across - steps.width / 2, 0.0, across + steps.width / 2, top, True, "ANSI37", tag)
            reach += [across - steps.width / 2, across + steps.width / 2]
    return reach


def _on_profile(profiles: list[list[Point]], x: float, default: float) -> Point:
    """The point of the roof line above ``x`` (on the highest profile that spans it)."""
    best = None
    for profile in profiles:
        for (x0, y0), (x1, y1) in zip(profile, profile[1:]):
            if min(x0, x1) <= x <= max(x0, x1) and x1 != x0:
                y = y0 + (y1 - y0) * (x - x0) / (x1 - x0)
                best = y if best is None else max(best, y)
    return (x, best if best is not None else default)


def section_sheet(design: Design, lang: str = "id", title: tuple[str, ...] = (), floor: float | None = None,
                  flood: float | None = None, wall_name: str = "", notes: tuple[str, ...] = (),
                  scale: int | None = None, lettering: float = TEXT, floor_name: str = "",
                  later: tuple[Level, ...] = (), roof_name: str = "", finish_name: str = "") -> Sheet:
    """The section through ``design`` (all its steps) on its own sheet.

    floor : the floor's height above the ground [m]; None: the design's plinth height.
    floor_name : what the floor's level mark says beside its height; empty: nothing.
    later : the floors raised later, lowest first, dashed over the floor with their level marks.
    flood : the last flood's height above the ground, drawn as a level [m]; None: none.
    wall_name : what the walls are made of; empty: the design's wall choice.
    roof_name : what the roof is made of; empty: the design's roof choice.
    finish_name : the floor's finish; empty: the design's floor choice.
    title : lines of the title block after the section's own name (``{scale}`` becomes the scale).
    """
    floor = float(design.values["plinth_height"]) if floor is None else floor
    wall_name = wall_name or design.choice_labels["wall"](lang)
    drawn: dict[int, Sheet] = {}

    def draw(n: int) -> Sheet:
        if n not in drawn:
            drawn[n] = _draw(design, lang, n, lettering, floor, flood, wall_name, floor_name, later, roof_name,
                             finish_name)
        return drawn[n]

    if scale is None:
        scale = sheet_paper.pick_scale(lambda n: draw(n).extents)
    sheet = draw(scale)
    cut = cut_line(design)
    paper = sheet_paper.place(sheet.extents, scale)
    lines = (t("Section {name}-{name}", lang, name=cut.name),) + tuple(line.replace("{scale}", str(scale))
                                                                        for line in title)
    polygons, segments, labels = sheet_paper.paper_parts(paper, lines, list(notes), (), lang)
    return replace(sheet, polygons=sheet.polygons + tuple(polygons), segments=sheet.segments + tuple(segments),
                   labels=sheet.labels + tuple(labels), title=lines, paper=paper)


def _draw(design: Design, lang: str, scale: int, lettering: float, floor: float, flood: float | None,
          wall_name: str, floor_name: str = "", later: tuple[Level, ...] = (), roof_name: str = "",
          finish_name: str = "") -> Sheet:
    cut = cut_line(design)
    s = _Section(design, lang, scale, lettering, floor, floor_name, later)
    walls = s.structure(cut)
    if not walls:
        # Rooms open to each other all along the line: no wall to cut; measure from the house's ends.
        axis = design.xs if cut.along == "x" else design.ys
        walls = [axis[0], axis[-1]]
    spans = s.floors(cut, walls)
    s.later_floors(cut, walls)
    profiles = s.roofs(cut, spans)
    xs = [x for profile in profiles for x, _ in profile] + [walls[0] - 0.5, walls[-1] + 0.5]
    left, right = min(xs) - GROUND_BEYOND, max(xs) + GROUND_BEYOND
    steps = _entrance_steps(s, cut)
    ground = left
    if steps:
        # The heights' chain stands just clear of the steps' toe (not a whole GROUND_BEYOND
        # further, which would push a wide house to a smaller scale); the ground runs under them.
        left = min(left, min(steps) - s.mm(1.0) + s.mm(CHAIN))
        ground = min(left, min(steps) - s.mm(0.5))
        right = max(right, max(steps) + GROUND_BEYOND)
    s.ground(ground, right, walls)
    if flood is not None:
        dash = s.mm(3.0)
        x = left
        while x < right:
            s.segments.append(Segment("A-ANNO-LEVL", (x, flood), (min(right, x + dash), flood), "flood"))
            x += dash * 1.6
    s.hold()
    base = s.dimensions(walls, profiles, left)
    s.levels(base, profiles, flood)
    s.later_marks(spans)
    s.notes(walls, profiles, right, wall_name, roof_name, finish_name)
    sheet = Sheet(0, len(design.steps), tuple(s.polygons), tuple(s.segments), (), (), tuple(s.labels),
                  tuple(s.dims), (), (0.0, 0.0, 0.0, 0.0), i18n.separators(lang)[0], "potongan", "section",
                  scale)
    return replace(sheet, extents=model_extents(sheet))

