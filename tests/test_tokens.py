"""Shared tokenisation helpers."""

from pelican.plugins.explainer.analyse.tokens import content_words, entities, number_tokens, words


def test_words_lowercase_and_drop_possessives():
    assert words("China’s exports and the workers' union") == [
        "china",
        "exports",
        "and",
        "the",
        "workers",
        "union",
    ]
    assert words("U.S. tariffs don’t apply") == ["u.s.", "tariffs", "don't", "apply"]


def test_content_words_drop_stop_words_and_stem():
    assert content_words("The firm is leasing two aircraft") == ["firm", "leas", "two", "aircraft"]
    assert content_words("It will lease them") == ["leas"]
    assert content_words("agreements were signed") == ["agreement", "sign"]


def test_entities_multiword_names_and_acronyms():
    text = "After the talks, Vietnam Airlines and COMAC signed a deal with Chengdu Airlines."
    assert entities(text) == ["Vietnam Airlines", "COMAC", "Chengdu Airlines"]


def test_entities_skip_ordinary_sentence_openers_and_calendar_words():
    assert entities("Despite strong ties, the Bank of England said on Monday.") == [
        "Bank of England"
    ]
    assert entities("Under pressure from Washington, Ottawa moved.") == ["Washington", "Ottawa"]
    # A name that opens the sentence is kept.
    assert entities("Ottawa moved first.") == ["Ottawa"]


def test_number_tokens_normalise_forms():
    text = "About $30 billion, 1,200 jobs, 31.4% and two plants; one of them."
    assert number_tokens(text) == ["30000000000", "1200", "31.4", "2"]
    assert number_tokens(text, spelled=False) == ["30000000000", "1200", "31.4"]
    assert number_tokens("model C909 in 2017") == ["2017"]
