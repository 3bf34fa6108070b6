"""The PDF quote handed to the family: plan, house, money, shopping list and sources, on A4.

Everything printed comes from one Plan (rumah.plan.planner) and the sheets of the same Design
the DXF draws; nothing is priced or measured twice.  This module gathers what a quote prints and
its words; :mod:`rumah.documents.quote_pdf` lays it out on A4 pages.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from .. import i18n
from ..cost.ahsp import TRADE_NAMES
from ..cost.estimate import Catalog
from ..cost.materials import labour_days, shopping_list
from ..errors import DataError, RumahError
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
    "adults_children": ("{a}, {c}", "{a}, {c}"),
    "district": ("Kabupaten/kota", "District"),
    "income": ("Penghasilan per bulan", "Income per month"),
    "budget": ("Untuk rumah per bulan", "For the house each month"),
    "share": ("{p} % dari penghasilan", "{p} % of income"),
    "fixed": ("jumlah tetap", "a fixed amount"),
    "savings": ("Tabungan sekarang", "Savings now"),
    "grants": ("Bantuan", "Grants"),
    "none": ("tidak ada", "none"),
    "grant_line": ("{name}: {amount}, bulan ke-{month}", "{name}: {amount}, month {month}"),
    "of_materials": (" ({m} berupa bahan)", " ({m} as materials)"),
    "loans": ("Pinjaman yang mungkin", "Loans possible"),
    "loan_offer": ("{name}: {amount}, bunga {rate} % per tahun, {tenor}, cicilan {instalment} per bulan",
                   "{name}: {amount}, {rate} % a year, {tenor}, instalments of {instalment} a month"),
    "summary": ("Ringkasnya", "In short"),
    "livable_at": ("Rumah layak huni mulai <b>bulan ke-{m}</b> ({cal}).",
                   "The house is livable from <b>month {m}</b> ({cal})."),
    "not_livable": ("Dalam {h} rumah belum memenuhi semua syarat layak huni. Belum terpenuhi: {rules}.",
                    "Within {h} the house does not meet every livable-house rule. Not met: {rules}."),
    "naive_compare": ("Tanpa perencanaan (tahap berurutan, tanpa pinjaman): {what}.",
                      "Without planning (steps in order, no loan): {what}."),
    "naive_month": ("layak huni bulan ke-{m}", "livable in month {m}"),
    "naive_never": ("belum layak huni dalam {h}", "not livable within {h}"),
    "cost_today": ("Biaya seluruh tahap dengan harga hari ini: <b>{total}</b>.",
                   "All steps at today's prices: <b>{total}</b>."),
    "cost_planned": ("Dengan kenaikan harga {r} % per tahun, pekerjaan {steps} yang terbangun dalam {h} "
                     "diperkirakan {total}.",
                     "With prices rising {r} % a year, the work of {steps} built within {h} comes to about "
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
    "never_livable": ("<b>{name} tidak bisa layak huni untuk {n}</b>, walaupun semua tahap dibangun "
                      "(belum terpenuhi: {rules}).",
                      "<b>{name} can never be livable for {n}</b>, even with every step built "
                      "(not met: {rules})."),
    "alternatives": ("Tipe rumah yang bisa: {list}.", "House types that can: {list}."),
    "alternative": ("{id} mulai tahap {step} ({area} m²)", "{id} from step {step} ({area} m²)"),
    "no_alternative": ("Tidak ada tipe rumah bawaan yang cukup besar; perlu desain sendiri.",
                       "No bundled house type is large enough; the house needs its own design."),
    "advice": ("Yang bisa membantu", "What would help"),
    "cannot": ("<b>Dengan uang yang ada, pekerjaan pertama belum bisa dimulai dalam {h}.</b>",
               "<b>With the money available, the first work cannot start within {h}.</b>"),
    "would_need": ("Supaya bisa dibangun, masih kurang {total} (misalnya dari bantuan atau tabungan), atau perlu "
                   "tambahan sekitar {monthly} per bulan untuk rumah. Yang termurah untuk dimulai: tahap {step}, "
                   "{name}.",
                   "To make it possible: {total} is missing (from a grant or savings, say), or about {monthly} "
                   "more each month for the house. The cheapest to start with: step {step}, {name}."),
    "with_loan": ("Hitungan ini sudah memakai pinjaman {name} {amount}.",
                  "This already counts the {name} loan of {amount}."),
    "plan": ("2. Rencana bulan demi bulan", "2. The plan, month by month"),
    "plan_notes": ("2. Catatan rencana", "2. Notes on the plan"),
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
    "month_one": ("Bulan ke-1 = {cal}. Uang sesudah = sisa uang setelah pekerjaan ini dibayar: tabungan + uang rumah "
                  "per bulan + bantuan + pinjaman, dikurangi cicilan dan pekerjaan sampai bulan itu. Biaya sudah "
                  "termasuk kenaikan harga sampai bulan dibangun.",
                  "Month 1 = {cal}. Money after = what is left once this work is paid: savings + the monthly money "
                  "for the house + grants + loan, less instalments and the work so far. Costs include price rises up "
                  "to the month of building."),
    "unbuilt": ("Belum terbangun dalam {h}: {steps}.", "Not built within {h}: {steps}."),
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
    "needed_line": ("luas layak huni untuk {n}", "livable area for {n}"),
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
    "cut_windows": ("Dibobok untuk {n}", "Cut for {n}"),
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
    "section_scale": ("Skala 1:{n} (pada kertas A4), ukuran dalam meter; ±0,00 = muka tanah. Seluruh rumah, "
                      "dipotong pada garis A-A di denah.",
                      "Scale 1:{n} (on A4 paper), sizes in metres; ±0.00 = the ground. The whole house, cut "
                      "along the line A-A on the plans."),
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
                      "belanja bisa sedikit lebih besar dari bagian bahan di rincian biaya.",
                      "Quantities to buy include waste and are rounded up to shop units, so shopping can "
                      "come to a little more than the materials in the cost table."),
    "star_indicative": ("* harga indikatif (belum bersumber resmi): cek di toko setempat.",
                        "* indicative price (no published source): check it at a local shop."),
    "all_indicative": ("Semua harga di sini indikatif (belum bersumber resmi): cek di toko setempat.",
                       "Every price here is indicative (no published source): check them at a local shop."),
    "material": ("Bahan", "Material"),
    "buy": ("Beli", "Buy"),
    "price_each": ("Harga satuan", "Price each"),
    "shop_total": ("Jumlah belanja tahap {n}", "Shopping total, step {n}"),
    "labour": ("Hari kerja tahap {n} (orang-hari): {days}. Dengan {t} dan {l} sekitar {m}.",
               "Working days, step {n} (person-days): {days}. With {t} and {l} about "
               "{m}."),
    "sources": ("6. Dasar perhitungan dan sumber", "6. Assumptions and sources"),
    "src_template": ("Desain rumah: {name} ({id} versi {v}): {values}.",
                     "House design: {name} ({id} version {v}): {values}."),
    "src_prices": ("Harga: daftar {id}, {region} tahun {year}. Harga yang dipakai berasal dari {origins}. {n} dari "
                   "{m} harga bersifat indikatif (belum bersumber resmi) dan perlu dicek di toko setempat.",
                   "Prices: list {id}, {region} {year}. The prices used come from {origins}. {n} of {m} prices are "
                   "indicative (no published source) and should be checked at a local shop."),
    "src_origin": ("daftar {id} ({region} {year}, sumber: \u201c{source}\u201d): {n}",
                   "list {id} ({region} {year}, source: \u201c{source}\u201d): {n}"),
    "src_origin_bare": ("daftar {id}: {n}", "list {id}: {n}"),
    "src_ahsp": ("Analisa harga satuan pekerjaan (AHSP): {edition} - {title}.",
                 "Unit-price analysis (AHSP): {edition} - {title}."),
    "src_labour": ("Tenaga kerja: {note}.", "Labour: {note}."),
    "src_inflation": ("Kenaikan harga bangunan {r} % per tahun (indeks harga perdagangan besar konstruksi, BPS); "
                      "rencana {h}.",
                      "Building prices rise {r} % a year (BPS wholesale price index, construction); "
                      "plan of {h}."),
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
    "appendix": ("8. Rincian biaya lengkap (RAB)", "8. The full bill of quantities"),
    "no": ("No", "No"),
    "description": ("Uraian pekerjaan", "Work"),
    "volume": ("Volume", "Quantity"),
    "unit": ("Sat", "Unit"),
    "unit_price": ("Harga satuan", "Unit price"),
    "amount": ("Jumlah", "Amount"),
    "subtotal": ("Jumlah {g}", "Subtotal {g}"),
    "step_total": ("Jumlah tahap {n}", "Total, step {n}"),
    "estimated": ("\u2020 koefisien AHSP hasil perkiraan, tidak terbit (file edisi AHSP menjelaskan cara "
                  "menyusunnya). Tanpa nomor AHSP: pekerjaan yang tidak bernomor di edisi itu, disusun dari item "
                  "yang terbit.",
                  "\u2020 AHSP coefficients estimated, not published (the AHSP edition file says how each was "
                  "composed). No AHSP number: work the edition has no number for, composed from published items."),
    "page": ("Halaman {n}", "Page {n}"),
    "footer": ("{clinic} - penawaran {number}", "{clinic} - quote {number}"),
    "overhead": ("Overhead dan keuntungan", "Overhead and profit"),
    # the first page
    "page_title": ("Rencana rumah {name}", "The house plan of {name}"),
    "page_house": ("{house}, {district}", "{house}, {district}"),
    "move_in": ("Pindah ke rumah sendiri: <b>{cal}</b> (bulan ke-{m}), saat dinding dan atap tahap {step} selesai.",
                "Move into your own house: <b>{cal}</b> (month {m}), when the walls and roof of step {step} are done."),
    "livable_for": ("Rumah layak huni untuk {n}: <b>{cal}</b> (bulan ke-{m}).",
                    "Livable for {n}: <b>{cal}</b> (month {m})."),
    "livable_improved": ("Rumah memenuhi semua syarat layak huni: <b>{cal}</b> (bulan ke-{m}).",
                         "The house meets every livable-house rule: <b>{cal}</b> (month {m})."),
    "not_livable_by": ("Sampai {cal} ({h}) rumah belum layak huni. Belum terpenuhi: {rules}.",
                       "By {cal} ({h}) the house is not yet livable. Not met: {rules}."),
    "put_aside": ("Sisihkan tiap bulan untuk rumah: <b>{amount}</b>, mulai {cal}{how}.",
                  "Put aside each month for the house: <b>{amount}</b>, from {cal}{how}."),
    "put_aside_share": (" ({p} % dari penghasilan {income})", " ({p} % of the income of {income})"),
    "seasons": ("Pada bulan {months}: {amount}.", "In {months}: {amount}."),
    "savings_used": ("Tabungan sekarang, {amount}, ikut dipakai.", "The savings of today, {amount}, go in too."),
    "instalments_inside": ("Cicilan pinjaman dibayar dari uang ini.",
                           "The loan's instalments are paid from this money."),
    "loan_take": ("Pinjaman: ambil {name} {amount} pada <b>{cal}</b>; cicilan {instalment} per bulan, "
                  "{first} sampai {last}.",
                  "Loan: take the {name} loan of {amount} in <b>{cal}</b>; instalments of {instalment} a month, "
                  "{first} to {last}."),
    "loan_none": ("Pinjaman: tidak perlu.", "Loan: none needed."),
    "sooner": ("Rencana ini {n} lebih cepat daripada membangun tahap demi tahap tanpa pinjaman.",
               "This plan is {n} sooner than building step after step without a loan."),
    "when_what": ("Kapan membangun apa", "When to build what"),
    "when_what_repairs": ("Kapan memperbaiki apa", "When to repair what"),
    "col_start": ("Mulai", "Start"),
    "col_work": ("Pekerjaan", "Work"),
    "col_done": ("Selesai", "Done"),
    "col_cost": ("Biaya", "Cost"),
    "col_grant": ("Dari bantuan", "From the grant"),
    "col_own": ("Uang sendiri", "Your own money"),
    "work_of_step": ("{package}<br/><font size=7>tahap {step}: {step_name}</font>",
                     "{package}<br/><font size=7>step {step}: {step_name}</font>"),
    "livable_mark": ("Mulai {cal}: rumah layak huni", "From {cal}: the house is livable"),
    "costs_rise": ("Biaya sudah termasuk kenaikan harga {r} % setahun sampai bulan pekerjaan dimulai.",
                   "Costs include prices rising {r} % a year until the month the work starts."),
    "grant_head": ("{name}: bahan {materials} dan upah {labour}", "{name}: {materials} of materials and "
                   "{labour} of wages"),
    "grant_pays_for": ("Membayar bahan dan upah untuk: {works}.", "Pays materials and wages for: {works}."),
    "grant_swadaya": ("Keluarga menambah uang sendiri (swadaya): {list}; semuanya sebelum masa bantuan berakhir "
                      "({cal}).",
                      "Your own money for that work (swadaya): {list}; all before the grant's time ends ({cal})."),
    "grant_no_swadaya": ("Pekerjaan ini tidak memerlukan uang sendiri.", "That work needs none of your own money."),
    "swadaya_item": ("{amount} pada {cal}", "{amount} in {cal}"),
    "grant_lost_short": ("{amount} dari bantuan tidak terpakai sampai {cal} dan hangus; supaya terpakai semua, "
                         "siapkan sekitar {needed} uang sendiri dalam masa itu.",
                         "{amount} of the grant is not used by {cal} and is lost; to use it all, have about "
                         "{needed} of your own money in that time."),
    "grant_spare_short": ("{amount} dari bantuan tidak terpakai sampai {cal} dan hangus: pekerjaannya tidak perlu "
                          "sebanyak itu.",
                          "{amount} of the grant is not used by {cal} and is lost: the work does not need that "
                          "much."),
    "shop_first": ("Belanja pertama: {work} ({cal})", "First shopping: {work} ({cal})"),
    "first_shop_total": ("Bahan untuk pekerjaan ini sekitar {total} di toko ({n}; {shown} termahal di atas, "
                   "daftar lengkap di lampiran).",
                   "The materials for this work come to about {total} at the shop ({n}; the {shown} "
                   "dearest above, the full list in the appendix)."),
    "cost_line": ("Seluruh rumah dengan harga hari ini: {today}. Yang dibangun dalam rencana ini, dengan "
                  "kenaikan harga: {planned}.",
                  "The whole house at today's prices: {today}. What this plan builds, with prices rising: "
                  "{planned}."),
    "details": ("Rincian untuk pendamping, tukang dan toko ada di lampiran, mulai halaman 2. Harga berlaku "
                "sampai {date}.",
                "Details for the technician, the builder and the shop are in the appendix, from page 2. Prices "
                "hold until {date}."),
    "appendix_head": ("Lampiran: rincian rencana", "Appendix: the plan in detail"),
}


#: Counted words: (Indonesian, English one, English more than one).
COUNTED = {
    "month": ("{n} bulan", "{n} month", "{n} months"),
    "person": ("{n} orang", "{n} person", "{n} persons"),
    "adult": ("{n} dewasa", "{n} adult", "{n} adults"),
    "child": ("{n} anak", "{n} child", "{n} children"),
    "tradesman": ("{n} tukang", "{n} tradesman", "{n} tradesmen"),
    "labourer": ("{n} pekerja", "{n} labourer", "{n} labourers"),
    "kind": ("{n} macam", "{n} kind", "{n} kinds"),
    "price": ("{n} harga", "{n} price", "{n} prices"),
    "new_window": ("{n} jendela baru", "{n} new window", "{n} new windows"),
}


def w(key: str, lang: str) -> str:
    return i18n.pick(WORDS, key, lang)


def counted(key: str, n: int, lang: str) -> str:
    """``1 month``, ``2 months`` (Indonesian has one form: ``1 bulan``, ``2 bulan``)."""
    ind, one, more = COUNTED[key]
    return (ind if lang != "en" else one if n == 1 else more).format(n=n)


def steps_text(steps, lang: str) -> str:
    """``tahap 1, 2 dan 3``; ``step 1``, ``steps 1 and 2``."""
    numbers = [str(n) for n in steps]
    joined = numbers[0] if len(numbers) == 1 else ", ".join(numbers[:-1]) + (" and " if lang == "en" else " dan ") \
        + numbers[-1]
    return (("step " if len(numbers) == 1 else "steps ") if lang == "en" else "tahap ") + joined


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
    #: The section through the house, drawn for the quote's page.
    section: Sheet | None = None

    @property
    def number(self) -> str:
        return quote_number(self.plan, self.clinic, self.date)

    @property
    def valid_until(self) -> datetime.date:
        return self.date + datetime.timedelta(days=self.clinic.validity_days)


def make_quote(household: str | Path, clinic: str | Path | None = None, lang: str = "id",
               date: datetime.date | None = None, horizon: int | None = None, advice: bool = False) -> Quote:
    """Plan the household's house and gather everything its quote prints.

    advice : also work out what would help a family whose house is late (*saran*: a few more
        plans, a second or two), for its first page.
    """
    from ..cost.estimate import load_catalog
    from ..plan.household import load_household
    from ..plan.planner import plan_household
    from .clinic import load_clinic
    from .sheets import design_section, design_sheets, improvement_section, improvement_sheets
    family = load_household(household, horizon)
    clinic_data = load_clinic(clinic)
    catalog = load_catalog(family.ahsp)
    date = date or datetime.date.today()
    # Month 1 of the plan is the quote's month: a seasonal income follows the quote's calendar.
    plan = plan_household(family, catalog, start=date)
    if advice:
        from ..plan.advice import advise
        plan = advise(plan, catalog)
    try:
        date + datetime.timedelta(days=clinic_data.validity_days + 31 * (family.horizon + 1))
    except OverflowError:
        raise DataError(f"--date {date.isoformat()}: too far in the future for a {family.horizon}-month plan") from None
    if plan.improvement is not None:
        sheets = fitted(lambda n: improvement_sheets(family, plan.improvement, lang, date, n, LETTERING, False),
                        *PLAN_BOX)
        section = fitted(lambda n: [improvement_section(family, plan.improvement, lang, date, n, LETTERING)],
                         *SECTION_BOX)[0]
    else:
        design = plan.bill.design
        sheets = fitted(lambda n: design_sheets(design, lang, date, family, n, LETTERING, False), *PLAN_BOX)
        section = fitted(lambda n: [design_section(design, lang, date, family, n, LETTERING)], *SECTION_BOX)[0]
    return Quote(plan, catalog, tuple(sheets), clinic_data, date, lang, section)


#: Room for a drawing on the quote's A4 page, beside its notes (a plan) or across it (the
#: section), and the cap height of its texts on paper. [mm]  The quote's plans leave out the door
#: and window tags: they are the builder's, on the DXF sheets.
PLAN_BOX, SECTION_BOX = (120.0, 180.0), (170.0, 120.0)
LETTERING = 1.8
#: Scales a builder's ruler knows, tried from the largest drawing down.
QUOTE_SCALES = (50, 75, 100, 125, 150, 200, 250)


def fitted(draw, width: float, height: float) -> list[Sheet]:
    """``draw(scale)`` at the largest of :data:`QUOTE_SCALES` at which all its sheets fit
    ``width`` x ``height`` millimetres (their texts are laid out for that scale)."""
    from .drawing import model_extents
    for scale in QUOTE_SCALES:
        sheets = draw(scale)
        if all((e[2] - e[0]) * 1000 / scale + 4 <= width and (e[3] - e[1]) * 1000 / scale + 4 <= height
               for e in map(model_extents, sheets)):
            return sheets
    return sheets


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


# -- the first page: what the family reads alone ----------------------------------------------------

#: Units written with a superscript where people read them: ``m2`` -> ``m²``.
_UNIT_POWER = re.compile(r"\b(mm|cm|m)([23])\b")


def superscript_units(text: str) -> str:
    """``Rumah inti 21 m2`` -> ``Rumah inti 21 m²``: one way of writing square and cubic metres in
    the whole document (template and material names are written ``m2`` in the catalog)."""
    return _UNIT_POWER.sub(lambda m: m.group(1) + ("²" if m.group(2) == "2" else "³"), text)


@dataclass(frozen=True)
class Work:
    """One row of "when to build what": a work package in plain words and its money. [IDR]"""

    month: int
    finish_month: int
    step: int
    package: str
    cost: int
    grant: int
    own: int
    #: The month the house becomes livable is this package's finish month.
    makes_livable: bool


@dataclass(frozen=True)
class GrantTerms:
    """A grant in kind as the family must know it: what it pays, for what, and the family's own
    money (swadaya) for that work, month by month, before the grant's period ends."""

    name: str
    month: int
    end_month: int
    materials: int
    labour: int
    #: (step, package) of the work the grant pays for.
    pays_for: tuple[tuple[int, str], ...]
    #: (month, amount) of the family's own money for the work started within the period. [IDR]
    swadaya: tuple[tuple[int, int], ...]
    lost: int
    #: Own money the work the grant buys for would need, to use the whole grant. [IDR]
    needed: int


@dataclass(frozen=True)
class FamilyPage:
    """What the first page says, before any layout: computed from the plan alone."""

    status: str
    livable_month: int | None
    #: For a new house: the first month the family lives in rooms of its own (a step's walls and
    #: roof finished), which may come before the house is livable for all of them.
    move_in_month: int | None
    budget: int
    #: (calendar months 1-12, amount) for the months whose money differs from the usual month.
    seasons: tuple[tuple[tuple[int, ...], int], ...]
    savings: int
    works: tuple[Work, ...]
    grants: tuple[GrantTerms, ...]
    #: The first package's shopping: (step, package, month) and its purchases, dearest first.
    first_work: tuple[int, str, int] | None
    purchases: tuple
    #: How many materials the first package needs, and what they all cost at the shop. [IDR]
    purchase_kinds: int
    purchases_total: int
    total_today: int
    planned_total: int


#: Purchases shown on the first page (the dearest; the full list is in the appendix).
FIRST_PURCHASES = 8


def lived_in_month(plan: Plan, schedule, step: int) -> int | None:
    """The month a step's rooms are lived in: its packages needed to live are all finished."""
    bill_step = next(s for s in plan.bill.steps if s.step == step)
    needed = {p.kind for p in bill_step.packages if p.to_live}
    done = {s.package: s.finish_month for s in schedule.steps if s.step == step}
    if "" in done:
        return done[""]
    if needed and needed <= set(done):
        return max(done[k] for k in needed)
    return None


def family_page(quote: Quote) -> FamilyPage:
    """The first page's figures: when to build what, the money a month, the move, the grant's
    terms and the first shopping."""
    plan = quote.plan
    h, best = plan.household, plan.best
    works = tuple(Work(s.month, s.finish_month, s.step, s.package, s.cost, s.grant_materials + s.grant_labour,
                       s.own, s.livable and not any(r.livable for r in best.steps[:k]))
                  for k, s in enumerate(best.steps))
    move_in = None
    if plan.improvement is None and best.steps:
        lived = [m for m in (lived_in_month(plan, best, s.step) for s in plan.bill.steps) if m is not None]
        move_in = min(lived, default=None)
    seasons = []
    if h.seasonal:
        by_amount: dict[int, list[int]] = {}
        for calendar_month, share in enumerate(h.seasonal, 1):
            amount = int(h.budget * share + 0.5)
            if amount != h.budget:
                by_amount.setdefault(amount, []).append(calendar_month)
        seasons = [(tuple(months), amount) for amount, months in sorted(by_amount.items())]
    grants = []
    for g in plan.grants:
        within = [s for s in best.steps if g.month <= s.month <= g.end_month]
        grants.append(GrantTerms(g.name, g.month, g.end_month, g.used_materials, g.used_labour,
                                 tuple((s.step, s.package) for s in within if s.grant_materials + s.grant_labour),
                                 tuple((s.month, s.own) for s in within if s.own),
                                 g.lost_materials + g.lost_labour, g.needed))
    first, purchases, kinds, bought = None, (), 0, 0
    if best.steps:
        s = best.steps[0]
        first = (s.step, s.package, s.month)
        bill_step = next(b for b in plan.bill.steps if b.step == s.step)
        package = next((p for p in bill_step.packages if p.kind == s.package), bill_step)
        listed = shopping_list(package, quote.catalog.resources, plan.bill.price_list)
        bought, kinds = sum(item.cost for item in listed), len(listed)
        purchases = tuple(sorted(listed, key=lambda item: -item.cost)[:FIRST_PURCHASES])
    return FamilyPage(plan.status, best.livable_month, move_in, h.budget, tuple(seasons), h.savings, works,
                      tuple(grants), first, purchases, kinds, bought, plan.bill.total, sum(s.cost for s in best.steps))


def month_names(months: tuple[int, ...], lang: str) -> str:
    """Calendar months 1-12 in words: ``Januari, Februari dan Desember``."""
    names = [MONTHS[m - 1][1 if lang == "en" else 0] for m in months]
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + (" and " if lang == "en" else " dan ") + names[-1]


# -- the sources, in words -----------------------------------------------------------------------

def _metres(value: float, lang: str) -> str:
    return f"{i18n.number(value, lang)} m"


def _cm(value: float, lang: str) -> str:
    return f"{i18n.plain(value * 100, lang, 1)} cm"


def design_words(design, lang: str) -> str:
    """The choices of a design as people say them: ``dinding bata merah; atap rangka baja ringan +
    atap metal, miring 30°; lantai keramik 30x30, 50 cm di atas tanah; tanpa plafon; ...``
    (never ``wall = red_brick``)."""
    v, labels = design.values, design.choice_labels
    en = lang == "en"
    parts = []
    for key, ind, eng in (("wall", "dinding", "walls"), ("roof", "atap", "roof"), ("floor", "lantai", "floor")):
        if key in labels:
            label = labels[key](lang)
            phrase = f"{eng}: {label[:1].lower() + label[1:]}" if en else f"{ind} {label[:1].lower() + label[1:]}"
            if key == "roof" and "roof_pitch" in v:
                pitch = f"{i18n.plain(float(v['roof_pitch']), lang, 1)}°"
                phrase += f", {pitch} pitch" if en else f", kemiringan {pitch}"
            if key == "floor" and "plinth_height" in v:
                above = " above the ground" if en else " di atas tanah"
                phrase += ", " + _cm(float(v["plinth_height"]), lang) + above
            parts.append(phrase)
    if "ceiling" in v:
        parts.append(("with a ceiling" if v["ceiling"] else "no ceiling") if en else
                     ("dengan plafon" if v["ceiling"] else "tanpa plafon"))
    if "wall_height" in v:
        height = _metres(float(v["wall_height"]), lang)
        parts.append(f"walls {height} high (floor to ring beam)" if en else
                     f"dinding setinggi {height} (lantai sampai ring balok)")
    sections = []
    for ind, eng, a, b in (("fondasi batu kali", "stone foundation", "foundation_depth", ""),
                           ("sloof", "sloof", "sloof_width", "sloof_depth"),
                           ("kolom praktis", "practical columns", "column_size", "column_size"),
                           ("ring balok", "ring beam", "ring_beam_width", "ring_beam_depth")):
        if a not in v or (b and b not in v):
            continue
        if not b:
            size = _cm(float(v[a]), lang) + (" deep" if en else " di bawah tanah")
        else:
            size = f"{i18n.plain(float(v[a]) * 100, lang, 1)} x {_cm(float(v[b]), lang)}"
        sections.append(f"{eng if en else ind} {size}")
    if "column_spacing" in v:
        sections.append(("columns at most " if en else "kolom paling jauh ") + _metres(float(v["column_spacing"]), lang)
                        + (" apart" if en else " satu sama lain"))
    if sections:
        parts.append(", ".join(sections))
    return "; ".join(parts)


def _origin(prices, origin: str, resources):
    """The price list an entry was written in (a list's own entries, or one it extends)."""
    if origin == prices.id:
        return prices
    from ..cost.prices import load_price_list
    sibling = Path(prices.file).parent / f"{origin}.yaml" if prices.file else None
    try:
        return load_price_list(str(sibling) if sibling is not None and sibling.is_file() else origin, resources)
    except (RumahError, LookupError):
        return None


def price_origins(quote: Quote) -> list[tuple[str, str, int, str, int]]:
    """The lists the bill's prices were written in, with how many prices each gave:
    (id, region, year, source as written, count), most first."""
    bill = quote.plan.bill
    counts: dict[str, int] = {}
    for code in bill.used:
        origin = bill.price_list.price(code).origin
        counts[origin] = counts.get(origin, 0) + 1
    found = []
    for origin, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        listed = _origin(bill.price_list, origin, quote.catalog.resources)
        if listed is None:
            found.append((origin, "", 0, "", count))
        else:
            found.append((listed.id, listed.region_name, listed.year, listed.source, count))
    return found


#: An AHSP item number as the edition prints it (``2.2.1.4.3``); other codes are the project's
#: own keys for items it composed (``setting_out``), which mean nothing to a reader.
_PUBLISHED = re.compile(r"\d+(?:\.\d+)+")


def published_code(code: str) -> str:
    """The edition's own item number, or ``""`` for an item the project composed."""
    return code if _PUBLISHED.fullmatch(code) else ""
