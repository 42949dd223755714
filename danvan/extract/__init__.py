"""Extract: what one Article says, as rows with their exact source text and offsets.

Metadata and places (with the gazetteer), numeric claims and numerals, dates, cited documents, organisations,
persons, abbreviations, themes and sentence roles; ``combine.extract_all`` runs them all on one article and
assembles the entity table. Extractors read their vocabulary from ``danvan/data`` on first use.
"""

from danvan.extract.combine import extract_all, extract_entities

__all__ = ["extract_all", "extract_entities"]
