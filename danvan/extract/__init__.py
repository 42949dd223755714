"""Extract: what one Article says, as rows with their exact source text and offsets.

Metadata and places (with the gazetteer), numeric claims and numerals, dates, cited documents, organisations,
persons, abbreviations, themes and sentence roles; ``combine.extract_all`` runs them all on one article and
assembles the entity table. Extractors read their vocabulary from ``danvan/data`` on first use.
"""

from __future__ import annotations

__all__ = ["extract_all", "extract_entities"]


def __getattr__(name: str) -> object:
    """The package's names, imported on first use: importing one extractor does not import them all."""
    if name in __all__:
        from danvan.extract import combine

        return getattr(combine, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
