"""Widgets of the Parat UI, one per file."""
