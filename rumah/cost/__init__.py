"""What it costs: quantities measured from a Design, AHSP work items, price lists and the bill."""
