"""Report views, per-group tables and findings on small tables built in the test."""

import pandas as pd
import pytest

from danvan.report import by_group, findings, groups, views
from danvan.report.notebook import table_html
from danvan.report.render import table_of_contents


def _articles(provinces: list[str], **columns) -> pd.DataFrame:
    """An articles table: one article per entry of ``provinces`` ("" for unplaced), ids a, b, c ..."""
    n = len(provinces)
    frame = pd.DataFrame(
        {
            "article_id": [chr(ord("a") + i) for i in range(n)],
            "province": provinces,
            "province_2025": provinces,
            "region": ["" if not p else "Somewhere" for p in provinces],
            "published": [""] * n,
            "source": [""] * n,
            "n_words": [100] * n,
        }
    )
    return frame.assign(**columns)


def test_the_groups_of_a_corpus_are_one_list_with_their_base():
    articles = _articles(["Yên Bái", "Đà Nẵng", "", "Cao Bằng", "Đà Nẵng"], n_words=[10, 20, 30, 40, 50])
    base = groups.corpus_groups(articles)
    assert list(base.index) == ["Cao Bằng", "Đà Nẵng", "Yên Bái", groups.UNPLACED]
    assert base.loc["Đà Nẵng"].tolist() == [2, 70] and base.loc[groups.UNPLACED].tolist() == [1, 30]
    assert groups.placed(base) == ["Cao Bằng", "Đà Nẵng", "Yên Bái"]
    assert groups.base_label("Huế", 1, 717) == "Huế · 1 article · 717 words"
    with pytest.raises(ValueError, match="GROUP_BY must be one of"):
        groups.corpus_groups(articles, "district")


def test_theme_matrix_averages_over_all_articles_and_keeps_groups_without_hits():
    articles = _articles(["Hà Nội", "Hà Nội", "Huế", "Cà Mau"])
    themes = pd.DataFrame(
        {
            "article_id": ["a", "b", "b", "c"],
            "province": ["Hà Nội", "Hà Nội", "Hà Nội", "Huế"],
            "theme": ["economy", "economy", "security", "security"],
            "hits": [2, 4, 1, 3],
            "per_1000_words": [10.0, 20.0, 5.0, 30.0],
        }
    )
    matrix = by_group.theme_matrix(themes, articles, {"economy": "Economy", "security": "Security"})
    assert list(matrix.index) == ["Cà Mau", "Hà Nội", "Huế"]  # Cà Mau has no hit: a row of zeros
    assert matrix.loc["Hà Nội", "Economy"] == 15.0
    assert matrix.loc["Hà Nội", "Security"] == 2.5  # article a has no security hit: counts as 0
    assert matrix.loc["Cà Mau"].sum() == 0 and matrix.loc["Huế", "Economy"] == 0.0


def test_organisation_shares_sum_to_100_per_group_and_show_their_base():
    articles = _articles(["A", "A", "B", "C"])
    entities = pd.DataFrame(
        {
            "article_id": ["a", "a", "b", "c", "c"],
            "kind": ["organisation"] * 4 + ["person"],
            "canonical": ["MTTQ", "MTTQ", "UBND", "MTTQ", "X"],
            "name": ["m"] * 5,
        }
    )
    shares = by_group.organisation_shares(entities, articles)
    assert list(shares.index) == ["A", "B", "C"]
    assert round(shares.loc["A", "MTTQ"], 1) == 66.7 and shares.loc["A", "mentions"] == 3
    assert shares.loc["B"].drop("mentions").sum() == 100.0
    assert shares.loc["C", "mentions"] == 0  # named no organisation: a row of its own


def test_every_per_group_table_has_every_group_in_the_same_order():
    articles = _articles(["Yên Bái", "Đà Nẵng", "Cao Bằng", ""])
    expected = ["Cao Bằng", "Đà Nẵng", "Yên Bái", groups.UNPLACED]
    figures = pd.DataFrame({"article_id": ["a"], "category": ["money"], "value": [1.0]})
    assert list(by_group.figure_counts(figures, articles).index) == expected
    documents = pd.DataFrame({"article_id": ["b"], "issued": ["2021-01-01"]})
    periods = pd.DataFrame({"article_id": [], "start_year": [], "end_year": []})
    events = by_group.timeline_events(documents, periods, articles)
    assert list(by_group.timeline_counts(events, articles).index) == expected
    keyness = pd.DataFrame({"province": ["Yên Bái"], "term": ["t"], "g2": [30.0]})
    terms = views.top_terms(keyness, articles)
    assert list(terms["province"]) == expected
    assert terms.set_index("province").loc["Cao Bằng", "distinctive terms (G²)"] == "none past the threshold"
    assert list(terms.columns[:3]) == ["province", "articles", "words"]


def test_groupings_after_the_merger_and_by_region():
    articles = _articles(["Bắc Kạn", "Thái Nguyên", "Hà Nội"])
    articles["province_2025"] = ["Thái Nguyên", "Thái Nguyên", "Hà Nội"]
    articles["region"] = ["Northern Midlands and Mountains"] * 2 + ["Red River Delta"]
    assert groups.corpus_groups(articles, "province_2025")["articles"].to_dict() == {
        "Hà Nội": 1,
        "Thái Nguyên": 2,
    }
    assert list(groups.corpus_groups(articles, "region").index) == [
        "Northern Midlands and Mountains",
        "Red River Delta",
    ]


def test_theme_shares_by_year_keep_undated_articles_apart():
    articles = _articles(["A", "B", "C"], published=["2021-05-01", "2023-01-02", ""])
    themes = pd.DataFrame(
        {
            "article_id": ["a", "a", "b", "c"],
            "theme": ["economy", "security", "economy", "economy"],
            "hits": [3, 1, 2, 5],
        }
    )
    table = by_group.themes_by_year(themes, articles, {"economy": "Economy"})
    assert list(table.index) == ["2021", "2023", groups.UNDATED]
    assert table.loc["2021", "Economy"] == 75.0 and table.loc["2021", "cue words"] == 4
    assert table.loc["2023", "articles"] == 1 and by_group.spans_years(articles)


def test_corpus_finding_counts_and_never_invents_a_span():
    articles = _articles(["Huế", "", "Huế"])
    log = pd.DataFrame({"status": ["parsed", "parsed", "parsed", "rejected"]})
    text = findings.corpus_finding(articles, log)
    assert text.startswith("The corpus holds 3 articles (300 words) from 1 province (Huế).")
    assert "published between" not in text
    assert "1 article could not be placed" in text
    assert "1 input file was set aside" in text


def _themes_for(articles: pd.DataFrame, rates: list[float]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "article_id": articles["article_id"],
            "province": articles["province"],
            "theme": "land",
            "hits": [round(r) for r in rates],
            "per_1000_words": rates,
        }
    )


def test_one_article_provinces_are_never_said_to_stand_out():
    articles = _articles(["Huế", "Hà Nội", "Kon Tum"])
    themes = _themes_for(articles, [104.0, 40.0, 38.0])
    lines = findings.theme_findings(themes, articles, {"land": "Land"})
    assert not any("stands out on" in line for line in lines)
    assert "each of the 3 provinces rests on one article" in lines[1]
    assert "one article is not enough to characterise a province" in lines[1]


def test_a_province_stands_out_only_beyond_the_uncertainty_of_its_articles():
    provinces = [p for p in ("Huế", "Hà Nội", "Kon Tum", "Sơn La") for _ in range(8)] + ["Cà Mau"]
    articles = _articles(provinces).assign(article_id=[f"x{i:02d}" for i in range(33)])
    noise = [0.0, 4.0, 2.0, 6.0, 3.0, 5.0, 1.0, 3.0]
    rates = [r + 30 * (p == "Kon Tum") for p, r in zip(provinces[:32], noise * 4, strict=True)] + [50.0]
    lines = findings.theme_findings(_themes_for(articles, rates), articles, {"land": "Land"})
    named = [line for line in lines if "stands out on" in line]
    assert len(named) == 1 and named[0].startswith("Kon Tum stands out on land, more than the rest")
    assert "(8 articles, 800 words; 95% interval" in named[0] and "Holm-adjusted p" in named[0]
    assert (
        lines[-1]
        == "Cà Mau rests on one article; not enough to characterise a province, so it is not compared."
    )


def test_alike_provinces_make_an_honest_none():
    provinces = [p for p in ("Huế", "Hà Nội", "Kon Tum") for _ in range(4)]
    articles = _articles(provinces).assign(article_id=[f"x{i:02d}" for i in range(12)])
    rates = [3.0, 5.0, 4.0, 6.0] * 3
    lines = findings.theme_findings(_themes_for(articles, rates), articles, {"land": "Land"})
    assert lines[1].startswith("No province stands out on any theme beyond the uncertainty of its articles")


def test_organisations_and_document_types_are_glossed_once():
    articles = _articles(["Huế", "Lào Cai", "Hà Nội"])
    entities = pd.DataFrame(
        {
            "article_id": ["a", "b", "a"],
            "kind": ["organisation"] * 3,
            "canonical": ["Mặt trận Tổ quốc Việt Nam"] * 2 + ["Ban Dân vận"],
        }
    )
    text = findings.actor_finding(entities, pd.DataFrame(), articles)
    assert text.count("(Vietnam Fatherland Front)") == 1
    assert "with 2 of the 3 organisation mentions in 2 of the 3 articles" in text
    assert "it is named in articles from 2 of the 3 provinces" in text  # Hà Nội named none: still counted
    documents = pd.DataFrame(
        {"article_id": ["a", "b"], "doc_type": ["Chỉ thị", "Chỉ thị"], "code": ["05-CT/TW", "05-CT/TW"]}
    )
    assert findings.document_finding(documents, articles) == (
        "2 references to documents in 2 of the 3 articles; the most frequent type is Chỉ thị (directive), "
        "with 2; the most cited code is 05-CT/TW (2×)."
    )


def test_an_outlets_own_name_is_not_a_distinctive_word():
    articles = _articles(
        ["An Giang", "An Giang", "Huế"], source=["Báo An Giang điện tử", "baoangiang.com.vn", "Báo Nhân Dân"]
    )
    assert views.outlet_names(articles["source"][:2]) == {
        "báo an giang điện tử",
        "an giang",
        "baoangiang.com.vn",
        "baoangiang",
    }
    keyness = pd.DataFrame(
        {
            "province": ["An Giang", "An Giang", "Huế", "Huế"],
            "term": ["baoangiang", "khmer", "nhân dân", "an giang"],
            "g2": [30.0, 20.0, 25.0, 24.0],
        }
    )
    table = views.top_terms(keyness, articles).set_index("province")["distinctive terms (G²)"]
    assert table["An Giang"] == "khmer (20.0)"
    assert table["Huế"] == "an giang (24.0)"  # another province's name is not Huế's own


def test_tables_escape_article_text():
    html = table_html(pd.DataFrame({"text": ['<script>alert("x")</script>']}), interactive=True)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'class="dataframe dv-table dv-interactive"' in html


def test_table_of_contents_nests_h3_under_h2():
    body = (
        '<h2 id="A">A<a class="anchor-link" href="#A">¶</a></h2><h3 id="A1">A &amp; 1</h3><h2 id="B">B</h2>'
    )
    assert table_of_contents(body) == (
        '<ol><li><a href="#A">A</a><ol><li><a href="#A1">A &amp; 1</a></li></ol></li>'
        '<li><a href="#B">B</a></li></ol>'
    )


def test_role_balance_is_per_article_for_small_corpora_and_per_province_for_large_ones():
    small = _articles(["Huế", ""])
    sentences = pd.DataFrame(
        {"article_id": ["a", "a", "b"], "sentence_id": [0, 1, 0], "role": ["result", "shortcoming", "result"]}
    )
    per_article = by_group.role_matrix(sentences, small)
    assert per_article.index.name == "article" and len(per_article) == 2
    many = _articles(["Huế"] * 30 + ["Hà Nội"] * 30 + ["Cà Mau"]).assign(
        article_id=[f"x{i}" for i in range(61)]
    )
    big = pd.DataFrame({"article_id": [f"x{i}" for i in range(60)], "sentence_id": 0, "role": "result"})
    per_province = by_group.role_matrix(big, many)
    assert per_province.index.name == "province"
    assert list(per_province.index) == ["Huế", "Hà Nội", "Cà Mau"]  # read top-down in a horizontal bar chart
    assert per_province.loc["Huế", "result"] == 30 and per_province.loc["Cà Mau", "result"] == 0


def test_plots_stay_readable_with_many_provinces():
    from danvan.report import plots

    provinces = [f"Province {i:02d}" for i in range(63)]
    counts = pd.DataFrame(1, index=["money", "percentages"], columns=provinces)
    fig = plots.grouped_bars(counts, plots.province_colors(provinces), "claims", "claims")
    assert fig.axes[0].images, "63 provinces are drawn as a heatmap, not 126 bars"
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == provinces
    bars = plots.bars_by_province(pd.Series(1, index=provinces), plots.province_colors(provinces), "a", "b")
    assert bars.get_figheight() <= plots.MAX_HEIGHT


def test_quality_tables_sum_up_per_gold_set_and_keep_measure_tables(tmp_path):
    from danvan.report.quality import quality_tables

    results = tmp_path / "RESULTS.md"
    results.write_text(
        "<!-- themes:start -->\nBlind, roles, **before** tuning:\n\n| | precision | recall |\n|---|---|---|\n"
        "| all roles (accuracy) | 0.72 | |\n| result | 0.8 | 0.7 |\n\nSeeds, roles:\n\n| | precision | recall |\n"
        "|---|---|---|\n| all roles (accuracy) | 0.78 | |\n<!-- themes:end -->\n"
        "<!-- figures:start -->\n### Before any fix\n\n| measure | value |\n|---|---|\n| figures P / R | 0.97 / 0.96 |\n"
        "<!-- figures:end -->\n<!-- places:start -->\nSome prose, not a heading.\n\n| field | before |\n|---|---|\n"
        "| province | 93% |\n<!-- places:end -->\n",
        encoding="utf-8",
    )
    (_, themes), (figure_caption, figures_table), (places_caption, _) = quality_tables(results)
    assert places_caption == "Article metadata and places (bench/RESULTS.md)"  # prose is no caption
    assert list(themes["set"]) == ["Blind, roles, before tuning", "Seeds, roles"]
    assert list(themes["precision"]) == ["0.72", "0.78"]
    assert figure_caption.startswith("Figures, documents and periods: Before any fix")
    assert figures_table.iloc[0]["value"] == "0.97 / 0.96"


def test_numbers_with_gaps_are_read_as_numbers_and_the_timeline_stays_numeric(tmp_path):
    from danvan.report.notebook import _read
    from danvan.tables import ALL_TABLES

    columns = list(ALL_TABLES["periods"])
    rows = [
        {"article_id": "a", "start_year": "2021", "end_year": "", "kind": "since", "province": "Huế"},
        {
            "article_id": "b",
            "start_year": "2016",
            "end_year": "2020",
            "kind": "campaign period",
            "province": "",
        },
    ]
    lines = [",".join(columns)] + [",".join(row.get(c, "0") for c in columns) for row in rows]
    (tmp_path / "periods.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    periods = _read(tmp_path, "periods")
    documents = pd.DataFrame({"article_id": [], "issued": []})
    events = by_group.timeline_events(documents, periods, _articles(["Huế", ""]))
    assert events["end"].tolist() == [2021, 2020]  # "since 2021" is a point, not the text ""
    assert events["group"].tolist() == ["Huế", groups.UNPLACED]
    assert pd.api.types.is_numeric_dtype(events["start"]) and pd.api.types.is_numeric_dtype(events["end"])
