"""Theme and role tagging against hand labels: every seed sentence (tests/data/sentence_labels.csv), a
held-out set of sentences written outside the seeds (tests/data/heldout_sentence_labels.csv) and a blind set
written and labelled in a later round (tests/data/blind_sentence_labels.csv).

Usage: python -m bench.themes_quality   (prints the tables and writes the "themes" section of RESULTS.md)
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from bench.results_file import write_section
from danvan.extract.themes import sentence_annotations, sentence_role, theme_hits
from danvan.ingest.read import iter_corpus
from danvan.vocab import load_yaml

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "tests" / "data" / "sentence_labels.csv"
HELDOUT = ROOT / "tests" / "data" / "heldout_sentence_labels.csv"
BLIND = ROOT / "tests" / "data" / "blind_sentence_labels.csv"
BLIND3 = ROOT / "tests" / "data" / "blind3_sentence_labels.csv"


def load_labels(path: Path = LABELS) -> list[dict[str, str]]:
    """Rows of a hand-label CSV, skipping ``#`` comment lines."""
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


def predictions() -> dict[tuple[str, int], dict[str, str]]:
    """Tagger output for every seed sentence, keyed by (article_id, sentence_id)."""
    out = {}
    for ingested in iter_corpus(ROOT / "seeds"):
        article = ingested.article
        for sentence, note in zip(article.sentences, sentence_annotations(article), strict=True):
            out[(article.article_id, sentence.sentence_id)] = {**note, "text": sentence.text}
    return out


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def seed_pairs() -> list[tuple[dict[str, str], dict[str, str]]]:
    """(gold, guess) for every labelled seed sentence, in context (roles carry within a paragraph)."""
    predicted, pairs = predictions(), []
    for row in load_labels():
        guess = predicted[(row["article_id"], int(row["sentence_id"]))]
        if not guess["text"].startswith(row["text_start"]):
            raise SystemExit(f"label drift at {row['article_id']} #{row['sentence_id']}: re-label the seeds")
        pairs.append((row, guess))
    return pairs


def heldout_pairs(path: Path = HELDOUT) -> list[tuple[dict[str, str], dict[str, str]]]:
    """(gold, guess) for every sentence of a stand-alone label file (the held-out or the blind set), each
    tagged alone (no cue: the default role)."""
    default = load_yaml("roles.yml")["default_role"]
    pairs = []
    for row in load_labels(path):
        role, _ = sentence_role(row["text"])
        guess = {"themes": "; ".join(sorted(theme_hits(row["text"]))), "role": role or default}
        pairs.append((row, guess))
    return pairs


def measure(pairs: list[tuple[dict[str, str], dict[str, str]]]) -> tuple[str, str]:
    """Markdown tables: per-theme P/R/F1 (with micro average) and per-role P/R/F1 (with accuracy)."""
    themes_tp, themes_fp, themes_fn = Counter(), Counter(), Counter()
    roles_tp, roles_fp, roles_fn = Counter(), Counter(), Counter()
    correct_roles = 0
    for row, guess in pairs:
        gold = {t for t in row["themes"].split("; ") if t}
        got = {t for t in guess["themes"].split("; ") if t}
        for t in gold & got:
            themes_tp[t] += 1
        for t in got - gold:
            themes_fp[t] += 1
        for t in gold - got:
            themes_fn[t] += 1
        correct_roles += guess["role"] == row["role"]
        if guess["role"] == row["role"]:
            roles_tp[row["role"]] += 1
        else:
            roles_fp[guess["role"]] += 1
            roles_fn[row["role"]] += 1
    micro = prf(sum(themes_tp.values()), sum(themes_fp.values()), sum(themes_fn.values()))
    theme_lines = [
        f"| all themes (micro) | {micro[0]:.2f} | {micro[1]:.2f} | {micro[2]:.2f} | "
        f"{sum(themes_tp.values()) + sum(themes_fn.values())} |"
    ]
    for theme in sorted(set(themes_tp) | set(themes_fn) | set(themes_fp)):
        p, r, f = prf(themes_tp[theme], themes_fp[theme], themes_fn[theme])
        theme_lines.append(
            f"| {theme} | {p:.2f} | {r:.2f} | {f:.2f} | {themes_tp[theme] + themes_fn[theme]} |"
        )
    role_lines = [f"| all roles (accuracy) | {correct_roles / len(pairs):.2f} | | | {len(pairs)} |"]
    for role in sorted(set(roles_tp) | set(roles_fn)):
        p, r, f = prf(roles_tp[role], roles_fp[role], roles_fn[role])
        role_lines.append(f"| {role} | {p:.2f} | {r:.2f} | {f:.2f} | {roles_tp[role] + roles_fn[role]} |")
    header = "| | precision | recall | F1 | gold |\n|---|---|---|---|---|\n"
    return header + "\n".join(theme_lines), header + "\n".join(role_lines)


# The blind set as first scored, before any change made while looking at its errors (lexicon and role
# cues of commit aad94d8): the honest figures for unseen text. Kept verbatim; `main` prints the current ones.
BLIND_BEFORE_THEMES = """\
| | precision | recall | F1 | gold |
|---|---|---|---|---|
| all themes (micro) | 0.81 | 0.71 | 0.76 | 210 |
| admin_reform | 0.88 | 0.58 | 0.70 | 12 |
| coordination | 0.50 | 1.00 | 0.67 | 9 |
| culture_environment | 0.76 | 0.72 | 0.74 | 18 |
| democracy | 0.93 | 0.76 | 0.84 | 17 |
| digital | 1.00 | 1.00 | 1.00 | 11 |
| economy | 0.54 | 0.70 | 0.61 | 10 |
| emulation | 0.79 | 0.92 | 0.85 | 12 |
| ethnic_religion | 0.85 | 0.48 | 0.61 | 23 |
| infrastructure | 0.83 | 0.56 | 0.67 | 9 |
| land | 0.93 | 0.93 | 0.93 | 15 |
| party_building | 0.83 | 0.62 | 0.71 | 8 |
| persuasion | 0.86 | 0.82 | 0.84 | 22 |
| petitions | 1.00 | 0.75 | 0.86 | 8 |
| poverty | 0.76 | 0.65 | 0.70 | 20 |
| security | 1.00 | 0.44 | 0.61 | 16 |"""

BLIND_BEFORE_ROLES = """\
| | precision | recall | F1 | gold |
|---|---|---|---|---|
| all roles (accuracy) | 0.72 | | | 120 |
| direction | 0.84 | 0.81 | 0.82 | 26 |
| other | 0.29 | 0.50 | 0.36 | 16 |
| result | 0.84 | 0.75 | 0.79 | 56 |
| shortcoming | 0.88 | 0.68 | 0.77 | 22 |"""


def main() -> None:
    seed_pairs_, heldout_pairs_, blind_pairs_ = seed_pairs(), heldout_pairs(), heldout_pairs(BLIND)
    themes, roles = measure(seed_pairs_)
    held_themes, held_roles = measure(heldout_pairs_)
    blind_themes, blind_roles = measure(blind_pairs_)
    blind3_pairs = heldout_pairs(BLIND3)
    blind3_themes, blind3_roles = measure(blind3_pairs)
    write_section(
        "themes",
        f"""## Theme and role tagging (issue 6)

Command: `python -m bench.themes_quality`. Four gold sets:

- **Seeds**: {len(seed_pairs_)} seed sentences labelled by hand (`tests/data/sentence_labels.csv`: every
  sentence of the five seeds, its role and its themes, read by a person). The labeller also wrote the
  lexicon, so these figures are optimistic.
- **Held-out**: {len(heldout_pairs_)} sentences written for the test in the style of provincial Party and
  Front news, not taken from the seeds (`tests/data/heldout_sentence_labels.csv`), labelled before the
  lexicon was tuned on them. Each is tagged alone, without its paragraph, so a sentence with no role cue
  counts as `other`. Before tuning it scored themes micro P/R/F1 0.83/0.77/0.80 and roles accuracy 0.71
  (`digital` and `petitions` then had no cues). The lexicon and role cues were then revised on its errors,
  so the figures below overstate accuracy on unseen text; a fresh set is needed for an unbiased figure.
  It is small (a theme has 5-16 gold sentences), so one sentence moves a theme's figures by several points.
- **Blind**: {len(blind_pairs_)} further sentences (`tests/data/blind_sentence_labels.csv`), from paragraphs
  of 20 imagined articles of other provinces and outlets and other genres (conference speeches, interviews,
  features on model individuals, commentaries, news of the two-level local government after 2025), written
  and labelled in a later round before the tagger was run on them (the writer had glimpsed most theme cue
  lists beforehand, not the role cues). Each is tagged alone, as above.
  **Before** any change: the first scoring, the honest figure for unseen text. **After**: the lexicon and
  role cues were then revised on its errors (general fixes only, each also checked on the seeds and the
  held-out set), so the "after" figures are tuned on the blind set and overstate accuracy on unseen text.
  Before: themes micro P/R/F1 0.81/0.71/0.76, roles accuracy 0.72 - close to the held-out set's own
  pre-tuning 0.80 and 0.71, far from its tuned 0.96 and 0.95, so expect figures near the "before" ones on new
  text. The misses were mostly vocabulary the lexicon lacked
  (religion and ethnic-group names, the army, restructuring and the two-level government, southern "lộ"
  roads) and role cues ("tuy vậy", "Cần Thơ" read as "cần", an age read as a reported figure, questions).
  Still wrong after tuning, and left alone as conventions rather than errors: `coordination` fires on any
  mention of a mass organisation or "phối hợp" (the blind labels keep it for organisations working together),
  `economy` on "doanh nghiệp" as an employer, and a quoted "phải" ("we must ...") in a feature reads as a task.
- **Blind, round 3**: {len(blind3_pairs)} sentences (`tests/data/blind3_sentence_labels.csv`) from 15 more
  imagined articles (a commune after the 2025 reform, a border post's Party cell, a Catholic parish, a Khmer
  pagoda, an industrial zone's union, a youth digital campaign, a savings group, a citizen-reception day, a
  village elder's interview, a year-end review, flood relief, expressway land clearance, a model fisherman, a
  congress speech), written and labelled on 2026-11-23 by a helper who had not read the tagger's code, cue
  lists or role cues. Untuned: nothing was changed on its errors, so it is the honest figure for unseen text.
  It agrees with the first blind set's "before" figures: themes about 0.7-0.75 F1, roles about 0.7. Its
  labeller and the earlier ones differ on `coordination` (kept here for bodies explicitly working together).

Seeds, themes per sentence:

{themes}

Seeds, sentence roles:

{roles}

Held-out, themes per sentence:

{held_themes}

Held-out, sentence roles:

{held_roles}

Blind, themes per sentence, **before** tuning (unseen text):

{BLIND_BEFORE_THEMES}

Blind, sentence roles, **before** tuning (unseen text):

{BLIND_BEFORE_ROLES}

Blind, round 3, themes per sentence (untuned, unseen text):

{blind3_themes}

Blind, round 3, sentence roles (untuned, unseen text):

{blind3_roles}

Blind, themes per sentence, after tuning on it:

{blind_themes}

Blind, sentence roles, after tuning on it:

{blind_roles}
""",
    )
    print(
        "SEEDS",
        themes,
        roles,
        "HELD-OUT",
        held_themes,
        held_roles,
        "BLIND",
        blind_themes,
        blind_roles,
        sep="\n\n",
    )


if __name__ == "__main__":
    main()
