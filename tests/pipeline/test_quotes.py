"""Quotes stage: quote spans and their speakers, on hand-written paragraphs."""

from __future__ import annotations

import pytest

from storyline.pipeline import quotes
from storyline.pipeline.quotes import quote_spans
from storyline.records import Quote


def _run(spacy_model, text: str) -> list[Quote]:  # type: ignore[no-untyped-def]
    doc = spacy_model(text)
    doc._.storyline_doc_id = "d7"
    found = quotes.find(doc)
    quotes.set_annotations(doc, found)
    assert doc._.storyline_quotes == found
    for q in found:
        assert text[q.start:q.end] == q.text
        assert q.id == f"d7:q{q.start}"
        assert q.doc == "d7" and q.event is None
    return found


def _one(found: list[Quote], snippet: str) -> Quote:
    hits = [q for q in found if snippet in q.text]
    assert len(hits) == 1, [q.text for q in found]
    return hits[0]


# --------------------------------------------------------------------------- spans


@pytest.mark.parametrize(
    ("text", "inner"),
    [
        ("\u201cWe will not back down,\u201d she said.", ["We will not back down"]),
        ('"The border stays open," he said.', ["The border stays open"]),
        ("\u2018We are ready to talk,\u2019 the envoy said about the countries\u2019 offer.",
         ["We are ready to talk"]),
        ("\u201cHe told me \u2018never again\u2019 twice,\u201d she said.",
         ["He told me \u2018never again\u2019 twice"]),
        ("\u201cIt was hard \u2026 but worth it.\u201d", ["It was hard \u2026 but worth it."]),
        ("She said: \u201cFirst part.\n\u201cSecond part.\u201d", ["First part.", "Second part."]),
        ("A 27\" screen and Maria\u2019s bike.", []),
    ],
)
def test_quote_spans(text: str, inner: list[str]) -> None:
    assert [text[q.start:q.end] for q in quote_spans(text)] == inner


# --------------------------------------------------------------------------- attribution


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "snippet", "speaker_text"),
    [
        # "...," X said.
        ("Finance Minister Anna Lindqvist spoke in Oslo. \u201cThe budget gap is closing faster "
         "than we expected,\u201d Lindqvist said.", "budget gap", "Lindqvist"),
        # straight quotes
        ('Mayor Daniel Okafor toured the harbour on Monday. "We will rebuild every pier '
         'before winter," Okafor told reporters.', "rebuild every pier", "Okafor"),
        # X said: "..."
        ("Chancellor Petra Vogel said: \u201cGermany is ready to sign the accord this week.\u201d",
         "ready to sign", "Petra Vogel"),
        # X said in a statement: "..."
        ("Trade negotiator Marcus Bell said in a statement: \u201cOur partners have made "
         "serious offers on steel and aluminium.\u201d", "serious offers", "Marcus Bell"),
        # inverted: "...," said X.
        ("\u201cNobody wins a trade war,\u201d said Prime Minister Keiko Tanaka.",
         "Nobody wins", "Keiko Tanaka"),
        # X wrote in a post on X
        ("Senator Ruth Adeyemi criticised the plan. \u201cThis deal leaves our farmers "
         "behind,\u201d Adeyemi wrote in a post on X.", "farmers behind", "Adeyemi"),
        # according to X
        ("\u201cThe shipments will resume next month,\u201d according to Jorge Salas, the "
         "port director.", "shipments will resume", "Jorge Salas"),
        # a relative clause inside the subject
        ("Mediator Hassan Farouk, who hosted the final round, called the deal \u201ca door, not a "
         "destination\u201d.", "a door", "Hassan Farouk"),
        # X accused Y of "..."
        ("Samir Dahan, the group's political chief, accused the army of \u201ctesting our "
         "patience\u201d.", "testing our patience", "Samir Dahan"),
        # 'he' after a subject named in apposition ('The group's chief, X, sounded hopeful')
        ("Prime Minister Ana Ruiz said the talks would go on. The group's political chief, Pedro Lima, "
         "sounded more hopeful. The group wanted \u201ca real end to the fighting,\u201d he wrote on X.",
         "a real end", "Pedro Lima"),
        # a quote that ends its sentence belongs to it, not to the next sentence's speaker
        ("Minister Ana Ruiz said the teams would meet \u201cas soon as possible.\u201d Foreign Minister "
         "Pedro Lima called the talks \u201cvery useful.\u201d", "as soon as possible", "Ana Ruiz"),
        ("Minister Ana Ruiz said the teams would meet \u201cas soon as possible.\u201d Foreign Minister "
         "Pedro Lima called the talks \u201cvery useful.\u201d", "very useful", "Pedro Lima"),
    ],
)
def test_named_speaker(spacy_model, text: str, snippet: str, speaker_text: str) -> None:  # type: ignore[no-untyped-def]
    q = _one(_run(spacy_model, text), snippet)
    assert q.speaker_text is not None and speaker_text in q.speaker_text
    assert q.speaker is not None and q.speaker.startswith("person:")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "snippet", "speaker_in_text", "key_word"),
    [
        # A statement from X read: "..."
        ("A statement from the Norwegian Ministry of Fisheries read: \u201cThe quota talks "
         "will continue until a fair solution is found.\u201d", "quota talks",
         "Norwegian Ministry of Fisheries", "fisheries"),
        # "...," an unnamed spokesperson for X said
        ("\u201cWe have received the proposal and are studying it carefully,\u201d an unnamed "
         "spokesperson for the European Commission said on Thursday.", "studying it carefully",
         "spokesperson for the European Commission", "commission"),
        # "the front" refers back to the group named before
        ("The Karst Liberation Front accepted the truce on Monday. The front said the army must "
         "\u201cstop shelling villages\u201d.", "stop shelling", "Karst Liberation Front", "front"),
        # ... even paragraphs after it was named
        ("The Karst Liberation Front accepted the truce on Monday.\n\nTalks go on.\n\nThe army withdrew."
         "\n\nPrime Minister Ana Ruiz spoke. The front said the army must \u201cstop shelling villages\u201d.",
         "stop shelling", "Karst Liberation Front", "front"),
        # 'the text' of a resolution speaks for whoever adopted it
        ("The UN Security Council on Wednesday adopted a resolution backing the truce. The text, drafted by "
         "France, calls on both sides to act \u201cwithout delay or preconditions\u201d.", "without delay",
         "Security Council", "council"),
    ],
)
def test_organisation_speaker(spacy_model, text: str, snippet: str, speaker_in_text: str, key_word: str) -> None:  # type: ignore[no-untyped-def]
    q = _one(_run(spacy_model, text), snippet)
    assert q.speaker_text is not None and speaker_in_text in q.speaker_text
    assert q.speaker is not None and q.speaker.startswith("org:") and key_word in q.speaker


PRONOUN_TEXT = (
    "Foreign Minister Elena Marquez arrived in Lima on Sunday. Marquez said the two "
    "governments were close to a deal, but she warned that fishing rights remained open.\n\n"
    "\u201cWe are not there yet, and we will not sign something that hurts our coast,\u201d "
    "she said.\n\n"
    "She said that the other side was playing \u201cgames with the calendar\u201d and added "
    "that she expected a \u201cquick answer.\u201d\n\n"
    "\u201cThe ball is in their court now,\u201d she said. \u201cWe made our offer on "
    "Tuesday and it stands.\u201d"
)


@pytest.mark.slow
@pytest.mark.parametrize(
    "snippet",
    ["not there yet", "games with the calendar", "quick answer", "ball is in their court",
     "We made our offer"],
)
def test_pronoun_and_same_paragraph_continuation(spacy_model, snippet: str) -> None:  # type: ignore[no-untyped-def]
    q = _one(_run(spacy_model, PRONOUN_TEXT), snippet)
    assert q.speaker_text == "Marquez" or q.speaker_text == "Elena Marquez"
    assert q.speaker is not None and "marquez" in q.speaker


SPOKESPERSON_TEXT = (
    "In a statement, the Indian Ministry of External Affairs said the visit would go ahead "
    "after a \u201ccareful review\u201d of the security situation.\n\n"
    "\u201cAfter weighing the concerns of both governments, India has decided to send its "
    "delegation as planned,\u201d a spokesperson for the Indian Ministry of External "
    "Affairs said.\n\n"
    "The spokesperson reiterated that any agreement must respect the sovereignty of both "
    "sides.\n\n"
    "\u201cWe will not accept conditions that were never part of the original framework.\u201d"
)


@pytest.mark.slow
@pytest.mark.parametrize(
    "snippet",
    ["careful review", "India has decided to send", "never part of the original framework"],
)
def test_statement_spokesperson_and_continuation(spacy_model, snippet: str) -> None:  # type: ignore[no-untyped-def]
    q = _one(_run(spacy_model, SPOKESPERSON_TEXT), snippet)
    assert q.speaker is not None and q.speaker.startswith("org:") and "external-affairs" in q.speaker
    assert q.speaker_text is not None and "Ministry of External Affairs" in q.speaker_text


@pytest.mark.slow
def test_statement_then_quote_paragraph(spacy_model) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The summit ended without a joint communique.\n\n"
        "In a statement, Defence Secretary Olivia Grant said the alliance would keep its "
        "ships in the strait.\n\n"
        "\u201cOur commitment to freedom of navigation is not up for negotiation.\u201d"
    )
    q = _one(_run(spacy_model, text), "freedom of navigation")
    assert q.speaker is not None and "grant" in q.speaker
    assert q.speaker_text is not None and "Grant" in q.speaker_text


@pytest.mark.slow
def test_multi_sentence_quote_with_ellipsis(spacy_model) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Governor Samuel Achebe addressed the crowd. \u201cWe lost the first round ... we "
        "lost the second round too. But the third round is ours \u2026 and we will win it,\u201d "
        "Achebe said."
    )
    q = _one(_run(spacy_model, text), "first round")
    assert "third round is ours" in q.text and q.text.endswith("we will win it")
    assert q.speaker_text == "Achebe"


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        # no attribution at all
        "The harbour was quiet. \u201cEvery boat stayed in port for the whole weekend.\u201d",
        # two people named right before the pronoun: unclear who "he" is
        "Prime Minister Tom Fowler and Finance Minister Raj Patel met the unions.\n\n"
        "\u201cWe are done negotiating for this year,\u201d he said.",
    ],
)
def test_unclear_speaker_is_none(spacy_model, text: str) -> None:  # type: ignore[no-untyped-def]
    found = _run(spacy_model, text)
    assert len(found) == 1
    assert found[0].speaker is None and found[0].speaker_text is None


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The so-called \u201cpeace dividend\u201d never arrived in the valley.",
        "Critics call the new rules a \u201csham\u201d in private.",
        "The \u201clogin\u201d button sits at the top of the page.",
    ],
)
def test_unattributed_scare_quotes_skipped(spacy_model, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _run(spacy_model, text) == []


@pytest.mark.slow
def test_attributed_scare_quote_kept(spacy_model) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Economy Minister Lucia Ferraro met bankers in Rome. She said that the government "
        "was following a \u201cpatient strategy\u201d on the bond market."
    )
    q = _one(_run(spacy_model, text), "patient strategy")
    assert q.speaker is not None and "ferraro" in q.speaker


@pytest.mark.slow
def test_uses_actor_mentions_when_present(spacy_model) -> None:  # type: ignore[no-untyped-def]
    from storyline.records import Mention

    text = "\u201cThe ceasefire must hold through the winter,\u201d Okonkwo said."
    doc = spacy_model(text)
    doc._.storyline_doc_id = "d9"
    start = text.index("Okonkwo")
    doc._.storyline_mentions = [Mention(doc="d9", start=start, end=start + 7, text="Okonkwo",
                                        label="PERSON", key="person:ada-okonkwo", name="Ada Okonkwo")]
    found = quotes.find(doc)
    assert [(q.speaker, q.speaker_text) for q in found] == [("person:ada-okonkwo", "Okonkwo")]


def test_the_minister_is_the_last_speaker_the_text_gave_that_title(nlp) -> None:  # type: ignore[no-untyped-def]
    from storyline.pipeline import DocInput, run

    text = ("Trade Minister Pedro Lima spoke in Lisbon. Licences would still be granted, he said. "
            "\u201cShipments that meet our rules will be approved,\u201d the minister said.")
    (doc,) = list(run(nlp, [DocInput("t1", text, "2026-03-11")]))
    (q,) = [q for q in doc._.storyline_quotes if "Shipments" in q.text]
    assert q.speaker == "person:pedro-lima"


@pytest.mark.parametrize(
    ("text", "dct", "speaker"),
    [
        # the actor dictionary's role at the DCT names "the president" (the text gave no title)
        ("Donald Trump and Keir Starmer met at Chequers on Thursday.\n\n"
         "\u201cWe settled the hard questions,\u201d the president said.", "2025-09-18", "person:donald-trump"),
        # ... and out of office he is not "the president"
        ("Donald Trump and Keir Starmer met at Chequers on Thursday.\n\n"
         "\u201cWe settled the hard questions,\u201d the president said.", "2024-09-19", None),
        # two presidents fit: unclear
        ("Donald Trump and Xi Jinping met in Busan on Thursday.\n\n"
         "\u201cWe settled the hard questions,\u201d the president said.", "2025-10-30", None),
        # a people's adjective picks one of two leaders
        ("Donald Trump and Xi Jinping met in Busan on Thursday.\n\n"
         "\u201cThe two sides must meet halfway,\u201d the Chinese leader said.", "2025-10-30", "person:xi-jinping"),
        # two leaders fit "the leader": unclear
        ("Donald Trump and Xi Jinping met in Busan on Thursday.\n\n"
         "\u201cThe two sides must meet halfway,\u201d the leader said.", "2025-10-30", None),
    ],
)
def test_a_title_names_the_one_person_lately_named_who_holds_it(nlp, text: str, dct: str, speaker: str | None) -> None:  # type: ignore[no-untyped-def]
    from storyline.pipeline import DocInput, run

    (doc,) = list(run(nlp, [DocInput("t2", text, dct)]))
    (q,) = doc._.storyline_quotes
    assert q.speaker == speaker


@pytest.mark.parametrize(
    ("text", "snippet", "speaker"),
    [
        # 'the Treasury secretary', 'the Treasury chief': the one person named lately whose title
        # holds the organisation's word
        ("Treasury Secretary Scott Bessent met Li Chenggang on Monday.\n\n"
         "\u201cThe channels are open,\u201d the Treasury secretary said.", "channels", "person:scott-bessent"),
        ("Treasury Secretary Scott Bessent met Li Chenggang on Monday.\n\n"
         "\u201cPrices are for the companies,\u201d the Treasury chief said.", "Prices", "person:scott-bessent"),
        ("Treasury Secretary Scott Bessent and Commerce Secretary Howard Lutnick spoke on Monday.\n\n"
         "\u201cExports will resume,\u201d the Commerce secretary said.", "Exports", "person:howard-lutnick"),
        # nobody named holds that office: unclear
        ("Donald Trump and Xi Jinping met on Monday.\n\n"
         "\u201cExports will resume,\u201d the Treasury secretary said.", "Exports", None),
        # the verb the quoted words hang from, not a verb of saying inside the subject's clause
        ("Scott Bessent said the 100% tariff that Donald Trump had threatened was \u201cno longer on the "
         "agenda\u201d.", "agenda", "person:scott-bessent"),
        # the person lately acting as subject, with organisations and markets passed over
        ("Donald Trump wrote on Friday that talks were off. He also questioned a meeting with Xi Jinping.\n\n"
         "China's Commerce Ministry said it would respond. The European Union urged calm.\n\n"
         "On Sunday the president struck a softer tone, writing that \u201cit will be fine\u201d.",
         "fine", "person:donald-trump"),
    ],
)  # fmt: skip
def test_titles_of_office_and_governing_verbs_name_the_speaker(nlp, text: str, snippet: str,  # type: ignore[no-untyped-def]
                                                               speaker: str | None) -> None:  # fmt: skip
    from storyline.pipeline import DocInput, run

    (doc,) = list(run(nlp, [DocInput("t3", text, "2025-10-14")]))
    assert _one(list(doc._.storyline_quotes), snippet).speaker == speaker


@pytest.mark.parametrize(
    ("text", "snippet", "speaker", "speaker_text"),
    [
        # a person's office speaks for the person
        ("\u201cTalks are moving forward,\u201d Prime Minister Benjamin Netanyahu's office said in a statement.",
         "Talks", "person:benjamin-netanyahu", "Prime Minister Benjamin Netanyahu's office"),
        # 'the organisation', after the one organisation that acted
        ("The International Committee of the Red Cross said its president had met the envoy.\n\n"
         "\u201cWe stand ready to help,\u201d the organisation said in a statement.", "ready", "org:red-cross",
         "International Committee of the Red Cross"),
        # a state's ministry the text names nowhere else: that state, in the text's words
        ("\u201cThe bombardment makes mediation harder,\u201d the Qatari foreign ministry said on Friday.",
         "bombardment", "country:QA", "the Qatari foreign ministry"),
        # who described it is who reported it, not what was reported
        ("The United Nations said on Saturday that 137 trucks had been unloaded on Friday, describing it as "
         "\u201cthe biggest single aid delivery since October\u201d.", "biggest", "org:un", "United Nations"),
    ],
)  # fmt: skip
def test_offices_bodies_ministries_and_describers_speak(nlp, text: str, snippet: str, speaker: str,  # type: ignore[no-untyped-def]
                                                       speaker_text: str) -> None:  # fmt: skip
    from storyline.pipeline import DocInput, run

    (doc,) = list(run(nlp, [DocInput("t4", text, "2023-12-02")]))
    q = _one(list(doc._.storyline_quotes), snippet)
    assert (q.speaker, q.speaker_text) == (speaker, speaker_text)
