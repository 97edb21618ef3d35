"""Danish words, stems, query parsing and snippets: the part of search that is plain Python."""

from search.text import Query, highlight, snippet, stem, stems


def test_plural_and_definite_forms_share_the_stem():
    assert stems("børn") == stems("børnene")
    assert stems("skole") == stems("skolerne")
    assert stems("udmøntningsplanen") == stems("udmøntningsplan")


def test_stop_words_are_not_indexed_or_searched():
    assert stems("børn og unge i skolen") == stems("børn unge skolen")
    assert not Query.parse("og i til")


def test_query_matches_every_stem_and_the_last_word_as_prefix():
    query = Query.parse("Børn skole")
    assert query.fts5() == '"børn" AND "skol"*'
    assert query.tsquery() == "børn & skole:*"
    assert query.matches("børnene") and query.matches("skolebestyrelsen")
    assert not query.matches("børs")


def test_query_keeps_no_characters_that_mean_something_to_fts5_or_tsquery():
    query = Query.parse('"børn" OR -skole* & (klima):')
    assert query.terms == ("børn", "or", "skole", "klima")
    assert '"' not in "".join(query.stems) and ":" not in query.tsquery()[:-2]


def test_snippet_escapes_html_and_marks_only_the_hits():
    text = "Forældre til <script>alert(1)</script> børnene & de unge."
    result = snippet(text, Query.parse("børn"))
    assert "<script>" not in result
    assert "&lt;script&gt;" in result and "&amp;" in result
    assert result.count("<mark>") == 1 and "<mark>børnene</mark>" in result


def test_snippet_is_taken_around_the_first_hit_of_a_long_text():
    text = "Indledning. " * 100 + "Her står noget om klimatilpasning. " + "Afslutning. " * 100
    result = snippet(text, Query.parse("klima"))
    assert "<mark>klimatilpasning</mark>" in result
    assert result.startswith("…") and result.endswith("…")
    assert len(result) < 400


def test_snippet_without_a_hit_is_the_beginning():
    assert snippet("Første sætning. Anden sætning.", Query.parse("klima")).startswith("Første")


def test_highlight_marks_the_title_and_escapes_it():
    assert highlight("Børn & unge", Query.parse("børn")) == "<mark>Børn</mark> &amp; unge"


def test_a_danish_stem_is_a_prefix_of_its_word():
    """Highlighting skips words that do not start with a query stem; that is exact only while
    Snowball's Danish stems are prefixes of their words. Checked on the demo plan's words."""
    import re
    from pathlib import Path

    import demo.meetings
    import demo.norddjurs

    text = " ".join(Path(module.__file__).read_text(encoding="utf-8").lower()
                    for module in (demo.norddjurs, demo.meetings))  # fmt: skip
    words = set(re.findall(r"\w+", text)) | {"børnene", "skolerne", "løst", "fedt", "kattens"}
    assert len(words) > 1500
    assert [w for w in words if not w.startswith(stem(w))] == []
