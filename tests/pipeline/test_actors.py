"""The actors stage on hand-written sentences (loads the spaCy model)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from storyline.pipeline import actors
from storyline.records import Mention

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def run(spacy_model: Any) -> Any:
    import storyline.pipeline.extensions  # noqa: F401

    dictionary = actors.load_dictionary()

    def go(text: str, dct: str | None = "2025-06-10", path: Path | None = None) -> list[Mention]:
        doc = spacy_model(text)
        doc._.storyline_doc_id = "d1"
        doc._.storyline_dct = dct
        found = actors.find(doc, dictionary=actors.load_dictionary(path) if path else dictionary)
        actors.set_annotations(doc, found)
        assert doc._.storyline_mentions == found
        for m in found:
            assert doc.text[m.start : m.end] == m.text
        return found

    return go


def _by_text(mentions: list[Mention], text: str) -> list[Mention]:
    return [m for m in mentions if m.text == text]


def test_full_name_absorbs_surname_and_titled_forms(run: Any) -> None:
    found = run(
        "U.S. Treasury Secretary Scott Bessent landed in Madrid on Monday. "
        "Secretary Bessent said the talks went well, and Bessent flew home."
    )
    people = [m for m in found if m.label == "PERSON"]
    assert {m.key for m in people} == {"person:scott-bessent"}
    assert len(people) == 3
    assert all(m.name == "Scott Bessent" for m in people)
    first = people[0]
    assert first.text == "Scott Bessent"
    assert first.role is not None and first.role.title == "Treasury Secretary"
    assert first.role.org == "United States" and first.role.since == "2025-06-10"


def test_unknown_person_surname_joins_full_name(run: Any) -> None:
    found = run("Maria Delgado, a shipping analyst, spoke on Tuesday. Delgado said rates fell.")
    keys = {m.key for m in found if m.label == "PERSON"}
    assert keys == {"person:maria-delgado"}


def test_relatives_stay_apart(run: Any) -> None:
    found = run(
        "President Donald Trump arrived with First Lady Melania Trump, while Eric Trump "
        "stayed in Florida. Trump later spoke to reporters."
    )
    keys = {m.text: m.key for m in found if m.label == "PERSON"}
    assert keys["Donald Trump"] == "person:donald-trump"
    assert keys["Melania Trump"] == "person:melania-trump"
    assert keys["Eric Trump"] == "person:eric-trump"
    assert keys["Trump"] == "person:donald-trump"
    melania = _by_text(found, "Melania Trump")[0]
    assert melania.role is not None and melania.role.title == "First Lady"


def test_chinese_leaders_stay_apart(run: Any) -> None:
    found = run(
        "Chinese President Xi Jinping met Premier Li Qiang in the capital. "
        "Xi later praised the deal."
    )
    xi = _by_text(found, "Xi Jinping")[0]
    li = _by_text(found, "Li Qiang")[0]
    assert xi.key == "person:xi-jinping" and li.key == "person:li-qiang"
    assert xi.role is not None and xi.role.title == "President" and xi.role.org == "China"
    assert li.role is not None and li.role.title == "Premier"
    assert _by_text(found, "Xi")[0].key == "person:xi-jinping"


def test_bare_surname_uses_dictionary_at_the_dct(run: Any) -> None:
    found = run("Lutnick said on Friday that the tariff schedule would not change.")
    assert _by_text(found, "Lutnick")[0].key == "person:howard-lutnick"


@pytest.mark.parametrize(
    ("text", "word", "key", "label"),
    [
        ("Beijing announced new export controls on Tuesday.", "Beijing", "country:CN", "GPE"),
        ("Washington and Tokyo signed the accord.", "Washington", "country:US", "GPE"),
        ("The White House said the deadline stands.", "White House", "country:US", "GPE"),
        ("Negotiators met in Beijing for two days.", "Beijing", "city:beijing", "GPE"),
        ("The envoys flew to Washington last week.", "Washington", "city:washington", "GPE"),
        ("Chinese officials rejected the claim.", "Chinese", "country:CN", "GPE"),
        ("U.S. officials declined to comment.", "U.S.", "country:US", "GPE"),
        ("Prices of Chinese steel fell sharply.", "Chinese", "country:CN", "NORP"),
    ],
)
def test_capitals_and_demonyms(run: Any, text: str, word: str, key: str, label: str) -> None:
    found = _by_text(run(text), word)
    assert found, text
    assert found[0].key == key and found[0].label == label


def test_place_mention_keeps_country(run: Any) -> None:
    found = _by_text(run("The two delegations held talks in Geneva on Sunday."), "Geneva")
    assert found[0].key == "city:geneva" and found[0].country == "CH"


def test_leader_administration_stands_for_country(run: Any) -> None:
    found = run("The Trump administration raised the levy again in March.")
    trump = _by_text(found, "Trump")
    assert trump and trump[0].key == "country:US" and trump[0].label == "GPE"


def test_ministry_variants_merge(run: Any) -> None:
    found = run(
        "China's Ministry of Commerce issued a statement. A day later the Chinese Commerce "
        "Ministry repeated the warning, and MOFCOM said more would follow."
    )
    orgs = [m for m in found if m.label == "ORG"]
    assert len(orgs) == 3
    assert {m.key for m in orgs} == {"org:cn-mofcom"}
    assert all(m.country == "CN" for m in orgs)


@pytest.mark.parametrize(
    ("text", "name", "title", "org"),
    [
        ("Howard Lutnick, the commerce secretary, spoke first.", "Howard Lutnick",
         "Commerce Secretary", None),
        ("U.S. Trade Representative Jamieson Greer left early.", "Jamieson Greer",
         "Trade Representative", "United States"),
        ("She met President Karin Keller-Sutter in Bern.", "Karin Keller-Sutter", "President",
         None),
        ("U.S. Senator Steve Daines visited the factory.", "Steve Daines", "Senator",
         "United States"),
        ("Chinese Vice Premier He Lifeng led the delegation.", "He Lifeng", "Vice Premier",
         "China"),
        ("Nadia Petrova, Bulgaria's finance minister, resigned.", "Nadia Petrova",
         "Finance Minister", "Bulgaria"),
        # portfolios beyond the usual ones stay in the title
        ("Latvia's Infrastructure Minister Janis Ozols opened the port.", "Janis Ozols",
         "Infrastructure Minister", "Latvia"),
        ("Tourism Minister Ana Reyes of Peru resigned.", "Ana Reyes", "Tourism Minister", None),
    ],
)
def test_roles_from_titles_and_appositions(
    run: Any, text: str, name: str, title: str, org: str | None
) -> None:
    person = _by_text(run(text), name)
    assert person, text
    role = person[0].role
    assert role is not None and role.title == title and role.org == org


def test_title_followed_by_surname_ner_missed(run: Any) -> None:
    found = run(
        "He Lifeng will travel to Madrid. Officials said Vice Premier He would arrive Sunday."
    )
    keys = [m.key for m in found if m.label == "PERSON"]
    assert keys == ["person:he-lifeng", "person:he-lifeng"]


def test_org_tag_corrected_to_person(run: Any) -> None:
    found = run(
        "Jamieson Greer met his counterparts on Monday. Greer said the meeting was useful."
    )
    greer = _by_text(found, "Greer")
    assert greer and greer[0].label == "PERSON" and greer[0].key == "person:jamieson-greer"


def test_user_dictionary_adds_people(run: Any, tmp_path: Path) -> None:
    path = tmp_path / "extra.yaml"
    path.write_text(
        "actors:\n  - {id: 'person:tomas-vidal', name: Tomas Vidal, country: AR,"
        " roles: [{title: Economy Minister, since: 2025-01-01}]}\n",
        encoding="utf-8",
    )
    found = run("Vidal told reporters the peso would hold.", path=path)
    vidal = _by_text(found, "Vidal")
    assert vidal and vidal[0].key == "person:tomas-vidal" and vidal[0].country == "AR"


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("The union's chief negotiator, Petra Holm, left the room.", "Petra Holm", "Chief Negotiator"),
        ("Petra Holm, the union's chief negotiator, left the room.", "Petra Holm", "Chief Negotiator"),
        ("Army spokesman Tomas Reyes denied the report.", "Tomas Reyes", "Army Spokesman"),
        ("Maria Ortiz, chief financial officer of Acme owner Borealis Holdings, said sales fell.",
         "Maria Ortiz", "Chief Financial Officer"),
    ],
)
def test_roles_from_appositions_and_titles(run: Any, text: str, name: str, title: str) -> None:
    (m,) = _by_text(run(text), name)
    assert m.label == "PERSON"
    assert m.role is not None and m.role.title == title


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Shelling hit the village of Sarnow overnight, medics said.", "Sarnow"),
        ("Aid trucks queued at the Dalvik crossing for a second day.", "Dalvik"),
    ],
)
def test_unknown_names_in_place_phrases_are_places(run: Any, text: str, word: str) -> None:
    (m,) = _by_text(run(text), word)
    assert m.label == "GPE"


def test_a_dictionary_name_replaces_the_ner_pieces_it_covers(run: Any) -> None:
    """The tagger splits 'Ursula von der Leyen' into a person and a place; the dictionary knows her."""
    found = run("European Commission President Ursula von der Leyen called the deal a message to the world.")
    people = [m for m in found if m.label == "PERSON"]
    assert [(m.text, m.key) for m in people] == [("Ursula von der Leyen", "person:ursula-von-der-leyen")]
    assert not any(m.text == "Leyen" for m in found)


def test_a_group_named_by_the_first_word_of_its_name(run: Any) -> None:
    found = run("Envoys met the Karst Liberation Front on Monday. The Karst front rejected the offer. "
                "Karst rebels fired rockets. Maria Karst, a teacher, fled.")  # fmt: skip
    keys = [(m.text, m.key) for m in found if "Karst" in m.text]
    assert keys == [("Karst Liberation Front", "org:karst-liberation-front"), ("Karst front", "org:karst-liberation-front"),
                    ("Karst rebels", "org:karst-liberation-front"), ("Maria Karst", "person:maria-karst")]  # fmt: skip


def test_a_title_with_its_posting_before_a_name(run: Any) -> None:
    (brenner,) = [m for m in run("Norway's ambassador to the UN, Lucia Brenner, said after the vote.") if m.label == "PERSON"]
    assert brenner.role is not None and brenner.role.title == "Ambassador"


@pytest.mark.parametrize(
    "text",
    [
        "Norvalia imposed sanctions on Ostrava's banks. Norvalian officials said the measures were final.",
        # NER often tags an unknown demonym as a person or an organisation
        "Kestria on Monday imposed sanctions. Kestrian exporters fear a reply.",
    ],
)
def test_an_unknown_place_whose_people_are_named_is_one_country(run: Any, text: str) -> None:
    found = run(text)
    place, people = text.split()[0], text.split(". ")[1].split()[0]
    keys = {m.key for m in found if m.text in (place, people)}
    assert len(keys) == 1 and next(iter(keys)).startswith("country:")
    assert {m.label for m in found if m.text == people} == {"NORP"}


def test_an_unknown_place_without_its_people_stays_a_place(run: Any) -> None:
    found = run("Talks were held in Aldenport on Monday.")
    assert [m.key for m in found if m.text == "Aldenport"] == ["gpe:aldenport"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("South Korean President Moon Jae-in said on Monday that he would respond.", "Moon Jae-in"),
        ("Former UN chief Ban Ki-moon welcomed the talks.", "Ban Ki-moon"),
    ],
)
def test_a_romanised_given_name_keeps_its_hyphenated_part(run: Any, text: str, name: str) -> None:
    assert [m.text for m in run(text) if m.label == "PERSON"] == [name]


def test_an_employer_read_as_a_person_is_an_organisation(run: Any) -> None:
    found = run("Maria Ortiz, chief financial officer of Acme owner Borealis Holdings, said sales fell.")
    (ortiz,) = _by_text(found, "Maria Ortiz")
    assert ortiz.role is not None and ortiz.role.org == "Borealis Holdings"
    assert all(m.label == "ORG" for m in _by_text(found, "Borealis Holdings"))


@pytest.mark.parametrize(
    "text",
    [
        "The step hits suppliers of Samsung Electronics and SK Hynix.",
        "Shares in SK Hynix fell 3.4% on Tuesday.",
    ],
)
def test_a_company_ner_missed_is_known_by_its_company(run: Any, text: str) -> None:
    assert [(m.label, m.key) for m in _by_text(run(text), "SK Hynix")] == [("ORG", "org:sk-hynix")]


@pytest.mark.parametrize(
    "text",
    [
        "The General Security of Military Information Agreement, or GSOMIA, expires in November. GSOMIA was signed in 2016.",
        "The General Security of Military Information Agreement (GSOMIA) expires in November. GSOMIA was signed in 2016.",
    ],
)
def test_an_acronym_is_the_name_it_abbreviates(run: Any, text: str) -> None:
    found = run(text)
    assert {m.key for m in found if "GSOMIA" in m.text or "Agreement" in m.text} == {
        "org:general-security-of-military-information-agreement"
    }


def test_a_name_the_tagger_cut_in_two_is_one_person(run: Any) -> None:
    found = run("The same day, First Vice Foreign Minister Kim Kye Gwan warned that talks could stop.")
    (kim,) = [m for m in found if m.label == "PERSON"]
    assert (kim.text, kim.key) == ("Kim Kye Gwan", "person:kim-kye-gwan")
    assert kim.role is not None and kim.role.title == "First Vice Foreign Minister"


@pytest.mark.parametrize(
    ("text", "acronym"),
    [
        ("The statement was carried by the official Korean Central News Agency (KCNA) on Thursday.", "KCNA"),
        ("Officials of the Joint Coordination Centre (JCC) inspected the ship.", "JCC"),
    ],
)
def test_capitals_in_brackets_after_an_organisation_are_its_mention(run: Any, text: str, acronym: str) -> None:
    found = run(text)
    (short,) = _by_text(found, acronym)
    (full,) = [m for m in found if m.label == "ORG" and m.text != acronym]
    assert short.key == full.key


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("Later, Choe Son Hui, the vice foreign minister, called it a hopeful sign.",
         "Choe Son Hui", "Vice Foreign Minister"),
        ("The reply came from Choe Myong Nam, one of the vice foreign ministers, and was read out.",
         "Choe Myong Nam", None),
        # tagged an organisation, but its apposition says it is a person
        ("The note came from Sin Hong Chol, one of the vice foreign ministers, and was read out.",
         "Sin Hong Chol", None),
    ],
)
def test_a_name_ner_missed_is_a_person_by_the_title_in_apposition(
    run: Any, text: str, name: str, title: str | None
) -> None:
    (person,) = _by_text(run(text), name)
    assert person.label == "PERSON"
    assert (person.role.title if person.role else None) == title


def test_a_place_before_an_apposition_is_not_made_a_person(run: Any) -> None:
    found = run("Ships avoided the Red Sea, the main trade route, all week.")
    assert not [m for m in found if m.label == "PERSON"]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Talks with North Korea stalled. Since then the North has tested two missiles.", "country:KP"),
        ("South Sudan and Sudan met in Juba. The South said the border would reopen.", "country:SS"),
        # no country named with that word before: just a region
        ("Farmers in the North said the harvest was poor.", None),
    ],
)
def test_the_north_is_the_one_country_named_north_before(run: Any, text: str, key: str | None) -> None:
    word = "North" if "North" in text.split(".")[-2] else "South"
    found = [m for m in run(text) if m.text == word]
    assert [m.key for m in found if m.key.startswith("country:")] == ([key] if key else [])


@pytest.mark.parametrize("text", ["Putin declared a truce over Easter.", "Both sides agreed to a pause over Christmas."])
def test_a_holiday_is_no_actor(run: Any, text: str) -> None:
    assert not [m for m in run(text) if m.text in ("Easter", "Christmas")]


@pytest.mark.parametrize(
    ("text", "dct", "key"),
    [
        # an office named by its country: who held it on the document's date
        ("Qatar's prime minister said on Sunday that the gaps were technical.", "2023-11-20",
         "person:mohammed-bin-abdulrahman"),
        ("The Qatari prime minister said on Sunday that the gaps were technical.", "2023-11-20",
         "person:mohammed-bin-abdulrahman"),
        ("Japan's prime minister said on Sunday that talks would go on.", "2023-11-20", "person:fumio-kishida"),
        ("Japan's prime minister said on Sunday that talks would go on.", "2025-11-20", "person:sanae-takaichi"),
    ],
)  # fmt: skip
def test_an_office_named_by_its_country_is_its_holder_on_the_day(run: Any, text: str, dct: str, key: str) -> None:
    (office,) = _by_text(run(text, dct=dct), "prime minister")
    assert office.key == key and office.label == "PERSON"
    assert office.role is not None and office.role.title == "Prime Minister"


@pytest.mark.parametrize(
    ("text", "dct"),
    [
        # a name after the title speaks for itself
        ("Qatar's prime minister Mohammed bin Abdulrahman Al Thani said on Sunday that it was close.", "2023-11-20"),
        # no date: no way to know who held the office
        ("Qatar's prime minister said that it was close.", None),
    ],
)  # fmt: skip
def test_no_office_holder_without_a_date_or_beside_a_name(run: Any, text: str, dct: str | None) -> None:
    assert _by_text(run(text, dct=dct), "prime minister") == []
