"""The tariff record: which measures still apply, whom they reach, what they spare, and how the chapter
names and lists them."""

import datetime

import pandas as pd
import pytest

from camex.data import load
from camex.tariffs import (
    applies_on,
    basis_name,
    cited_as,
    directed_as_applying,
    measure_label,
    no_exception,
    products_name,
    prose_dates,
    reaching,
    record_table,
    shield,
    shield_specifications,
    standing,
    subject,
    tracks,
)


def actions(*rows):
    columns = ["action_id", "imposing_country", "target", "status", "date_in_force", "superseded_by", "usmca_coding"]
    table = pd.DataFrame(rows, columns=columns)
    return table.assign(date_in_force=pd.to_datetime(table["date_in_force"]), date_announced="2025-01-01")


RECORD = actions(
    ("old", "US", "all", "changed", "2025-03-12", "new", "not exempt"),
    ("new", "US", "all", "changed", "2026-04-06", None, "not exempt"),
    ("ruled", "US", "CA", "struck down", "2025-03-04", None, "exempt"),
    ("autos", "US", "all", "in force", "2025-04-03", None, "content only"),
    ("parts", "US", "all", "in force", None, None, "exempt"),
    ("later", "US", "CA", "in force", "2026-12-04", None, "not exempt"),
    ("reply", "CA", "US", "in force", "2026-09-08", None, "not exempt"),
    ("mexico", "US", "MX", "in force", "2026-01-01", None, "not stated"),
)
DAY = datetime.date(2026, 12, 1)


def test_standing_keeps_what_applies_on_the_day():
    applying = standing(RECORD, DAY)
    assert list(applying["action_id"]) == ["new", "autos", "parts", "reply", "mexico"]


def test_reaching_takes_the_us_measures_aimed_at_a_partner():
    assert list(reaching(RECORD, "CA")["action_id"]) == ["old", "new", "ruled", "autos", "parts", "later"]
    assert list(reaching(RECORD, "MX")["action_id"]) == ["old", "new", "autos", "parts", "mexico"]


def test_shield_counts_each_treatment_by_partner():
    counts = shield(RECORD, DAY)
    assert counts["CA"].to_dict() == {"exempt": 1, "content only": 1, "not exempt": 1, "not stated": 0}
    assert counts["MX"].to_dict() == {"exempt": 1, "content only": 1, "not exempt": 1, "not stated": 1}


def test_no_exception_can_count_silent_texts():
    counts = shield(RECORD, DAY)
    assert no_exception(counts).to_dict() == {"CA": 1, "MX": 1}
    assert no_exception(counts, silent_as_taxed=True).to_dict() == {"CA": 1, "MX": 2}


def test_applies_on_names_what_the_record_lacks():
    assert applies_on(RECORD, ["new", "old"], DAY).to_dict() == {"new": True, "old": False}
    with pytest.raises(KeyError, match="no measure absent"):
        applies_on(RECORD, ["absent"], DAY)


def test_a_directed_measure_counts_from_the_day_it_was_directed_only_in_the_what_if():
    record = pd.concat([RECORD, actions(("directed", "US", "CA;MX", "announced", None, None, "not stated"))])
    assert "directed" not in set(standing(record, DAY)["action_id"])
    assert "directed" in set(standing(directed_as_applying(record), DAY)["action_id"])
    assert (record["status"] == "announced").sum() == 1  # the record itself is unchanged


def test_the_specifications_report_each_count_and_whether_canada_faces_more():
    table = shield_specifications(RECORD, DAY, {"a later day": datetime.date(2027, 1, 1)})
    assert table["Estimate"].iloc[0] == "Canada 1 of 3, Mexico 1 of 4"
    assert list(table["Holds"]) == ["no", "no", "no", "yes"]


def test_tracks_keep_each_partner_s_own_events_with_human_headers():
    events = pd.DataFrame(
        {
            "date": ["2026-03-06", "2026-01-28", "2026-07-01", "2025-10"],
            "countries": ["CA;US", "MX;US", "CA;MX;US", "CA;US"],
            "category": ["trade agreement"] * 4,
            "event": ["meeting", "talks", "review", "cut off"],
        }
    )
    shown = tracks(events, 2026)
    assert list(shown.columns) == ["Date", "Between", "Kind", "Event"]
    assert shown[["Date", "Between", "Event"]].values.tolist() == [
        ["28 January 2026", "Mexico–United States", "talks"],
        ["6 March 2026", "Canada–United States", "meeting"],
    ]


@pytest.mark.parametrize(
    ("basis", "name"),
    [
        ("Section 232 (Proc. 10908)", "Section 232"),
        ("IEEPA (EO 14193)", "IEEPA"),
        ("Customs Tariff (Canada) surtax order", "Canada surtax"),
        ("Decree of the Congress of the Union", "Mexico decree"),
    ],
)
def test_the_basis_is_named_in_a_few_words(basis, name):
    assert basis_name(basis) == name


def test_products_are_cut_at_their_first_clause_and_at_a_word():
    assert products_name("buses (HTSUS 8702)") == "buses"
    assert products_name("steel articles; derivatives") == "steel articles"
    assert products_name("a very long list of goods that goes on", width=20) == "a very long list of…"


def test_labels_that_read_alike_carry_their_subject_and_bans_say_so():
    record = pd.DataFrame(
        {
            "action_id": ["us-s338-ca-dairy-2026", "us-s338-ca-alcohol-2026", "us-s338-ca-ban-dairy-2026"],
            "legal_basis": ["Section 338, Tariff Act of 1930"] * 3,
            "products": ["certain products of Canada listed in Annex II"] * 3,
            "rate": ["50%", "50%", "import ban (exclusion from entry)"],
            "date_in_force": pd.to_datetime(["2026-08-22"] * 3),
            "date_announced": ["2026-07-20"] * 3,
        }
    )
    assert list(measure_label(record)) == [
        "Section 338: certain products of Canada (dairy)",
        "Section 338: certain products of Canada (alcohol)",
        "Section 338 ban: certain products of Canada",
    ]
    assert subject("us-s338-ca-ban-motor-vehicles-2026") == "motor vehicles"


def test_every_measure_in_the_record_has_its_own_label():
    labels = measure_label(load("tariff_actions"))
    assert labels.is_unique and not labels.str.contains(r"\b(?:us|ca|mx)-", regex=True).any()


def test_the_record_table_has_human_headers_prose_dates_and_short_citations():
    table = record_table(load("tariff_actions"))
    assert "Measure" in table.columns and not any("_" in column for column in table.columns)
    assert not table.apply(lambda column: column.astype(str).str.contains(r"\d{4}-\d{2}-\d{2}")).any().any()
    assert not table["Source"].str.contains(r"^[a-z0-9-]+$").any()


def test_iso_dates_in_text_become_prose():
    assert prose_dates(pd.Series(["25%; 50% (from 2026-01-01)", None])).iloc[0] == "25%; 50% (from 1 January 2026)"


def test_a_secondary_source_says_so_in_its_citation():
    sources = load("sources")
    secondary = sources.loc[sources["kind"] == "secondary", "source_id"].iloc[:1]
    assert cited_as(secondary).iloc[0].endswith("(secondary)")


def test_every_superseding_measure_is_in_the_record():
    record = load("tariff_actions")
    assert set(record["superseded_by"].dropna()) <= set(record["action_id"])


def texts_of(fig):
    """Every piece of text a reader sees on a drawn figure: titles, tick labels, axis labels and keys."""
    fig.canvas.draw()
    texts = [text for legend in fig.legends for text in legend.get_texts()]
    for ax in fig.axes:
        texts += [
            ax.title,
            ax.xaxis.label,
            ax.yaxis.label,
            *ax.get_xticklabels(),
            *ax.get_yticklabels(),
        ]
    return [text for text in texts if text.get_text()]


def test_the_timeline_gives_each_episode_a_panel_and_keys_only_what_it_draws():
    import matplotlib.pyplot as plt

    from camex.charts import tariff_timeline
    from camex.style import use
    from camex.tariffs import COUNTRY_NAMES

    use()
    record = load("tariff_actions")
    fig = tariff_timeline(record, measure_label(record), DAY, list(COUNTRY_NAMES))
    assert [title_of(ax) for ax in fig.axes] == ["2018–2019", "2025–2026"]
    assert all(ax.get_legend() is None for ax in fig.axes)  # the key sits above the panels, not on the data
    keyed = [text.get_text() for text in fig.legends[0].get_texts()]
    assert "scheduled (no dated span)" not in keyed  # the measure scheduled after the release is not drawn
    assert "in force" in keyed and "announced (no dated span)" in keyed
    labels = [label.get_text() for ax in fig.axes for label in ax.get_yticklabels()]
    assert not any(re_id(label) for label in labels)
    assert min(text.get_fontsize() for text in texts_of(fig)) >= 8
    plt.close(fig)


def re_id(label: str) -> bool:
    """Whether a label is a row id (us-s232-steel-2018-camx) rather than words."""
    import re

    return bool(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+", label))


def test_the_shield_chart_keeps_its_key_off_the_bars_and_its_text_readable():
    import matplotlib.pyplot as plt

    from camex.charts import shield as shield_chart
    from camex.style import use

    use()
    fig = shield_chart(shield(RECORD, DAY), {"CA": "Canada", "MX": "Mexico"})
    assert fig.axes[0].get_legend() is None and len(fig.legends) == 1
    assert min(text.get_fontsize() for text in texts_of(fig)) >= 8
    plt.close(fig)


def title_of(ax) -> str:
    """An axes' title, wherever the style places it."""
    return "".join(ax.get_title(loc) for loc in ("left", "center", "right"))
