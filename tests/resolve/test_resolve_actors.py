"""Cross-document actor resolution over hand-made mentions."""

from __future__ import annotations

import itertools

import pytest

from storyline.dictionary import load_dictionary
from storyline.records import Mention, Role
from storyline.resolve.actors import Resolution, resolve


def _m(doc: str, start: int, text: str, key: str, name: str, label: str = "PERSON",
       role: Role | None = None, country: str | None = None) -> Mention:
    return Mention(doc=doc, start=start, end=start + len(text), text=text, label=label, key=key,
                   name=name, country=country, role=role)


MENTIONS = [
    _m("a", 0, "Scott Bessent", "person:scott-bessent", "Scott Bessent",
       role=Role("Treasury Secretary", "United States", "2025-05-08"), country="US"),
    _m("a", 40, "Bessent", "person:scott-bessent", "Scott Bessent", country="US"),
    _m("b", 5, "Bessent", "person:scott-bessent", "Scott Bessent",
       role=Role("Secretary", None, "2025-04-02"), country="US"),
    _m("b", 60, "Scott Bessent", "person:scott-bessent", "Scott Bessent",
       role=Role("Treasury Secretary", None, "2025-04-02"), country="US"),
    # an unknown official named in full in one article and by surname in another
    _m("a", 90, "Maria Delgado", "person:maria-delgado", "Maria Delgado",
       role=Role("Minister", "Chile", "2025-05-08")),
    _m("c", 3, "Delgado", "person:delgado", "Delgado"),
    # a family: the surname alone goes to the one with a leader's title
    _m("c", 30, "Anna Kovac", "person:anna-kovac", "Anna Kovac",
       role=Role("President", "Slovenia", "2025-05-01")),
    _m("c", 60, "Luka Kovac", "person:luka-kovac", "Luka Kovac"),
    _m("d", 0, "Kovac", "person:kovac", "Kovac"),
    _m("d", 20, "Washington", "country:US", "United States", label="GPE", country="US"),
    _m("d", 40, "U.S.", "country:US", "United States", label="GPE", country="US"),
    _m("d", 50, "Trump", "country:US", "United States", label="GPE", country="US"),
    _m("d", 70, "Donald Trump", "person:donald-trump", "Donald Trump", country="US"),
]


@pytest.fixture(scope="module")
def result() -> Resolution:
    return resolve(MENTIONS, load_dictionary())


def _entity(result: Resolution, entity_id: str):  # type: ignore[no-untyped-def]
    return next(e for e in result.entities if e.id == entity_id)


def test_full_name_entity_with_aliases_and_role(result: Resolution) -> None:
    bessent = _entity(result, "person:scott-bessent")
    assert bessent.name == "Scott Bessent" and bessent.type == "PERSON"
    assert bessent.aliases == ("Bessent",)
    assert bessent.mentions == 4 and bessent.country == "US"
    # the bare "Secretary" yields to the specific title, dated at its earliest sighting
    assert [(r.title, r.org, r.since) for r in bessent.roles] == [
        ("Treasury Secretary", "United States", "2025-04-02")
    ]


def test_surname_key_joins_unique_full_name(result: Resolution) -> None:
    assert result.entity_of["person:delgado"] == "person:maria-delgado"
    delgado = _entity(result, "person:maria-delgado")
    assert delgado.aliases == ("Delgado",) and delgado.mentions == 2


def test_family_members_stay_apart(result: Resolution) -> None:
    assert result.entity_of["person:kovac"] == "person:anna-kovac"
    assert result.entity_of["person:luka-kovac"] == "person:luka-kovac"
    ids = {e.id for e in result.entities}
    assert {"person:anna-kovac", "person:luka-kovac"} <= ids
    assert "person:kovac" not in ids


def test_ambiguous_surname_without_leader_stays_alone() -> None:
    mentions = [
        _m("a", 0, "Ana Silva", "person:ana-silva", "Ana Silva"),
        _m("a", 20, "Rui Silva", "person:rui-silva", "Rui Silva"),
        _m("b", 0, "Silva", "person:silva", "Silva"),
    ]
    result = resolve(mentions)
    assert result.entity_of["person:silva"] == "person:silva"
    assert len(result.entities) == 3


def test_country_entity_keeps_place_names_not_people(result: Resolution) -> None:
    us = _entity(result, "country:US")
    assert us.name == "United States" and us.type == "GPE" and us.country == "US"
    assert set(us.aliases) == {"U.S.", "Washington"}


def test_order_independent() -> None:
    first = resolve(MENTIONS, load_dictionary())
    for perm in itertools.islice(itertools.permutations(MENTIONS), 0, 2000, 97):
        assert resolve(list(perm), load_dictionary()) == first


def test_as_dict_is_plain(result: Resolution) -> None:
    data = result.as_dict()
    assert isinstance(data["entities"], list) and isinstance(data["entity_of"], dict)
    assert data["entity_of"]["person:delgado"] == "person:maria-delgado"


def _named(doc: str, text: str, label: str, key: str) -> Mention:
    return Mention(doc=doc, start=0, end=len(text), text=text, label=label, key=key, name=text)


def test_one_unknown_name_tagged_several_ways_is_one_actor() -> None:
    mentions = [
        _named("d1", "Korvania", "GPE", "gpe:korvania"),
        _named("d1", "Korvania", "ORG", "org:korvania"),
        _named("d2", "Korvania", "PERSON", "person:korvania"),
        _named("d2", "Korvanian", "NORP", "norp:korvanian"),
    ]
    res = resolve(mentions)
    assert {res.entity_of[m.key] for m in mentions} == {"gpe:korvania"}
    (entity,) = res.entities
    assert "Korvanian" in entity.aliases


@pytest.mark.parametrize(
    ("keys", "apart"),
    [
        (["person:maria-lopez", "person:maria-lopez-garcia"], True),  # two full names: namesakes
        (["org:northwind", "gpe:eastwind"], True),  # different names never merge
    ],
)
def test_different_full_names_stay_apart(keys: list[str], apart: bool) -> None:
    mentions = [_named("d1", k.split(":")[1].replace("-", " ").title(), "PERSON" if k.startswith("person") else "ORG", k) for k in keys]
    res = resolve(mentions)
    assert (len({res.entity_of[k] for k in keys}) == len(keys)) is apart


def test_a_country_known_by_its_demonym_in_one_article_is_the_same_name_elsewhere() -> None:
    """'Kestria' beside 'Kestrian' is a country in article a; article b's tagger read the bare
    'Kestria' as an organisation and c has only the demonym: one actor."""
    mentions = [
        _m("a", 0, "Kestria", "country:kestria", "Kestria", label="GPE", country="kestria"),
        _m("a", 30, "Kestrian", "country:kestria", "Kestria", label="NORP", country="kestria"),
        _m("b", 0, "Kestria", "org:kestria", "Kestria", label="ORG"),
        _m("c", 0, "Kestrian", "norp:kestrian", "Kestrian", label="NORP"),
    ]
    res = resolve(mentions)
    assert {res.entity_of[m.key] for m in mentions} == {"country:kestria"}
    (entity,) = res.entities
    assert entity.aliases == ("Kestrian",)


@pytest.mark.parametrize(
    ("seen", "aliases"),
    [
        # a spelling without the accents is what readers type: it stays
        (["Antonio Guterres", "Guterres"], ("Antonio Guterres", "Guterres")),
        # the name's own spelling, in any case, is no alias
        (["António Guterres", "ANTÓNIO GUTERRES", "Guterres"], ("Guterres",)),
    ],
)
def test_aliases_keep_spellings_that_differ_only_in_accents(
    seen: list[str], aliases: tuple[str, ...]
) -> None:
    mentions = [
        _m("a", 20 * i, text, "person:antonio-guterres", "António Guterres")
        for i, text in enumerate(seen)
    ]
    (entity,) = resolve(mentions, load_dictionary()).entities
    assert entity.name == "António Guterres"
    assert entity.aliases == aliases


def test_a_dictionary_person_is_also_known_by_surname() -> None:
    """Readers search 'Guterres' though the texts only wrote 'Antonio Guterres'."""
    mention = _m("a", 0, "Antonio Guterres", "person:antonio-guterres", "António Guterres")
    (entity,) = resolve([mention], load_dictionary()).entities
    assert set(entity.aliases) == {"Antonio Guterres", "Guterres"}
    (unknown,) = resolve([_m("a", 0, "Maria Delgado", "person:maria-delgado", "Maria Delgado")],
                         load_dictionary()).entities  # fmt: skip
    assert unknown.aliases == ()
