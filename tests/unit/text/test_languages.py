from lilith.text.languages import alternates, lang_of_src, split_url


def test_split_url_separates_language_from_path():
    assert split_url("cs/radar/x/") == ("cs", "radar/x/")
    assert split_url("pl/") == ("pl", "")
    assert split_url("radar/x/") == ("en", "radar/x/")
    assert split_url("") == ("en", "")
    # a page whose first segment only looks like a language code stays English
    assert split_url("csv/guide/") == ("en", "csv/guide/")


def test_alternates_are_the_same_page_in_every_language():
    assert alternates("cs/radar/x/") == {"en": "radar/x/", "cs": "cs/radar/x/", "pl": "pl/radar/x/"}


def test_language_of_source_file_comes_from_its_suffix():
    assert lang_of_src("radar/x.cs.md") == "cs"
    assert lang_of_src("radar/x.md") == "en"
    assert lang_of_src("radar/v1.2.md") == "en"


def test_a_glossary_entrys_later_pages_have_the_entry_itself_as_their_other_languages():
    """Each language has as many pages 2…n as its articles use the term: page 3 may not exist in another."""
    assert alternates("cs/glossary/drift/page/3/") == {
        "en": "glossary/drift/",
        "cs": "cs/glossary/drift/page/3/",
        "pl": "pl/glossary/drift/",
    }
    assert alternates("tags/rag/page/2/")["pl"] == "pl/tags/rag/page/2/"  # every language lists every article
