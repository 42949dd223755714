"""All extractors applied to one article: its rows for every per-article table."""

from __future__ import annotations

from collections import Counter
from typing import Any

from danvan.article import Article
from danvan.extract.abbreviations import defined_in_text, extract_abbreviations
from danvan.extract.citations import extract_citations, extract_periods
from danvan.extract.claim_context import claim_context
from danvan.extract.claims import extract_claims
from danvan.extract.metadata import extract_metadata
from danvan.extract.models import extract_models
from danvan.extract.organisations import organisation_mentions
from danvan.extract.persons import extract_persons, persons_in_sentence
from danvan.extract.placement import resolve_place
from danvan.extract.places import find_mentions
from danvan.extract.themes import sentence_annotations, sentence_theme_counts, theme_rows, word_counts
from danvan.text import capitalised_runs, fold

Rows = list[dict[str, Any]]


# Per-sentence results memoised within one article (several tables read the same sentence); cleared
# for every article so that a corpus with repeated sentences costs what a real one costs.
SENTENCE_CACHES = (
    find_mentions,
    organisation_mentions,
    persons_in_sentence,
    sentence_theme_counts,
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
        "url": article.url,
    }
    defined = defined_in_text(article.text)  # "Dân vận khéo (DVK)": read "DVK" as what it stands for
    notes = {row["sentence_id"]: row for row in sentence_annotations(article, defined)}
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
    themes = [{**row, "province": province} for row in theme_rows(article, defined)]
    periods = extract_periods(article)
    year = meta.get("published", "")[:4]
    claims = _in_context(article, extract_claims(article, defined), place, year, periods)
    tables: dict[str, Rows] = {
        "articles": [articles_row],
        "sentences": sentences,
        "figures": claims,
        "models": extract_models(article, claims, place),
        "documents": extract_citations(article),
        "periods": periods,
        "themes": themes,
        "entities": extract_entities(article),
        "persons": extract_persons(article),
        "abbreviations": extract_abbreviations(article, defined),
        "data_quality": quality,
    }
    for name in ("figures", "models", "documents", "periods", "entities", "persons"):
        for row in tables[name]:
            row["province"] = province
    if meta["published_note"]:
        note = {"article_id": article.article_id, "kind": "publication_date", "text": meta["published_text"]}
        tables["data_quality"].append({**note, "note": meta["published_note"]})
    for warning in article.warnings:
        tables["data_quality"].append(
            {
                "article_id": article.article_id,
                "kind": "ingest_warning",
                "text": article.file,
                "note": warning,
            }
        )
    return tables, word_counts(article, defined)


def _in_context(article: Article, claims: Rows, place: dict[str, str], year: str, periods: Rows) -> Rows:
    """The claims with their scope, period, unit and kind (:mod:`danvan.extract.claim_context`)."""
    by_id = {s.sentence_id: s for s in article.sentences}
    campaign = next(((str(p["start_year"]), str(p["end_year"])) for p in periods if p["end_year"]), ("", ""))
    for row in claims:
        sentence = by_id[row["sentence_id"]]
        row.update(claim_context(row, sentence.text, row["start"] - sentence.start, place, year, campaign))
    return claims


def extract_entities(article: Article) -> Rows:
    """Rows of ``entities.csv``: organisations, persons and places, each with its exact text."""
    rows = []
    for s in article.sentences:
        mentions = [(row, "organisation") for row in organisation_mentions(s.text)]
        mentions += [
            ({**p, "canonical": p["name"], "level": "", "family": ""}, "person")
            for p in persons_in_sentence(s.text)
        ]
        for place in find_mentions(s.text):
            if place.province and "|" not in place.province:
                at = s.text.find(place.written)
                row = {"name": place.written, "canonical": place.unit, "level": place.level, "family": ""}
                mentions.append(({**row, "start": at, "end": at + len(place.written)}, "place"))
        for row, kind in mentions:
            start, end = s.start + row["start"], s.start + row["end"]
            rows.append(
                {
                    "article_id": article.article_id,
                    "sentence_id": s.sentence_id,
                    "kind": kind,
                    "name": row["name"],
                    "canonical": row["canonical"],
                    "level": row["level"],
                    "family": row["family"],
                    "text": article.text[start:end],
                    "start": start,
                    "end": end,
                }
            )
    return rows
