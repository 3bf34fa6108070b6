"""What is built: house templates, their parameters, and the Design computed from them."""
