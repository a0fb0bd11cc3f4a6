"""The records: validators, conversions, rows."""

import pytest

import llmtimeline as lt


def event(**kw):
    base = dict(id="llama-3-release", date="2024-04-18", actor="Meta", kind="release", subject="llama-3",
                title="Meta releases Llama 3", source="Meta AI blog")
    return lt.Event(**{**base, **kw})


def claim(**kw):
    base = dict(id="clegg", type="prediction", date="2024-04-09", actor="Meta", speaker="Nick Clegg",
                title="Llama 3 within a month", source="004.txt", expects="release llama-3",
                deadline="d'ici un mois", quote="« D’ici un mois »", lang="fr")
    return lt.Claim(**{**base, **kw})


def test_event_converts_its_fields():
    e = event(facts="params=8e9,70e9; context=8192", source=lt.Source("Meta", "https://ai.meta.com/", "2024-04-18"))
    assert e.date == lt.parse_date("2024-04-18")
    assert e.facts["params"] == ("8e9", "70e9") and e.facts["context"] == ("8192",)
    assert e.source.published == lt.parse_date("2024-04-18")
    assert e.type == "event"


def test_claim_window_and_expectation():
    c = claim()
    assert c.expects == lt.Expectation("release", "llama-3")
    assert str(c.window.latest) == "2024-05-09"
    assert c.is_prediction
    negated = claim(expects="not license llama-2", deadline="")
    assert negated.expects.negated and negated.window.open


@pytest.mark.parametrize(
    ("make", "kw", "message"),
    [
        (event, {"kind": ""}, "needs a kind"),
        (event, {"kind": "Release"}, "lowercase slug"),
        (event, {"subject": ""}, "needs the slug"),
        (event, {"subject": " llama-3"}, "spaces at its start or end"),
        (event, {"id": "two\nlines"}, "one line"),
        (event, {"title": ""}, "title is required"),
        (event, {"title": "two\nlines"}, "one line"),
        (event, {"source": ""}, "source is required"),
        (event, {"source": lt.Source("x", "ftp://x")}, "http"),
        (event, {"lang": "French", "quote": "x"}, "ISO 639"),
        (event, {"quote": "sans langue"}, "needs the code of its language"),
        (claim, {"expects": None}, "needs 'expects'"),
        (claim, {"deadline": "when pigs fly"}, "not a known deadline"),
        (claim, {"type": "rumour"}, "'prediction' or 'statement'"),
        (event, {"facts": "gpus>=350e3"}, "comparisons"),
        (claim, {"facts": "gpus>=many"}, "compares with one number"),
        (claim, {"facts": ";;;"}, "holds no fact"),
        (claim, {"actor": "", "speaker": ""}, r"actor \(organisation\) or a speaker"),
        (claim, {"subject": "llama-2"}, "differs from the subject in expects"),
        (claim, {"type": "statement", "expects": None, "deadline": "within a month", "subject": "llama-3"}, "deadline"),
        (claim, {"type": "statement", "expects": None, "deadline": ""}, "needs the slug"),
    ],
)
def test_invalid_records_cannot_be_built(make, kw, message):
    with pytest.raises(lt.RecordError, match=message):
        make(**kw)


def test_bad_values_are_record_errors_too():
    with pytest.raises(lt.DateError):
        event(date="April")
    with pytest.raises(lt.RecordError, match="key=value"):
        event(facts="params 8e9")
    with pytest.raises(lt.RecordError, match="KIND SUBJECT"):
        claim(expects="release")


def test_records_are_frozen():
    e = event()
    with pytest.raises(AttributeError):
        e.title = "x"  # type: ignore[misc]


def test_facts_parse_print_and_reject():
    f = lt.Facts.parse(" params = 8e9 , 70e9 ;context=8192; ")
    assert str(f) == "params=8e9,70e9; context=8192"
    assert dict(f) == {"params": ("8e9", "70e9"), "context": ("8192",)}
    assert lt.Facts.of({"params": [8e9, 70e9], "open": "yes"}) == lt.Facts.parse("params=8000000000,70000000000; open=yes")
    for bad, why in [("params 8e9", "key=value"), ("a=1; a=2", "twice"), ("a=", "empty value"), ("=1", "fact key")]:
        with pytest.raises(ValueError, match=why):
            lt.Facts.parse(bad)


def test_expectation_parse_and_print():
    assert str(lt.Expectation.parse("not release gpt-5")) == "not release gpt-5"
    assert lt.Expectation.parse("release GPT-4 Turbo (2024)").subject == "GPT-4 Turbo (2024)"
    assert lt.Expectation.parse("not  release  gpt 5") == lt.Expectation("release", "gpt 5", negated=True)
    with pytest.raises(ValueError):
        lt.Expectation.parse("not release")
    with pytest.raises(ValueError):
        lt.Expectation("Release", "gpt-5")


def test_to_row_holds_every_column_and_extras():
    row = event(extra={"wikidata": "Q1"}).to_row()
    assert list(row)[:17] == ["id", "type", "date", "actor", "speaker", "kind", "subject", "title", "expects",
                              "deadline", "facts", "quote", "lang", "source", "url", "published", "notes"]
    assert row["wikidata"] == "Q1" and row["type"] == "event"


def test_a_field_added_to_a_record_type_loads_saves_and_shows_with_no_other_edit(tmp_path, monkeypatch):
    import attrs

    from llmtimeline import model

    @attrs.frozen(kw_only=True)
    class RegionalEvent(lt.Event):
        region: str = attrs.field(default="", converter=str)

    monkeypatch.setitem(model.CLASSES, "event", RegionalEvent)  # the loader builds events of this class
    made = RegionalEvent(id="acme-1-release", date="2025-08-07", actor="Acme", kind="release", subject="acme-1",
                         title="Acme 1", source="Acme blog", region="EU")
    assert made.to_row()["region"] == "EU"  # saved: its cell
    path = tmp_path / "events.csv"
    lt.Timeline([made]).save(path)
    assert "region" in path.read_text(encoding="utf-8").splitlines()[0].split(",")
    loaded = lt.load(path)["acme-1-release"]  # loaded: built by the trusted constructor, field set
    assert type(loaded) is RegionalEvent and loaded.region == "EU"
    assert loaded == made and "region='EU'" in repr(loaded)  # shown
    assert loaded.extra == ()  # the column is the field's, not an extra
    assert lt.load(path) == lt.Timeline([made])
