"""Report: from the tables to one HTML page.

``build`` parses a corpus, executes the notebooks on the project's own kernel and renders them with
nbconvert (``render``); ``notebook`` is what the notebooks call (load the tables, show escaped tables and
captioned figures); ``groups`` defines the groups compared (provinces before or after the 2025 merger,
regions) and their base, ``by_group`` makes one table per chart over all of them, ``compare`` gives each
group's interval and permutation test, ``views`` shapes row tables for display, ``plots`` and ``tilemap``
draw, ``findings`` writes the key findings, ``quality`` quotes the measured accuracy.
"""

from __future__ import annotations

__all__ = ["BuildError", "build_report", "setup"]


def __getattr__(name: str) -> object:
    """The package's names, imported on first use: a notebook's ``setup`` does not import the build step
    (nbformat and its JSON-schema validators take about a second to import)."""
    if name == "setup":
        from danvan.report.notebook import setup

        return setup
    if name in __all__:
        from danvan.report import build

        return getattr(build, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
