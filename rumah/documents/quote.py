"""The PDF quote handed to the family: plan, house, money, shopping list and sources, on A4.

Everything printed comes from one Plan (rumah.plan.planner) and the sheets of the same Design
the DXF draws; nothing is priced or measured twice.  This module gathers what a quote prints and
its words; :mod:`rumah.documents.quote_pdf` lays it out on A4 pages.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from .. import i18n
from ..cost.ahsp import TRADE_NAMES
from ..cost.estimate import Catalog
from ..cost.materials import labour_days, shopping_list
from ..errors import DataError
from ..plan.planner import Plan
from .clinic import Clinic
from .drawing import Sheet
from .plan_report import plan_json

FONT, BOLD = "RumahSans", "RumahSans-Bold"

MONTHS = (("Januari", "January"), ("Februari", "February"), ("Maret", "March"), ("April", "April"),
          ("Mei", "May"), ("Juni", "June"), ("Juli", "July"), ("Agustus", "August"),
          ("September", "September"), ("Oktober", "October"), ("November", "November"),
          ("Desember", "December"))

WORDS = {
    "title": ("PENAWARAN DAN RENCANA MEMBANGUN RUMAH", "QUOTE AND PLAN FOR BUILDING YOUR HOUSE"),
    "number": ("Nomor", "Number"),
    "date": ("Tanggal", "Date"),
    "valid": ("Berlaku sampai", "Valid until"),
    "technician": ("Pendamping teknis", "Technician"),
    "family": ("1. Keluarga", "1. The family"),
    "name": ("Nama", "Name"),
    "members": ("Anggota keluarga", "Household members"),
    "persons": ("orang", "persons"),
    "adults_children": ("{a} dewasa, {c} anak", "{a} adults, {c} children"),
    "district": ("Kabupaten/kota", "District"),
    "income": ("Penghasilan per bulan", "Income per month"),
    "budget": ("Untuk rumah per bulan", "For the house each month"),
    "share": ("{p} % dari penghasilan", "{p} % of income"),
    "fixed": ("jumlah tetap", "a fixed amount"),
    "savings": ("Tabungan sekarang", "Savings now"),
    "grants": ("Bantuan", "Grants"),
    "none": ("tidak ada", "none"),
    "grant_line": ("{name}: {amount}, bulan ke-{month}", "{name}: {amount}, month {month}"),
    "in_kind": (" ({m} berupa bahan, {l} upah; dipakai sampai bulan ke-{end})",
                " ({m} as materials, {l} as wages; to be used by month {end})"),
    "loans": ("Pinjaman yang mungkin", "Loans possible"),
    "loan_offer": ("{name}: {amount}, bunga {rate} % per tahun, {tenor} bulan, cicilan {instalment} per bulan",
                   "{name}: {amount}, {rate} % a year, {tenor} months, instalments of {instalment} a month"),
    "summary": ("Ringkasnya", "In short"),
    "livable_at": ("Rumah layak huni mulai <b>bulan ke-{m}</b> ({cal}).",
                   "The house is livable from <b>month {m}</b> ({cal})."),
    "not_livable": ("Dalam {h} bulan rumah belum memenuhi semua syarat layak huni. Belum terpenuhi: {rules}.",
                    "Within {h} months the house does not meet every livable-house rule. Not met: {rules}."),
    "naive_compare": ("Tanpa perencanaan (tahap berurutan, tanpa pinjaman): {what}.",
                      "Without planning (steps in order, no loan): {what}."),
    "naive_month": ("layak huni bulan ke-{m}", "livable in month {m}"),
    "naive_never": ("belum layak huni dalam {h} bulan", "not livable within {h} months"),
    "gain": ("Rencana ini {n} bulan lebih cepat.", "This plan is {n} months sooner."),
    "cost_today": ("Biaya seluruh tahap dengan harga hari ini: <b>{total}</b>.",
                   "All steps at today's prices: <b>{total}</b>."),
    "cost_planned": ("Dengan kenaikan harga {r} % per tahun, tahap {steps} (yang terbangun dalam {h} bulan) "
                     "diperkirakan {total}.",
                     "With prices rising {r} % a year, step(s) {steps} (built within {h} months) come to about "
                     "{total}."),
    "loan_taken": ("Ambil pinjaman {name} {amount} pada bulan ke-{m}; cicilan {instalment} per bulan, "
                   "bulan ke-{first} s.d. {last}.",
                   "Take the {name} loan of {amount} in month {m}; instalments of {instalment} a month, "
                   "months {first} to {last}."),
    "no_loan_needed": ("Rencana terbaik tidak memakai pinjaman.", "The best plan takes no loan."),
    "loan_refused": ("Pinjaman {name} tidak dipakai: cicilannya {instalment} per bulan lebih besar dari uang rumah "
                     "per bulan {budget}.",
                     "The {name} loan is not used: its instalment of {instalment} a month is more than the "
                     "{budget} a month for the house."),
    "never_livable": ("<b>{name} tidak bisa layak huni untuk {n} orang</b>, walaupun semua tahap dibangun "
                      "(belum terpenuhi: {rules}).",
                      "<b>{name} can never be livable for {n} persons</b>, even with every step built "
                      "(not met: {rules})."),
    "alternatives": ("Tipe rumah yang bisa: {list}.", "House types that can: {list}."),
    "alternative": ("{id} mulai tahap {step} ({area} m²)", "{id} from step {step} ({area} m²)"),
    "no_alternative": ("Tidak ada tipe rumah bawaan yang cukup besar; perlu desain sendiri.",
                       "No bundled house type is large enough; the house needs its own design."),
    "advice": ("Yang bisa membantu", "What would help"),
    "cannot": ("<b>Dengan uang yang ada, pekerjaan pertama belum bisa dimulai dalam {h} bulan.</b>",
               "<b>With the money available, the first work cannot start within {h} months.</b>"),
    "would_need": ("Supaya bisa dibangun, masih kurang {total} (misalnya dari bantuan atau tabungan), atau perlu "
                   "tambahan sekitar {monthly} per bulan untuk rumah. Yang termurah untuk dimulai: tahap {step}, "
                   "{name}.",
                   "To make it possible: {total} is missing (from a grant or savings, say), or about {monthly} "
                   "more each month for the house. The cheapest to start with: step {step}, {name}."),
    "with_loan": ("Hitungan ini sudah memakai pinjaman {name} {amount}.",
                  "This already counts the {name} loan of {amount}."),
    "plan": ("2. Rencana bulan demi bulan", "2. The plan, month by month"),
    "grant_pays": ("Dari bantuan", "Grant pays"),
    "own": ("Uang sendiri", "Own money"),
    "month": ("Bulan", "Month"),
    "step": ("Tahap", "Step"),
    "cost": ("Biaya (Rp)", "Cost (Rp)"),
    "cash_before": ("Uang sebelum", "Money before"),
    "cash_after": ("Uang sesudah", "Money after"),
    "instalment": ("Cicilan", "Instalment"),
    "ready": ("Selesai bulan", "Ready in month"),
    "area": ("Luas", "Area"),
    "per_person": ("m²/orang", "m²/person"),
    "livable": ("Layak huni", "Livable"),
    "yes": ("ya", "yes"),
    "not_yet": ("belum", "not yet"),
    "flag_no": ("tidak", "no"),
    "planned_total": ("Jumlah biaya", "Total cost"),
    "month_one": ("Bulan ke-1 = {cal}. Uang sebelum = tabungan + uang rumah per bulan + bantuan + pinjaman, "
                  "dikurangi cicilan dan tahap sebelumnya. Biaya sudah termasuk kenaikan harga sampai bulan "
                  "dibangun.",
                  "Month 1 = {cal}. Money before = savings + the monthly money for the house + grants + loan, "
                  "less instalments and earlier steps. Costs include price rises up to the month of building."),
    "unbuilt": ("Belum terbangun dalam {h} bulan: {steps}.", "Not built within {h} months: {steps}."),
    "unfinished": ("{name}: sisanya ({share} %) belum terbangun dalam {h} bulan.",
                   "{name}: the rest ({share} %) is not built within {h} months."),
    "compare": ("Dibandingkan tanpa perencanaan", "Compared with no planning"),
    "with_plan": ("Dengan rencana ini", "With this plan"),
    "naive": ("Tanpa perencanaan", "Without planning"),
    "livable_row": ("Layak huni mulai bulan", "Livable from month"),
    "step_row": ("Tahap {n} dihuni mulai bulan", "Step {n} lived in from month"),
    "loan_row": ("Pinjaman", "Loan"),
    "never": ("-", "-"),
    "chart_money": ("Uang terkumpul dan uang terpakai (juta rupiah)", "Money available and money spent (million Rp)"),
    "available": ("uang terkumpul (termasuk bantuan, pinjaman, dikurangi cicilan)",
                  "money available (with grants and loan, less instalments)"),
    "spent": ("uang sendiri terpakai untuk membangun", "own money spent on building"),
    "first_cost": ("biaya tahap pertama", "cost of the first step"),
    "chart_area": ("Luas rumah yang dihuni (m²)", "Floor area lived in (m²)"),
    "area_line": ("luas rumah", "floor area"),
    "needed_line": ("luas layak huni untuk {n} orang", "livable area for {n} persons"),
    "house": ("3. Rumahnya, tahap demi tahap", "3. The house, step by step"),
    "house_improved": ("3. Rumahnya: sekarang dan sesudah diperbaiki",
                       "3. The house: now and repaired"),
    "scale_improved": ("Skala 1:{n} (pada kertas A4), ukuran dalam meter. Hitam penuh: dinding yang tetap; "
                       "arsir: dinding baru; putus-putus hitam: dibongkar; putus-putus abu-abu: tahap berikutnya.",
                       "Scale 1:{n} (on A4 paper), sizes in metres. Solid black: walls that stay; hatched: new walls; "
                       "black dashed: taken down; grey dashed: later steps."),
    "phase_before": ("Rumah yang ada", "The house as it is"),
    "phase_repair": ("Sesudah perbaikan", "Repaired"),
    "phase_added": ("Ruang yang ditambah", "Rooms added"),
    "taken_down": ("Dibongkar: dinding lama ({a} m²)", "Taken down: the old walls ({a} m²)"),
    "cut_windows": ("Dibobok untuk {n} jendela baru", "Cut for {n} new windows"),
    "nothing_down": ("Tidak ada yang dibongkar.", "Nothing is taken down."),
    "repairs_list": ("Perbaikan (harga hari ini)", "Repairs (today's prices)"),
    "assessment": ("Keadaan rumah sekarang", "The house as it is now"),
    "no_work": ("Tidak ada pekerjaan yang perlu: rumah ini sudah memenuhi semua kriteria rumah layak huni.",
                "No work is needed: this house already meets every livable-house criterion."),
    "criterion": ("Kriteria", "Criterion"),
    "found": ("Keadaan", "Found"),
    "rule": ("Syarat", "Rule"),
    "result": ("Memenuhi?", "Passes?"),
    "passes": ("ya", "yes"),
    "fails": ("TIDAK", "NO"),
    "all_pass": ("Rumah ini sudah memenuhi semua kriteria rumah layak huni.",
                 "This house already meets every livable-house criterion."),
    "src_criteria": ("Kriteria rumah layak huni dan sumbernya: {list}.",
                     "Livable-house criteria and their sources: {list}."),
    "src_repairs": ("Perbaikan dihitung dari ukuran rumah yang ada dengan AHSP dan harga yang sama "
                    "(catalog/repairs.yaml).",
                    "Repairs are measured on the existing house and priced with the same AHSP and prices "
                    "(catalog/repairs.yaml)."),
    "scale": ("Skala 1:{n} (pada kertas A4), ukuran dalam meter. Garis putus-putus abu-abu: tahap berikutnya.",
              "Scale 1:{n} (on A4 paper), sizes in metres. Grey dashed lines: later steps."),
    "rooms": ("Ruangan", "Rooms"),
    "house_area": ("Luas rumah setelah tahap ini: {a} m² ({p} m² per orang; layak huni perlu {n} m²)",
                   "Floor area after this step: {a} m² ({p} m² a person; livable needs {n} m²)"),
    "step_cost_today": ("Biaya tahap ini (harga hari ini): {c}", "This step at today's prices: {c}"),
    "money": ("4. Rincian biaya per tahap dan jenis pekerjaan (harga hari ini)",
              "4. Cost per step and kind of work (today's prices)"),
    "work": ("Pekerjaan", "Work"),
    "total": ("Jumlah", "Total"),
    "grand_total": ("JUMLAH SELURUH TAHAP", "TOTAL, ALL STEPS"),
    "shopping": ("5. Daftar belanja bahan dan hari kerja", "5. Shopping list and working days"),
    "shopping_note": ("Jumlah beli sudah termasuk susut dan dibulatkan ke satuan beli di toko, sehingga "
                      "belanja bisa sedikit lebih besar dari bagian bahan di rincian biaya. * harga indikatif.",
                      "Quantities to buy include waste and are rounded up to shop units, so shopping can "
                      "come to a little more than the materials in the cost table. * indicative price."),
    "material": ("Bahan", "Material"),
    "buy": ("Beli", "Buy"),
    "price_each": ("Harga satuan", "Price each"),
    "shop_total": ("Jumlah belanja tahap {n}", "Shopping total, step {n}"),
    "labour": ("Hari kerja tahap {n} (orang-hari): {days}. Dengan {t} tukang dan {l} pekerja sekitar {m} bulan.",
               "Working days, step {n} (person-days): {days}. With {t} tradesmen and {l} labourers about "
               "{m} months."),
    "sources": ("6. Dasar perhitungan dan sumber", "6. Assumptions and sources"),
    "src_template": ("Desain rumah: {name} ({id} versi {v}); pilihan: {values}.",
                     "House design: {name} ({id} version {v}); choices: {values}."),
    "src_prices": ("Harga: daftar {id}, {region} tahun {year}; sumber: {source}. {n} dari {m} harga bersifat "
                   "indikatif (belum bersumber resmi) dan perlu dicek di toko setempat.",
                   "Prices: list {id}, {region} {year}; source: {source}. {n} of {m} prices are indicative "
                   "(no published source) and should be checked at a local shop."),
    "src_ahsp": ("Analisa harga satuan pekerjaan (AHSP): {edition} - {title}.",
                 "Unit-price analysis (AHSP): {edition} - {title}."),
    "src_labour": ("Tenaga kerja: {note}.", "Labour: {note}."),
    "src_inflation": ("Kenaikan harga bangunan {r} % per tahun (indeks harga perdagangan besar konstruksi, BPS); "
                      "rencana {h} bulan.",
                      "Building prices rise {r} % a year (BPS wholesale price index, construction); "
                      "plan of {h} months."),
    "src_livable": ("Layak huni: minimal {a} m² per orang, KM/WC, dapur, {b} kamar tidur, jendela dan ventilasi "
                    "cukup (kriteria rumah layak huni PUPR).",
                    "Livable: at least {a} m² a person, a toilet, a kitchen, {b} bedrooms, enough windows and "
                    "ventilation (PUPR livable-house criteria)."),
    "src_excluded": ("Tidak termasuk: tanah, izin (PBG), sambungan listrik dan air dari PLN/PDAM, perabot.",
                     "Not included: land, permits (PBG), PLN/PDAM connection fees, furniture."),
    "src_rounding": ("Jumlah tiap baris dihitung dari volume dan harga satuan penuh lalu dibulatkan ke rupiah "
                     "(volume dan harga satuan dicetak dengan pembulatan, jadi perkaliannya bisa berbeda sedikit); "
                     "setiap jumlah = jumlah baris di atasnya.",
                     "Each line is worked out from the full quantity and unit price, then rounded to the rupiah "
                     "(quantities and unit prices are printed rounded, so multiplying them may differ slightly); "
                     "each total = the sum of the lines above it."),
    "src_validity": ("Harga berlaku sampai {date}; sesudah itu hitung ulang dengan daftar harga terbaru.",
                     "Prices hold until {date}; after that, recalculate with the newest price list."),
    "signatures": ("7. Tanda tangan", "7. Signatures"),
    "sign_family": ("Keluarga", "For the family"),
    "sign_technician": ("Pendamping teknis", "Technician"),
    "appendix": ("Lampiran: rincian biaya lengkap (RAB)", "Appendix: the full bill of quantities"),
    "no": ("No", "No"),
    "description": ("Uraian pekerjaan", "Work"),
    "volume": ("Volume", "Quantity"),
    "unit": ("Sat", "Unit"),
    "unit_price": ("Harga satuan", "Unit price"),
    "amount": ("Jumlah", "Amount"),
    "subtotal": ("Jumlah {g}", "Subtotal {g}"),
    "step_total": ("Jumlah tahap {n}", "Total, step {n}"),
    "estimated": ("* koefisien AHSP hasil perkiraan (tidak terbit)", "* AHSP coefficients estimated (not published)"),
    "page": ("Halaman {n}", "Page {n}"),
    "footer": ("{clinic} - penawaran {number}", "{clinic} - quote {number}"),
    "overhead": ("Overhead dan keuntungan", "Overhead and profit"),
}


def w(key: str, lang: str) -> str:
    return i18n.pick(WORDS, key, lang)


def calendar(date: datetime.date, month: int, lang: str, short: bool = False) -> str:
    """Plan month ``month`` (1 = the month of ``date``) as a calendar month: ``Mei 2031``
    (``Agu 2031`` when ``short``)."""
    index = date.month - 1 + month - 1
    name = MONTHS[index % 12][1 if lang == "en" else 0]
    return f"{name[:3] if short else name} {date.year + index // 12}"


def long_date(date: datetime.date, lang: str) -> str:
    return f"{date.day} {MONTHS[date.month - 1][1 if lang == 'en' else 0]} {date.year}"


def quote_number(plan: Plan, clinic: Clinic, date: datetime.date) -> str:
    """The same inputs give the same number: a digest of everything the plan computed, the clinic
    and the date (which fixes the calendar months and the validity)."""
    # The clinic's details, not where its file lies: the same clinic gives the same number anywhere.
    details = {k: v for k, v in clinic.__dict__.items() if k != "file"}
    data = json.dumps([plan_json(plan, "id"), details, date.isoformat()], sort_keys=True,
                      ensure_ascii=False)
    digest = hashlib.sha256(data.encode("utf-8")).hexdigest()[:8].upper()
    return f"RS-{plan.bill.price_list.region.upper()}-{digest}"


@dataclass(frozen=True)
class Quote:
    """What one quote prints, before any layout."""

    plan: Plan
    catalog: Catalog
    sheets: tuple[Sheet, ...]
    clinic: Clinic
    date: datetime.date
    lang: str

    @property
    def number(self) -> str:
        return quote_number(self.plan, self.clinic, self.date)

    @property
    def valid_until(self) -> datetime.date:
        return self.date + datetime.timedelta(days=self.clinic.validity_days)


def make_quote(household: str | Path, clinic: str | Path | None = None, lang: str = "id",
               date: datetime.date | None = None, horizon: int | None = None) -> Quote:
    """Plan the household's house and gather everything its quote prints."""
    from ..cost.estimate import load_catalog
    from ..plan.advice import advise
    from ..plan.household import load_household
    from ..plan.planner import plan_household
    from .clinic import load_clinic
    from .sheets import design_sheets, household_label, improvement_sheets
    family = load_household(household, horizon)
    clinic_data = load_clinic(clinic)
    catalog = load_catalog(family.ahsp)
    # The quote, like the plan, says what would help a family not livable soon (saran).
    plan = advise(plan_household(family, catalog), catalog)
    date = date or datetime.date.today()
    try:
        date + datetime.timedelta(days=clinic_data.validity_days + 31 * (family.horizon + 1))
    except OverflowError:
        raise DataError(f"--date {date.isoformat()}: too far in the future for a {family.horizon}-month plan") from None
    if plan.improvement is not None:
        sheets = improvement_sheets(family, plan.improvement, lang, date)
    else:
        sheets = design_sheets(plan.bill.design, lang, date, household_label(family, lang))
    return Quote(plan, catalog, tuple(sheets), clinic_data, date, lang)


def step_materials(quote: Quote):
    """(step bill, purchases, labour days) per step, for the shopping list."""
    bill, resources = quote.plan.bill, quote.catalog.resources
    return [(step, shopping_list(step, resources, bill.price_list), labour_days(step, resources))
            for step in bill.steps]


def trade_name(trade: str, lang: str) -> str:
    return TRADE_NAMES[trade](lang) if trade else ""


def rp(amount: int, lang: str) -> str:
    """``Rp 1.234.567`` that never breaks across lines."""
    return i18n.rupiah(amount, lang).replace(" ", "\u00a0")
