"""Parat's terminal UI (Textual): the chief group's overview and the secretariat's
workbench. It talks only to ``tracker``'s services; see :mod:`tui.app`."""

from tui.app import ParatApp, create_app, run

__all__ = ["ParatApp", "create_app", "run"]
