"""The clinic desk: a guided consultation that ends with a household file, its plan and its quote."""
