"""The ``parat`` command line: a thin layer of parsing and printing over the services."""

from tracker.cli.main import app, main

__all__ = ["app", "main"]
