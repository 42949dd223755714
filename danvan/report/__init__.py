"""Report: from the tables to one HTML page.

``build`` parses a corpus, executes the notebooks on the project's own kernel and renders them with
nbconvert (``render``); ``notebook`` is what the notebooks call (load the tables, show escaped tables and
captioned figures); ``views`` shapes the tables for display, ``plots`` draws them, ``findings`` writes the
key findings, ``quality`` quotes the measured accuracy.
"""

from danvan.report.build import BuildError, build_report
from danvan.report.notebook import setup

__all__ = ["BuildError", "build_report", "setup"]
