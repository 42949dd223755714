"""danvan: parse Vietnamese "Dân vận khéo" news articles into tidy tables and a report."""

__version__ = "0.1.0"
