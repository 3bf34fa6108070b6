"""Quantities measured from geometry, checked against figures worked out by hand."""

from __future__ import annotations

import math

import pytest

from rumah.cost.pricing import price_bill
from rumah.cost.takeoff import BAR_MASS, takeoff
from rumah.house.design import build_design
from rumah.house.template import load_template

from ..conftest import PAIR, PLAIN, make_template

# Defaults of catalog/parameters.yaml, written out so that the hand figures below are visible.
H, PLINTH, DEPTH, BEDDING = 3.0, 0.3, 0.6, 0.1
TOP, BOTTOM, CLEAR = 0.3, 0.6, 0.1
SLOOF_W, SLOOF_D, COL, RING_W, RING_D = 0.15, 0.20, 0.15, 0.12, 0.15
GABLE_D = 0.15                             # gable frame (balok ampig) depth
PITCH, OVERHANG = math.radians(30), 0.6
T = 0.15                                   # red brick wall thickness
DOOR, WINDOW = 0.9 * 2.1, 1.2 * 1.2


@pytest.fixture(scope="module")
def plain():
    design = build_design(make_template(PLAIN))
    return design, takeoff(design)[1]


def test_plain_house_foundation_by_hand(plain):
    _, q = plain
    length = 2 * (4 + 5)                                 # centre-line perimeter, 18 m
    stone_height = DEPTH + PLINTH - SLOOF_D               # 0.7 m: 0.6 below ground, 0.1 above
    assert q["excavation_volume"] == pytest.approx((BOTTOM + 2 * CLEAR) * (DEPTH + BEDDING) * length)  # 10.08
    assert q["bedding_volume"] == pytest.approx(BOTTOM * BEDDING * length)
    assert q["foundation_volume"] == pytest.approx((TOP + BOTTOM) / 2 * stone_height * length)         # 5.67
    width_at_ground = BOTTOM - (BOTTOM - TOP) * DEPTH / stone_height
    below = (BOTTOM + width_at_ground) / 2 * DEPTH
    assert q["backfill_volume"] == pytest.approx((0.8 * 0.7 - BOTTOM * BEDDING - below) * length)
    assert q["setting_out_length"] == pytest.approx(2 * (4 + 2) + 2 * (5 + 2))   # DOMAIN: 2(L+2)+2(W+2)


def test_plain_house_has_corner_and_jamb_columns(plain):
    design, q = plain
    # Four corners, and one column inside each wall longer than 3 m (4 m and 5 m walls).
    assert q["column_count"] == 8
    inner = sorted((round(c.x, 3), round(c.y, 3)) for c in design.columns if not c.node)
    # The front wall's mid column would stand in the 0.9 m door at x = 2.0: it moves to the jamb.
    assert (2.0 - 0.45 - COL / 2, 0.0) in inner
    # The left wall's mid column would stand in the 1.2 m window at y = 2.5: it moves to the jamb.
    assert (0.0, round(2.5 - 0.6 - COL / 2, 3)) in inner


def test_plain_house_walls_and_finishes_by_hand(plain):
    _, q = plain
    length = 18.0
    brick = (length - COL * 8) * H - DOOR - WINDOW       # 8 columns, each takes its width from a wall
    assert q["wall_area"] == pytest.approx(brick)          # 47.07 m2
    gable = 0.5 * 4 * (2 * math.tan(PITCH))                # span 4 m, rise 2 tan 30
    rake = 4 / math.cos(PITCH)                             # both halves of one gable's top edge
    # The gable frame beam (0.15 m deep) takes a band along each gable's top edge out of the brick.
    assert q["gable_wall_area"] == pytest.approx(2 * (gable - GABLE_D * rake))
    outside = length * (H + RING_D + PLINTH) - DOOR - WINDOW
    inside = length * (H + RING_D) - DOOR - WINDOW
    assert q["paint_exterior_area"] == pytest.approx(outside + 2 * gable)
    assert q["paint_interior_area"] == pytest.approx(inside + 2 * gable)     # no ceiling: gables show inside
    assert q["plaster_area"] == pytest.approx(outside + inside + 4 * gable)
    assert q["skim_area"] == q["plaster_area"]


def test_plain_house_roof_by_hand(plain):
    _, q = plain
    slope = (2 + OVERHANG) / math.cos(PITCH)
    assert q["roof_area"] == pytest.approx(2 * slope * (5 + 2 * OVERHANG))
    assert q["ridge_length"] == pytest.approx(5 + 2 * OVERHANG)
    assert q["fascia_length"] == pytest.approx(2 * (5 + 2 * OVERHANG) + 2 * 2 * slope)


def test_plain_house_floor_and_structure_by_hand(plain):
    _, q = plain
    clear = (4 - T) * (5 - T)
    assert q["floor_area"] == 20.0
    assert q["floor_clear_area"] == pytest.approx(clear)
    assert q["floor_fill_volume"] == pytest.approx(clear * (PLINTH - 0.05 - 0.05 - 0.03))
    assert q["sloof_concrete_volume"] == pytest.approx(SLOOF_W * SLOOF_D * 18)
    assert q["column_concrete_volume"] == pytest.approx(8 * COL * COL * H)
    assert q["ring_beam_concrete_volume"] == pytest.approx(RING_W * RING_D * 18)
    rake = 4 / math.cos(PITCH)                             # both halves of one gable's slope
    bars = 4 * (18 + 18 + 2 * rake) + 4 * 8 * (H + SLOOF_D + RING_D)
    assert q["rebar_d10_mass"] == pytest.approx(bars * 7850 * math.pi / 4 * 0.01 ** 2)
    assert BAR_MASS[10] == pytest.approx(0.6165, abs=1e-4)


def test_plain_house_bricks_and_cement_from_the_ahsp_table(plain, catalog, surakarta):
    """Brick count and cement kg worked out from the takeoff and SE DJBK 47/2026 coefficients."""
    design, q = plain
    bill = price_bill(design, catalog.edition, surakarta, catalog.resources, catalog.bill_map)
    used = {}
    for (code, _trade), amount in bill.steps[0].resources.items():
        used[code] = used.get(code, 0.0) + amount
    # 3.6.1.8 half-brick wall: 71.91 bricks per m2 (walls and gable triangles).
    assert used["brick_red"] == pytest.approx(71.91 * (q["wall_area"] + q["gable_wall_area"]))
    concrete = (q["sloof_concrete_volume"] + q["column_concrete_volume"] + q["ring_beam_concrete_volume"]
                + q["gable_beam_concrete_volume"])
    cement = (163 * q["foundation_volume"]                      # 2.2.2.1.6 stone foundation
              + 11.5 * (q["wall_area"] + q["gable_wall_area"])  # 3.6.1.8 wall mortar
              + 6.24 * q["plaster_area"] + 3.25 * q["skim_area"]  # 3.7.4 plaster, 3.7.8 skim coat
              + 306 * concrete + 250 * q["lean_concrete_volume"]  # 2.2.1.4.3 fc' 15, 2.2.1.4.1 lean
              + 13.632 * q["floor_finish_area"]                 # 3.9.8.4 ceramic 30x30
              + 11.5 * q["vent_area"])                          # vent blocks laid like the wall
    assert used["cement"] == pytest.approx(cement)


def test_shared_wall_is_counted_once():
    design = build_design(make_template(PAIR))
    q = takeoff(design)[1]
    # Perimeter 2 x (6 + 4) = 20 m plus the one shared 4 m wall: 24 m, not 2 x 14 = 28 m.
    assert sum(w.length for w in design.walls) == pytest.approx(24.0)
    assert q["foundation_volume"] == pytest.approx((TOP + BOTTOM) / 2 * 0.7 * 24)
    shared = [w for w in design.walls if w.final == "interior"]
    assert len(shared) == 1 and shared[0].rooms == ("a", "b")


def test_interior_wall_is_plastered_on_both_faces():
    design = build_design(make_template(PAIR))
    q = takeoff(design)[1]
    # The front door shows on one inside face; the door in the shared wall on both of its faces.
    inside_faces = 20 * (H + RING_D) - 0.9 * 2.1 + 2 * (4 * (H + RING_D) - 0.8 * 2.1)
    gables = 2 * 0.5 * 4 * (2 * math.tan(PITCH))           # ridge along x: gable ends on the 4 m sides
    assert q["paint_interior_area"] == pytest.approx(inside_faces + gables)


def test_party_wall_is_paid_at_its_share_and_plastered_inside_only():
    spec = dict(PLAIN, party_walls=["left", "right"],
                parameters={"party_share": {"label": "bagian", "unit": "fraction", "default": 0.5,
                                            "min": 0.5, "max": 1.0}},
                openings=[PLAIN["openings"][0]],
                roofs=[{"step": 1, "x": [0, 1], "y": [0, 1], "form": "gable", "ridge": "x"}])
    design = build_design(make_template(spec))
    q = takeoff(design)[1]
    own, party = 2 * 4.0, 2 * 5.0                           # front and back own; left and right shared
    assert q["foundation_volume"] == pytest.approx(0.315 * (own + 0.5 * party))
    outside = own * (H + RING_D + PLINTH) - DOOR
    gable = 0.5 * 5 * (2.5 * math.tan(PITCH))              # ridge along x: gable ends on the 5 m party sides
    rake = 5 / math.cos(PITCH)
    # No outside face on the party walls nor on the party gables above them.
    assert q["paint_exterior_area"] == pytest.approx(outside)
    # Both gable ends stand on the party walls: built whole, paid at the party share.
    assert q["gable_wall_area"] == pytest.approx(2 * 0.5 * (gable - GABLE_D * rake))
    assert q["gable_beam_concrete_volume"] == pytest.approx(2 * 0.5 * rake * 0.12 * GABLE_D)


def test_step_quantities_add_up_to_the_whole_house():
    staged = load_template("inti-6m")
    merged = make_template(
        {"id": "merged", "version": 1, "name": "merged",
         "grid": {"x": list(staged.grid_x), "y": list(staged.grid_y)},
         "parameters": {n: {"label": p.label.id, "unit": p.unit, "default": p.default,
                            "min": p.minimum, "max": p.maximum}
                        for n, p in staged.parameters.items() if n.startswith(("width_", "depth_"))},
         "steps": [{"step": 1, "name": "all"}],
         "rooms": [{"id": r.id, "type": r.type, "step": 1, "x": list(r.x), "y": list(r.y)} for r in staged.rooms],
         "open": [sorted(p) for p in staged.open_pairs],
         "openings": [{"id": o.id, "type": o.type, "room": o.room, "side": o.side, "at": o.at}
                      for o in staged.openings],
         "roofs": [{"step": 1, "x": [0, 3], "y": [0, 4], "form": "gable", "ridge": "y"}]})
    steps = takeoff(build_design(staged))
    whole = takeoff(build_design(merged))[1]
    additive = ["floor_area", "floor_clear_area", "excavation_volume", "foundation_volume", "backfill_volume",
                "sloof_concrete_volume", "ring_beam_concrete_volume", "floor_fill_volume", "floor_finish_area",
                "frame_length", "door_count", "window_area", "toilet_count", "septic_tank_count",
                "lighting_points", "socket_points", "drain_pipe_length", "water_pipe_length"]
    for name in additive:
        assert sum(s[name] for s in steps.values()) == pytest.approx(whole[name]), name
    # Growing in steps costs extra only where it must: doors cut into finished walls, and a gable
    # wall closing each step's roof.
    assert whole["demolition_area"] == 0 and sum(s["demolition_area"] for s in steps.values()) > 0
    assert sum(s["gable_wall_area"] for s in steps.values()) > whole["gable_wall_area"]


def test_core_house_grows_21_36_45():
    design = build_design(load_template("inti-6m"))
    assert [design.total_floor_area(s.number) for s in design.steps] == pytest.approx([21.0, 36.0, 45.0])


def test_door_cut_into_an_older_wall_is_demolition_not_a_hole():
    design = build_design(load_template("inti-6m"))
    steps = takeoff(design)
    cut = [o for o in design.openings if o.cut]
    assert cut, "the core house cuts its step 2 and 3 doors into finished back walls"
    for number, q in steps.items():
        assert q["demolition_area"] == pytest.approx(sum(o.area for o in cut if o.step == number))


def test_a_room_built_against_a_lower_roof_closes_the_wall_above_it():
    """deret-4m5 step 2 by hand: bedroom 1 (3.0 x 3.0 m) gets a shed roof whose high side leans on
    the front room's roof, whose back eave is at the wall plate on that line."""
    design = build_design(load_template("deret-4m5"))
    q = takeoff(design)[2]
    rise = 3.0 * math.tan(PITCH)                          # shed over a 3.0 m span: 1.732 m
    high_side = 3.0 * rise                                # strip under the high side, above the eave: 5.196 m2
    end = 0.5 * 3.0 * rise                                # each end: a right triangle, 2.598 m2
    # Right end: the kitchen's shed roof is at its low eave on that line, so the whole end stands;
    # left end: the party wall, built whole and paid at the party share (0.5).
    closing = high_side + end + 0.5 * end                 # 9.093 m2
    tops = 3.0 + 3.0 / math.cos(PITCH) + 0.5 * 3.0 / math.cos(PITCH)
    assert sum(w.area * w.share for r in design.roofs if r.step == 2 for w in r.closing) == pytest.approx(closing)
    assert q["gable_wall_area"] == pytest.approx(closing - GABLE_D * tops)      # 7.864 m2 of brick
    assert q["gable_beam_concrete_volume"] == pytest.approx(0.12 * GABLE_D * tops)


def test_a_roof_level_with_the_one_it_meets_needs_no_wall_there():
    # inti-6m: each step's gable roof has the span and pitch of the one before: the shared gable end
    # stands already (built with the earlier step), so a later step builds only its back gable.
    design = build_design(load_template("inti-6m"))
    gable = 0.5 * 6.0 * 3.0 * math.tan(PITCH)
    for step in (2, 3):
        walls = [w for r in design.roofs if r.step == step for w in r.closing]
        assert [(w.side, w.share) for w in walls] == [("back", 1.0)]
        assert walls[0].area == pytest.approx(gable)
    # risha-3x3: the family room's gable (3.0 m span) meets the core's back eave: its front gable stands.
    risha = build_design(load_template("risha-3x3"))
    small = 0.5 * 3.0 * 1.5 * math.tan(PITCH)              # 1.299 m2
    for step in (2, 3):
        walls = {w.side: w.area for r in risha.roofs if r.step == step for w in r.closing}
        assert walls == pytest.approx({"front": small, "back": small})


def test_two_roofs_of_one_step_share_their_closing_wall_once():
    # Two rooms side by side, each under a gable roof with its ridge front to back, the left one
    # 3 m wide and the right one 5 m wide: on their shared line the wider roof rises above the
    # narrower one; only that part is a wall, and it is counted once.
    spec = dict(PAIR, grid={"x": [3.0, 5.0], "y": [4.0]},
                roofs=[{"step": 1, "x": [0, 1], "y": [0, 1], "form": "gable", "ridge": "x"},
                       {"step": 1, "x": [1, 2], "y": [0, 1], "form": "gable", "ridge": "x"}])
    design = build_design(make_template(spec))
    # Ridge along x: both roofs are triangles of the same 4 m span on the shared line: same height.
    shared = [w for r in design.roofs for w in r.closing if (r.x0, w.side) in ((0.0, "right"), (3.0, "left"))]
    assert shared == []
    spec["roofs"] = [{"step": 1, "x": [0, 1], "y": [0, 1], "form": "gable", "ridge": "y"},
                     {"step": 1, "x": [1, 2], "y": [0, 1], "form": "shed", "high": "left"}]
    design = build_design(make_template(spec))
    # Left: gable ridge front to back, eave on the shared line (x = 3). Right: a shed 5 m wide whose
    # high side (5 tan 30 = 2.887 m) stands on that line above the left roof's eave: a 4 m x 2.887 m wall.
    walls = [(r.x0, w.side, w.area) for r in design.roofs for w in r.closing]
    assert (3.0, "left", pytest.approx(4.0 * 5.0 * math.tan(PITCH))) in walls
    assert not any(x0 == 0.0 and side == "right" for x0, side, _ in walls)
