"""Hypothesis strategies shared by the property tests."""

from __future__ import annotations

from hypothesis import strategies as st

from rumah.house.template import load_template, template_paths

TEMPLATES = {name: load_template(name) for name in template_paths()}
REGIONS = ["kendal", "surakarta", "semarang", "madiun", "pekalongan", "tangerang"]


@st.composite
def parameter_values(draw, template_id: str) -> dict:
    """Random values for a template's parameters, each inside its allowed range."""
    template = TEMPLATES[template_id]
    values = {}
    for name, p in template.parameters.items():
        if not draw(st.booleans()):
            continue
        if p.kind == "number":
            values[name] = draw(st.floats(p.minimum, p.maximum, allow_nan=False))
        elif p.kind == "choice":
            values[name] = draw(st.sampled_from(sorted(p.choices)))
        else:
            values[name] = draw(st.booleans())
    roof = template.parameters["roof"].choices[values.get("roof", template.parameters["roof"].default)]
    low = float(roof.attrs.get("min_pitch", 0))
    pitch = template.parameters["roof_pitch"]
    values["roof_pitch"] = draw(st.floats(max(low, pitch.minimum), pitch.maximum))
    return values


@st.composite
def houses(draw) -> tuple[str, dict]:
    template_id = draw(st.sampled_from(sorted(TEMPLATES)))
    return template_id, draw(parameter_values(template_id))
