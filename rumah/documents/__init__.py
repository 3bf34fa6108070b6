"""What people read: bills and plans as text, JSON and CSV, plan sheets, DXF files and the PDF quote."""
