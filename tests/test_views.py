"""Report views and findings on small tables built in the test."""

import pandas as pd

from danvan.report import findings, views
from danvan.report.notebook import table_html
from danvan.report.render import table_of_contents


def test_theme_matrix_averages_over_all_articles_of_a_province():
    themes = pd.DataFrame(
        {
            "article_id": ["a", "b", "b", "c"],
            "province": ["Hà Nội", "Hà Nội", "Hà Nội", "Huế"],
            "theme": ["economy", "economy", "security", "security"],
            "hits": [2, 4, 1, 3],
            "per_1000_words": [10.0, 20.0, 5.0, 30.0],
        }
    )
    matrix = views.theme_matrix(themes, {"economy": "Economy", "security": "Security"})
    assert matrix.loc["Hà Nội", "Economy"] == 15.0
    assert matrix.loc["Hà Nội", "Security"] == 2.5  # article a has no security hit: counts as 0
    assert matrix.loc["Huế", "Economy"] == 0.0


def test_organisation_shares_sum_to_100_per_province():
    entities = pd.DataFrame(
        {
            "kind": ["organisation"] * 4 + ["person"],
            "canonical": ["MTTQ", "MTTQ", "UBND", "MTTQ", "X"],
            "province": ["A", "A", "A", "B", "B"],
            "name": ["m"] * 5,
        }
    )
    shares = views.organisation_shares(entities)
    assert round(shares.loc["A", "MTTQ"], 1) == 66.7
    assert shares.loc["B"].sum() == 100.0


def test_persons_view_merges_titles_of_repeated_mentions():
    persons = pd.DataFrame(
        {
            "article_id": ["a", "a"],
            "name": ["Dương Văn Trang"] * 2,
            "titles": ["Bí thư Tỉnh ủy; Chủ tịch HĐND tỉnh", "Bí thư Tỉnh ủy"],
            "organisation": ["Tỉnh ủy", "Tỉnh ủy"],
            "province": ["Kon Tum"] * 2,
            "text": ["x", "y"],
        }
    )
    row = views.persons_view(persons).iloc[0]
    assert row["titles"] == "Bí thư Tỉnh ủy; Chủ tịch HĐND tỉnh"
    assert row["mentions"] == 2


def test_corpus_finding_counts_and_never_invents_a_span():
    articles = pd.DataFrame({"province": ["Huế", "", "Huế"], "published": ["", "", ""]})
    log = pd.DataFrame({"status": ["parsed", "parsed", "parsed", "rejected"]})
    text = findings.corpus_finding(articles, log)
    assert text.startswith("The corpus holds 3 articles from 1 province (Huế).")
    assert "published between" not in text
    assert "1 article could not be placed" in text
    assert "1 input file was set aside" in text


def test_theme_findings_give_a_line_to_the_largest_provinces_only():
    provinces = [f"P{i:02d}" for i in range(10)]
    rows = [
        {
            "article_id": f"{p}-{n}",
            "province": p,
            "theme": t,
            "hits": 1,
            "per_1000_words": float(i + (t == "land")),
        }
        for i, p in enumerate(provinces)
        for n in range(i + 1)
        for t in ("land", "economy")
    ]
    lines = findings.theme_findings(pd.DataFrame(rows), {"land": "Land", "economy": "Economy"})
    named = [p for p in provinces if any(line.startswith(f"{p} stands out") for line in lines)]
    assert named and set(named) <= set(provinces[-findings.MAX_PROVINCE_LINES :])  # most articles
    assert lines[-1] == "The other 4 provinces are compared in the Themes section."


def test_organisations_and_document_types_are_glossed_once():
    entities = pd.DataFrame(
        {
            "kind": ["organisation"] * 3,
            "canonical": ["Mặt trận Tổ quốc Việt Nam"] * 2 + ["Ban Dân vận"],
            "province": ["Huế", "Lào Cai", "Huế"],
        }
    )
    text = findings.actor_finding(entities, pd.DataFrame())
    assert text.count("(Vietnam Fatherland Front)") == 1
    assert "it is named in articles from 2 of the 2 provinces" in text
    documents = pd.DataFrame({"doc_type": ["Chỉ thị", "Chỉ thị"], "code": ["05-CT/TW", "05-CT/TW"]})
    assert findings.document_finding(documents) == (
        "2 references to documents; the most frequent type is Chỉ thị (directive), with 2; "
        "the most cited code is 05-CT/TW (2×)."
    )


def test_an_outlets_own_name_is_not_a_distinctive_word():
    articles = pd.DataFrame(
        {
            "province": ["An Giang", "An Giang", "Huế"],
            "source": ["Báo An Giang điện tử", "baoangiang.com.vn", "Báo Nhân Dân"],
        }
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
    small = pd.DataFrame({"article_id": ["a", "b"], "province": ["Huế", ""]})
    sentences = pd.DataFrame(
        {"article_id": ["a", "a", "b"], "sentence_id": [0, 1, 0], "role": ["result", "shortcoming", "result"]}
    )
    per_article = views.role_matrix(sentences, small)
    assert per_article.index.name == "article" and len(per_article) == 2
    many = pd.DataFrame(
        {"article_id": [f"x{i}" for i in range(60)], "province": ["Huế"] * 30 + ["Hà Nội"] * 30}
    )
    big = pd.DataFrame({"article_id": [f"x{i}" for i in range(60)], "sentence_id": 0, "role": "result"})
    per_province = views.role_matrix(big, many)
    assert per_province.index.name == "province"
    assert per_province.loc["Huế", "result"] == 30


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
            "article_id": "a",
            "start_year": "2016",
            "end_year": "2020",
            "kind": "campaign period",
            "province": "",
        },
    ]
    lines = [",".join(columns)] + [",".join(row.get(c, "0") for c in columns) for row in rows]
    (tmp_path / "periods.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    periods = _read(tmp_path, "periods")
    events = views.timeline_events(pd.DataFrame({"issued": [], "province": []}), periods)
    assert events["end"].tolist() == [2021, 2020]  # "since 2021" is a point, not the text ""
    assert pd.api.types.is_numeric_dtype(events["start"]) and pd.api.types.is_numeric_dtype(events["end"])


def test_provinces_come_in_vietnamese_alphabetical_order():
    themes = pd.DataFrame(
        {
            "article_id": ["a", "b", "c", "d", "e"],
            "province": ["Yên Bái", "Đà Nẵng", "Cao Bằng", "Cà Mau", ""],
            "theme": ["economy"] * 5,
            "hits": [1] * 5,
            "per_1000_words": [1.0] * 5,
        }
    )
    matrix = views.theme_matrix(themes, {})
    assert list(matrix.index) == ["Cà Mau", "Cao Bằng", "Đà Nẵng", "Yên Bái", "(unknown)"]


def test_every_province_view_is_in_vietnamese_alphabetical_order():
    provinces = ["Yên Bái", "Đà Nẵng", "Cao Bằng"]
    expected = ["Cao Bằng", "Đà Nẵng", "Yên Bái"]
    articles = pd.DataFrame({"article_id": ["a", "b", "c"], "province": provinces})
    many = pd.concat([articles] * 20).assign(article_id=[f"x{i}" for i in range(60)])
    sentences = pd.DataFrame({"article_id": many["article_id"], "sentence_id": 0, "role": "result"})
    roles = views.role_matrix(sentences, many)
    assert list(roles.index) == expected[::-1]  # read top-down in a horizontal bar chart
    keyness = pd.DataFrame({"province": provinces, "term": ["t"] * 3, "g2": [1.0] * 3})
    assert list(views.top_terms(keyness, articles.assign(source=""))["province"]) == expected
    figures = pd.DataFrame({"province": provinces, "category": ["c"] * 3, "value": [1.0] * 3})
    assert list(views.figure_counts(figures).columns) == expected
    entities = pd.DataFrame(
        {"kind": "organisation", "canonical": ["MTTQ"] * 3, "province": provinces, "name": ["m"] * 3}
    )
    assert list(views.organisation_shares(entities).index) == expected
