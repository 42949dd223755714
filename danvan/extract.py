"""All extractors applied to one article: its rows for every per-article table."""

from __future__ import annotations

from collections import Counter
from typing import Any

from danvan.actors import (
    extract_abbreviations,
    extract_entities,
    extract_persons,
    organisation_mentions,
    persons_in_sentence,
)
from danvan.article import Article
from danvan.documents import extract_documents, extract_periods
from danvan.figures import extract_figures
from danvan.metadata import extract_metadata
from danvan.places import find_mentions, resolve_place
from danvan.text import capitalised_runs, fold
from danvan.themes import sentence_annotations, theme_hits_memo, theme_rows, word_counts

Rows = list[dict[str, Any]]


# Per-sentence results memoised within one article (several tables read the same sentence); cleared
# for every article so that a corpus with repeated sentences costs what a real one costs.
SENTENCE_CACHES = (
    find_mentions,
    organisation_mentions,
    persons_in_sentence,
    theme_hits_memo,
    capitalised_runs,
    fold,  # sentences are folded by several extractors; words have their own memo (text.fold_word)
)


def extract_all(article: Article) -> tuple[dict[str, Rows], Counter[str]]:
    """Rows of every per-article table for ``article``, and its word counts (for keyness)."""
    for memo in SENTENCE_CACHES:
        memo.cache_clear()
    meta = extract_metadata(article)
    place, quality = resolve_place(
        article, meta.get("source", ""), meta.get("published", ""), meta.get("title", "")
    )
    province = place.get("province", "")
    articles_row = {
        "article_id": article.article_id,
        "file": article.file,
        **meta,
        **place,
        "n_sentences": len(article.sentences),
        "n_words": article.n_words,
        "n_chars": len(article.text),
    }
    notes = {row["sentence_id"]: row for row in sentence_annotations(article)}
    sentences = [
        {
            "article_id": article.article_id,
            "sentence_id": s.sentence_id,
            "text": s.text,
            "start": s.start,
            "end": s.end,
            **{k: notes.get(s.sentence_id, {}).get(k, "") for k in ("themes", "role", "role_cue")},
        }
        for s in article.sentences
    ]
    themes = [{**row, "province": province} for row in theme_rows(article)]
    tables: dict[str, Rows] = {
        "articles": [articles_row],
        "sentences": sentences,
        "figures": extract_figures(article),
        "documents": extract_documents(article),
        "periods": extract_periods(article),
        "themes": themes,
        "entities": extract_entities(article),
        "persons": extract_persons(article),
        "abbreviations": extract_abbreviations(article),
        "data_quality": quality,
    }
    for name in ("figures", "documents", "periods", "entities", "persons"):
        for row in tables[name]:
            row["province"] = province
    for warning in article.warnings:
        tables["data_quality"].append(
            {
                "article_id": article.article_id,
                "kind": "ingest_warning",
                "text": article.file,
                "note": warning,
            }
        )
    return tables, word_counts(article)
