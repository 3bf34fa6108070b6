"""Synthetic MBR households for benchmarks, tests and the bundled example list.

Assumptions (stated, not measured from a survey):

* districts: the bundled price lists, equally likely;
* household size 2 to 7, most often 3 to 5 (BPS puts the average Indonesian household near 3.8);
* monthly income log-normal around Rp 3.2 juta, kept between Rp 1.2 juta and Rp 8.5 juta (the
  zone-1 income ceiling for low-income households, Permen PKP 5/2025, DOMAIN.md section 1);
* 20-35 % of income for the house, savings 0 to 4 months of income;
* 40 % receive a BSPS grant (Rp 20 juta, 17.5 juta of it materials and 2.5 juta wages, in two
  tranches, spent within 12 months; Permen PKP 10/2025) in one of the first 12 months;
* 35 % are offered a KUR-style loan of Rp 10-25 juta at 6 % a year over 24-60 months;
* north-coast districts (Kendal, Batang, Pekalongan, Pemalang, Semarang) raise the floor
  (plinth 0.5-1.0 m) in half the cases; half build with community labour (gotong royong).
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator

from .batch import COLUMNS

REGIONS = ("kendal", "batang", "pekalongan", "pemalang", "semarang", "semarang-kab", "surakarta", "banjar",
           "madiun", "tangerang")
COASTAL = {"kendal", "batang", "pekalongan", "pemalang", "semarang"}
TEMPLATES = ("inti-6m", "deret-4m5", "risha-3x3")
SIZES = (2, 3, 3, 4, 4, 4, 5, 5, 6, 7)
NAMES = {"Bapak": ("Slamet", "Tarno", "Budi", "Joko", "Agus", "Bambang", "Hadi", "Eko", "Darmo", "Heru"),
         "Ibu": ("Wulan", "Sri", "Siti", "Ani", "Dewi", "Yuni", "Rina", "Sumarni", "Lestari", "Ningsih")}

FIELDS = ("id", "name", "members", "adults", "children", "region", "income_monthly", "housing_share", "savings",
          "grant_name", "grant_kind", "grant_amount", "grant_month", "grant_materials", "loan_name", "loan_amount",
          "loan_rate",
          "loan_tenor", "template", "labour", "horizon_months", "param_plinth_height")
assert set(FIELDS) <= set(COLUMNS) | {"param_plinth_height"}


def households(count: int, seed: int = 1) -> Iterator[dict[str, str]]:
    """``count`` CSV rows (cells as text), the same for the same seed."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    for k in range(count):
        members = rng.choice(SIZES)
        adults = 2 if members > 2 or rng.random() < 0.8 else 1
        income = min(8_500_000, max(1_200_000, int(round(math.exp(rng.gauss(math.log(3_200_000), 0.4)), -4))))
        region = rng.choice(REGIONS)
        row = {field: "" for field in FIELDS}
        title = "Bapak" if rng.random() < 0.6 else "Ibu"
        row |= {"id": f"H{k + 1:07d}", "name": f"Keluarga {title} {rng.choice(NAMES[title])}", "members": str(members),
                "adults": str(adults), "children": str(members - adults), "region": region,
                "income_monthly": str(income), "housing_share": f"{rng.choice((0.2, 0.25, 0.3, 0.35)):.2f}",
                "savings": str(int(round(income * rng.uniform(0, 4), -4))), "template": rng.choice(TEMPLATES),
                "labour": rng.choice(("paid", "gotong_royong")), "horizon_months": "120"}
        if rng.random() < 0.40:
            row |= {"grant_name": "BSPS", "grant_kind": "bsps", "grant_amount": "20000000",
                    "grant_month": str(rng.randint(1, 12)), "grant_materials": "17500000"}
        if rng.random() < 0.35:
            row |= {"loan_name": "KUR", "loan_amount": str(rng.choice((10, 15, 20, 25)) * 1_000_000),
                    "loan_rate": "0.06", "loan_tenor": str(rng.choice((24, 36, 48, 60)))}
        if region in COASTAL and rng.random() < 0.5:
            row["param_plinth_height"] = rng.choice(("0.5", "0.8", "1.0"))
        yield row
