"""Token-level rules of the actors stage: span cleaning, titles and roles, metonymy.

Helpers for :mod:`storyline.pipeline.actors`; every function reads the parse and the
dictionary and returns plain values (token offsets, booleans, titles).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from typing import Any, Protocol

from spacy.tokens import Doc, Span, Token

from ..dictionary import ActorDictionary, normalize
from ..records import Role
from ..time.lexicon import lexicon

_DETS = {"the", "a", "an"}
_POSSESSIVE = {"'s", "\u2019s", "'", "\u2019"}
_CONNECTORS = {"of", "the", "for", "and", "-"}
_FORMER = {"former", "ex", "ex-", "late", "then", "then-"}
_ACTING_DEPS = {"nsubj", "nsubjpass", "agent", "poss", "csubj", "dobj", "dative", "iobj"}
_PARTY_PREPS = {"by", "with", "against", "between", "on", "from", "for", "toward", "towards"}
_PLACE_VERBS = {"visit", "tour", "leave", "reach", "enter", "arrive", "fly", "travel", "return",
                "host", "depart", "land", "move"}
_JUNK = ("@", "[", "]", "/", "http", "\n", "|", "\u2122")


class _CandLike(Protocol):
    start: int
    end: int
    label: str


def plausible(span: Span) -> bool:
    """False for NER spans that are clearly not names (e-mail, credits, line-wrapped junk)
    or that name a holiday ('a truce over Easter' tagged as a person)."""
    text = span.text
    return (any(c.isalpha() for c in text) and not any(j in text for j in _JUNK)
            and text.lower() not in _holidays())


@cache
def _holidays() -> frozenset[str]:
    return frozenset(name.lower() for name in lexicon().holiday_names())


def _is_title_word(token: Token, dictionary: ActorDictionary) -> bool:
    low = token.lower_
    return low in dictionary.titles.heads or low in dictionary.titles.modifiers


def trim(doc: Doc, start: int, end: int, dictionary: ActorDictionary, label: str) -> tuple[int, int]:
    """Drop determiners, possessive endings and (for people) leading title words."""
    while start < end and doc[start].lower_ in _DETS:
        start += 1
    while end > start and (doc[end - 1].text in _POSSESSIVE or doc[end - 1].is_punct):
        end -= 1
    if label == "PERSON" and dictionary.lookup(doc[start:end].text, ("PERSON",)) is None:
        while end - start > 1 and doc[start].is_title and _is_title_word(doc[start], dictionary):
            start += 1
    return start, end


def name_text(span: Span) -> str:
    """The name a span spells, without a leading 'the' or a trailing possessive."""
    tokens = [t for t in span if t.text not in _POSSESSIVE]
    while tokens and tokens[0].lower_ in _DETS:
        tokens = tokens[1:]
    if not tokens:
        return span.text
    return span.doc[tokens[0].i : tokens[-1].i + 1].text


# ---------------------------------------------------------------------- metonymy


def governing(span: Span, dictionary: ActorDictionary) -> bool:
    """True for 'Chinese officials', 'the Trump administration', "Xi's government"."""
    root = span.root
    if root.dep_ not in {"compound", "poss", "amod", "nmod"} or root.head.i in range(
        span.start, span.end
    ):
        return False
    return root.head.lower_ in dictionary.government_nouns


def acting(span: Span, dictionary: ActorDictionary) -> bool:
    """Whether a capital or seat of government acts ('Beijing said') or is a place."""
    root = span.root
    while root.dep_ in {"conj", "appos"} and root.head != root:
        if root.dep_ == "appos":
            return False
        root = root.head
    dep, head = root.dep_, root.head
    if dep == "dobj":
        return head.lemma_.lower() not in _PLACE_VERBS
    if dep in _ACTING_DEPS:
        return True
    if dep == "pobj":
        prep = head.lower_
        if prep == "from":
            return head.head.pos_ in {"NOUN", "PROPN"}
        return prep in _PARTY_PREPS
    if dep in {"compound", "amod", "nmod"}:
        return governing(span, dictionary)
    return False


# ---------------------------------------------------------------------- titles


def _title_start(doc: Doc, start: int, lo: int, dictionary: ActorDictionary) -> int:
    """Leftmost token of a title ending right before ``start`` (== start when none)."""
    i, first = start - 1, start
    while i >= lo:
        if _is_title_word(doc[i], dictionary):
            first, i = i, i - 1
            continue
        j = i
        while j >= lo and doc[j].lower_ in _CONNECTORS:
            j -= 1
        if j < i and j >= lo and first < start and _is_title_word(doc[j], dictionary):
            i = j
            continue
        break
    return first


def _has_head(tokens: Span | Sequence[Token], dictionary: ActorDictionary) -> bool:
    return any(t.lower_ in dictionary.titles.heads for t in tokens)


def _cand_at(cands: Sequence[_CandLike], i: int) -> _CandLike | None:
    for c in cands:
        if c.start <= i < c.end and c.label in {"GPE", "NORP", "ORG"}:
            return c
    return None


def _org_name(text: str, dictionary: ActorDictionary) -> str:
    demonym = dictionary.demonym(text)
    entry = demonym or dictionary.lookup(text, ("GPE", "ORG", "NORP"))
    if entry is not None and entry.acts_for:
        entry = dictionary.get(entry.acts_for) or entry
    return entry.name if entry else text


def _prefix_org(
    doc: Doc, first: int, cands: Sequence[_CandLike], dictionary: ActorDictionary
) -> tuple[str | None, int]:
    """Organisation or country written before a title ('U.S.', "China's"); (name, start)."""
    i = first - 1
    if i < 0:
        return None, first
    if doc[i].text in _POSSESSIVE and i > 0:
        owner = _cand_at(cands, i - 1)
        if owner is not None:
            return _org_name(doc[owner.start : i].text, dictionary), owner.start
        return None, first
    owner = _cand_at(cands, i)
    if owner is not None:
        return _org_name(name_text(doc[owner.start : first]), dictionary), owner.start
    return None, first


def _title_before(
    doc: Doc, start: int, cands: Sequence[_CandLike], dictionary: ActorDictionary, dct: str | None
) -> tuple[Role | None, set[int]] | None:
    lo = doc[start].sent.start
    first = _title_start(doc, start, lo, dictionary)
    if first == start or not _has_head(doc[first:start], dictionary):
        return None
    if doc[start - 1].lower_ in _CONNECTORS:
        return None
    org, org_start = _prefix_org(doc, first, cands, dictionary)
    used = set(range(org_start, start))
    if org_start > 0 and doc[org_start - 1].lower_.rstrip("-") in _FORMER:
        return None, used
    title = dictionary.titles.canonical_title(doc[first:start].text)
    return Role(title=title, org=org, since=dct), used


def _title_after(
    doc: Doc, end: int, cands: Sequence[_CandLike], dictionary: ActorDictionary, dct: str | None
) -> Role | None:
    """An apposition after the name: 'Howard Lutnick, the commerce secretary, said'."""
    n = len(doc)
    if end >= n - 1 or doc[end].text != ",":
        return None
    i = end + 1
    if doc[i].lower_ in _DETS:
        i += 1
    org: str | None = None
    owner = _cand_at(cands, i) if i < n else None
    if owner is not None and owner.start == i:
        org, i = _org_name(name_text(doc[owner.start : owner.end]), dictionary), owner.end
        if i < n and doc[i].text in _POSSESSIVE:
            i += 1
    elif i + 1 < n and doc[i + 1].text in _POSSESSIVE:
        i += 2  # "Samir Dahan, the front's political chief"
    j = i
    while j < n and (_is_title_word(doc[j], dictionary) or doc[j].text == "-"):
        j += 1
    while j > i and doc[j - 1].lower_ not in dictionary.titles.heads:
        j -= 1
    if j == i:
        return None
    title_end = j
    if j < n and doc[j].lower_ == "of" and org is None:
        org, j = _owner_after_of(doc, j + 1, cands, dictionary)
    if j < n and not (doc[j].is_punct or doc[j].pos_ in {"VERB", "AUX", "CCONJ", "SCONJ",
                                                         "ADP", "PRON"}):
        return None
    return Role(title=dictionary.titles.canonical_title(doc[i:title_end].text), org=org, since=dct)


def _owner_after_of(doc: Doc, k: int, cands: Sequence[_CandLike], dictionary: ActorDictionary) -> tuple[str | None, int]:
    """The organisation after 'chief executive of': 'of Acme', and in 'of Uniqlo owner Fast
    Retailing' the last name of the chain; (None, k - 1) when no name follows."""
    org, end = None, k - 1
    owner = _cand_at(cands, k)
    while owner is not None and owner.start == k:
        org, end = _org_name(name_text(doc[owner.start : owner.end]), dictionary), owner.end
        k = end
        while k < len(doc) and k - end < 2 and doc[k].pos_ == "NOUN" and doc[k].is_lower:
            k += 1  # 'owner', 'parent', 'unit' before the next name
        owner = next((c for c in cands if c.start == k), None) if k > end else None  # any type: NER
    return org, end  # often reads a company's name ('Fast Retailing') as a person's


def assign_roles(doc: Doc, cands: Sequence[Any], dictionary: ActorDictionary) -> set[int]:
    """Set ``role`` on person candidates; return the token offsets titles consumed."""
    dct = doc._.storyline_dct
    consumed: set[int] = set()
    for c in cands:
        if c.label != "PERSON":
            continue
        before = _title_before(doc, c.start, cands, dictionary, dct)
        if before is not None:
            role, used = before
            consumed.update(used)
            c.role = role
            if role is None:
                continue
        if c.role is None:
            c.role = _title_after(doc, c.end, cands, dictionary, dct)
        if c.role is None:
            c.role = _appositive_title_before(doc, c.start, dictionary, dct)
    return consumed


def _appositive_title_before(doc: Doc, start: int, dictionary: ActorDictionary, dct: str | None) -> Role | None:
    """'The front's political chief, Samir Dahan, said': a title phrase, a comma, the name."""
    if start < 3 or doc[start - 1].text != ",":
        return None
    end = start - 1  # the comma
    for k in range(end - 2, max(end - 7, doc[start].sent.start), -1):  # 'ambassador to the UN, X'
        if doc[k].lower_ in ("to", "at", "for") and doc[k - 1].lower_ in dictionary.titles.heads:
            end = k
            break
    if doc[end - 1].lower_ not in dictionary.titles.heads:
        return None
    first = end - 1
    while first > doc[start].sent.start and _is_title_word(doc[first - 1], dictionary):
        first -= 1
    before = doc[first - 1] if first > doc[start].sent.start else None
    if before is not None and before.text not in _POSSESSIVE and before.lower_ not in _DETS:
        return None  # only a whole noun phrase: "the EU's chief negotiator, X"
    return Role(title=dictionary.titles.canonical_title(doc[first:end].text), org=None, since=dct)


# ---------------------------------------------------------------------- spans NER missed


def person_name_words(doc: Doc, cands: Sequence[_CandLike]) -> set[str]:
    """Normalised single words that are parts of people's full names in this document."""
    words: set[str] = set()
    for c in cands:
        if c.label == "PERSON" and c.end - c.start > 1:
            words.update(normalize(t.text) for t in doc[c.start : c.end])
    return words


def titled_names(
    doc: Doc, cands: Sequence[_CandLike], dictionary: ActorDictionary
) -> list[tuple[int, int]]:
    """Names right after a capitalised title that NER missed ('Vice Premier He')."""
    covered = {i for c in cands for i in range(c.start, c.end)}
    known = person_name_words(doc, cands)
    out: list[tuple[int, int]] = []
    for tok in doc[:-1]:
        nxt = doc[tok.i + 1]
        if not (tok.is_title and tok.lower_ in dictionary.titles.heads) or nxt.i in covered:
            continue
        if not nxt.is_title or nxt.is_sent_start:
            continue
        end = nxt.i
        while end < len(doc) and doc[end].is_title and doc[end].pos_ == "PROPN" and \
                end not in covered:
            end += 1
        word = normalize(nxt.text)
        if end == nxt.i and (word in known or dictionary.by_surname(word)):
            end = nxt.i + 1
        if end > nxt.i and dictionary.lookup(doc[nxt.i : end].text, ("GPE", "ORG")) is None:
            out.append((nxt.i, end))
            covered.update(range(nxt.i, end))
    return out


def merge_possessive_orgs(
    doc: Doc, cands: list[Any], dictionary: ActorDictionary, make: Callable[..., Any]
) -> list[Any]:
    """Join "China's" + "Ministry of Commerce" (or "U.S." + "Commerce Department") into one
    organisation candidate when the dictionary knows the whole."""
    out: list[Any] = []
    for c in cands:
        prev = out[-1] if out else None
        if c.label == "ORG" and prev is not None and prev.label in {"GPE", "NORP"}:
            gap = doc[prev.end : c.start]
            if len(gap) == 0 or (len(gap) == 1 and gap[0].text in _POSSESSIVE):
                whole = doc[prev.start : c.end].text
                if dictionary.lookup(whole, ("ORG",)) is not None:
                    out[-1] = make(prev.start, c.end, "ORG")
                    continue
        out.append(c)
    return out


def surname_mentions(
    doc: Doc, cands: Sequence[_CandLike], dictionary: ActorDictionary
) -> list[tuple[int, int]]:
    """Bare surnames NER missed: of people named in full in the document, or of dictionary
    people holding office at the DCT ("Lutnick said")."""
    covered = {i for c in cands for i in range(c.start, c.end)}
    names = {
        doc[i].text
        for c in cands
        if c.label == "PERSON" and c.end - c.start > 1
        for i in (c.start, c.end - 1)
    }
    dct = doc._.storyline_dct
    out = []
    for tok in doc:
        if tok.i in covered or not tok.is_title or tok.pos_ not in {"PROPN", "NOUN"}:
            continue
        if tok.pos_ == "NOUN" and tok.text not in names:
            continue
        if any(0 <= j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].is_title and
               j not in covered for j in (tok.i - 1, tok.i + 1)):
            continue
        if tok.text in names or dictionary.person_by_surname(tok.text, dct) is not None:
            out.append((tok.i, tok.i + 1))
    return out


def _one_of_titles(doc: Doc, end: int, dictionary: ActorDictionary) -> bool:
    """', one of North Korea's vice foreign ministers': the plural of a title after 'one of'."""
    if end + 3 >= len(doc) or doc[end + 1].lower_ != "one" or doc[end + 2].lower_ != "of":
        return False
    obj = next((t for t in doc[end + 2].children if t.dep_ == "pobj"), None)
    return obj is not None and obj.tag_ == "NNS" and obj.lemma_.lower() in dictionary.titles.heads


def appositive_names(
    doc: Doc, cands: Sequence[_CandLike], dictionary: ActorDictionary
) -> list[tuple[int, int]]:
    """Full names NER missed that an office title follows in apposition: 'Choe Son Hui,
    North Korea's first vice foreign minister, said', 'X Y, one of the deputy ministers'."""
    covered = {i for c in cands for i in range(c.start, c.end)}
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(doc):
        end = i
        while end < len(doc) and end not in covered and doc[end].pos_ == "PROPN" and doc[end].is_title:
            end += 1
        if end - i >= 2 and not _is_title_word(doc[i], dictionary) and \
                dictionary.lookup(doc[i:end].text, ("GPE", "ORG")) is None and \
                (_title_after(doc, end, cands, dictionary, None) is not None or _one_of_titles(doc, end, dictionary)):
            out.append((i, end))
        i = max(end, i + 1)
    return out


def has_title(doc: Doc, c: Any, cands: Sequence[_CandLike], dictionary: ActorDictionary) -> bool:
    """A capitalised name with an office title before it or in apposition after it."""
    span = doc[c.start : c.end]
    if not all(t.is_title and t.pos_ == "PROPN" for t in span):
        return False
    before = _title_before(doc, c.start, cands, dictionary, None)
    if before is not None and before[0] is not None and doc[c.start - 1].is_title:
        return True
    return _title_after(doc, c.end, cands, dictionary, None) is not None or _one_of_titles(doc, c.end, dictionary)


SHARE_NOUNS = {"shares", "stock", "stocks", "shareholders"}


def companies_missed(doc: Doc, cands: Sequence[_CandLike]) -> list[tuple[int, int]]:
    """Company names NER missed: a proper name coordinated with an organisation ('Samsung
    Electronics and SK Hynix') or whose shares are meant ('shares in SK Hynix')."""
    covered = {i for c in cands for i in range(c.start, c.end)}
    orgs = {i for c in cands if c.label == "ORG" for i in range(c.start, c.end)}
    out = []
    for tok in doc:
        if tok.i in covered or tok.pos_ != "PROPN" or not tok.text[:1].isupper():
            continue
        coordinated = tok.dep_ == "conj" and tok.head.i in orgs
        held = tok.dep_ == "pobj" and tok.head.lower_ in ("in", "of") and tok.head.head.lower_ in SHARE_NOUNS
        if not (coordinated or held):
            continue
        start = tok.i
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i == tok.i \
                and doc[start - 1].pos_ == "PROPN" and start - 1 not in covered:
            start -= 1
        out.append((start, tok.i + 1))
    return out


COMPASS = {"north", "south", "east", "west"}


def compass_referent(doc: Doc, c: Any, cands: Sequence[Any]) -> Any | None:
    """'the North' after 'North Korea' (and 'the South' after 'South Sudan'): the one country
    named before whose name starts with that word; None for any other mention."""
    span = doc[c.start : c.end]
    if len(span) != 1 or span[0].lower_ not in COMPASS or c.start == 0 or doc[c.start - 1].lower_ != "the":
        return None
    if c.end < len(doc) and doc[c.end].pos_ in ("NOUN", "PROPN"):
        return None  # 'the North Atlantic', 'the South pavilion'
    word = span[0].text.capitalize() + " "
    named = {o.key: o for o in cands if o.start < c.start and o.key.startswith("country:")
             and (o.name or "").startswith(word)}  # fmt: skip
    return next(iter(named.values())) if len(named) == 1 else None
