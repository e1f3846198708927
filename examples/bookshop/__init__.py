"""A small async bookshop service: the code the demo suite tests."""
