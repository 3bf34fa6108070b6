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
NCOL = 9                                   # columns of the plain house (test_plain_house_has_corner_and_jamb_columns)


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
    # Four corners, and columns inside each wall longer than 3 m (4 m and 5 m walls): NCOL = 9.
    assert q["column_count"] == NCOL
    inner = sorted((round(c.x, 3), round(c.y, 3)) for c in design.columns if not c.node)
    # The front wall's mid column would stand in the 0.9 m door at x = 2.0: it moves to the jamb,
    # leaving panels of 1.475 and 2.525 m.
    assert (2.0 - 0.45 - COL / 2, 0.0) in inner
    # The left wall's mid column would stand in the 1.2 m window at y = 2.5; at its jamb (1.825 m)
    # it would leave a 3.175 m panel, so the 5 m wall takes two, at 1.667 and 3.333 m, clear of it.
    assert [(x, y) for x, y in inner if x == 0.0] == [(0.0, 1.667), (0.0, 3.333)]


def test_plain_house_walls_and_finishes_by_hand(plain):
    _, q = plain
    length = 18.0
    brick = (length - COL * NCOL) * H - DOOR - WINDOW    # each column takes its width from a wall
    assert q["wall_area"] == pytest.approx(brick)          # 46.62 m2
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
    assert q["column_concrete_volume"] == pytest.approx(NCOL * COL * COL * H)
    assert q["ring_beam_concrete_volume"] == pytest.approx(RING_W * RING_D * 18)
    rake = 4 / math.cos(PITCH)                             # both halves of one gable's top edge
    lap = 40 * 0.010                                       # 40 d of a dia 10 bar: 0.40 m
    # Four walls meeting at four corners: each wall's bars are bent 40 d into the wall it meets at
    # both ends, in the sloof and in the ring beam; each gable frame anchors 40 d at both ends;
    # each column's bars run 40 d into the sloof and into the ring beam. No bar is over 12 m.
    beams = 2 * 4 * (18 + 4 * 2 * lap)
    gables = 2 * 4 * (rake + 2 * lap)
    columns = NCOL * 4 * (H + 2 * lap)
    assert q["rebar_d10_mass"] == pytest.approx((beams + gables + columns) * 7850 * math.pi / 4 * 0.01 ** 2)
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
    cement = (163 * (q["foundation_volume"] + q["entrance_steps_volume"])  # 2.2.2.1.6 stone masonry
              + 11.5 * (q["wall_area"] + q["gable_wall_area"])  # 3.6.1.8 wall mortar
              + 6.24 * (q["plaster_area"] + q["entrance_steps_plaster_area"])  # 3.7.4 plaster
              + 3.25 * q["skim_area"]                           # 3.7.8 skim coat
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


def test_stirrups_run_from_one_end_of_each_member_to_the_other(plain):
    """Stirrups at 15 cm: a 3.0 m column holds 3.0 / 0.15 + 1 = 21, not 20; a 4 m sloof
    ceil(4 / 0.15) + 1 = 28, a 5 m one 35; a gable frame over a 4 m span (4.619 m along its
    two rakes) 31 + 1 = 32."""
    design, q = plain
    one = {"sloof": 2 * ((SLOOF_W - 0.03) + (SLOOF_D - 0.03)) + 0.15,      # 2 x (0.12 + 0.17) + two hooks
           "column": 2 * ((COL - 0.03) + (COL - 0.03)) + 0.15,
           "ring": 2 * ((RING_W - 0.03) + (RING_D - 0.03)) + 0.15,
           "gable": 2 * ((0.12 - 0.03) + (GABLE_D - 0.03)) + 0.15}
    assert sorted(w.length for w in design.walls) == [4.0, 4.0, 5.0, 5.0]
    beams = 2 * 28 + 2 * 35                                 # per beam line: two 4 m and two 5 m walls
    lower = beams * one["sloof"] + NCOL * 21 * one["column"]
    upper = beams * one["ring"] + 2 * 32 * one["gable"]
    assert q["rebar_d8_lower_mass"] == pytest.approx(lower * BAR_MASS[8])
    assert q["rebar_d8_upper_mass"] == pytest.approx(upper * BAR_MASS[8])
    # Member by member (what a repair that builds only some members buys).
    assert q["rebar_d8_sloof_mass"] == pytest.approx(beams * one["sloof"] * BAR_MASS[8])
    assert q["rebar_d8_column_mass"] == pytest.approx(NCOL * 21 * one["column"] * BAR_MASS[8])
    assert q["rebar_d8_ring_mass"] == pytest.approx(beams * one["ring"] * BAR_MASS[8])
    assert q["rebar_d8_gable_mass"] == pytest.approx(2 * 32 * one["gable"] * BAR_MASS[8])


def test_long_bars_are_lapped_and_straight_joints_lap_once():
    from rumah.cost.takeoff import bar_length
    # 12 m stock bars, 0.40 m laps: a 20 m bar line takes two stock bars and one lap; 30 m takes
    # three bars (12 + 11.6 + 6.8 of the third) and two laps.
    assert bar_length(11.9, 0.4) == pytest.approx(11.9)
    assert bar_length(20.0, 0.4) == pytest.approx(20.4)
    assert bar_length(30.0, 0.4) == pytest.approx(30.8)
    # Two rooms side by side: the front and back walls run on through the node where the shared
    # wall meets them, each in two 3 m halves that lap once there, 20 d from each half.
    design = build_design(make_template(PAIR))
    q = takeoff(design)[1]
    lap = 0.4
    assert sorted(w.length for w in design.walls if w.along == "x") == [3.0] * 4
    # 4 x-walls of 3 m: one corner end (40 d) and one straight end (20 d) each; 3 y-walls of 4 m
    # anchor at both ends (the two sides at corners, the shared wall at T-junctions).
    sloof = 4 * (4 * (3 + lap + lap / 2) + 3 * (4 + 2 * lap))
    columns = 4 * q["column_count"] * (H + 2 * lap)
    assert q["rebar_d10_lower_mass"] == pytest.approx((sloof + columns) * BAR_MASS[10])
    assert q["rebar_d10_sloof_mass"] == pytest.approx(sloof * BAR_MASS[10])
    assert q["rebar_d10_column_mass"] == pytest.approx(columns * BAR_MASS[10])
    assert q["rebar_d10_ring_mass"] + q["rebar_d10_gable_mass"] == pytest.approx(q["rebar_d10_upper_mass"])


def test_window_sash_is_the_frame_opening_not_the_wall_opening(plain):
    _, q = plain
    # The 1.2 x 1.2 m window's 6/12 frame shows 6 cm all round: a 1.08 x 1.08 m sash (1.1664 m2).
    assert q["window_area"] == pytest.approx((1.2 - 0.12) * (1.2 - 0.12))
    assert q["frame_length"] == pytest.approx(2 * 2.1 + 0.9 + 4 * 1.2)


def test_floor_fill_uses_the_dug_soil_first():
    design = build_design(make_template(PLAIN))
    q = takeoff(design)[1]
    # 0.3 m plinth: 3.17 m3 of fill, and the trenches leave 18 x (0.06 + 0.27) m3 of soil over.
    assert q["excavation_volume"] - q["backfill_volume"] > q["floor_fill_volume"] > 0
    assert q["floor_fill_site_volume"] == pytest.approx(q["floor_fill_volume"])
    assert q["floor_fill_bought_volume"] == pytest.approx(0.0)
    # A 1.0 m plinth on a flood plot: 18.6725 x (1.0 - 0.13) = 16.245 m3 of fill. Per metre of wall
    # the trench (0.8 x 0.7) gives back its bedding (0.6 x 0.1) and the stone below ground: the
    # foundation is 1.4 m high, 0.6 - 0.3 x 0.6 / 1.4 = 0.4714 m wide at the ground, so
    # (0.6 + 0.4714) / 2 x 0.6 = 0.3214 m2; 18 x 0.3814 = 6.866 m3 of dug soil; 9.379 m3 bought.
    high = takeoff(build_design(make_template(PLAIN), {"plinth_height": 1.0}))[1]
    spoil = 18 * (0.6 * 0.1 + (0.6 + (0.6 - 0.3 * 0.6 / 1.4)) / 2 * 0.6)
    assert high["floor_fill_volume"] == pytest.approx((4 - T) * (5 - T) * (1.0 - 0.13))
    assert high["floor_fill_site_volume"] == pytest.approx(spoil)
    assert high["floor_fill_bought_volume"] == pytest.approx(high["floor_fill_volume"] - spoil)


def test_a_column_moved_to_a_jamb_never_leaves_a_panel_wider_than_the_spacing():
    # A 5.8 m front wall with a 1.6 m window in its middle: one column at 2.9 m would move to the
    # window's jamb at 2.9 - 0.8 - 0.075 = 2.025 m and leave a 3.775 m panel, over the 3 m rule.
    # Two columns at 5.8 / 3 = 1.933 and 3.867 m stand clear of the window (2.025 to 3.775 m).
    spec = dict(PLAIN, grid={"x": [5.8], "y": [3.0]},
                openings=[{"id": "J1", "type": "window_large", "room": "room", "side": "front", "at": 0.5},
                          {"id": "D1", "type": "door_main", "room": "room", "side": "left", "at": 0.5}],
                roofs=[{"step": 1, "x": [0, 1], "y": [0, 1], "form": "gable", "ridge": "x"}])
    design = build_design(make_template(spec))
    front = sorted(c.x for c in design.columns if abs(c.y) < 1e-9)
    assert front == pytest.approx([0.0, 5.8 / 3, 2 * 5.8 / 3, 5.8])
    assert all(b - a <= 3.0 + 1e-9 for a, b in zip(front, front[1:]))


def test_entrance_steps_by_hand_for_a_one_metre_plinth():
    # A 1.0 m plinth: risers of at most 0.20 m give 5 of 0.20 m; the 0.9 m door with 0.15 m each
    # side makes the flight 1.2 m wide; a 0.9 m landing at floor level, then 4 treads of 0.30 m.
    # Side profile: the landing 0.9 x 1.0, the treads 0.3 x (0.2 + 0.4 + 0.6 + 0.8) = 0.6 m2.
    q = takeoff(build_design(make_template(PLAIN), {"plinth_height": 1.0}))[1]
    width, profile = 0.9 + 2 * 0.15, 0.9 * 1.0 + 0.3 * (0.2 + 0.4 + 0.6 + 0.8)
    assert q["entrance_steps_volume"] == pytest.approx(width * profile)                 # 1.80 m3
    top, risers = width * (0.9 + 4 * 0.3), width * 1.0                                   # 2.52, 1.2 m2
    assert q["entrance_steps_plaster_area"] == pytest.approx(top + risers + 2 * profile)  # 6.72 m2


def test_entrance_steps_by_hand_for_the_default_plinth(plain):
    # 0.3 m: two risers of 0.15 m (one of 0.3 m is over 0.20): the landing and one tread.
    _, q = plain
    width, profile = 1.2, 0.9 * 0.3 + 0.3 * 0.15
    assert q["entrance_steps_volume"] == pytest.approx(width * profile)                 # 0.378 m3
    assert q["entrance_steps_plaster_area"] == pytest.approx(width * 1.2 + width * 0.3 + 2 * profile)


def test_a_floor_one_riser_above_the_ground_has_no_entrance_steps(catalog, surakarta):
    # 0.20 m is one riser: the door's sill is the step, and the bill has no steps line.
    design = build_design(make_template(PLAIN), {"plinth_height": 0.2})
    assert design.entrances == ()
    bill = price_bill(design, catalog.edition, surakarta, catalog.resources, catalog.bill_map)
    assert not [line for line in bill.steps[0].lines if line.quantity_name.startswith("entrance_steps")]
    assert takeoff(build_design(make_template(PLAIN), {"plinth_height": 0.21}))[1]["entrance_steps_volume"] > 0


def test_entrance_steps_are_built_with_the_door_from_the_street():
    # inti-6m: the front door is built in step 1 and gets the steps; the back kitchen's door to
    # the yard (step 3) gets none yet (rumah/house/design.py: _entrances), nor do interior doors.
    design = build_design(load_template("inti-6m"), {"plinth_height": 0.9})
    assert [(e.door, e.step, e.direction) for e in design.entrances] == [("D1", 1, (0, -1))]
    q = takeoff(design)
    assert q[1]["entrance_steps_volume"] == pytest.approx(design.entrances[0].volume)
    assert q[2]["entrance_steps_volume"] == q[3]["entrance_steps_volume"] == 0.0


def test_a_door_onto_an_inner_court_gets_no_steps():
    # deret-4m5: the kitchen's and the back bedroom's doors open onto the light court, inside the
    # house's outline; only the front door gets steps.
    design = build_design(load_template("deret-4m5"), {"plinth_height": 0.9})
    assert [e.door for e in design.entrances] == ["D1"]


def test_a_roof_continued_by_later_steps_is_paid_once_over_its_whole_length():
    # inti-6m's core gable (ridge front to back) is carried on backwards by steps 2 and 3 with the
    # same section.  The core's back overhang, built while that side was open air, is the start of
    # step 2's roof, not covered again: the three steps' roofs add up to one roof over the
    # finished house, 2 x (6/2 + 0.6) / cos 30° x (7.5 + 2 x 0.6) = 72.33 m2, ridge 8.7 m.
    design = build_design(load_template("inti-6m"))
    q = takeoff(design)
    width, depth = design.xs[-1] - design.xs[0], design.ys[-1] - design.ys[0]
    overhang, pitch = float(design.values["overhang"]), math.radians(float(design.values["roof_pitch"]))
    assert (width, depth, overhang) == (6.0, 7.5, 0.6)
    whole = 2 * (width / 2 + overhang) / math.cos(pitch) * (depth + 2 * overhang)
    assert sum(q[s]["roof_area"] for s in q) == pytest.approx(whole) == pytest.approx(72.33, abs=0.01)
    assert sum(q[s]["ridge_length"] for s in q) == pytest.approx(depth + 2 * overhang)
    # Step 2 alone: its 2.5 m of house, its own back overhang (open air until step 3), less the
    # core's 0.6 m it starts from.
    assert q[2]["ridge_length"] == pytest.approx(2.5 + 0.6 - 0.6)


def test_a_roof_met_along_part_of_a_side_overhangs_along_the_rest():
    # An L: a 7 x 4 m front room under a gable ridged left to right, and a 3 x 3 m room behind its
    # right 3 m under a gable ridged front to back, both in step 1.  The front roof's back eave
    # is met by the back roof along x 4..7 only: it overhangs along x 0..4, where the wall below
    # faces the rain.  By hand, overhang 0.5 m, pitch 30 degrees, in plan:
    #   front roof: 7 x 4, strips 0.5 x (7 front + 4 back + 4 left + 4 right), corner pieces at
    #     front-left, front-right and back-left (back-right is where the other roof meets it);
    #   back roof: 3 x 3, strips 0.5 x (3 back + 3 left + 3 right), its two back corners.
    # (The piece where the front roof's back overhang and the back roof's left overhang meet, in
    # the valley, is counted with both: the valley's sheets are cut and lapped there.)
    ell = make_template(PAIR, id="ell", grid={"x": [4.0, 3.0], "y": [4.0, 3.0]},
                        rooms=[{"id": "a", "type": "living", "step": 1, "x": [0, 2], "y": [0, 1]},
                               {"id": "b", "type": "bedroom", "step": 1, "x": [1, 2], "y": [1, 2]}],
                        openings=[{"id": "D1", "type": "door_main", "room": "a", "side": "front", "at": 0.5},
                                  {"id": "D2", "type": "door", "room": "b", "side": "right", "at": 0.5}],
                        roofs=[{"step": 1, "x": [0, 2], "y": [0, 1], "form": "gable", "ridge": "x"},
                               {"step": 1, "x": [1, 2], "y": [1, 2], "form": "gable", "ridge": "y"}])
    design = build_design(ell, {"overhang": 0.5, "roof_pitch": 30})
    front, back = design.roofs
    assert front.open["back"] == ((0.0, 4.0),) and not front.free["back"] and front.overhang["back"] == 0.5
    assert back.open["front"] == () and back.overhang["front"] == 0.0
    o, cos = 0.5, math.cos(math.radians(30))
    front_plan = 7 * 4 + o * (7 + 4 + 4 + 4) + 3 * o * o
    back_plan = 3 * 3 + o * (3 + 3 + 3) + 2 * o * o
    q = takeoff(design)[1]
    assert q["roof_area"] == pytest.approx((front_plan + back_plan) / cos)        # 60,33 m2
    # Ridges: the front roof's reaches over both open ends; the back roof's over its back only.
    assert q["ridge_length"] == pytest.approx((7 + 2 * o) + (3 + o))
    # Fascia along the eaves: the front roof's front (7 m and both end overhangs), its back along
    # its open 4 m and the left end's overhang; the back roof's sides, 3 m each and the back
    # overhang.  Up the slopes, in plan: the front roof's left end (4 m and both eave overhangs),
    # its right end (4 m and the front eave's overhang), the back roof's back end (3 m and both).
    eaves = (7 + 2 * o) + (4 + o) + 2 * (3 + o)
    barges = (4 + 2 * o) + (4 + o) + (3 + 2 * o)
    assert q["fascia_length"] == pytest.approx(eaves + barges / cos)


def test_a_continued_roof_met_along_part_of_an_eave_is_paid_for_what_it_covers():
    # Step 1 roofs a 6 x 3,5 m room (gable ridged front to back); step 2 carries the roof on over a
    # 6 x 2,5 m room behind it and leans a shed against its right eave over a 1,5 x 1,5 m kitchen
    # at the back.  By hand, in plan, overhang 0,6 m: step 2's gable is 6 x 2,5, its left eave's
    # strip 0,6 x 2,5, its right eave's along the 1 m the kitchen leaves open, its back end 0,6 x 6
    # with the back-left corner piece, less step 1's back overhang it starts from (0,6 deep, across
    # the 6 m and both eaves' overhangs, open where they meet it).
    cont = make_template(PAIR, id="cont", grid={"x": [6.0, 1.5], "y": [3.5, 1.0, 1.5]},
                         steps=[{"step": n, "name": {"id": f"T{n}", "en": f"S{n}"}} for n in (1, 2)],
                         rooms=[{"id": "a", "type": "living", "step": 1, "x": [0, 1], "y": [0, 1]},
                                {"id": "b", "type": "bedroom", "step": 2, "x": [0, 1], "y": [1, 3]},
                                {"id": "c", "type": "kitchen", "step": 2, "x": [1, 2], "y": [2, 3]}],
                         openings=[{"id": "D1", "type": "door_main", "room": "a", "side": "front", "at": 0.5},
                                   {"id": "D2", "type": "door", "room": "b", "side": "left", "at": 0.5},
                                   {"id": "D3", "type": "door", "room": "c", "side": "back", "at": 0.5}],
                         roofs=[{"step": 1, "x": [0, 1], "y": [0, 1], "form": "gable", "ridge": "y"},
                                {"step": 2, "x": [0, 1], "y": [1, 3], "form": "gable", "ridge": "y"},
                                {"step": 2, "x": [1, 2], "y": [2, 3], "form": "shed", "high": "left"}])
    design = build_design(cont, {"overhang": 0.6, "roof_pitch": 30})
    o, cos = 0.6, math.cos(math.radians(30))
    gable = 6 * 2.5 + o * 2.5 + o * 1.0 + o * 6 + o * o - o * (6 + 2 * o)
    # The kitchen's shed: 1,5 x 1,5, its low right side's strip, its open front and back ends'
    # strips (the front's corner piece with the right side too, the back's as well).
    shed = 1.5 * 1.5 + o * 1.5 + o * 1.5 + o * 1.5 + 2 * o * o
    assert takeoff(design)[2]["roof_area"] == pytest.approx((gable + shed) / cos)


def test_deret_4m5_first_roof_overhangs_the_living_room_back_wall_until_the_bedroom_comes():
    # The kitchen's roof meets the first roof's back eave along the service bay only; the rest
    # of that eave stands over the living room's back wall, an outside wall until step 2.
    design = build_design(load_template("deret-4m5"))
    first = design.roofs[0]
    main_bay = design.xs[1] - design.xs[0]
    assert first.open["back"] == ((design.xs[0], design.xs[1]),) and first.hang("back", main_bay / 2) > 0
    # Party walls left and right: no overhang there, so no corner pieces.
    assert first.open["left"] == first.open["right"] == ()


def test_a_continued_roof_never_goes_below_nothing_and_a_surveyed_roof_is_not_assumed():
    # A step filling a 1,2 m gap between two roofs of its section, under 1 m overhangs from both:
    # nothing left to roof (not a negative length).
    gap = make_template(PLAIN, id="gap", grid={"x": [4.0], "y": [3.0, 1.2, 3.0]},
                        steps=[{"step": n, "name": {"id": f"T{n}", "en": f"S{n}"}} for n in (1, 2, 3)],
                        rooms=[{"id": f"r{n}", "type": "living", "step": n, "x": [0, 1], "y": y}
                               for n, y in ((1, [0, 1]), (2, [2, 3]), (3, [1, 2]))],
                        openings=[{"id": f"D{n}", "type": "door_main", "room": f"r{n}", "side": side, "at": 0.5}
                                  for n, side in ((1, "front"), (2, "back"), (3, "left"))],
                        roofs=[{"step": n, "x": [0, 1], "y": y, "form": "gable", "ridge": "y"}
                               for n, y in ((1, [0, 1]), (2, [2, 3]), (3, [1, 2]))])
    q = takeoff(build_design(gap, {"overhang": 1.0}))
    assert q[3]["roof_area"] == 0.0 and q[3]["ridge_length"] == 0.0
    assert q[2]["ridge_length"] == pytest.approx(3.0 + 2 * 1.0)       # both its ends open air when built
    # Rooms added behind a surveyed house deeper than wide, whose ridge runs from front to back:
    # they carry on the same roof section, and the survey says nothing of the old roof's overhang
    # at the back, so the new roof is measured from the wall, as before.
    from rumah.plan.household import parse_household
    from rumah.schema import Where
    raw = {"name": "Uji", "members": 4, "region": "madiun", "income_monthly": 2_800_000, "existing_house": {
        "grid": {"x": [3.0, 3.0], "y": [6.5, 3.0]},
        "rooms": [{"id": "tamu", "type": "living", "x": [0, 1], "y": [0, 1]},
                  {"id": "kamar", "type": "bedroom", "x": [1, 2], "y": [0, 1]},
                  {"id": "dapur", "type": "kitchen", "x": [0, 1], "y": [1, 2], "new": True},
                  {"id": "wc", "type": "bathroom", "x": [1, 2], "y": [1, 2], "new": True}],
        "openings": [{"id": "P1", "type": "door_main", "room": "tamu", "side": "front", "at": 0.25},
                     {"id": "P2", "type": "door", "room": "kamar", "side": "left"},
                     {"id": "P5", "type": "door_wc", "room": "wc", "side": "left", "new": True},
                     {"id": "J1", "type": "window", "room": "tamu", "side": "front", "at": 0.7},
                     {"id": "J2", "type": "window", "room": "kamar", "side": "front"},
                     {"id": "J4", "type": "window_small", "room": "wc", "side": "right"},
                     {"id": "P6", "type": "door", "room": "dapur", "side": "front", "new": True},
                     {"id": "P7", "type": "door", "room": "dapur", "side": "back", "new": True}],
        "roof": {"covering": "clay_tile", "frame": "timber", "condition": "good"},
        "walls": {"material": "brick_unplastered", "condition": "good"}, "floor": "screed",
        "structure": {"foundation": True, "sloof": True, "columns": True, "ring_beam": True},
        "toilet": False, "septic_tank": False}}
    design = parse_household(raw, Where("ada.yaml")).existing.design
    added = [r for r in design.roofs if r.step == 2]
    assert len(added) == 1 and (added[0].form, added[0].ridge) == ("gable", "y")
    assert takeoff(design)[2]["ridge_length"] == pytest.approx(3.0 + 0.6)


def test_a_timber_roof_has_its_purlins_and_trusses_by_hand(catalog, surakarta):
    # The plain house (4 x 5 m, ridge front to back) with a timber roof: each slope runs
    # 2 / cos 30° = 2.31 m from the wall plate to the ridge, so two lines a slope (plate and one
    # purlin, 1.2 m apart at most) and the ridge: 5 lines of balok 6/12, each the ridge's run,
    # 5 + 2 x 0.6 m.  The gables stand 5 m apart, more than a purlin spans (3.5 m): one king-post
    # truss between them across the 4 m span: tie 4, rafters 2 x 2 / cos 30°, king post
    # 2 tan 30°, two struts from its foot to the rafters' middles, each hypot(1, tan 30°).
    timber = build_design(make_template(PLAIN), {"roof": "timber_clay_tile"})
    q = takeoff(timber)[1]
    section = 0.06 * 0.12
    assert q["purlin_volume"] == pytest.approx(5 * (5 + 2 * OVERHANG) * section)               # 0.2232
    members = 4 + 4 / math.cos(PITCH) + 2 * math.tan(PITCH) + 2 * math.hypot(1, math.tan(PITCH))
    assert q["truss_volume"] == pytest.approx(members * section)                              # 0.1044
    # A light-steel truss holds its own purlins: no timber lines in the bill.
    steel = takeoff(build_design(make_template(PLAIN)))[1]
    assert steel["purlin_volume"] == steel["truss_volume"] == 0
    # Priced by AHSP 2.1.2.3 and 2.1.2.1 in the roof group, and the bill adds up.
    bill = price_bill(timber, catalog.edition, surakarta, catalog.resources, catalog.bill_map)
    lines = {line.code: line for step in bill.steps for line in step.lines}
    assert lines["2.1.2.3"].quantity == pytest.approx(q["purlin_volume"]) and lines["2.1.2.3"].group == "roof"
    assert lines["2.1.2.1"].quantity == pytest.approx(q["truss_volume"])
    plain = price_bill(build_design(make_template(PLAIN)), catalog.edition, surakarta, catalog.resources,
                       catalog.bill_map)
    assert "2.1.2.3" not in {line.code for step in plain.steps for line in step.lines}


def test_gables_close_enough_need_no_truss_and_purlins_follow_the_roof_continued():
    # inti-6m with timber: the core roof (3.5 m between its gables) has no truss; its purlins run
    # the core's ridge, 3.5 + 2 x 0.6 m, 7 lines (three a slope of 3 / cos 30° = 3.46 m, and the
    # ridge); the later steps carry them on from where the core's overhang ends.
    design = build_design(load_template("inti-6m"), {"roof": "timber_clay_tile"})
    q = takeoff(design)
    section = 0.06 * 0.12
    assert q[1]["truss_volume"] == 0
    assert q[1]["purlin_volume"] == pytest.approx(7 * (3.5 + 2 * 0.6) * section)              # 0.2369
    assert sum(q[s]["purlin_volume"] for s in q) == pytest.approx(7 * (7.5 + 2 * 0.6) * section)
