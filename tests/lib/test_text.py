from frontlijn.lib.text import search_key


def test_search_key_folds_case_accents_and_spaces():
    assert search_key("Ayşe  Öztürk-İnce") == "ayse ozturk-ince"
    assert search_key("Łukasz", "van", "Søren") == "lukasz van soren"
    assert search_key("") == ""
