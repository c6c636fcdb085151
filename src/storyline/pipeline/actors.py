"""Actor mentions within one document: people, organisations, countries, with roles.

Candidates come from spaCy's NER (PERSON, ORG, GPE, NORP, LOC, FAC) plus dictionary matches
the NER missed.  Within the document, full names absorb surnames and titled forms; a bare
surname goes to the full name seen in the document, else to the dictionary person holding
office at the DCT.  Capitals and seats of government stand for their country when they act
("Beijing announced") and stay places otherwise ("talks in Beijing").  Titles before a name
and appositions after it give the mention's Role.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..dictionary import ActorDictionary, ActorEntry, demonym_bases, normalize, slug
from ..dictionary import load_dictionary as _load
from ..records import Mention, Role
from . import actor_rules as rules
from .event_places import PLACE_NOUNS

LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")


def load_dictionary(path: str | None = None) -> ActorDictionary:
    """The actor dictionary the stage uses (built-in, extended by ``path``)."""
    return _load(path)


@dataclass(slots=True)
class _Cand:
    """A working candidate (internal to this module)."""

    start: int  # token offsets
    end: int
    label: str
    key: str = ""
    name: str = ""
    country: str | None = None
    role: Role | None = None


# ---------------------------------------------------------------------- matcher


def _matcher(dictionary: ActorDictionary, doc: Doc) -> tuple[PhraseMatcher, PhraseMatcher]:
    """(case-sensitive, lower-case) matchers over dictionary names, built once per vocab."""
    cached = dictionary.cache.get(("matchers", id(doc.vocab)))
    if cached is not None and cached[0] is doc.vocab:
        return cached[1], cached[2]
    tokenizer: Any = spacy.blank("en", vocab=doc.vocab).tokenizer
    exact, lower = PhraseMatcher(doc.vocab, attr="ORTH"), PhraseMatcher(doc.vocab, attr="LOWER")
    by_id: dict[str, list[str]] = {}
    for surface, entry_id in dictionary.surface_forms():
        forms = {surface, surface.replace("'", "\u2019")}
        by_id.setdefault(entry_id, []).extend(forms)
    for entry_id, surfaces in by_id.items():
        docs = list(tokenizer.pipe(sorted(set(surfaces))))
        exact.add(entry_id, [d for d in docs if len(d) == 1 or d.text.isupper()])
        lower.add(entry_id, [d for d in docs if len(d) > 1 and not d.text.isupper()])
    dictionary.cache[("matchers", id(doc.vocab))] = (doc.vocab, exact, lower)
    return exact, lower


def _dictionary_spans(doc: Doc, dictionary: ActorDictionary) -> list[Span]:
    exact, lower = _matcher(dictionary, doc)
    spans = [Span(doc, s, e, label=m) for m, s, e in [*exact(doc), *lower(doc)]]
    return filter_spans(spans)


# ---------------------------------------------------------------------- candidates


def _candidates(doc: Doc, dictionary: ActorDictionary) -> list[_Cand]:
    """NER spans (cleaned) plus dictionary spans that overlap none of them; a longer
    dictionary name replaces the NER pieces it covers ('Ursula von der' + 'Leyen')."""
    cands: list[_Cand] = []
    spans: list[tuple[int, int]] = []  # the NER span of each candidate, before trimming
    for ent in doc.ents:
        if ent.label_ not in LABELS or not rules.plausible(ent):
            continue
        start, end = rules.trim(doc, ent.start, ent.end, dictionary, ent.label_)
        if start >= end:
            continue
        if ent.label_ == "PERSON":
            end = _hyphen_tail(doc, end)
        cands.append(_Cand(start, end, ent.label_))
        spans.append((ent.start, ent.end))
    for span in _dictionary_spans(doc, dictionary):
        entry = dictionary.get(span.label_)
        if entry is None:
            continue
        hit = [k for k, (s, e) in enumerate(spans) if s < span.end and span.start < e]
        if hit and not _covers(span, [spans[k] for k in hit]):
            continue
        for k in sorted(hit, reverse=True):
            del cands[k], spans[k]
        is_demonym = dictionary.demonym(span.text) is not None and entry.type == "GPE"
        cands.append(_Cand(span.start, span.end, "NORP" if is_demonym else entry.type))
        spans.append((span.start, span.end))
    cands.sort(key=lambda c: c.start)
    return _parenthesised_acronyms(doc, _join_split_names(doc, cands))


def _parenthesised_acronyms(doc: Doc, cands: list[_Cand]) -> list[_Cand]:
    """'the Korean Central News Agency (KCNA)': the capitals in brackets after a name are a
    mention of it even when the tagger skipped them (later articles use them alone)."""
    taken = {i for c in cands for i in range(c.start, c.end)}
    extra = []
    for c in cands:
        i = c.end
        if (c.label == "ORG" and i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")"
                and i + 1 not in taken and doc[i + 1].is_upper and doc[i + 1].is_alpha
                and 2 <= len(doc[i + 1]) <= 8):  # fmt: skip
            extra.append(_Cand(i + 1, i + 2, "ORG"))
    return sorted([*cands, *extra], key=lambda c: c.start)


def _join_split_names(doc: Doc, cands: list[_Cand]) -> list[_Cand]:
    """'Kim Kye' + 'Gwan': two person spans the tagger cut apart with nothing between them
    are one name."""
    out: list[_Cand] = []
    for c in cands:
        prev = out[-1] if out else None
        if (prev is not None and prev.label == c.label == "PERSON" and prev.end == c.start
                and doc[c.start].is_title and doc[prev.end - 1].whitespace_ == " "):  # fmt: skip
            prev.end = c.end
            continue
        out.append(c)
    return out


def _hyphen_tail(doc: Doc, end: int) -> int:
    """'Moon Jae-in', 'Ban Ki-moon': the tagger often stops a name at the hyphen of a
    romanised given name whose second part is lower-case."""
    if end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ \
            and not doc[end].whitespace_ and doc[end + 1].is_alpha and doc[end + 1].is_lower:
        return end + 2
    return end


def _covers(span: Span, pieces: list[tuple[int, int]]) -> bool:
    """A multi-word dictionary name longer than every NER piece it overlaps, all inside it."""
    return len(span) > 1 and all(span.start <= s and e <= span.end and e - s < len(span) for s, e in pieces)


def _correct_labels(doc: Doc, cands: list[_Cand], dictionary: ActorDictionary) -> None:
    """Fix spaCy's types with evidence: known people, surnames of people in the document."""
    name_words = rules.person_name_words(doc, cands)
    for c in cands:
        text = doc[c.start : c.end].text
        if c.label == "PERSON":
            found = dictionary.lookup(text)
            if found is not None and found.type != "PERSON" and normalize(text) not in name_words:
                c.label = found.type
            continue
        if dictionary.lookup(text, types=("ORG", "GPE", "NORP")) is not None:
            continue
        known = dictionary.lookup(text, types=("PERSON",)) is not None
        surname = c.end - c.start == 1 and (
            normalize(text) in name_words or bool(dictionary.by_surname(text))
        )
        if known or surname or (c.label == "ORG" and rules.has_title(doc, c, cands, dictionary)):
            c.label = "PERSON"


# ---------------------------------------------------------------------- people


@dataclass(slots=True)
class _Person:
    key: str
    name: str
    first: int  # token index of the first mention
    count: int = 0


def _full_key(text: str, dictionary: ActorDictionary) -> tuple[str, str]:
    entry = dictionary.lookup(text, types=("PERSON",))
    if entry is not None:
        return entry.id, entry.name
    return f"person:{slug(text)}", text


def _short_forms(person: _Person, dictionary: ActorDictionary) -> dict[str, int]:
    """Single words that can stand for the person, with a score (surname 2, given name 1)."""
    entry = dictionary.get(person.key)
    words = person.name.split()
    forms = {normalize(words[0]): 1, normalize(words[-1]): 2}
    if entry is not None and entry.surname:
        forms[normalize(entry.surname)] = 2
    return forms


def _resolve_short(
    word: str, people: list[_Person], dictionary: ActorDictionary, dct: str | None,
    title: str | None,
) -> _Person | None:
    """The document's full-name person a single word means (None when nobody fits)."""
    scored = [(_short_forms(p, dictionary).get(word, 0), p) for p in people]
    best = max((s for s, _ in scored), default=0)
    if best == 0:
        return None
    matches = [p for s, p in scored if s == best]
    if len(matches) > 1 and title:
        titled = [p for p in matches if dictionary.role_dates(p.key, title)]
        matches = titled or matches
    if len(matches) > 1:
        leaders = [p for p in matches if dictionary.is_leader(p.key, dct)]
        matches = leaders or matches
    return sorted(matches, key=lambda p: (-p.count, p.first))[0]


def _key_people(doc: Doc, cands: list[_Cand], dictionary: ActorDictionary) -> None:
    dct = doc._.storyline_dct
    people: dict[str, _Person] = {}
    persons = [c for c in cands if c.label == "PERSON"]
    for c in persons:
        text = rules.name_text(doc[c.start : c.end])
        if len(text.split()) > 1 or dictionary.lookup(text, types=("PERSON",)) is not None:
            c.key, c.name = _full_key(text, dictionary)
            person = people.setdefault(c.key, _Person(c.key, c.name, c.start))
            person.count += 1
            if len(text) > len(person.name) and c.key.startswith("person:") and \
                    dictionary.get(c.key) is None:
                person.name = text
    for c in persons:
        if c.key:
            c.name = people[c.key].name
            continue
        text = rules.name_text(doc[c.start : c.end])
        title = c.role.title if c.role else None
        found = _resolve_short(normalize(text), list(people.values()), dictionary, dct, title)
        if found is not None:
            c.key, c.name = found.key, found.name
            continue
        entry = dictionary.person_by_surname(text, dct, title)
        c.key, c.name = (entry.id, entry.name) if entry else (f"person:{slug(text)}", text)


def _country_name(dictionary: ActorDictionary, code: str | None) -> str | None:
    entry = dictionary.country(code) if code else None
    return entry.name if entry else None


def _finish_person(doc: Doc, c: _Cand, dictionary: ActorDictionary) -> None:
    """Country of a person; a leader's name before 'administration' stands for the country."""
    entry = dictionary.get(c.key)
    c.country = entry.country if entry else None
    if c.country is None and c.role and c.role.org:
        c.country = dictionary.country_of(c.role.org)
    span = doc[c.start : c.end]
    if rules.governing(span, dictionary) and entry and entry.country and \
            dictionary.is_leader(entry.id, doc._.storyline_dct):
        country = dictionary.country(entry.country)
        if country is not None:
            c.key, c.name, c.label, c.role = country.id, country.name, "GPE", None


# ---------------------------------------------------------------------- places, orgs


def _key_entry(doc: Doc, c: _Cand, entry: ActorEntry, dictionary: ActorDictionary) -> None:
    span = doc[c.start : c.end]
    c.country = entry.country
    target = dictionary.get(entry.acts_for) if entry.acts_for else None
    if target is not None and rules.acting(span, dictionary):
        c.key, c.name, c.label = target.id, target.name, target.type
        return
    c.key, c.name = entry.id, entry.name
    if entry.type == "PERSON":
        c.label = "PERSON"
    elif target is not None:
        c.label = "GPE" if entry.id.startswith("city:") else "FAC"
    elif c.label not in ("NORP",) or entry.type != "GPE":
        c.label = entry.type


def _place_context(span: Span) -> bool:
    """'the village of X', 'near X', 'outside X': the name stands for a place."""
    root = span.root
    if root.dep_ == "compound" and root.head.lemma_.lower() in PLACE_NOUNS and root.head.i == span.end:
        return True  # "the Meroe crossing"
    if any(c.dep_ == "appos" and c.lemma_.lower() in PLACE_NOUNS for c in root.children):
        return True  # "Kalbar, the largest city held by the rebels"
    if root.dep_ != "pobj":
        return False
    prep = root.head
    if prep.lower_ == "of":
        return prep.head.lemma_.lower() in PLACE_NOUNS
    if prep.lower_ in ("in", "at") and len(span) == 1:
        return prep.head.lemma_.lower() in PLACE_NOUNS | SITE_NOUNS  # "a crowded market in Kalbar"
    return prep.lower_ in ("near", "outside") and len(span) == 1


def _in_place(span: Span) -> bool:
    """'in X', 'at X', 'near X', 'outside X'."""
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ in ("in", "at", "near", "outside")


# Places people gather at: a name they are 'in' is a town, not an organisation.
SITE_NOUNS = frozenset({"market", "hospital", "school", "mosque", "church", "square", "street", "mall",
                        "station", "clinic", "shelter", "refinery", "factory", "checkpoint", "bazaar",
                        "line"})  # 'the border line at X'  # fmt: skip


def _key_other(doc: Doc, c: _Cand, dictionary: ActorDictionary) -> None:
    span = doc[c.start : c.end]
    text = rules.name_text(span)
    demonym = dictionary.demonym(text)
    if demonym is not None:
        c.key, c.name, c.country = demonym.id, demonym.name, demonym.country
        c.label = "GPE" if rules.governing(span, dictionary) else "NORP"
        return
    entry = dictionary.lookup(text, types=None if c.label in ("LOC", "FAC") else
                              (("ORG", "PERSON") if c.label == "ORG" else None))
    if entry is None and c.label == "ORG":
        entry = dictionary.lookup(text)
    if entry is not None:
        _key_entry(doc, c, entry, dictionary)
        return
    if c.label == "GPE" and len(text) <= 3 and text.isupper():
        return  # an unknown all-capitals "place" is almost always a tagging error ("AI")
    prefix = {"GPE": "gpe", "NORP": "norp", "LOC": "loc", "FAC": "fac"}.get(c.label, "org")
    c.key, c.name = f"{prefix}:{slug(text)}", text
    code, _ = dictionary.split_country(text)
    c.country = code


# ---------------------------------------------------------------------- main


def _mention(doc: Doc, c: _Cand) -> Mention:
    span = doc[c.start : c.end]
    return Mention(
        doc=doc._.storyline_doc_id or "",
        start=span.start_char,
        end=span.end_char,
        text=span.text,
        label=c.label,
        key=c.key,
        name=c.name,
        country=c.country,
        role=c.role,
    )


def find(doc: Doc, dictionary: ActorDictionary | None = None) -> list[Mention]:
    """Actor mentions of ``doc`` with in-document keys, names, countries and roles."""
    dictionary = dictionary or load_dictionary()
    cands = _candidates(doc, dictionary)
    cands = rules.merge_possessive_orgs(doc, cands, dictionary, _Cand)
    _correct_labels(doc, cands, dictionary)
    cands.extend(_Cand(s, e, "PERSON") for s, e in rules.titled_names(doc, cands, dictionary))
    cands.extend(_Cand(s, e, "PERSON") for s, e in rules.appositive_names(doc, cands, dictionary))
    cands.extend(_Cand(s, e, "PERSON") for s, e in rules.surname_mentions(doc, cands, dictionary))
    cands.extend(_Cand(s, e, "ORG") for s, e in rules.companies_missed(doc, cands))
    cands.sort(key=lambda c: c.start)
    for c in cands:  # "spokeswoman Irina Vasek" tagged ORG: a title makes a person
        span = doc[c.start : c.end]
        if (c.label == "ORG" and c.start > 0 and doc[c.start - 1].lower_ in dictionary.titles.heads
                and 2 <= len(span) <= 3 and all(t.is_title for t in span)
                and not dictionary.candidates(span.text)):  # fmt: skip
            c.label = "PERSON"
    consumed = rules.assign_roles(doc, cands, dictionary)
    cands = [c for c in cands if not consumed.intersection(range(c.start, c.end))]
    employers = {c.role.org for c in cands if c.role is not None and c.role.org}
    for c in cands:  # 'chief financial officer of Fast Retailing': an employer is no person
        if c.label == "PERSON" and doc[c.start : c.end].text in employers:
            c.label = "ORG"
    for c in cands:  # "the village of Oskem", "the Meroe crossing": unknown names used as places
        if c.label in ("PERSON", "ORG") and _place_context(doc[c.start : c.end]) and not dictionary.candidates(doc[c.start : c.end].text):
            c.label = "GPE"
        elif c.label == "NORP" and _in_place(doc[c.start : c.end]) and not dictionary.candidates(doc[c.start : c.end].text):
            c.label = "GPE"  # "its fleet in Sevastopol": no people are 'in' a nationality
    _key_people(doc, cands, dictionary)
    for c in cands:
        if c.label == "PERSON":
            _finish_person(doc, c, dictionary)
        else:
            _key_other(doc, c, dictionary)
    for c in cands:  # 'the North' after 'North Korea'
        if (ref := rules.compass_referent(doc, c, cands)) is not None:
            c.key, c.name, c.country, c.label = ref.key, ref.name, ref.country, "GPE"
    _absorb_short_orgs(cands)
    _absorb_acronyms(doc, cands)
    _absorb_group_prefixes(doc, cands)
    _countries_by_demonym(cands)
    cands.extend(_office_holders(doc, cands, dictionary))
    return [_mention(doc, c) for c in sorted(cands, key=lambda c: c.start) if c.key]


def _office_holders(doc: Doc, cands: list[_Cand], dictionary: ActorDictionary) -> list[_Cand]:
    """'Qatar's prime minister said', 'the Japanese foreign minister': the person who held
    that office on the document's date, when the dictionary knows exactly one (a name right
    after the title is a mention of its own)."""
    dct = doc._.storyline_dct
    taken = {i for c in cands for i in range(c.start, c.end)}
    out = []
    for c in cands:
        if not (dct and c.key.startswith("country:") and c.country):
            continue
        start = c.end + 1 if c.end < len(doc) and doc[c.end].tag_ == "POS" else c.end
        end = start
        while end < len(doc) and end - start < 3 and doc[end].lower_ in dictionary.titles.heads | dictionary.titles.modifiers:
            end += 1
        if end == start or doc[end - 1].lower_ not in dictionary.titles.heads or taken & set(range(start, end)):
            continue
        if end < len(doc) and doc[end].pos_ == "PROPN":
            continue  # 'Qatar's prime minister Mohammed bin Abdulrahman': the name speaks for itself
        entry = dictionary.holder(c.country, doc[start:end].text, dct[:10])
        if entry is not None:
            title = dictionary.titles.canonical_title(doc[start:end].text)
            org = _country_name(dictionary, c.country)
            out.append(_Cand(start, end, "PERSON", entry.id, entry.name, entry.country, Role(title=title, org=org)))
    return out


def _countries_by_demonym(cands: list[_Cand]) -> None:
    """A place the dictionary does not know but whose people the text names ('Kestria' and
    'Kestrian officials') is a country: one actor for both, as a dictionary country is."""
    places = {c.name: c for c in cands if c.key.startswith("gpe:") and c.name and " " not in c.name}
    # NER often tags an unknown demonym as a person or an organisation ('Kestrian officials')
    peoples = [c for c in cands if c.key.startswith(("norp:", "person:", "org:", "gpe:")) and " " not in c.name]
    for place in places.values():
        mates = [c for c in peoples if normalize(place.name) in demonym_bases(normalize(c.name))]
        if not mates:
            continue
        old_key, code = place.key, slug(place.name)
        for c in cands:
            if c.key == old_key or any(c is m for m in mates):
                c.label = "GPE" if c.key == old_key else "NORP"
                c.key, c.name, c.country = f"country:{code}", place.name, code


GROUP_NOUNS = frozenset({"front", "rebels", "movement", "fighters", "militants", "group", "forces",
                         "militia", "alliance", "party", "insurgents", "guerrillas"})  # fmt: skip


def _absorb_group_prefixes(doc: Doc, cands: list[_Cand]) -> None:
    """'the Ashari front', 'Ashari rebels' after 'the Ashari Liberation Front': a name that
    opens exactly one longer organisation of the document, followed by a group noun, is that
    organisation (whatever the tagger took it for)."""
    full = {c.key: c for c in cands if c.key and c.label == "ORG" and c.name and len(c.name.split()) > 1}
    for c in cands:
        if c.key in full or c.end >= len(doc) or doc[c.end].lower_ not in GROUP_NOUNS:
            continue
        words = doc[c.start : c.end].text.split()
        owners = {k for k, f in full.items() if f.name.split()[: len(words)] == words and len(f.name.split()) > len(words)}
        if len(owners) == 1:
            owner = full[owners.pop()]
            c.key, c.name, c.country, c.label = owner.key, owner.name, owner.country, "ORG"
            c.end += 1  # the mention is 'Ashari front', as the article names the group


def _absorb_acronyms(doc: Doc, cands: list[_Cand]) -> None:
    """'GSOMIA' after 'the General Security of Military Information Agreement (GSOMIA)' or
    '…, or GSOMIA,': an all-capitals name is the longer one it abbreviates (its initials, or
    the two written side by side)."""
    full = [(c, _initials(doc[c.start : c.end])) for c in cands
            if c.key and c.label in ("ORG", "LAW", "EVENT") and c.end - c.start > 2]  # fmt: skip
    for c in cands:
        text = doc[c.start : c.end].text
        if c.end - c.start != 1 or not (2 <= len(text) <= 8 and text.isupper() and text.isalpha()):
            continue
        for f, initials in full:
            between = doc[f.end : c.start].text.strip().lower()
            if f.key != c.key and (text in initials or (0 < c.start - f.end <= 2 and between in ("(", ", or", "or"))):
                c.key, c.name, c.country, c.label = f.key, f.name, f.country, f.label
                break


def _initials(span: Span) -> set[str]:
    """'General Security of Military Information Agreement': GSOMIA (every word) and GSMIA
    (capitalised words only)."""
    words = [t.text for t in span if t.is_alpha and t.lower_ != "the"]
    return {"".join(w[0] for w in words).upper(), "".join(w[0] for w in words if w[0].isupper())}


def _absorb_short_orgs(cands: list[_Cand]) -> None:
    """'the Commission' after 'the European Commission': a short name that ends exactly one
    longer organisation named in the same document is that organisation."""
    full = {c.key: c for c in cands if c.key and c.label == "ORG" and c.name and len(c.name.split()) > 1}
    for c in cands:
        if c.label != "ORG" or not c.name or c.key in full:
            continue
        words = c.name.split()
        owners = {k for k, f in full.items() if f.name.split()[-len(words):] == words}
        if len(owners) == 1:
            owner = full[owners.pop()]
            c.key, c.name, c.country = owner.key, owner.name, owner.country


def set_annotations(doc: Doc, mentions: Sequence[Mention]) -> None:
    doc._.storyline_mentions = list(mentions)


__all__ = ["find", "load_dictionary", "set_annotations"]

