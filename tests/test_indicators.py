"""The campaign's indicators compared at one scope level, never summed across scopes or periods (issue 21)."""

import pandas as pd

from danvan.report.indicators import NOT_REPORTED, common_level, indicator_chart, indicator_table, indicators


def claim(article, sentence_id, text, object_, quantity, base_unit, level, name, as_of, kind="result"):
    return {
        "article_id": article,
        "sentence_id": sentence_id,
        "text": text,
        "object": object_,
        "quantity": quantity,
        "base_unit": base_unit,
        "scope_level": level,
        "scope_name": name,
        "as_of": as_of,
        "kind": kind,
    }


ARTICLES = pd.DataFrame(
    {
        "article_id": ["a", "b", "c", "d"],
        "province": ["Nghệ An", "Nghệ An", "Sơn La", "Cà Mau"],
        "n_words": [300, 200, 250, 100],
        "published": ["2023-01-01", "2024-05-01", "2024-01-01", "2024-01-01"],
    }
)
FIGURES = pd.DataFrame(
    [
        claim("a", 1, "1.250 mô hình", "mô hình", 1250, "count", "province", "Nghệ An", "2023"),
        claim("b", 1, "1.400 mô hình", "mô hình", 1400, "count", "province", "Nghệ An", "2024"),
        claim("b", 2, "86 mô hình", "mô hình", 86, "count", "district", "Yên Thành", "2024"),
        claim("b", 3, "120 mô hình", "mô hình", 120, "count", "province", "Nghệ An", "2030", kind="target"),
        claim("c", 1, "hơn 2.000 m2 đất", "đất", 2000, "m2", "commune", "Chiềng Sơn", "2024"),
        claim("c", 2, "2 ha đất", "đất", 20000, "m2", "commune", "Chiềng Sơn", "2024"),
        claim("c", 3, "15 ha đất", "đất", 150000, "m2", "district", "Mộc Châu", "2024"),
    ]
)
SENTENCES = pd.DataFrame(
    {
        "article_id": ["a", "b", "b", "b", "c", "c", "c"],
        "sentence_id": [1, 1, 2, 3, 1, 2, 3],
        "text": [
            "Toàn tỉnh có 1.250 mô hình “Dân vận khéo”.",
            "Đến nay toàn tỉnh có 1.400 mô hình.",
            "Huyện Yên Thành có 86 mô hình.",
            "Phấn đấu đến năm 2030 có thêm 120 mô hình.",
            "Nhân dân xã Chiềng Sơn hiến hơn 2.000 m2 đất làm đường.",
            "Các hộ tự nguyện hiến 2 ha đất.",
            "Cả huyện có 15 ha đất trồng chè.",  # no cue of donation: not land donated
        ],
    }
)


def table():
    return indicator_table(FIGURES, SENTENCES, ARTICLES)


def test_a_province_figure_is_its_latest_claim_at_that_level_never_a_sum():
    rows = table()
    models = rows[(rows["indicator"] == "Dân vận khéo models") & (rows["province"] == "Nghệ An")]
    assert list(models["scope_level"]) == ["province", "district"]  # both levels shown, apart
    province = models.iloc[0]
    assert (province["value"], province["as_of"], province["claims"]) == (1400, "2024", 2)  # not 2,650
    assert "1.400 mô hình" in province["sentence"]
    assert models.iloc[1]["value"] == 86  # the target for 2030 is no result


def test_cues_decide_and_one_period_takes_the_largest():
    rows = table()
    land = rows[(rows["indicator"] == "Land donated") & (rows["province"] == "Sơn La")]
    assert list(land["scope_level"]) == ["commune"]  # 15 ha of tea is no donation
    assert land.iloc[0]["value"] == 20000


def test_groups_without_a_figure_say_not_reported():
    rows = table()
    assert len(rows[rows["province"] == "Cà Mau"]) == len(indicators())
    assert set(rows.loc[rows["province"] == "Cà Mau", "scope_level"]) == {NOT_REPORTED}


def test_the_chart_compares_at_the_level_most_groups_report():
    rows = table()
    assert common_level(rows, "Dân vận khéo models") == "province"
    assert common_level(rows, "Workdays contributed") == ""
    fig = indicator_chart(rows)
    titles = [ax.get_title(loc="left") for ax in fig.axes]
    assert titles == [
        "Dân vận khéo models at province level: 1 of 3",
        "Land donated (m²) at commune level: 1 of 3",
    ]
    assert indicator_chart(table().assign(scope_level=NOT_REPORTED)) is None
