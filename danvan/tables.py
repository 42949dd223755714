"""The table contract: every table danvan writes, its columns in order, and their types."""

from __future__ import annotations

# Column -> type ("str", "int", "float", "bool"). The first columns of each table are the ones the
# issues fix by name; more follow. Types keep CSV and Parquet output stable chunk after chunk.
TABLES: dict[str, dict[str, str]] = {
    "articles": {
        "article_id": "str", "file": "str", "title": "str", "source": "str", "published": "str",
        "author": "str", "province": "str", "district": "str", "n_sentences": "int", "n_words": "int",
        "published_precision": "str", "published_text": "str", "province_2025": "str", "region": "str",
        "province_evidence": "str", "n_chars": "int", "sha256": "str",
    },
    "sentences": {
        "article_id": "str", "sentence_id": "int", "text": "str", "start": "int", "end": "int",
        "themes": "str", "role": "str", "role_cue": "str",
    },
    "figures": {
        "article_id": "str", "value": "float", "unit": "str", "object": "str", "category": "str",
        "text": "str", "sentence_id": "int", "start": "int", "end": "int", "qualifier": "str",
        "value_max": "float", "province": "str",
    },
    "documents": {
        "article_id": "str", "doc_type": "str", "number": "str", "code": "str", "issuer": "str",
        "issuer_text": "str", "issued": "str", "title": "str", "text": "str", "sentence_id": "int",
        "start": "int", "end": "int", "province": "str",
    },
    "periods": {
        "article_id": "str", "start_year": "int", "end_year": "int", "kind": "str", "text": "str",
        "sentence_id": "int", "start": "int", "end": "int", "province": "str",
    },
    "themes": {
        "article_id": "str", "province": "str", "theme": "str", "hits": "int", "per_1000_words": "float",
    },
    "entities": {
        "article_id": "str", "kind": "str", "name": "str", "canonical": "str", "level": "str",
        "family": "str", "text": "str", "sentence_id": "int", "start": "int", "end": "int",
        "province": "str",
    },
    "persons": {
        "article_id": "str", "name": "str", "titles": "str", "organisation": "str", "text": "str",
        "sentence_id": "int", "start": "int", "end": "int", "province": "str",
    },
    "abbreviations": {
        "article_id": "str", "abbreviation": "str", "expansion": "str", "gloss_en": "str",
        "known": "bool", "count": "int",
    },
    "data_quality": {"article_id": "str", "kind": "str", "text": "str", "note": "str"},
    "ingest_log": {"file": "str", "status": "str", "reason": "str", "article_id": "str"},
}

# Tables computed once over the whole corpus after the per-article pass.
CORPUS_TABLES: dict[str, dict[str, str]] = {
    "glossary": {
        "abbreviation": "str", "expansion": "str", "gloss_en": "str", "known": "bool", "count": "int",
        "n_articles": "int",
    },
    "keyness": {
        "province": "str", "term": "str", "count_group": "int", "count_rest": "int", "g2": "float",
        "log_ratio": "float",
    },
}

ALL_TABLES = {**TABLES, **CORPUS_TABLES}
