"""Parat's version, in a module of its own so that any layer can name it without
importing the package's lazy front door (``tracker.open``)."""

__all__ = ["__version__"]

__version__ = "0.1.0"
