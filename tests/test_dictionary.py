"""The actor dictionary: built-in lookups, user extensions, invalid files."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.dictionary import load_dictionary, normalize, slug
from storyline.errors import ConfigError


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("the U.S.", "us"),
        ("China\u2019s Ministry of Commerce", "china ministry of commerce"),
        ("Maroš Šefčovič", "maros sefcovic"),
        ("Vice-Premier", "vice premier"),
    ],
)
def test_normalize(text: str, want: str) -> None:
    assert normalize(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Maroš Šefčovič", "maroš šefčovič"),
        # composed and decomposed accents are one spelling
        ("Anto\u0301nio", "antónio"),
        ("the U.S.", "us"),
    ],
)
def test_normalize_keeping_accents(text: str, want: str) -> None:
    assert normalize(text, fold_accents=False) == want


def test_slug_drops_initials() -> None:
    assert slug("Donald J. Trump") == "donald-trump"


@pytest.mark.parametrize(
    ("text", "entry_id"),
    [
        ("U.S.", "country:US"),
        ("America", "country:US"),
        ("the United States", "country:US"),
        ("USA", "country:US"),
        ("China\u2019s Ministry of Commerce", "org:cn-mofcom"),
        ("the Chinese Commerce Ministry", "org:cn-mofcom"),
        ("MOFCOM", "org:cn-mofcom"),
        ("Chinese Foreign Ministry", "org:cn-mfa"),
        ("British Treasury", "org:gb-treasury"),
        ("Treasury", "org:us-treasury"),
        ("the White House", "org:us-white-house"),
        ("Washington", "city:washington"),
        ("European Union", "bloc:EU"),
        ("ECB", "org:ecb"),
        ("Geneva", "city:geneva"),
    ],
)
def test_lookup_by_alias(text: str, entry_id: str) -> None:
    entry = load_dictionary().lookup(text)
    assert entry is not None and entry.id == entry_id


def test_generic_name_needs_a_country() -> None:
    d = load_dictionary()
    assert d.lookup("Foreign Ministry") is None
    found = d.lookup("Foreign Ministry", country="JP")
    assert found is not None and found.id == "org:jp-mofa"


@pytest.mark.parametrize(
    ("word", "code"), [("Chinese", "CN"), ("Americans", "US"), ("Swiss", "CH"), ("Israelis", "IL")]
)
def test_demonyms(word: str, code: str) -> None:
    d = load_dictionary()
    entry = d.demonym(word)
    assert entry is not None and entry.country == code
    assert d.country_of(word) == code


def test_metonyms_act_for_their_country() -> None:
    d = load_dictionary()
    beijing = d.lookup("Beijing")
    white_house = d.lookup("White House")
    assert beijing is not None and beijing.acts_for == "country:CN" and beijing.country == "CN"
    assert white_house is not None and white_house.type == "ORG"
    assert white_house.acts_for == "country:US"


@pytest.mark.parametrize(
    ("surname", "date", "title", "want"),
    [
        ("Trump", "2025-06-01", None, "person:donald-trump"),  # the President, not the First Lady
        ("He", "2025-06-01", None, "person:he-lifeng"),
        ("Li", "2025-06-01", "Premier", "person:li-qiang"),
        ("Li", "2020-06-01", "Premier", "person:li-keqiang"),
        ("Biden", "2023-06-01", None, "person:joe-biden"),
    ],
)
def test_person_by_surname(surname: str, date: str, title: str | None, want: str) -> None:
    entry = load_dictionary().person_by_surname(surname, date, title)
    assert entry is not None and entry.id == want


def test_role_dates_bound_titles() -> None:
    d = load_dictionary()
    roles = d.role_dates("person:scott-bessent", "U.S. Treasury Secretary")
    assert [r.since for r in roles] == ["2025-01-28"]
    assert d.role_dates("person:scott-bessent", "Premier") == ()
    assert d.is_leader("person:xi-jinping", "2025-05-01")
    assert not d.is_leader("person:he-lifeng", "2025-05-01")


@pytest.mark.parametrize(
    ("entity", "titles", "date", "leads"),
    [
        ("person:donald-trump", [], "2025-09-18", True),  # the dictionary's role at the date
        ("person:donald-trump", [], "2024-09-19", False),  # out of office
        ("person:ana-ruiz", ["Prime Minister"], None, True),  # a title the text gave
        ("person:ana-ruiz", ["Trade Minister"], None, False),
    ],
)
def test_leads_by_a_title_given_or_a_role_held(entity: str, titles: list[str], date: str | None, leads: bool) -> None:
    assert load_dictionary().leads(entity, titles, date) is leads


def test_builtin_is_cached() -> None:
    assert load_dictionary() is load_dictionary(None)


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_user_file_extends_builtin(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"mine{suffix}"
    if suffix == ".yaml":
        path.write_text(
            "actors:\n"
            "  - id: person:ana-ruiz\n"
            "    name: Ana Ruiz\n"
            "    country: ES\n"
            "    aliases: [Minister Ruiz]\n"
            "    roles: [{title: Trade Minister, org: Spain, since: 2024-03-01}]\n"
            "  - {id: 'country:US', name: United States, aliases: [Uncle Sam]}\n",
            encoding="utf-8",
        )
    else:
        path.write_text(
            '[{"id": "person:ana-ruiz", "name": "Ana Ruiz", "country": "ES",'
            ' "roles": [{"title": "Trade Minister", "since": "2024-03-01"}]},'
            ' {"id": "country:US", "name": "United States", "aliases": ["Uncle Sam"]}]',
            encoding="utf-8",
        )
    d = load_dictionary(path)
    ana = d.lookup("Ana Ruiz")
    assert ana is not None and ana.type == "PERSON" and ana.country == "ES"
    assert d.role_dates("person:ana-ruiz")[0].since == "2024-03-01"
    uncle = d.lookup("Uncle Sam")
    assert uncle is not None and uncle.id == "country:US"
    assert d.lookup("U.S.") is uncle  # built-in aliases kept
    assert load_dictionary().lookup("Ana Ruiz") is None  # built-in untouched


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("actors: [\n", "not valid YAML"),
        ("just: a mapping\n", "'actors' list"),
        ("actors:\n  - {id: 'person:x'}\n", "missing 'name'"),
        ("actors:\n  - {id: 'person:x', name: X, type: ROBOT}\n", "type must be one of"),
        ("actors:\n  - {id: 'person:x', name: X, roles: [{title: Chair, since: soon}]}\n",
         "invalid date"),
        ("actors:\n  - {id: 'person:x', name: X, aliases: 5}\n", "'aliases' must be a list"),
        ("actors:\n  - {id: 'org:x', name: Ministry of Land, Sea and Air}\n", "unknown field 'Sea and Air'"),
    ],
)
def test_invalid_user_file(tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_dictionary(path)
    assert str(path) in str(err.value) and problem in str(err.value)


def test_missing_user_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_dictionary(tmp_path / "absent.yaml")


def test_builtin_names_with_commas_are_whole() -> None:
    d = load_dictionary()
    entry = d.get("org:gb-fcdo")
    assert entry is not None and entry.name == "Foreign, Commonwealth and Development Office"
    assert d.lookup("Foreign") is None
