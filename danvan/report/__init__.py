"""Report: from the tables to one HTML page.

``build`` parses a corpus, executes the notebooks on the project's own kernel and renders them with
nbconvert (``render``); ``notebook`` is what the notebooks call (load the tables, show escaped tables and
captioned figures); ``groups`` defines the groups compared (provinces before or after the 2025 merger,
regions) and their base, ``by_group`` makes one table per chart over all of them, ``compare`` gives each
group's interval and permutation test, ``views`` shapes row tables for display, ``plots`` and ``tilemap``
draw, ``findings`` writes the key findings, ``quality`` quotes the measured accuracy.
"""

from danvan.report.build import BuildError, build_report
from danvan.report.notebook import setup

__all__ = ["BuildError", "build_report", "setup"]
