"""Real data is messier than the seeds: Epoch AI's table of notable models, 1950 to 2024.

884 models from 429 organisations, names full of punctuation, several organisations
in one cell, converted to the events.csv columns by tests/data/convert_notable_models.py.
"""

from pathlib import Path

import attrs
import pandas as pd
import pytest

import llmtimeline as lt

DATA = Path(__file__).parent / "data" / "notable_models.csv"


@pytest.fixture(scope="module")
def models():
    return lt.load(DATA)


def test_the_whole_table_loads(models):
    frame = models.events_frame()
    assert len(frame) == 884
    assert frame["earliest"].min() == pd.Timestamp("1950-07-02")
    assert frame["latest"].max().year == 2024
    assert models.events_frame()["actor"].nunique() > 400
    assert any("," in a for a in frame["actor"])  # several organisations in one cell survive
    assert models["gpt-4"].title == "GPT-4" and models["gpt-4"].actor == "OpenAI"


def test_round_trip_of_the_table(models, tmp_path):
    models.save(tmp_path / "m.csv")
    assert lt.load(tmp_path / "m.csv") == models


def test_predictions_about_real_models_are_checked(models):
    predictions = [
        lt.Claim(id="gpt4-in-2023", type="prediction", date="2022-12", actor="Press", title="GPT-4 in Q1 2023",
                 source="test", expects="release gpt-4", deadline="by the end of the quarter", quote="", lang=""),
        lt.Claim(id="palm-params", type="statement", date="2022-04", actor="Press", title="PaLM has 540B",
                 source="test", subject="palm-540b", facts="params=540e9"),
    ]
    tl = lt.Timeline([*models.events, *predictions])
    report = tl.check(as_of="2024-12-31").set_index("id")
    assert report.loc["gpt4-in-2023", "status"] == "late"
    assert report.loc["gpt4-in-2023", "event_id"] == "gpt-4"
    assert report.loc["palm-params", "status"] == "confirmed"


def test_names_with_punctuation_work_as_subjects(models):
    event = models.events[0]
    odd = attrs.evolve(event, id="odd", subject="GPT-4 (March 2023), \"turbo\" & co.")
    claim = lt.Claim(id="c", type="prediction", date="1940", actor="X", title="t", source="s",
                     expects=f"release {odd.subject}")
    report = lt.Timeline([odd, claim]).check(as_of="2000-01-01")
    assert report.loc[0, "status"] == "fulfilled"
