"""Improving the house a family lives in: its assessment turned into priced repair packages.

The surveyed house (rumah.house.existing) is priced like a new one (the same takeoff, AHSP items
and price list), then its first step, the house as it is, is replaced by the repairs its failing
criteria need (catalog/repairs.yaml): only what mends it is bought.  Rooms to add (``new: true``)
stay the work packages of a second step.  A plot that floods gets its floor raisings: the first
with the repairs when the floor is already too low, the later ones as the land sinks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from ..cost.estimate import Catalog
from ..cost.packages import with_packages
from ..cost.prices import PriceList
from ..cost.pricing import Bill, price_bill
from ..cost.repairs import RepairMap, load_repair_map, price_repair, repair_group, with_repairs
from ..cost.takeoff import QUANTITIES, Measure, sash_area
from ..house.design import Design, Opening, build_design, entrances_at
from ..house.existing import (
    EXISTING_STEP,
    NEW_STEP,
    NEW_WINDOW,
    ROOF_IN_KIND,
    ExistingHouse,
    Toilet,
    place_toilet,
    place_windows,
)
from ..i18n import phrase
from .assessment import Assessment, assess
from .flood import Raising, raisings
from .household import Household

#: The value of a month of the house as it is, on the template scale (its step's ``value``).
STEP_VALUE = 10.0
#: The least height from floor to ring beam a room keeps after its floor is raised: a 2.1 m door
#: with its frame and a lintel above it (a stated project rule; Kepmen 403/2002 asks 2.80 m on
#: average for a new house).  A raising that would leave less raises the walls and roof too.
HEADROOM = 2.4
#: The height walls raised with a floor are built back to, when they were at least that high: the
#: average ceiling height of a livable house (2.80 m, Kepmen 403/2002; DOMAIN.md section 2).
#: Lower walls go back to their own height, and to HEADROOM at least.
ROOM_HEIGHT = 2.8
#: The band of wall above a raised floor whose plaster is renewed (a stated project rule: what
#: stood in flood water loses its plaster). [m]
RAISE_PLASTER_BAND = 0.5


@dataclass(frozen=True)
class Improvement:
    """What improving a house costs and fixes.

    fixes : package kind -> the criteria that package makes pass.
    raisings : (raising, package kind) in order; ``deferred`` are the kinds planned after the
        optimizer, in the months before they are due (the later raisings).
    """

    bill: Bill
    assessment: Assessment
    fixes: Mapping[str, tuple[str, ...]]
    raisings: tuple[tuple[Raising, str], ...]
    deferred: frozenset[str]
    #: Daylight and ventilation area the added windows bring. [m2]
    added_light: float
    added_air: float
    #: (kind, figures): what the technician should know (raisings that leave the rooms too low).
    notes: tuple = ()
    #: Where the windows added go, for the drawings (as many as the outside walls have room for).
    new_windows: tuple[Opening, ...] = ()
    #: The surveyed house.
    house: ExistingHouse | None = None
    #: Where the squat toilet the repairs install goes (None: they install none, or no room of
    #: the house has a place for it), for the drawings.
    new_toilet: Toilet | None = None
    #: Raising number -> how much that raising builds the walls up (the rooms would be too low). [m]
    wall_bands: Mapping[int, float] = field(default_factory=dict)

    def mends(self, criterion: str) -> bool:
        """Whether a repair mends ``criterion`` (a roof the first raising replaces, as it takes
        the roof off, is mended by that raising)."""
        return any(criterion in criteria for criteria in self.fixes.values())

    @property
    def raised_now(self) -> Raising | None:
        """The floor raising made with the repairs (the floor already below the line), if any."""
        first = self.raisings[0][0] if self.raisings else None
        return first if first is not None and first.due_month == 1 else None


def _own_quantities(household: Household, assessment: Assessment, toilet: Toilet | None) -> dict:
    """Quantities the repairs measure themselves, from the house's own geometry."""
    design = household.existing.design
    count = assessment.windows
    window = household.existing.template.opening_types[NEW_WINDOW]
    setback = float(design.values["septic_setback"])
    # The toilet's drain runs to the front of the house and on to the septic tank, its water pipe
    # from the front-left corner (the rules of the new-house takeoff), from where the toilet
    # stands (rumah.house.existing.place_toilet); without a place, from the middle of the back.
    x, y = (toilet.x, toilet.y) if toilet is not None else ((design.xs[0] + design.xs[-1]) / 2, design.ys[-1])
    x, y = x - design.xs[0], y - design.ys[0]
    cubicle = toilet.cubicle if toilet is not None else None
    walls = door_frame = doors = plaster = 0.0
    if cubicle is not None:
        # The toilet room's new walls rise as high as the house's, less their door; they are
        # plastered on both faces when the walls the house keeps are plastered brick (new walls of
        # the walls repair are laid bare, as that repair prices them).
        door = cubicle.door
        walls = cubicle.wall_length * household.existing.wall_height - door.area
        door_frame, doors = 2 * door.height + door.width, 1.0
        kept_plastered = household.existing.components.wall_material == "brick" and "walls" not in assessment.failing
        plaster = 2 * walls if kept_plastered else 0.0
    return {
        "new_cubicle_wall_area": walls, "new_cubicle_plaster_area": plaster,
        "new_cubicle_door_frame_length": door_frame, "new_cubicle_door_count": doors,
        "new_window_cut_area": count * window.width * window.height,
        "new_window_frame_length": count * 2 * (window.width + window.height),
        "new_window_area": count * sash_area(window.width, window.height),
        "new_toilet_count": 1.0, "new_septic_tank_count": 1.0,
        "new_drain_pipe_length": y + setback, "new_water_pipe_length": x + y,
    }


def _raise_quantities(household: Household, bill: Bill, height: float, steps: tuple[int, ...], floor: float,
                      added: tuple[Opening, ...] = (), toilets: int = 0) -> dict:
    """A raising by ``height`` of the rooms of ``steps`` whose floor stands ``floor`` above the
    ground: fill under a new sand bed, slab and screed over their clear floor, their doors and
    windows set higher with it (each frame taken out and set again, the wall cut above each
    opening as high as the floor rises, and under each window the wall laid up as much), the
    sockets moved up, and the entrance steps built up to the new floor (the stone the higher
    flight adds to the one the floor needed before, and the whole flight plastered again).
    ``added``: the openings the repairs made before it (new windows, a toilet room's door);
    ``toilets``: the squat toilets standing on the floor it buries, each set again on the new
    floor (a pan bedded in the old floor is broken out with it)."""
    design = household.existing.design
    before = [e for e in entrances_at(design, floor) if e.step in steps]
    after = [e for e in entrances_at(design, floor + height) if e.step in steps]
    build_up = float(design.values["sand_bed"]) + float(design.values["floor_slab"]) + \
        float(design.choice_attrs["floor"]["finish"])
    openings = [o for o in design.openings if o.step in steps] + list(added)
    doors = [o for o in openings if o.kind == "door"]
    windows = [o for o in openings if o.kind == "window"]
    floors = [s for s in bill.steps if s.step in steps]
    quantities = {name: sum(s.quantities.get(name, 0.0) for s in floors)
                  for name in ("floor_clear_area", "floor_sand_volume", "lean_concrete_volume", "floor_finish_area",
                               "socket_points")}
    return quantities | {
        "raise_fill_volume": quantities["floor_clear_area"] * max(0.0, height - build_up),
        "raise_door_frame_length": sum(2 * o.height + o.width for o in doors),
        "raise_window_frame_length": sum(2 * (o.height + o.width) for o in windows),
        "raise_opening_cut_area": height * sum(o.width for o in doors + windows),
        "raise_window_infill_area": height * sum(o.width for o in windows),
        # The plaster of a band above the new floor round every room: it stood in the water.
        "raise_plaster_area": RAISE_PLASTER_BAND * sum(2 * (r.x1 - r.x0 + r.y1 - r.y0) for r in design.rooms
                                                       if r.step in steps),
        "raise_steps_volume": sum(e.volume for e in after) - sum(e.volume for e in before),
        "raise_steps_plaster_area": sum(e.faces_area for e in after),
        "raise_toilet_count": float(toilets),
    }


#: What the walls raised with a floor add to the takeoff of the walls as they are (the band of
#: wall, the columns carried up through it and their bars), and what of it is built again on top
#: of the band (a new ring beam, the gables and their frame).
_BAND = ("wall_area", "column_concrete_volume", "column_formwork_area", "rebar_d10_lower_mass", "rebar_d8_lower_mass")
_ON_TOP = ("ring_beam_concrete_volume", "ring_beam_formwork_area", "rebar_d10_upper_mass", "rebar_d8_upper_mass",
           "gable_wall_area", "gable_beam_concrete_volume", "gable_beam_formwork_area", "roof_area")
#: The roof option (catalog/parameters.yaml) whose covering is the surveyed one: asbestos sheets
#: broken in taking a roof off are not put back (a stated project rule), metal sheets replace them.
#: Thatch and plastic sheet fail the roof criterion: the roof repair replaces them first.
ROOF_OPTION = ROOF_IN_KIND | {"asbestos": "steel_metal", "thatch": "steel_metal", "plastic": "steel_metal"}
#: The wall option (catalog/parameters.yaml) a band of wall is built in, laid on walls of the
#: surveyed material (bamboo and boards fail the walls criterion: the walls repair replaces them).
WALL_OPTION = {"brick": "red_brick", "brick_unplastered": "red_brick", "block": "concrete_block"}
#: The roof covering broken in taking it off and putting it back, bought new (a stated project
#: rule). [share of the roof area]
ROOF_BREAKAGE = 0.10
#: The lines of a raising that put the old roof back: left out when a new roof is laid instead.
_ROOF_PUT_BACK = ("lift_roof_area", "lift_roof_cover_area")


def _lift_quantities(house: ExistingHouse, band: float, steps: tuple[int, ...]) -> dict:
    """The walls of the rooms of ``steps`` raised by ``band`` (m): the takeoff of walls ``band``
    higher less the takeoff of the walls as they are, a new ring beam on top, the gables taken
    down and laid again on it, and the roof taken off and put back (what breaks of its covering
    bought new).  The old ring beam stays in the wall."""
    low, high = Measure(house.design), Measure(house.design)
    high.wall_height = low.wall_height + band
    found = {f"lift_{name}": sum(QUANTITIES[name].function(high, s) - QUANTITIES[name].function(low, s) for s in steps)
             for name in _BAND}
    found |= {f"lift_{name}": sum(QUANTITIES[name].function(low, s) for s in steps) for name in _ON_TOP}
    found["lift_roof_cover_area"] = ROOF_BREAKAGE * found["lift_roof_area"]
    return found


@dataclass(frozen=True)
class _Raisings:
    """The floor raisings priced: (package, raising, kind, name) in order, their notes, and how
    much each that builds the walls up builds them up (raising number -> band). [m]"""

    packages: tuple
    notes: tuple
    bands: Mapping[int, float]


def _raisings(household: Household, bill: Bill, floods: list[Raising], raise_now: bool, present: set[str],
              made: tuple[Opening, ...], as_built: Design, priced_with: tuple, repair_map: RepairMap,
              installs: bool = False, new_roof: tuple | None = None) -> _Raisings:
    """Each raising of ``floods`` as a repair package: its fill, slab and openings set higher
    (``made``: the openings the repairs add, which a raising after them sets higher too), and
    the walls and roof built up with it where the rooms would be left too low; with what the
    technician should know (openings into the ring beam, steps past the plot).  ``as_built``:
    the house's design with its own roof covering and walls where the repairs keep them;
    ``priced_with``: the AHSP edition, price list, resources and pay the repairs are priced with;
    ``installs``: whether the repairs install a toilet (set after the first raising made with them);
    ``new_roof``: the roof repair's lines and quantities, when the repairs replace the roof: a
    raising made with them that takes the roof off lays the new roof, not the old one again."""
    house = household.existing
    design = house.design
    packages, notes, bands = [], [], {}
    room = house.wall_height                    # floor to ring beam, as raised so far
    floor = house.floor_height                  # above the ground, as raised so far
    heads = max((o.type.sill + o.height for o in (*design.openings, *made)), default=0.0)
    types = design.room_types
    for index, raising in enumerate(floods):
        kind = f"raising_{raising.number}"
        name = phrase("{name} ({height} cm)", name=repair_map.raising.name, height=round(raising.height * 100))
        # The first raising of a floor already too low lifts the house as it is (rooms added
        # come after it, at the new level); any later one lifts the rooms added too.
        rooms_lifted = (EXISTING_STEP,) if raising.number == 1 and raise_now else tuple(s.step for s in bill.steps)
        lines = repair_map.raising.lines
        # The raising made with the repairs comes before the windows and the toilet (the ordering
        # below); a later one finds them in place.
        with_repairs_now = raising.number == 1 and raise_now
        toilets = int(house.components.toilet) + int(installs and not with_repairs_now) + sum(
            1 for r in design.rooms if r.step != EXISTING_STEP and r.step in rooms_lifted and types[r.type].toilet)
        measured = _raise_quantities(household, bill, raising.height, rooms_lifted, floor,
                                     () if with_repairs_now else made, toilets)
        floor += raising.height
        if floor - house.floor_height + heads > house.wall_height + 1e-9 and \
                not any(kind == "raising_ring_beam" for kind, _ in notes):
            # Doors and windows set higher by this much reach the ring beam the walls stand under.
            notes.append(("raising_ring_beam", {"number": raising.number}))
        if household.plot is not None and not any(kind == "raising_steps_plot" for kind, _ in notes):
            # The steps stand in front of the house: on a plot no deeper than the house and
            # them, wherever the house stands on it, they reach past its front.
            reach = max((e.face + e.run for e in entrances_at(design, floor)), default=0.0)
            free = household.plot[1] - (design.ys[-1] - design.ys[0])
            if reach > free + 1e-9:
                notes.append(("raising_steps_plot", {"number": raising.number, "reach": round(reach, 2),
                                                     "free": round(max(0.0, free), 2)}))
        room -= raising.height
        value = repair_map.raising.value / STEP_VALUE
        if room < HEADROOM - 1e-9:
            # Raised this much, the rooms get too low and the doors short ("a floor raised without
            # the roof leaves doors 0.5 m high", DOMAIN.md section 8): the walls go up with the
            # floor, back to the height the family had (HEADROOM at least: the roof comes off
            # anyway; ROOM_HEIGHT at most: four-metre walls are not built again), and the roof with
            # them.  As a floor is raised for years of sinking, the walls are raised for the next
            # raising too: the roof comes off no more than every other raising (a course of wall
            # costs far less than taking the roof off again).
            ahead = floods[index + 1].height if index + 1 < len(floods) else 0.0
            band = max(HEADROOM, min(house.wall_height, ROOM_HEIGHT)) - room + ahead
            lifting = repair_map.lifting
            name = phrase("{name} ({height} cm), {walls} ({band} cm)", name=repair_map.raising.name,
                          height=round(raising.height * 100), walls=lifting.name, band=round(band * 100))
            lines = lines + lifting.lines
            measured = measured | _lift_quantities(house, band, rooms_lifted)
            said = {"number": raising.number, "left": max(0.0, round(room, 2)), "band": round(band, 2),
                    "least": HEADROOM, "ahead": round(ahead, 2)}
            if with_repairs_now and new_roof is not None:
                # The roof the repairs replace comes off here: the new one is laid on the walls
                # built up, in the same job, not the old one put back and taken off again.
                roof_lines, roof_quantities, roof_value = new_roof
                lines = tuple(line for line in lines if line.quantity not in _ROOF_PUT_BACK) + roof_lines
                measured |= roof_quantities
                value += roof_value / STEP_VALUE
                name = phrase("{name} ({height} cm), {walls} ({band} cm), with a new roof",
                              name=repair_map.raising.name, height=round(raising.height * 100), walls=lifting.name,
                              band=round(band * 100))
                said["new_roof"] = True
            notes.append(("raising_walls", said))
            room += band
            bands[raising.number] = band
        packages.append((price_repair(kind, name, lines, measured, as_built, *priced_with, value), raising, kind, name))
    return _Raisings(tuple(packages), tuple(notes), bands)


def improve(household: Household, catalog: Catalog, price_list: PriceList, made: int = 1) -> Improvement:
    """The household's house assessed, and the repairs (and rooms to add) priced; ``made``: the
    month the first floor raising is made (a raising made after it is due lifts the floor higher)."""
    house = household.existing
    design = house.design
    bill = with_packages(price_bill(design, catalog.edition, price_list, catalog.resources, catalog.bill_map,
                                    labour=household.labour), catalog.packages)
    floods = raisings(house.floor_height, household.flood, household.horizon, made) if household.flood else []
    raise_now = bool(floods) and floods[0].due_month == 1
    if raise_now and house.has_new_rooms:
        # Rooms added to a house whose floor is raised at once are built at its new level (their
        # foundation, plinth and fill priced so), after the raising.
        level = house.floor_height + floods[0].height
        high = build_design(house.template, dict(design.values) | {"plinth_height": level})
        raised = with_packages(price_bill(high, catalog.edition, price_list, catalog.resources, catalog.bill_map,
                                          labour=household.labour), catalog.packages)
        bill = replace(bill, steps=(bill.steps[0], *raised.steps[1:]))
    assessment = assess(household, house)
    failing = set(assessment.failing)
    repair_map = load_repair_map(catalog.edition)
    pay = catalog.bill_map.labour_modes[household.labour]
    toilet = place_toilet(house)
    quantities = dict(bill.steps[0].quantities) | _own_quantities(household, assessment, toilet)
    # New walls are laid with the new windows' openings in them: no wall is cut for a window, nor
    # bought for the opening it leaves.
    quantities["new_wall_area"] = quantities["wall_area"]
    if "walls" in failing:
        quantities["new_wall_area"] -= quantities["new_window_cut_area"]
        quantities["new_window_cut_area"] = 0.0
    args = (design, catalog.edition, price_list, catalog.resources, pay)
    packages, fixes, groups, after = [], {}, [], {}
    new_roof = None                     # the roof repair's (lines, quantities, value), if there is one
    types = design.room_types
    new_toilet = any(types[r.type].toilet for r in design.rooms if r.step == NEW_STEP)
    for spec in sorted(repair_map.repairs.values(), key=lambda s: s.priority):
        if not failing & set(spec.criteria):
            continue
        if spec.id == "sanitation" and new_toilet:
            continue                            # the bathroom to add has its toilet and septic tank
        if spec.id == "floor" and raise_now:
            continue                            # the raising lays a new slab over the earth floor
        lines, after[spec.id] = spec.lines, spec.after
        if spec.id == "roof" and assessment.frame:
            lines, after[spec.id] = spec.frame_lines + lines, spec.after + spec.frame_after
        elif spec.timber_lines and house.components.roof_frame == "timber":
            lines = spec.timber_lines               # a new covering on the sound timber frame kept
        if spec.parts is not None:
            lines = tuple(line for part, part_lines in spec.parts.items()
                          if not house.components.present(part) for line in part_lines)
        package = price_repair(spec.id, spec.name, lines, quantities, *args, spec.value / STEP_VALUE)
        if package is not None and spec.id == "roof":
            new_roof = (lines, {line.quantity: quantities.get(line.quantity, 0.0) for line in lines}, spec.value)
        if package is not None:
            packages.append((spec, package))
            fixes[spec.id] = tuple(c for c in spec.criteria if c in failing)
            groups.append((repair_group(spec.id), spec.name))
    present = {spec.id for spec, _ in packages}
    ordered = []
    for spec, package in packages:
        ordered.append(replace(package, requires=tuple((EXISTING_STEP, a) for a in after[spec.id] if a in present)))
    raised, notes = [], []
    # The openings the repairs make (new windows, the toilet room's door): a raising after them
    # sets them higher too.
    new_windows = place_windows(house, assessment.windows, toilet=toilet) if "windows" in present else ()
    # The toilet the repairs install (none when the house keeps its own), and its room's door.
    installed = toilet if "sanitation" in present and not house.components.toilet else None
    cubicle = installed.cubicle if installed is not None else None
    made = tuple(new_windows) + ((cubicle.door,) if cubicle is not None else ())
    # What a raising builds on and puts back is the house's own: the covering it takes off (what
    # breaks of it is bought new) and the walls it builds up, unless the repairs replace them
    # with the new work's.
    kept = {}
    if "roof" not in present:
        kept["roof"] = ROOF_OPTION[house.components.roof_covering]
    if "walls" not in present and house.components.wall_material in WALL_OPTION:
        kept["wall"] = WALL_OPTION[house.components.wall_material]
    as_built = replace(design, values=dict(design.values) | kept) if kept else design
    floods_priced = _raisings(household, bill, floods, raise_now, present, made, as_built, args[1:], repair_map,
                              installed is not None, new_roof)
    if new_roof is not None and raise_now and 1 in floods_priced.bands:
        # The first raising lays the new roof: the roof repair is in it (and what needs the roof
        # mended waits for that raising, as it does for the structure under it).
        groups = [g for g in groups if g[0] != repair_group("roof")]
        roof_fixes = fixes.pop("roof")
        present.discard("roof")
        ordered = [replace(p, requires=tuple((s, "raising_1") if (s, k) == (EXISTING_STEP, "roof") else (s, k)
                                             for s, k in p.requires)) for p in ordered if p.kind != "roof"]
    else:
        roof_fixes = ()
    for package, raising, kind, name in floods_priced.packages:
        before = raised[-1][1] if raised else None
        needs = ((EXISTING_STEP, before),) if before else tuple((EXISTING_STEP, k) for k in ("walls", "structure")
                                                                if k in present)
        ordered.append(replace(package, requires=needs))
        raised.append((raising, kind))
        groups.append((repair_group(kind), name))
        if raising.number == 1 and raise_now:
            fixes[kind] = ("flood", "floor") if "floor" in failing else ("flood",)
            fixes[kind] += roof_fixes
    notes += floods_priced.notes
    bands = floods_priced.bands
    if raise_now:
        # A toilet the repairs install stands on the floor a raising with the repairs buries: it
        # is set after it (a septic tank alone, outside, waits for nothing); so are new windows
        # (at the new floor's sill height).  (A new roof, when that raising takes the roof off,
        # is in it: above.)
        later = ("windows",) + (("sanitation",) if installed is not None else ())
        ordered = [replace(p, requires=p.requires + ((EXISTING_STEP, "raising_1"),)) if p.kind in later else p
                   for p in ordered]
    bill = with_repairs(bill, ordered, groups)
    # Rooms to add stand against the mended house: their structure after its structure, their
    # walls and roof after its walls and roof.
    steps = list(bill.steps)
    for index, step in enumerate(steps):
        if step.step != NEW_STEP:
            continue
        mended = []
        for package in step.packages:
            needs = [r for r in package.requires if r[0] != EXISTING_STEP]
            if package.kind == "structure" and "structure" in present:
                needs.append((EXISTING_STEP, "structure"))
            if package.kind == "enclosure":
                needs += [(EXISTING_STEP, k) for k in ("walls", "roof") if k in present]
            if package.kind == "structure" and raise_now:
                needs.append((EXISTING_STEP, raised[0][1]))
            mended.append(replace(package, requires=tuple(needs)))
        steps[index] = replace(step, packages=tuple(mended))
    bill = replace(bill, steps=tuple(steps))
    deferred = frozenset(kind for raising, kind in raised if not (raising.number == 1 and raise_now))
    sanitation = any(p.kind == "sanitation" for p in bill.steps[0].packages)
    toilet_room = any(types[r.type].toilet for r in design.rooms if r.step == EXISTING_STEP)
    if sanitation and not house.components.toilet and not toilet_room and (toilet is None or toilet.cubicle is None):
        # No corner of the house takes a toilet room clear of its doors and windows: the toilet is
        # priced without its walls and door, and the technician must say where it goes.
        notes.append(("toilet_unplaced", {}))
    if house.added:
        added = [r for r in design.rooms if r.id in house.added]
        notes.append(("rooms_added", {"members": household.members, "count": len(added),
                                      "area": round(sum(r.area for r in added), 2), "where": house.added_at}))
    count = assessment.windows
    window = house.template.opening_types[NEW_WINDOW]
    return Improvement(bill, assessment, fixes, tuple(raised), deferred,
                       count * window.width * window.height * window.light,
                       count * window.width * window.height * window.air, tuple(notes),
                       new_windows, house, installed, bands)
