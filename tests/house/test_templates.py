"""Every template is a closed, roofed, structurally complete house after every step."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings

from rumah.errors import DataError, ParameterError
from rumah.house.design import build_design
from rumah.house.template import load_template

from ..conftest import PAIR, PLAIN, make_template
from ..strategies import TEMPLATES, houses


def edges_of(room):
    return [("x", room.y0, room.x0, room.x1), ("x", room.y1, room.x0, room.x1),
            ("y", room.x0, room.y0, room.y1), ("y", room.x1, room.y0, room.y1)]


def covered(design, along, line, lo, hi, step):
    """Length of [lo, hi] on a grid line closed by walls built by ``step``."""
    total = 0.0
    for w in design.walls:
        if w.step > step or w.along != along:
            continue
        if along == "x" and abs(w.y0 - line) < 1e-9:
            total += max(0.0, min(hi, w.x1) - max(lo, w.x0))
        if along == "y" and abs(w.x0 - line) < 1e-9:
            total += max(0.0, min(hi, w.y1) - max(lo, w.y0))
    return total


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_every_step_is_closed_roofed_and_has_structure(name):
    template = TEMPLATES[name]
    design = build_design(template)
    open_pairs = {frozenset(p) for p in template.open_pairs}
    for step in design.steps:
        built = [r for r in design.rooms if r.step <= step.number]
        for room in built:
            for along, line, lo, hi in edges_of(room):
                # An edge is closed by walls, or shared with a built room it is open to.
                neighbours = [r for r in built if r is not room and frozenset((r.id, room.id)) in open_pairs]
                open_length = 0.0
                for other in neighbours:
                    for o_along, o_line, o_lo, o_hi in edges_of(other):
                        if o_along == along and abs(o_line - line) < 1e-9:
                            open_length += max(0.0, min(hi, o_hi) - max(lo, o_lo))
                closed = covered(design, along, line, lo, hi, step.number)
                assert closed + open_length == pytest.approx(hi - lo), (name, step.number, room.id, along, line)
            roofed = sum((min(room.x1, b.x1) - max(room.x0, b.x0)) * (min(room.y1, b.y1) - max(room.y0, b.y0))
                         for b in design.roofs if b.step <= step.number
                         and min(room.x1, b.x1) > max(room.x0, b.x0) and min(room.y1, b.y1) > max(room.y0, b.y0))
            assert roofed == pytest.approx(room.area), (name, step.number, room.id)
        nodes = {(round(c.x, 6), round(c.y, 6)) for c in design.columns if c.step <= step.number}
        for w in design.walls:
            if w.step <= step.number:
                # Every wall stands between two columns: the ring beam and sloof are tied at its ends.
                assert (round(w.x0, 6), round(w.y0, 6)) in nodes and (round(w.x1, 6), round(w.y1, 6)) in nodes
        assert any(o.kind == "door" and o.step <= step.number and None in design.wall(o.wall).rooms
                   for o in design.openings), "an outside door"


@settings(max_examples=60, deadline=None)
@given(house=houses())
def test_every_template_builds_across_its_parameter_ranges(house):
    template_id, values = house
    design = build_design(TEMPLATES[template_id], values)
    assert design.total_floor_area(len(design.steps)) > 0


def test_templates_have_at_least_three_steps_and_grow():
    for template in TEMPLATES.values():
        design = build_design(template)
        areas = [design.total_floor_area(s.number) for s in design.steps]
        assert len(areas) >= 3 and areas == sorted(areas) and len(set(areas)) == len(areas)


def test_row_house_frontage_is_four_and_a_half_to_five_metres():
    template = load_template("deret-4m5")
    low = build_design(template, {"bay_main": 3.0, "bay_service": 1.5})
    high = build_design(template, {"bay_main": 3.3, "bay_service": 1.7})
    assert low.xs[-1] == pytest.approx(4.5) and high.xs[-1] == pytest.approx(5.0)
    assert template.party_walls == ("left", "right")


def test_risha_grid_is_three_metre_modules():
    design = build_design(load_template("risha-3x3"))
    spans = {round(b - a, 6) for a, b in zip(design.xs, design.xs[1:])} | \
            {round(b - a, 6) for a, b in zip(design.ys, design.ys[1:])}
    assert spans <= {3.0, 1.8}


def broken(spec, **changes):
    raw = copy.deepcopy(spec)
    raw.update(changes)
    return raw


@pytest.mark.parametrize("change, message", [
    ({"rooms": PAIR["rooms"] + [{"id": "c", "type": "kitchen", "step": 1, "x": [1, 2], "y": [0, 1]}]},
     "overlaps room 'b'"),
    ({"roofs": [{"step": 1, "x": [0, 1], "y": [0, 1], "form": "gable", "ridge": "x"}]}, "not fully roofed"),
    ({"openings": [PAIR["openings"][0]]}, "no door leads to 'b'"),
    ({"openings": PAIR["openings"] + [{"id": "J9", "type": "window", "room": "a", "side": "front", "at": 0.1}]},
     "does not fit"),
    ({"openings": PAIR["openings"] + [{"id": "J9", "type": "window", "room": "a", "side": "front", "at": 0.5}]},
     "overlaps opening D1"),
])
def test_template_mistakes_are_refused_with_a_reason(change, message):
    with pytest.raises(DataError, match=message):
        build_design(make_template(broken(PAIR, **change)))


#: Roofs over PAIR's room a alone, and over both rooms.
ROOF_A = {"step": 1, "x": [0, 1], "y": [0, 1], "form": "gable", "ridge": "y"}
ROOF_AB = {"step": 1, "x": [0, 2], "y": [0, 1], "form": "gable", "ridge": "x"}
#: PAIR grown in two steps: room a and its roof first, room b under a shed roof against it second.
TWO_STEPS = {"steps": [{"step": 1, "name": "one"}, {"step": 2, "name": "two", "requires": [1]}],
             "rooms": [PAIR["rooms"][0], dict(PAIR["rooms"][1], step=2)],
             "roofs": [ROOF_A, {"step": 2, "x": [1, 2], "y": [0, 1], "form": "shed", "high": "left"}]}


@pytest.mark.parametrize("changes, message", [
    ({"rooms": PAIR["rooms"][:1], "openings": PAIR["openings"][:1], "roofs": [ROOF_AB]},
     r"roofs\[0\]: covers grid cell \(1, 0\) where there is no room"),
    ({"roofs": [ROOF_A, ROOF_AB]}, r"roofs\[1\]: overlaps roofs\[0\]"),
    (dict(TWO_STEPS, roofs=[ROOF_A, dict(TWO_STEPS["roofs"][1], step=1)]),
     r"roofs\[1\]: step 1 roof covers room 'b' of step 2"),
    (dict(TWO_STEPS, roofs=[ROOF_A, dict(TWO_STEPS["roofs"][1], high="right")]),
     r"roofs\[1\]: the high side \(right\) of a shed roof must lean against an earlier roof"),
])
def test_roof_mistakes_are_refused_with_a_reason(changes, message):
    with pytest.raises(DataError, match=message):
        build_design(make_template(broken(PAIR, **changes)))


def test_a_later_roof_leans_on_an_earlier_one_and_overhangs_only_its_free_sides():
    design = build_design(make_template(broken(PAIR, **TWO_STEPS)), {"overhang": 0.5})
    first, second = design.roofs
    # Built alone, the first roof faces the open air all round; the second meets it on its left.
    assert all(first.free.values()) and set(first.overhang.values()) == {0.5}
    assert second.free == {"front": True, "back": True, "left": False, "right": True}
    assert second.overhang == {"front": 0.5, "back": 0.5, "left": 0.0, "right": 0.5}


def test_a_window_in_a_wall_that_becomes_interior_is_refused():
    spec = broken(PAIR, steps=[{"step": 1, "name": "one"}, {"step": 2, "name": "two"}],
                  rooms=[PAIR["rooms"][0], dict(PAIR["rooms"][1], step=2)],
                  openings=PAIR["openings"] + [{"id": "J1", "type": "window", "room": "a", "side": "right", "at": 0.2}],
                  roofs=[{"step": 1, "x": [0, 1], "y": [0, 1], "form": "gable", "ridge": "y"},
                         {"step": 2, "x": [1, 2], "y": [0, 1], "form": "gable", "ridge": "y"}])
    with pytest.raises(DataError, match="becomes interior in step 2"):
        build_design(make_template(spec))


def test_unknown_room_type_suggests_the_nearest():
    with pytest.raises(DataError, match="did you mean 'bedroom'"):
        make_template(broken(PLAIN, rooms=[dict(PLAIN["rooms"][0], type="bedrom")]))


def test_parameter_outside_its_range_is_refused():
    template = load_template("inti-6m")
    with pytest.raises(ParameterError, match=r"wall_height.*2.8 to 3.6 m, found 2.5 m"):
        build_design(template, {"wall_height": "2,5"})
    with pytest.raises(ParameterError, match="did you mean 'wall_height'"):
        build_design(template, {"wall_hight": 3})
    with pytest.raises(ParameterError, match="at least 30 degrees"):
        build_design(template, {"roof": "timber_clay_tile", "roof_pitch": 20})


@pytest.mark.parametrize("default, found", [("dua", "expected a number in m, found 'dua'"),
                                             (9, "expected 2.7 to 3.6 m, found 9 m")])
def test_a_parameters_bad_default_names_its_place_once(default, found):
    """The template's own default out of its type or range: the file, the entry and the fault,
    each said once."""
    span = {"label": "Span", "unit": "m", "default": default, "min": 2.7, "max": 3.6}
    spec = broken(PLAIN, parameters={"span": span})
    with pytest.raises(DataError) as caught:
        make_template(spec)
    message = str(caught.value)
    assert message.endswith(f"parameters.span.default: parameter 'span': {found}"), message
    assert message.count("parameters.span") == 1


def test_indonesian_decimal_comma_is_accepted_for_numbers():
    design = build_design(load_template("inti-6m"), {"plinth_height": "0,8"})
    assert design.param("plinth_height") == 0.8


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_every_corner_of_the_span_ranges_builds(name):
    """Openings, columns and roofs fit whatever the room sizes, at every extreme together."""
    import itertools
    template = TEMPLATES[name]
    spans = sorted({s for s in template.grid_x + template.grid_y if isinstance(s, str)})
    ranges = [(template.parameters[s].minimum, template.parameters[s].maximum) for s in spans]
    for corner in itertools.product(*ranges):
        for wall_choice in ("red_brick", "aac"):
            design = build_design(template, dict(zip(spans, corner)) | {"wall": wall_choice})
            assert design.total_floor_area(len(design.steps)) > 0


@settings(max_examples=60, deadline=None)
@given(house=houses())
def test_no_two_door_leaves_of_a_room_meet(house):
    """Two doors into a room on facing walls sweep squares as wide as each leaf: where they stand
    across from each other, the room must be deeper than both leaves (inti-6m's back kitchen, 1,50
    m deep, had its front and back doors opposite each other)."""
    template_id, values = house
    design = build_design(TEMPLATES[template_id], values)
    doors = [o for o in design.openings if o.kind == "door"]
    for k, a in enumerate(doors):
        for b in doors[k + 1:]:
            if a.room != b.room:
                continue
            for along, across in ((0, 1), (1, 0)):
                facing = abs((a.x, a.y)[along] - (b.x, b.y)[along]) < (a.width + b.width) / 2
                apart = abs((a.x, a.y)[across] - (b.x, b.y)[across])
                assert not (facing and 0 < apart < a.width + b.width - 1e-9), (a.id, b.id, a.room)
