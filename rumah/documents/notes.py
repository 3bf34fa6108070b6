"""Notes a plan carries for the technician and the family (a loan too big for the budget, rooms
added to a house too small, floor raisings late or leaving rooms too low), in words."""

from __future__ import annotations

import re

from .. import i18n
from ..i18n import N_, nt, t

#: A template parameter named in brackets after what it sets: " (plinth_height)".
_CHOICE = re.compile(r" \((?:[a-z]+_)+[a-z]+\)")
#: A side of the house, in words.
SIDES = {"back": N_("back"), "right": N_("right side")}

#: Figures of notes that are counts or months, not Rupiah.
#: Notes whose decimal figures are all lengths or heights, written to the centimetre.
LENGTH_NOTES = ("septic_off_plot", "floor_below_flood", "plot_too_small", "plot_too_wide")
PLAIN_FIGURES = ("month", "due", "count", "members", "number", "years", "now", "months", "sized", "start")


def note_sentence(kind: str, figures: dict, lang: str) -> str:
    """A note as a sentence of its own (a document's list of notes): capital first, full stop last.
    :func:`note_text` writes it to follow "Note:".  The choice a technician would change, named
    in brackets for them (``(plinth_height)``), is left out: the quote and the desk are read
    with the family."""
    text = _CHOICE.sub("", note_text(kind, figures, lang))
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def note_text(kind: str, figures: dict, lang: str) -> str:
    """One note of a plan in words: whole numbers as Rupiah (but counts and months), lengths and
    heights with a decimal comma, a side of the house in words."""
    shown = {k: i18n.rupiah(v, lang) if isinstance(v, int) and k not in PLAIN_FIGURES else
             i18n.plain(v, lang, 2) if isinstance(v, float) else v for k, v in figures.items()}
    if "where" in shown:
        shown["where"] = SIDES[shown["where"]](lang)
    if kind in LENGTH_NOTES:
        # Lengths and heights as a drawing gives them: 6,00 x 7,50 m, 0,50 m.
        shown |= {k: i18n.number(v, lang, 2) for k, v in figures.items() if isinstance(v, float)}
    if kind == "septic_off_plot":
        if figures.get("nearer"):
            where = t("set it {nearer} m from the house (septic_setback), or the builder places it where the plot "
                      "has room", lang, **shown)
        else:
            where = t("the builder places it where the plot has room", lang)
        return t("the septic tank, {setback} m in front of the house, needs {reach} m in front of its front wall, and "
                 "the plot leaves {room} m: {where}; the drawings show it in front", lang, **(shown | {"where": where}))
    if kind == "floor_below_flood":
        if not figures.get("now", figures["due"] <= 1):
            return t("the floor, {floor} m above the ground, will be less than {margin} m above the plot's last flood "
                     "({last} m) by month {due} as the land sinks: build it {needed} m high (plinth_height) to stay "
                     "above it {years} years longer, or plan to raise it then", lang, **shown)
        if figures["years"]:
            return t("the floor, {floor} m above the ground, is less than {margin} m above the plot's last flood "
                     "({last} m): build it {needed} m high (plinth_height), which stays above it for {years} years "
                     "of the land's sinking", lang, **shown)
        return t("the floor, {floor} m above the ground, is less than {margin} m above the plot's last flood "
                 "({last} m): build it {needed} m high (plinth_height)", lang, **shown)
    if kind == "loan_too_big":
        return t("loan {name}: instalment {instalment} is more than the {budget} for the house in the leanest month; "
                 "not considered", lang, **shown)
    if kind == "rooms_added":
        return nt("this house is too small for {members} persons: the plan adds {n} bedroom of {area} m² at the "
                  "{where} of the house (see the drawing of the rooms added); change it in the house data if need be",
                  "this house is too small for {members} persons: the plan adds {n} bedrooms of {area} m² in all at "
                  "the {where} of the house (see the drawing of the rooms added); change them in the house data if "
                  "need be", figures["count"], lang, **shown)
    if kind == "toilet_unplaced":
        return t("no corner of this house has room for a toilet room clear of its doors and windows: the new "
                 "toilet is priced without the walls and door of its room; decide where it goes and add them", lang)
    if kind == "raising_ring_beam":
        return t("the doors and windows set higher with floor raising {number} reach the house's old ring beam: keep "
                 "them under it (lower openings), or the builder decides how; cutting the ring beam weakens the "
                 "house, and lintels are not priced", lang, **shown)
    if kind == "raising_steps_plot":
        shown |= {k: i18n.number(figures[k], lang, 2) for k in ("reach", "free")}
        return t("after floor raising {number} the entrance steps reach {reach} m out from the front wall, and the "
                 "plot leaves at most {free} m in front of the house: they reach past the plot's front; make a way "
                 "in at the side or agree one with the neighbours", lang, **shown)
    if kind == "raising_walls":
        # Heights as a drawing gives them: 2,10 m.
        shown |= {k: i18n.number(figures[k], lang, 2) for k in ("left", "band", "least", "ahead") if k in figures}
        if figures.get("new_roof") and figures.get("ahead"):
            return t("floor raising {number} alone would leave the rooms {left} m high, less than {least} m: the walls "
                     "go up {band} m with it ({ahead} m of it for the next floor raising), on a new ring beam, and the "
                     "new roof the repairs bring is laid on them (priced in that raising)", lang, **shown)
        if figures.get("new_roof"):
            return t("floor raising {number} alone would leave the rooms {left} m high, less than {least} m: the walls "
                     "go up {band} m with it, on a new ring beam, and the new roof the repairs bring is laid on them "
                     "(priced in that raising)", lang, **shown)
        if figures.get("ahead"):
            return t("floor raising {number} alone would leave the rooms {left} m high, less than {least} m: the walls "
                     "go up {band} m with it ({ahead} m of it for the next floor raising), on a new ring beam, and the "
                     "roof is taken off and put back (priced in that raising)", lang, **shown)
        return t("floor raising {number} alone would leave the rooms {left} m high, less than {least} m: the walls "
                 "go up {band} m with it, on a new ring beam, and the roof is taken off and put back (priced in "
                 "that raising)", lang, **shown)
    if kind == "raising_with_grant":
        return t("the {height} m floor raising, due before month {due}, is built in month {month}, within the "
                 "grant's months: the grant pays for it, which later it would not", lang, **shown)
    if kind in ("plot_too_small", "plot_too_wide"):
        if kind == "plot_too_wide":
            said = t("the house stands between its neighbours' walls, but the plot ({plot_width} m wide) is wider than "
                     "its widest form ({widest} m): its side walls would stand alone, and they are not priced", lang,
                     **shown)
        elif figures.get("steps"):
            # (Plans saved before the steps counted have no "steps".)
            said = t("the whole house ({width} x {depth} m, and its entrance steps {steps} m out from its walls) does "
                     "not fit the plot ({plot_width} x {plot_depth} m): it cannot be built there as planned", lang,
                     **shown)
        else:
            said = t("the whole house ({width} x {depth} m) does not fit the plot ({plot_width} x {plot_depth} m): it "
                     "cannot be built there as planned", lang, **shown)
        if not figures["fitting"]:
            return said + "; " + t("no bundled house type both fits the plot and houses the family", lang)
        return said + "; " + t("house types that fit the plot and house the family: {fitting}", lang, **shown)
    if kind in ("waits_for_grant", "grant_not_waited"):
        return _grant_wait_text(kind, figures, shown, lang)
    if kind == "raising_short":
        shown["short"] = i18n.number(figures["short"], lang, 2)
        return t("floor raising {number} is worked out for month {sized} but can be made only in month {month}: "
                 "the land sinks {short} m more by then; raise it that much higher", lang, **shown)
    if kind == "raising_late":
        return t("the {height} m floor raising is due in month {due} but can only be paid in month {month}", lang,
                 **shown)
    return t("the {height} m floor raising (due before month {due}) cannot be paid within this plan", lang, **shown)


def _grant_wait_text(kind: str, figures: dict, shown: dict, lang: str) -> str:
    """Why the work waits for a grant in kind, or why it does not (rumah.plan.planner
    ``_waiting_for_grants``): the months, and the grant money kept or lost.  For a house never
    livable in its plan, the months are those its work is done sooner or later."""
    months, livable = figures["months"], figures.get("livable", True)
    if kind == "grant_not_waited":
        if livable:
            return nt("waiting for {grant} in month {month} before starting would use {kept} more grant money, but "
                      "the house would be livable {months} month later: the plan starts sooner with the family's "
                      "own money",
                      "waiting for {grant} in month {month} before starting would use {kept} more grant money, but "
                      "the house would be livable {months} months later: the plan starts sooner with the family's "
                      "own money", months, lang, **shown)
        return nt("waiting for {grant} in month {month} before starting would use {kept} more grant money, but the "
                  "work would be done {months} month later: the plan starts sooner with the family's own money",
                  "waiting for {grant} in month {month} before starting would use {kept} more grant money, but the "
                  "work would be done {months} months later: the plan starts sooner with the family's own money",
                  months, lang, **shown)
    if figures.get("start") is not None:
        # Started shortly before the grant comes, with what the family's money pays.
        if not months:
            return t("the work starts in month {start}, shortly before {grant} comes in month {month}: started "
                     "sooner with the family's own money, it would leave {kept} of grant money unused and lost",
                     lang, **shown)
        if livable:
            return nt("the work starts in month {start}, shortly before {grant} comes in month {month}: started "
                      "sooner with the family's own money, the house would be livable {months} month sooner, but "
                      "{kept} of grant money would be unused and lost, more than the family puts into its house in "
                      "that month",
                      "the work starts in month {start}, shortly before {grant} comes in month {month}: started "
                      "sooner with the family's own money, the house would be livable {months} months sooner, but "
                      "{kept} of grant money would be unused and lost, more than the family puts into its house in "
                      "those months", months, lang, **shown)
        return nt("the work starts in month {start}, shortly before {grant} comes in month {month}: started sooner "
                  "with the family's own money, it would be done {months} month sooner, but {kept} of grant money "
                  "would be unused and lost, more than the family puts into its house in that month",
                  "the work starts in month {start}, shortly before {grant} comes in month {month}: started sooner "
                  "with the family's own money, it would be done {months} months sooner, but {kept} of grant money "
                  "would be unused and lost, more than the family puts into its house in those months",
                  months, lang, **shown)
    if not months:
        return t("the work waits for {grant} in month {month}: started sooner with the family's own money, it would "
                 "leave {kept} of grant money unused and lost", lang, **shown)
    if livable:
        return nt("the work waits for {grant} in month {month}: started sooner with the family's own money, the house "
                  "would be livable {months} month sooner, but {kept} of grant money would be unused and lost, more "
                  "than the family puts into its house in that month",
                  "the work waits for {grant} in month {month}: started sooner with the family's own money, the house "
                  "would be livable {months} months sooner, but {kept} of grant money would be unused and lost, more "
                  "than the family puts into its house in those months", months, lang, **shown)
    return nt("the work waits for {grant} in month {month}: started sooner with the family's own money, it would be "
              "done {months} month sooner, but {kept} of grant money would be unused and lost, more than the family "
              "puts into its house in that month",
              "the work waits for {grant} in month {month}: started sooner with the family's own money, it would be "
              "done {months} months sooner, but {kept} of grant money would be unused and lost, more than the family "
              "puts into its house in those months", months, lang, **shown)
