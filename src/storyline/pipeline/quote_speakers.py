"""Speakers for the quotes stage: mentions, speech acts and reference resolution.

``record_acts`` walks a parsed document once and records every speech act ("X said",
"according to X", "the spokesperson reiterated") and every named sentence subject.  A
``Resolver`` then turns a noun phrase into a ``Speaker``: a name, a pronoun ("he" -> the latest
fitting subject or speaker), a nominal reference ("the spokesperson", "the ministry"), or
an issuer ("a statement from X", "a spokesperson for X" -> X).  Unclear cases give None.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from ..datafile import parse_yaml
from ..dictionary import load_dictionary
from ..records import Mention

_PRONOUNS = {"he": ("PERSON",), "she": ("PERSON",), "it": ("ORG", "GPE", "NORP")}
_SPEAKER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_LABEL_RANK = {"PERSON": 0, "ORG": 1, "GPE": 2, "NORP": 3}
_PARAGRAPHS_BACK = 2
_HEAD_NOUNS = frozenset({"chief", "head", "boss"})  # 'the Treasury chief' is its secretary
_ORG_WORDS = frozenset({"the", "of", "for", "and", "department", "ministry", "office", "u", "s", "us"})


@dataclass(frozen=True, slots=True)
class Lexicon:
    verbs: frozenset[str]
    document_verbs: frozenset[str]
    document_nouns: frozenset[str]
    role_nouns: frozenset[str]
    organisation_nouns: frozenset[str]
    prepositions: tuple[tuple[str, ...], ...]


@cache
def lexicon() -> Lexicon:
    """Load ``data/quote_verbs.yaml`` once."""
    raw = resources.files("storyline.data").joinpath("quote_verbs.yaml").read_text(encoding="utf-8")
    data = parse_yaml(raw)
    return Lexicon(
        verbs=frozenset(data["verbs"]),
        document_verbs=frozenset(data["document_verbs"]),
        document_nouns=frozenset(data["document_nouns"]),
        role_nouns=frozenset(data["role_nouns"]),
        organisation_nouns=frozenset(data["organisation_nouns"]),
        prepositions=tuple(tuple(p) for p in data["prepositions"]),
    )


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who said something: a mention key, the words naming them, and the mention's label."""

    key: str
    text: str
    label: str


@dataclass(frozen=True, slots=True)
class _Act:
    """Something earlier in the text a later pronoun or quote may refer back to."""

    pos: int
    para: int
    speaker: Speaker | None
    speech: bool  # a speech act (X said) rather than a plain sentence subject


# --------------------------------------------------------------------------- mentions


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def fallback_mentions(doc: Doc) -> list[Mention]:
    """Mentions from ``doc.ents`` when the actors stage has not run.

    A one-word ORG/GPE entity equal to the last word of a PERSON named earlier ("Bessent"
    after "Scott Bessent") is taken as that person.
    """
    doc_id = str(doc._.storyline_doc_id or "")
    people: dict[str, str] = {}
    out: list[Mention] = []
    for ent in doc.ents:
        label = ent.label_
        if label not in _SPEAKER_LABELS:
            continue
        text = ent.text
        key = f"{label.lower()}:{_slug(text)}"
        if label == "PERSON":
            people.setdefault(ent[-1].lower_, key)
            key = people.get(ent[-1].lower_, key) if len(ent) == 1 else key
        elif len(ent) == 1 and ent[0].lower_ in people:
            label, key = "PERSON", people[ent[0].lower_]
        out.append(Mention(doc=doc_id, start=ent.start_char, end=ent.end_char, text=text,
                           label=label, key=key, name=text))
    return out


class Index:
    """Token -> mention lookups and quote membership for one document."""

    def __init__(self, doc: Doc, mentions: list[Mention], quoted: Iterable[tuple[int, int]]) -> None:
        self.doc = doc
        self.by_token: dict[int, Mention] = {}
        for m in mentions:
            if m.label not in _SPEAKER_LABELS:
                continue
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            for t in span if span is not None else ():
                self.by_token.setdefault(t.i, m)
        self.quoted: set[int] = set()
        for lo, hi in quoted:
            span = doc.char_span(lo, hi, alignment_mode="expand")
            self.quoted.update(t.i for t in span or ())
        self.para_of = _paragraph_starts(doc.text)
        self.titles = _titles(mentions, doc._.storyline_dct)
        self.countries = {m.key: m.country for m in mentions if m.country}
        self.outside_quotes = [m for m in mentions if m.label in _SPEAKER_LABELS and not any(
            t.i in self.quoted for t in doc.char_span(m.start, m.end, alignment_mode="expand") or ())]

    def para(self, char: int) -> int:
        lo, hi = 0, len(self.para_of) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.para_of[mid] <= char:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def by_surname(self, token: Token) -> Mention | None:
        """A name the NER missed ("Bessent") that ends a PERSON named elsewhere in the text."""
        if token.pos_ != "PROPN" or not token.text[:1].isupper():
            return None
        found = {m.key: m for m in self.by_token.values()
                 if m.label == "PERSON" and token.text in (m.text.split()[0], m.text.split()[-1])}
        return next(iter(found.values())) if len(found) == 1 else None

    def mentions_in(self, tokens: Span | list[Token]) -> list[Mention]:
        seen: list[Mention] = []
        for t in tokens:
            m = self.by_token.get(t.i)
            if m is not None and m not in seen:
                seen.append(m)
        return seen


def _modifier_country(inside: list[Mention], root: Token) -> str | None:
    """'the North Korean leader', "North Korea's leader": the one country that the places and
    peoples named before the head noun give it; None when another kind of name is inside."""
    if any(m.label not in ("GPE", "NORP") or not m.country or m.end > root.idx for m in inside):
        return None
    countries = {m.country for m in inside}
    return countries.pop() if len(countries) == 1 else None


def _titles(mentions: Iterable[Mention], dct: str | None) -> dict[str, str]:
    """Person key -> the titles the text or the built-in actor dictionary (roles held at
    ``dct``) gives them, lower-cased; a head of state or government is also a "leader"."""
    dictionary = load_dictionary()  # the built-in one (cached)
    given: dict[str, list[str]] = {}
    for m in mentions:
        if m.label == "PERSON":
            given.setdefault(m.key, []).extend([m.role.title] if m.role is not None and m.role.title else [])
    out: dict[str, str] = {}
    for key, titles in given.items():
        held = [*titles, *(r.title for r in dictionary.current_roles(key, dct))]
        out[key] = " ".join(t.lower() for t in held) + (" leader" if dictionary.leads(key, titles, dct) else "")
    return out


def _paragraph_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer(r"\n+", text)]


# --------------------------------------------------------------------------- speakers


class Resolver:
    """Resolves noun phrases to speakers, keeping the acts seen so far."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.acts: list[_Act] = []
        self.lex = lexicon()

    def add(self, pos: int, speaker: Speaker | None, speech: bool) -> None:
        bisect.insort(self.acts, _Act(pos, self.index.para(pos), speaker, speech), key=lambda a: a.pos)

    def recent(self, pos: int) -> list[_Act]:
        """Acts before ``pos`` in its paragraph and the few before it, latest first."""
        para = self.index.para(pos)
        return [a for a in reversed(self.acts) if a.pos < pos and a.para >= para - _PARAGRAPHS_BACK]

    def last_speech(self, para: int) -> Speaker | None:
        acts = [a for a in self.acts if a.para == para and a.speech]
        return acts[-1].speaker if acts else None

    def phrase(self, tokens: list[Token]) -> Speaker | None:
        """The speaker a noun phrase names, or None when unclear."""
        tokens = trim(tokens)
        if not tokens or len(tokens) > 16 or any(t.pos_ == "VERB" and t.dep_ != "amod" for t in tokens):
            return None
        if len(tokens) == 1 and tokens[0].lower_ in _PRONOUNS and tokens[0].i not in self.index.by_token:
            return self.pronoun(tokens[0])
        root = _root(tokens)
        lemma = root.lemma_.lower()
        if lemma in self.lex.document_nouns or lemma in self.lex.role_nouns:
            return self._issuer(tokens, root, lemma in self.lex.role_nouns)
        appos = [c for c in root.children if c.dep_ == "appos" and c.i in self.index.by_token]
        root = appos[0] if appos and root.i not in self.index.by_token else root
        mention = self.index.by_token.get(root.i) or self.index.by_surname(root)
        if mention is not None and mention.label in _SPEAKER_LABELS:
            text = mention.text if root.i in self.index.by_token else root.text
            return Speaker(mention.key, text, mention.label)
        inside = self.index.mentions_in(tokens)
        if inside:  # names inside, but not as the head: "allies of X", "X's critics"
            return self._named_inside(tokens, root, inside)
        if tokens[0].lower_ in ("the", "this", "that"):
            return self._nominal(root, tokens[0].idx)
        return None

    def _named_inside(self, tokens: list[Token], root: Token, inside: list[Mention]) -> Speaker | None:
        """'the Treasury secretary', 'the Chinese leader', 'the Qatari foreign ministry'."""
        country = _modifier_country(inside, root)
        if tokens[0].lower_ != "the":
            return None
        if country is None:
            return self._head_of(inside, root, tokens[0].idx)  # 'the Treasury secretary'
        found = self._nominal(root, tokens[0].idx, country)
        if found is None and root.lemma_.lower() in self.lex.organisation_nouns:
            # 'the Qatari foreign ministry', named nowhere else: that state's ministry speaks
            key = next(m.key for m in inside if m.country == country)
            return Speaker(key, _text(tokens), "GPE")
        return found

    def _issuer(self, tokens: list[Token], root: Token, role: bool) -> Speaker | None:
        """"a statement from X" / "X's spokesperson" -> X."""
        mentions = [m for m in self.index.mentions_in(tokens) if m.label in _SPEAKER_LABELS]
        text = _text(tokens) if role else None
        if not mentions:
            return self._nominal(root, tokens[0].idx) or (None if role else self._issued_before(root))
        best = min(mentions, key=lambda m: (_LABEL_RANK[m.label], m.start))
        if text is None:
            after = [t for t in tokens if t.i > root.i]
            text = _text(trim(after[1:])) if after and after[0].pos_ == "ADP" else best.text
        return Speaker(best.key, text, best.label)

    def _issued_before(self, root: Token) -> Speaker | None:
        """'The text calls on both sides ...' after 'The Security Council adopted a resolution':
        whoever last issued a document (the subject of a verb whose object is one)."""
        first = root.doc[max(0, root.i - 120) : root.i]
        for tok in reversed(list(first)):
            if tok.dep_ == "dobj" and tok.lemma_.lower() in self.lex.document_nouns and tok.head.pos_ == "VERB":
                subj = subject(tok.head)
                return self.phrase(_without_clauses(subj)) if subj is not None else None
        return None

    def _nominal(self, root: Token, pos: int, country: str | None = None) -> Speaker | None:
        """"the spokesperson" / "the ministry" / "the North Korean leader": a recent speaker or
        name containing the noun, or the one person of ``country`` lately named with that title."""
        word = root.lower_
        titled = re.compile(rf"\b{re.escape(word)}\b")
        for act in self.recent(pos):
            if act.speaker is not None and word in act.speaker.text.lower() and self._of(act.speaker.key, country):
                return act.speaker
        for act in self.recent(pos)[:2]:  # "'...,' the minister said" after Trade Minister X spoke
            if act.speaker is not None and titled.search(self.index.titles.get(act.speaker.key, "")) \
                    and self._of(act.speaker.key, country):
                return act.speaker
        latest = self._latest_acting(pos, ("PERSON",))  # 'He also questioned … The EU urged calm. … the president'
        if latest is not None and titled.search(self.index.titles.get(latest.key, "")) and self._of(latest.key, country):
            return latest
        if root.lemma_.lower() in self.lex.organisation_nouns:
            named = self._named_organisation(word, pos)
            if named is None and word in _GENERIC_BODIES:  # 'the organisation said', after the Red Cross acted
                return self._latest_acting(pos, ("ORG",))
            return named
        return self._titled_person(titled, pos, country)

    def _latest_acting(self, pos: int, labels: tuple[str, ...]) -> Speaker | None:
        """Who of ``labels`` last spoke or acted as a subject before ``pos`` (others passed
        over), unless an unclear act ('X and Y met', 'officials said') came in between."""
        for act in self.recent(pos):
            if act.speaker is None:
                return None
            if act.speaker.label in labels:
                return act.speaker
        return None

    def _head_of(self, inside: list[Mention], root: Token, pos: int) -> Speaker | None:
        """'the Treasury secretary', 'the Treasury chief': the one person lately named whose
        title holds the organisation's own word (and the title noun, unless it is 'chief')."""
        if len(inside) != 1 or inside[0].label != "ORG" or inside[0].end > root.idx:
            return None
        words = [w for w in re.findall(r"[a-z]+", inside[0].text.lower()) if w not in _ORG_WORDS]
        if not words:
            return None
        word, title = re.escape(words[-1]), re.escape(root.lower_)
        titled = re.compile(rf"\b{word}\b" if root.lower_ in _HEAD_NOUNS else rf"\b{word}\b.*\b{title}\b")
        return self._titled_person(titled, pos, None)

    def _of(self, key: str, country: str | None) -> bool:
        return country is None or self.index.countries.get(key) == country

    def _named_organisation(self, word: str, pos: int) -> Speaker | None:
        """'the ministry': the one organisation named before with that word, nearby first."""
        para = self.index.para(pos)
        named = [m for m in self.index.by_token.values() if m.start < pos and m.label == "ORG" and word in m.text.lower()]
        near = {m.key: m for m in named if self.index.para(m.start) >= para - _PARAGRAPHS_BACK}
        keys = near or {m.key: m for m in named}  # 'the front': the one front the article named before
        if len(keys) != 1:
            return None
        m = next(iter(keys.values()))
        return Speaker(m.key, m.text, m.label)

    def _titled_person(self, titled: re.Pattern[str], pos: int, country: str | None) -> Speaker | None:
        """'"...," the president said' after 'Trump and Kim met': the one person named in this
        paragraph or the few before whose title (in the text or the actor dictionary) fits."""
        para = self.index.para(pos)
        named = {m.key: m for m in self.index.outside_quotes
                 if m.label == "PERSON" and m.end <= pos and self.index.para(m.start) >= para - _PARAGRAPHS_BACK
                 and titled.search(self.index.titles.get(m.key, "")) and self._of(m.key, country)}
        if len(named) != 1:
            return None
        m = next(iter(named.values()))
        return Speaker(m.key, m.text, m.label)

    def pronoun(self, token: Token) -> Speaker | None:
        """The latest fitting subject or speaker before a pronoun; None when it is unclear.

        With no subject or speaker in reach, a person named alone in the paragraph and the
        one before it ("... criticised by Senator X. 'It fails,' he said") is taken.
        """
        labels = _PRONOUNS[token.lower_]
        latest = self._latest_acting(token.idx, labels)
        if latest is not None or self.recent(token.idx) or "PERSON" not in labels:
            return latest
        para = self.index.para(token.idx)
        named = {m.key: m for m in self.index.outside_quotes
                 if m.label == "PERSON" and m.end <= token.idx and self.index.para(m.start) >= para - 1}
        if len(named) != 1:
            return None
        m = next(iter(named.values()))
        return Speaker(m.key, m.text, m.label)


_GENERIC_BODIES = frozenset({"organisation", "organization", "group", "agency", "body", "institution"})


def trim(tokens: list[Token]) -> list[Token]:
    """Strip punctuation, conjunctions and adverbs ("also", "later") from both ends."""
    drop = ("PUNCT", "CCONJ", "ADV", "SPACE", "PART")
    lo, hi = 0, len(tokens)
    while lo < hi and (tokens[lo].pos_ in drop or tokens[lo].is_quote):
        lo += 1
    while hi > lo and (tokens[hi - 1].pos_ in drop or tokens[hi - 1].is_quote):
        hi -= 1
    return tokens[lo:hi]


def _root(tokens: list[Token]) -> Token:
    ids = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in ids or t.head.i == t.i]
    return heads[0] if heads else tokens[-1]


def _text(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    doc = tokens[0].doc
    return doc.text[tokens[0].idx:tokens[-1].idx + len(tokens[-1])]


# --------------------------------------------------------------------------- speech acts


def subject(verb: Token) -> Token | None:
    """The subject of a verb, borrowed from the governing verb for "..., adding that ...").
    A participle's describer is who reported, not what was reported: in 'The UN said 137
    trucks had been unloaded, describing it as "…"', the UN."""
    participle = False
    for _ in range(3):
        for child in verb.children:
            if child.dep_ == "nsubj" or (child.dep_ == "nsubjpass" and not participle):
                return child
        climbs = ("advcl", "xcomp", "conj", "pcomp", *(("ccomp",) if participle else ()))
        if verb.dep_ not in climbs or verb.head.i == verb.i:
            return None
        participle = participle or (verb.dep_ == "advcl" and verb.tag_ == "VBG")
        verb = verb.head
    return None


def is_speech_verb(token: Token, lex: Lexicon) -> bool:
    if token.pos_ not in ("VERB", "AUX") or token.dep_ in ("amod", "compound"):
        return False
    lemma = token.lemma_.lower()
    if lemma in lex.verbs:
        return True
    if lemma in lex.document_verbs or token.lower_ in lex.document_verbs:
        subj = subject(token)
        return subj is not None and subj.lemma_.lower() in lex.document_nouns
    return False


def preposition_object(token: Token, lex: Lexicon) -> list[Token] | None:
    """"according to X" starting at ``token`` -> X's tokens."""
    doc = token.doc
    for words in lex.prepositions:
        end = token.i + len(words)
        if end <= len(doc) and tuple(t.lower_ for t in doc[token.i:end]) == words:
            obj: list[Token] = []
            for t in doc[end:min(len(doc), end + 12)]:
                if t.is_punct or t.is_quote or (t.pos_ == "VERB" and t.dep_ != "amod"):
                    break
                obj.append(t)
            return obj
    return None


def record_acts(doc: Doc, res: Resolver) -> dict[int, Speaker | None]:
    """Walk the text once, recording speech acts and named subjects; returns verb -> speaker."""
    lex = res.lex
    by_verb: dict[int, Speaker | None] = {}
    for token in doc:
        if token.i in res.index.quoted:
            continue
        obj = preposition_object(token, lex) if token.lower_ in ("according", "in") else None
        if obj:
            res.add(token.idx, res.phrase(obj), True)
        elif is_speech_verb(token, lex):
            subj = subject(token)
            speaker = None
            if subj is not None and not _coordinated(subj):
                speaker = res.phrase(_without_clauses(subj))
            by_verb[token.i] = speaker
            if speaker is not None or _blocks(token, subj, res.index):
                res.add(subj.idx if subj is not None else token.idx, speaker, True)
        elif token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ == "ROOT":
            mention = res.index.by_token.get(token.i) or next(  # 'The front's chief, Samir Dahan, sounded'
                (res.index.by_token[c.i] for c in token.children if c.dep_ == "appos" and c.i in res.index.by_token),
                None,
            )
            if mention is not None:
                speaker = None if _coordinated(token) else Speaker(mention.key, mention.text, mention.label)
                res.add(token.idx, speaker, False)
    return by_verb


def _without_clauses(subj: Token) -> list[Token]:
    """The subject's words without its relative clauses ('X, who hosted the talks, said')."""
    dropped = {t.i for c in subj.children if c.dep_ in ("relcl", "acl") for t in c.subtree}
    return [t for t in subj.doc[subj.left_edge.i:subj.right_edge.i + 1] if t.i not in dropped]


def _blocks(verb: Token, subj: Token | None, index: Index) -> bool:
    """Whether an unresolved speech act hides earlier speakers from later pronouns."""
    if verb.lemma_.lower() in _CORE_VERBS:
        return True
    if subj is None:
        return False
    tokens = subj.doc[subj.left_edge.i:subj.right_edge.i + 1]
    return subj.pos_ in ("PRON", "PROPN") or bool(index.mentions_in(tokens))


_CORE_VERBS = frozenset({"say", "tell", "add", "write"})


def _coordinated(token: Token) -> bool:
    return token.dep_ == "conj" or any(c.dep_ == "conj" for c in token.children)

