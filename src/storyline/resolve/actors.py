"""Cross-document actor resolution: mention keys -> entities.

Pure functions over :class:`~storyline.records.Mention` records.  Mentions sharing a key are
one entity; a surname-only person key ("person:bessent") joins the one full-name person
with that surname, or, when several share it, the one holding a head-of-state or
head-of-government role; two different full names are never merged.  The result does not
depend on the order of the mentions.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..dictionary import ActorDictionary, ActorEntry, demonym_bases, normalize, title_key
from ..records import Entity, Mention, Role, _Record

_LEADER_TITLES = frozenset(
    {"president", "prime minister", "premier", "chancellor", "king", "queen", "emir",
     "supreme leader", "general secretary", "sultan"}
)


@dataclass(frozen=True, slots=True)
class Resolution(_Record):
    """Entities and the entity id of every mention key."""

    entities: tuple[Entity, ...] = ()
    entity_of: Mapping[str, str] = field(default_factory=dict)


def _order(m: Mention) -> tuple[str, int, int, str, str]:
    return (m.doc, m.start, m.end, m.key, m.text)


def _is_short(name: str) -> bool:
    return len(name.split()) == 1


def _words(name: str) -> list[str]:
    return normalize(name).split()


def _leader(mentions: Sequence[Mention], dictionary: ActorDictionary | None, key: str) -> bool:
    if dictionary is not None and dictionary.get(key) is not None:
        return dictionary.is_leader(key)
    return any(m.role and title_key(m.role.title) in _LEADER_TITLES for m in mentions)


def _short_target(
    short: str, groups: Mapping[str, list[Mention]], full: Sequence[str],
    dictionary: ActorDictionary | None,
) -> str | None:
    """The full-name person key a surname-only key joins, or None."""
    word = normalize(short)
    matches = []
    for key in full:
        words = _words(groups[key][0].name)
        entry = dictionary.get(key) if dictionary is not None else None
        surname = entry.surname if entry is not None else None
        if (surname and normalize(surname) == word) or (words and words[-1] == word):
            matches.append(key)
    if not matches:
        matches = [k for k in full if _words(groups[k][0].name)[:1] == [word]]
    if len(matches) > 1:
        leaders = [k for k in matches if _leader(groups[k], dictionary, k)]
        matches = leaders if len(leaders) == 1 else matches
    return matches[0] if len(matches) == 1 else None


def _targets(
    groups: Mapping[str, list[Mention]], dictionary: ActorDictionary | None
) -> dict[str, str]:
    """Mention key -> entity id."""
    people = [k for k in groups if groups[k][0].label == "PERSON" or k.startswith("person:")]
    full = sorted(k for k in people if not _is_short(_best_name(groups[k], dictionary, k)))
    out = {k: k for k in groups}
    for key in sorted(people):
        if key in full or (dictionary is not None and dictionary.get(key) is not None):
            continue
        target = _short_target(_best_name(groups[key], dictionary, key), groups, full, dictionary)
        if target is not None:
            out[key] = target
    return out


def _best_name(mentions: Sequence[Mention], dictionary: ActorDictionary | None, key: str) -> str:
    entry = dictionary.get(key) if dictionary is not None else None
    if entry is not None:
        return entry.name
    counts = Counter(m.name for m in mentions)
    return sorted(counts, key=lambda n: (-len(n.split()), -counts[n], n))[0]


def _aliases(mentions: Sequence[Mention], name: str, known: Sequence[str] = ()) -> tuple[str, ...]:
    """Every other spelling the texts use, one per form, and the ``known`` short forms of a
    dictionary person (the surname a reader searches by: 'Guterres'); a form that differs from
    the name only in its accents ('Antonio Guterres' for 'António Guterres') is a spelling worth
    keeping, because readers search for the form they saw."""
    own = normalize(name, fold_accents=False)
    seen: dict[str, str] = {}
    forms = [m.text for m in sorted(mentions, key=_order)] + list(known)
    for form in forms:
        text = form.replace("\u2019", "'")
        if text.endswith("'s"):
            text = text[:-2]
        if text.lower().startswith("the "):
            text = text[4:]
        key = normalize(text, fold_accents=False)
        if key and key != own:
            seen.setdefault(key, text)
    return tuple(sorted(seen.values()))


def _known_forms(entry: ActorEntry | None) -> tuple[str, ...]:
    """A dictionary person's surname, the form the news uses after the first mention."""
    return (entry.surname,) if entry is not None and entry.type == "PERSON" and entry.surname else ()


def _roles(mentions: Sequence[Mention]) -> tuple[Role, ...]:
    """Distinct titles with the earliest date seen; a bare 'Secretary' yields to
    'Treasury Secretary' of the same entity."""
    by_title: dict[str, list[Role]] = defaultdict(list)
    for m in mentions:
        if m.role is not None:
            by_title[title_key(m.role.title)].append(m.role)
    keys = set(by_title)
    out = []
    for key in sorted(keys):
        if any(other != key and other.endswith(" " + key) for other in keys):
            continue
        roles = by_title[key]
        titles = Counter(r.title for r in roles)
        orgs = Counter(r.org for r in roles if r.org)
        dates = sorted(r.since for r in roles if r.since)
        title = sorted(titles, key=lambda t: (-titles[t], t))[0]
        org = sorted(orgs, key=lambda o: (-orgs[o], o))[0] if orgs else None
        out.append(Role(title=title, org=org, since=dates[0] if dates else None))
    return tuple(out)


def _majority(values: Sequence[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    return sorted(counts, key=lambda v: (-counts[v], v))[0] if counts else None


def _entity(
    entity_id: str, mentions: Sequence[Mention], dictionary: ActorDictionary | None,
    person_names: frozenset[str] = frozenset(),
) -> Entity:
    entry = dictionary.get(entity_id) if dictionary is not None else None
    name = _best_name(mentions, dictionary, entity_id)
    etype = entry.type if entry else _majority([m.label for m in mentions]) or "ORG"
    country = entry.country if entry and entry.country else _majority(
        [m.country for m in mentions]
    )
    return Entity(
        id=entity_id,
        name=name,
        type=etype,
        aliases=tuple(
            a for a in _aliases(mentions, name, _known_forms(entry))
            if etype == "PERSON" or normalize(a) not in person_names
        ),
        country=country,
        roles=_roles(mentions),
        mentions=len(mentions),
    )


# 'country:' here is a country the dictionary does not know, recognised in some article by
# its demonym ('Kestria' and 'Kestrian'): its slug key joins the same name typed otherwise.
GENERIC_PREFIXES = ("country:", "gpe:", "org:", "fac:", "loc:", "norp:", "person:")
PREFIX_RANK = {"country:": -1, "gpe:": 0, "org:": 1, "norp:": 2, "loc:": 3, "fac:": 4, "person:": 5}


def _one_name_one_entity(groups: Mapping[str, list[Mention]], entity_of: dict[str, str]) -> dict[str, str]:
    """An unknown single name the tagger typed differently across sentences ('Velmora' as
    GPE, ORG, FAC and PERSON) is one actor; keyed by the place reading when there is one.
    Multi-word person names are left alone (namesakes stay apart)."""
    by_name: dict[str, list[str]] = defaultdict(list)
    for key in groups:
        prefix = next((p for p in GENERIC_PREFIXES if key.startswith(p)), None)
        if prefix is None or entity_of.get(key) != key:
            continue
        if prefix == "person:" and "-" in key[len(prefix):]:
            continue
        by_name[key[len(prefix):]].append(key)
    out = dict(entity_of)
    for keys in by_name.values():
        if len(keys) > 1:
            main = min(keys, key=lambda k: (PREFIX_RANK[next(p for p in GENERIC_PREFIXES if k.startswith(p))], k))
            out.update({k: main for k in keys})
    return out




def _demonyms_to_places(groups: Mapping[str, list[Mention]], entity_of: dict[str, str]) -> dict[str, str]:
    """'Velmoran' (not in the dictionary) is the people or government of 'Velmora': an
    unknown adjective or group name formed from a place name by a demonym ending joins it."""
    places = {normalize(ms[0].name): key for key, ms in groups.items()
              if key.startswith(("gpe:", "city:", "country:"))}  # fmt: skip
    out = dict(entity_of)
    for key, ms in groups.items():
        if ms[0].label not in ("NORP", "ORG") or entity_of.get(key) != key or key in places.values():
            continue
        found = sorted(demonym_bases(normalize(ms[0].name)) & places.keys())
        if found:
            out[key] = entity_of.get(places[found[0]], places[found[0]])
    return out


def resolve(
    mentions: Sequence[Mention], dictionary: ActorDictionary | None = None
) -> Resolution:
    """Entities for ``mentions`` (of any number of documents) and each key's entity id."""
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in sorted(mentions, key=_order):
        if m.key:
            groups[m.key].append(m)
    entity_of = _targets(groups, dictionary)
    entity_of = _demonyms_to_places(groups, _one_name_one_entity(groups, entity_of))
    members: dict[str, list[Mention]] = defaultdict(list)
    for key in sorted(groups):
        members[entity_of[key]].extend(groups[key])
    person_names = frozenset(
        form
        for ms in members.values()
        for m in ms
        if m.label == "PERSON"
        for form in (normalize(m.text), *_words(m.name)[:1], *_words(m.name)[-1:])
    )
    entities = tuple(
        _entity(eid, sorted(ms, key=_order), dictionary, person_names)
        for eid, ms in sorted(members.items())
    )
    return Resolution(entities=entities, entity_of=dict(sorted(entity_of.items())))
