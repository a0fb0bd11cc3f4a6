"""Articles as the finder reads them: HTML through read_article, the find command on files and folders,
rows that load whatever the text holds, and the attribution, tense and day rules on article shapes."""

import csv
import io
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import llmtimeline as lt
from llmtimeline.cli import main

DATA = Path(__file__).parent / "data" / "articles"
PUBLISHED = "2025-03-04"


def claims(text, published=PUBLISHED, **kw):
    return lt.find_claims(text, published=published, source="test", **kw)


def who(text, **kw):
    return [(r.speaker, r.actor) for r in claims(text, **kw).itertuples()]


# -- read_article ------------------------------------------------------------------------------------------------

def test_an_html_page_gives_its_main_text_day_and_canonical_address():
    article = lt.read_article(DATA / "acme.html")
    assert isinstance(article, lt.Article)
    assert (article.published, article.url, article.lang) == ("2025-03-04", "https://news.example.org/2025/03/acme-roadrunner", "en")
    assert article.title == "Acme to ship Roadrunner 2 by year end"
    for boilerplate in ("Roadrunner 9", "Home", "cookies", "Copyright", "Beta Corp", "Roadrunner 5", "color: red"):
        assert boilerplate not in article.text  # script, navigation, banner, footer, aside, comment, style
    assert "Jane Roe said on Monday" in article.text


def test_the_page_and_its_text_give_the_same_rows_and_none_from_scripts():
    article = lt.read_article(str(DATA / "acme.html"))  # a path given as a str
    rows = lt.find_claims(article.text, published=article.published, url=article.url)
    assert rows[["speaker", "actor", "deadline", "date"]].values.tolist() == [
        # the title restates the claim the next sentence gives Jane Roe, said on Monday
        ["Jane Roe", "Acme", "by year end", "2025-03-03"],
        ["Jane Roe", "Acme", "by the end of the year", "2025-03-03"],
        ["Jane Roe", "Acme", "within six months", "2025-03-03"],  # she was dated speaking on Monday
    ]
    assert set(rows["url"]) == {"https://news.example.org/2025/03/acme-roadrunner"}


def test_a_year_in_a_cookie_banner_is_never_the_day():
    article = lt.read_article((DATA / "cookie_only.html").read_text(encoding="utf-8"))  # HTML given as a string
    assert article.published is None and article.url is None and article.lang == "fr"
    assert "cookies" not in article.text


def test_plain_text_is_returned_as_it_is():
    article = lt.read_article("Meta will release Llama 3 within a month.\nIt said so on Tuesday.")
    assert article.text == "Meta will release Llama 3 within a month.\nIt said so on Tuesday."
    assert (article.published, article.url, article.lang) == (None, None, "en")


def test_read_article_refuses_other_files_and_types(tmp_path):
    with pytest.raises(lt.Error, match=r"expected \.html, \.htm or \.txt"):
        lt.read_article(tmp_path / "a.pdf")
    with pytest.raises(lt.Error, match="cannot read"):
        lt.read_article(tmp_path / "missing.html")
    bad = tmp_path / "latin.txt"
    bad.write_bytes("Meta lancera Llama 3 d'ici l'été.".encode("latin-1"))
    with pytest.raises(lt.Error, match="not UTF-8"):
        lt.read_article(bad)
    with pytest.raises(TypeError):
        lt.read_article(b"<html></html>")  # type: ignore[arg-type]
    fifo = tmp_path / "page.html"
    os.mkfifo(fifo)
    with pytest.raises(lt.Error, match="not a regular file"):  # never waits for a writer
        lt.read_article(fifo)


@pytest.mark.parametrize("page", [
    "<html><body>" + "<div>" * 5000 + "Acme will ship by June." + "</div>" * 5000 + "</body></html>",
    "<html><body><p>" + "Acme will ship the chip by June 2027, " * 3000 + "</p></body></html>",
    "<html><head><meta charset='latin-1'></head><body><p>caf\xe9 \x00\x1b</p></body></html>",
    "<html>" + "<" * 10000,
    "",
], ids=["deep", "long-paragraph", "control-characters", "broken", "empty"])
def test_hostile_pages_end_in_an_article(page):
    article = lt.read_article(page if page.startswith("<") else page + "<html></html>")
    assert isinstance(article.text, str)
    lt.find_claims(article.text, published=PUBLISHED)


# -- the find command ----------------------------------------------------------------------------------------------

def test_find_reads_a_page_with_its_day_and_address(capsys):
    assert main(["find", str(DATA / "acme.html")]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {r["published"] for r in rows} == {"2025-03-04"} and {r["source"] for r in rows} == {"acme.html"}
    assert {r["url"] for r in rows} == {"https://news.example.org/2025/03/acme-roadrunner"}


def test_find_takes_several_files_or_a_folder_into_one_csv(tmp_path, capsys):
    folder = tmp_path / "pages"
    folder.mkdir()
    shutil.copy(DATA / "acme.html", folder / "a.html")
    shutil.copy(DATA / "acme.html", folder / "b.htm")
    (folder / "c.txt").write_text("2025-03-05\nOpenAI will ship GPT-6 by the end of the year.", encoding="utf-8")
    (folder / "notes.md").write_text("Not an article: Acme will ship by June.", encoding="utf-8")
    out = tmp_path / "found.csv"
    assert main(["find", str(folder), "-o", str(out)]) == 0
    rows = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert rows["source"].tolist() == ["a.html"] * 3 + ["b.htm"] * 3 + ["c.txt"]
    assert rows["id"].is_unique
    assert main(["find", str(folder / "a.html"), str(folder / "c.txt")]) == 0
    assert len(list(csv.DictReader(io.StringIO(capsys.readouterr().out)))) == 4


def test_find_needs_a_day_only_when_the_page_gives_none(tmp_path, capsys):
    page = DATA / "cookie_only.html"
    assert main(["find", str(page)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cookie_only.html" in err and "--published" in err
    assert main(["find", str(page), "--published", "2025-03-10"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["actor"], r["date"]) for r in rows] == [("Mistral AI", "2025-03-10")]
    assert main(["find", str(DATA / "acme.html"), "--published", "2025-03-06"]) == 0  # the option wins over the page
    assert {r["published"] for r in csv.DictReader(io.StringIO(capsys.readouterr().out))} == {"2025-03-06"}


def test_find_on_stdin_that_is_not_utf8_fails_in_one_line(monkeypatch, capsys):
    stdin = io.TextIOWrapper(io.BytesIO("Meta lancera Llama 3 d'ici l'été.".encode("latin-1")), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", stdin)
    assert main(["find", "-", "--published", PUBLISHED]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "standard input: not UTF-8" in err and "Traceback" not in err


def test_find_refuses_missing_files_and_empty_folders(tmp_path, capsys):
    assert main(["find", str(tmp_path / "nope.html")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["find", str(tmp_path)]) == 2
    assert "no .html, .htm or .txt file" in capsys.readouterr().err


# -- rows that load, whatever the text holds -----------------------------------------------------------------------

@pytest.mark.parametrize("char", ["\x1b", "\x00", "\x7f", "\x85", "\u202e", "\x0c"])
def test_rows_from_text_with_control_characters_load(tmp_path, char):
    text = f"Acme{char} CEO Jane{char} Roe said Acme will{char} ship Roadrunner 2 by the end of the year{char}."
    rows = claims(text)
    assert len(rows) == 1
    rows["expects"] = "release roadrunner-2"
    path = tmp_path / "rows.csv"
    rows.to_csv(path, index=False)
    assert len(lt.load(path).cells) == 1


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from([*"\x00\x1b\x7f\x9b\u2028\u202e\ufeff ,.«»\"'aAz", "Acme will ship Roadrunner 2 by the end of the year.",
                                  "said", "Jane Roe", " within a month "]), max_size=30).map("".join))
def test_any_proposed_cell_is_one_printable_line(text):
    for row in claims(text).itertuples(index=False):
        for cell in row:
            assert cell == " ".join(cell.split()) and not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in cell)


def test_a_very_long_sentence_gives_bounded_quotes():
    text = ", ".join(["Meta will ship Llama 4 by June 2027 and"] * 400) + "."
    rows = claims(text, published="2024-04-10")
    assert len(rows) >= 300
    assert rows["quote"].str.len().max() < 2000  # each quote is the part holding its phrase, not the whole text


# -- attribution ---------------------------------------------------------------------------------------------------

ATTRIBUTION = [
    pytest.param("Microsoft President Brad Smith told Reuters the deal will close by June.", [("Brad Smith", "Microsoft")],
                 id="title-and-organisation-stripped-outlet-not-actor"),
    pytest.param("“We will ship it within a month,” a Nvidia spokesperson said.", [("", "Nvidia")], id="spokesperson"),
    pytest.param("A spokesperson for Anthropic said the model will ship by June.", [("", "Anthropic")], id="spokesperson-for"),
    pytest.param("Jane Roe, chief executive of Acme, said the chip will ship by the end of the year.", [("Jane Roe", "Acme")],
                 id="apposition"),
    pytest.param("“The chip will ship by the end of the year,” said Jane Roe, Acme’s chief executive.", [("Jane Roe", "Acme")],
                 id="inverted-after-quote"),
    pytest.param("Acme CEO Jane Roe spoke on Monday. She said the chip will ship by the end of the year.", [("Jane Roe", "Acme")],
                 id="pronoun"),
    pytest.param("Acme CEO Jane Roe spoke on Monday. The company's chief executive disclosed that the chip will ship by June.",
                 [("Jane Roe", "Acme")], id="role-noun"),
    pytest.param("Liang Wenfeng (梁文锋) said DeepSeek will release R2 by May.", [("Liang Wenfeng", "")],
                 id="name-followed-by-another-script"),
    pytest.param("J. R. Smith said Acme will ship the chip by June.", [("J. R. Smith", "")], id="initials"),
    pytest.param("« Le modèle sortira d’ici la fin de l’année », a-t-elle déclaré, selon les mots de Marie Dupont.",
                 [("Marie Dupont", "")], id="fr-selon-les-mots"),
    pytest.param("Le PDG de Mistral AI, Arthur Mensch, a affirmé que le modèle sortira d’ici juin.", [("Arthur Mensch", "Mistral AI")],
                 id="fr-title-before"),
    pytest.param("« Nous aurons 350 000 H100 d’ici la fin de l’année », a déclaré Zuckerberg.",
                 [("Zuckerberg", "")], id="fr-inverted-surname"),
    pytest.param("Mistral AI a levé 600 millions d’euros. L’entreprise estime que le modèle sortira d’ici juin.",
                 [("", "Mistral AI")], id="fr-the-company"),
    pytest.param("Arthur Mensch dirige Mistral AI. Le dirigeant estime que le modèle sortira d’ici juin.",
                 [("Arthur Mensch", "")], id="fr-role-noun"),
]


@pytest.mark.parametrize(("text", "expected"), ATTRIBUTION)
def test_attribution(text, expected):
    assert who(text) == expected


def test_the_speaker_carries_through_the_paragraph_and_to_a_standalone_quote_and_bullets():
    text = ("Acme CEO Jane Roe spoke to investors on Monday.\n"
            "She said the chip would ship by June. The software will follow by the end of the year.\n"
            "“A second chip will come within two years.”\n"
            "- A third one is planned for 2028.\n"
            "Separately, Beta Corp will ship its own chip by 2027.")
    assert [(r.speaker, r.deadline) for r in claims(text).itertuples()] == [
        ("Jane Roe", "by June"), ("Jane Roe", "by the end of the year"), ("Jane Roe", "within two years"),
        ("Jane Roe", "planned for 2028"), ("", "by 2027")]


def test_a_headline_speaker_carries_to_the_bullets_under_it():
    text = "Sam Altman: what comes next\n- GPT-6 will ship by the end of the year.\n- Devices will follow in 2027."
    assert [r.speaker for r in claims(text).itertuples()] == ["Sam Altman", "Sam Altman"]


# -- tense, conditions and what is no claim -------------------------------------------------------------------------

FORWARD = [
    pytest.param("Llama 4 is to be released in 2027.", id="to-be"),
    pytest.param("The chips are to reach customers by June.", id="are-to"),
    pytest.param("The model is expected to ship in 2027.", id="expected-to"),
    pytest.param("Acme plans to release the chip by the end of the year.", id="plans-to"),
    pytest.param("Mistral AI prévoit de lancer son modèle d’ici la fin de l’année.", id="prevoit-de"),
    pytest.param("Le modèle devrait sortir d’ici juin.", id="devrait"),
    pytest.param("Les contenus générés en 2027 seront marqués, selon Meta.", id="noun-ending-like-a-participle"),
    pytest.param("Le modèle est attendu pour mars prochain.", id="future-minded-participle"),
    pytest.param("Meta will ship Llama 4 by June, and if it sells, it will open a shop.", id="if-in-another-clause"),
    pytest.param("Acme will ship the chip by June 🚀??", id="emoji-no-question"),
    pytest.param("Acme will ship the chip by June ??", id="emoji-lost-to-an-encoding"),
]


@pytest.mark.parametrize("text", FORWARD)
def test_forward_looking_clauses_are_proposed(text):
    assert len(claims(text, published="2025-01-10")) == 1


NOT_CLAIMS = [
    pytest.param("By Jane Doe, December 1, 2026", id="byline"),
    pytest.param("Les Echos - 3 mars 2025", id="dateline"),
    pytest.param("Photo: Jane Roe speaks in Paris on March 3, 2025 (Reuters)", id="caption"),
    pytest.param("In the third quarter, Acme reported revenue of $3 billion.", id="past-quarter"),
    pytest.param("Meta a confirmé son résultat le 12 octobre.", id="fr-past-date"),
    pytest.param("Meta, which released Llama 2 in July, is growing.", id="past-relative-clause"),
]


@pytest.mark.parametrize("text", NOT_CLAIMS)
def test_bylines_datelines_captions_and_past_dates_are_no_claims(text):
    assert claims(text, published="2026-12-05").empty


def test_the_day_said_comes_from_the_previous_sentence_or_a_dated_header():
    text = ("Acme held its investor day on Wednesday. “The chip will ship by June,” Jane Roe said.\n"
            "March 2, 2025\n"
            "Beta Corp will release its model by the end of the year.")
    assert claims(text, published="2025-03-07")["date"].tolist() == ["2025-03-05", "2025-03-02"]
