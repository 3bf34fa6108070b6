"""The desk's own words: the English text is the key, Indonesian its translation.

Written as the project's gettext catalog will hold them (the English message id, ``{fields}``
filled in after translation), so that they move into ``rumah.po`` as they are once the catalog
is on main; until then this table is the catalog of the desk's pages.  The consultation's
questions and messages are konsultasi's own and are not repeated here.
"""

from __future__ import annotations

INDONESIAN = {
    "(kept)": "(tetap)",
    "Answer": "Jawaban",
    "Answer again from here": "Jawab lagi mulai dari sini",
    "Answers": "Jawaban",
    "Back to the families": "Kembali ke daftar keluarga",
    "Before": "Sebelumnya",
    "Built already: {what}": "Sudah dibangun: {what}",
    "By": "Oleh",
    "Clinic desk": "Meja klinik",
    "Consult again": "Konsultasi ulang",
    "Consultation": "Konsultasi",
    "consultation": "konsultasi",
    "visit": "kunjungan",
    "Cost and plan": "Biaya dan rencana",
    "Cost at today's prices": "Biaya dengan harga hari ini",
    "Cost": "Biaya",
    "Date of the visit": "Tanggal kunjungan",
    "Date": "Tanggal",
    "Download (xlsx)": "Unduh (xlsx)",
    "Expected a date such as {example}, found {found!r}.": "Tulis tanggal seperti {example}; tertulis {found!r}.",
    "Families": "Keluarga",
    "Family": "Keluarga",
    "Files": "Berkas",
    "Follow-up visit": "Kunjungan lanjutan",
    "Found built": "Ditemukan selesai",
    "From": "Dari",
    "In all": "Seluruhnya",
    "Issue a new quote": "Terbitkan penawaran baru",
    "Leave it as it is to keep {value}.": "Biarkan seperti ini untuk tetap {value}.",
    "Livable in month {month}": "Layak huni pada bulan ke-{month}",
    "Livable in month {month}.": "Layak huni pada bulan ke-{month}.",
    "Log in": "Masuk",
    "Log out": "Keluar",
    "Materials it paid (Rp)": "Bahan yang sudah dibayar (Rp)",
    "Money the family holds for the house now, if it says (Rp; empty: reckoned from the plan)":
        "Uang untuk rumah yang dipegang keluarga sekarang, bila disebutkan (Rp; kosong: dihitung dari rencana)",
    "Month": "Bulan",
    "Monthly report": "Laporan bulanan",
    "NIK (optional; the register keeps only its last four digits and a digest)":
        "NIK (boleh kosong; register hanya menyimpan empat angka terakhir dan sidik acaknya)",
    "Name or village": "Nama atau desa",
    "New consultation": "Konsultasi baru",
    "Next": "Lanjut",
    "No family found.": "Tidak ada keluarga yang cocok.",
    "No quote issued yet.": "Belum ada penawaran.",
    "No saran: the plan is as good as the changes tried can make it.":
        "Tidak ada saran: rencana ini sudah sebaik yang bisa dicapai dengan perubahan yang dicoba.",
    "No visit yet.": "Belum ada kunjungan.",
    "No. {id}": "No. {id}",
    "No.": "No.",
    "Note": "Catatan",
    "Now": "Sekarang",
    "Number": "Nomor",
    "Open the visit form on version {n}": "Buka formulir kunjungan untuk versi {n}",
    "Open version {n} and answer again": "Buka versi {n} dan jawab lagi",
    "Password": "Kata sandi",
    "Plan from version {version}": "Rencana dari versi {version}",
    "Price list {prices}, AHSP {ahsp}": "Daftar harga {prices}, AHSP {ahsp}",
    "Price list": "Daftar harga",
    "Question {n}": "Pertanyaan {n}",
    "Quote {number} issued.": "Penawaran {number} diterbitkan.",
    "Quotes": "Penawaran",
    "Record the visit and plan the rest": "Catat kunjungan dan rencanakan sisanya",
    "Save and issue the quote": "Simpan dan terbitkan penawaran",
    "Save my answers over version {n}": "Simpan jawaban saya di atas versi {n}",
    "Save the family in the register and issue its quote: the PDF and the DXF plans can then be downloaded "
    "from the family's page.":
        "Simpan keluarga ini di register dan terbitkan penawarannya: PDF dan gambar DXF dapat diunduh dari "
        "halaman keluarga.",
    "Saved as version {version}; quote {number} issued.":
        "Tersimpan sebagai versi {version}; penawaran {number} diterbitkan.",
    "Saved": "Disimpan",
    "Search": "Cari",
    "Show": "Tampilkan",
    "Someone else saved this family meanwhile": "Petugas lain sudah menyimpan keluarga ini",
    "Spent": "Dibelanjakan",
    "Status": "Status",
    "Step": "Tahap",
    "Technician": "Petugas",
    "The consultation is complete": "Konsultasi selesai",
    "The cost, the plan and the drawings appear here once the house type is chosen.":
        "Biaya, rencana dan gambar muncul di sini setelah tipe rumah dipilih.",
    "The family is saved, but its quote could not be made: {error}":
        "Keluarga tersimpan, tetapi penawarannya tidak dapat dibuat: {error}",
    "The family's own money spent on the house since month 1 of the plan (Rp)":
        "Uang keluarga sendiri yang sudah dipakai untuk rumah sejak bulan ke-1 rencana (Rp)",
    "The form has expired": "Formulir sudah kedaluwarsa",
    "The form was sent without its security token, or with an old one. Open the page again and send it "
    "once more.":
        "Formulir terkirim tanpa token keamanannya, atau dengan token lama. Buka lagi halamannya dan kirim "
        "sekali lagi.",
    "The house, step by step": "Rumah, tahap demi tahap",
    "The plan, month by month": "Rencana, bulan demi bulan",
    "Total": "Total",
    "Tranches released": "Termin yang sudah cair",
    "Updated": "Diperbarui",
    "User": "Pengguna",
    "Version": "Versi",
    "Versions of the household file": "Versi berkas keluarga",
    "Village (desa/kelurahan)": "Desa/kelurahan",
    "Village": "Desa",
    "Visit recorded; the rest is planned again from it (version {version}).":
        "Kunjungan dicatat; sisanya direncanakan ulang darinya (versi {version}).",
    "Visits": "Kunjungan",
    "Wages it paid (Rp)": "Upah yang sudah dibayar (Rp)",
    "What would help (saran)": "Saran",
    "Work packages found finished": "Paket pekerjaan yang ditemukan selesai",
    "Work": "Pekerjaan",
    "Write the technician's name.": "Tulis nama petugas.",
    "Wrong name or password.": "Nama atau kata sandi salah.",
    "built before": "sudah dibangun sebelumnya",
    "change": "ubah",
    "every status": "semua status",
    "family no. {id}, from version {version}": "keluarga no. {id}, dari versi {version}",
    "next": "berikutnya",
    "page {page} of {pages}": "halaman {page} dari {pages}",
    "previous": "sebelumnya",
    "without planning: month {month}": "tanpa perencanaan: bulan ke-{month}",
    "{n} families": "{n} keluarga",
    "{who} saved version {current} at {when}, after this consultation opened version {opened}. Your answers "
    "are not saved yet. They changed:":
        "{who} menyimpan versi {current} pada {when}, setelah konsultasi ini membuka versi {opened}. Jawaban "
        "Anda belum tersimpan. Yang diubahnya:",
    "{who} saved version {current} at {when}, after this form opened version {opened}. The visit is not "
    "recorded yet. They changed:":
        "{who} menyimpan versi {current} pada {when}, setelah formulir ini membuka versi {opened}. Kunjungan "
        "belum dicatat. Yang diubahnya:",
}


def t(message: str, lang: str, /, **fields) -> str:
    """``message`` in ``lang`` (Indonesian unless ``en``), its ``{fields}`` filled in."""
    text = message if lang == "en" else INDONESIAN.get(message, message)
    return text.format(**fields) if fields else text
