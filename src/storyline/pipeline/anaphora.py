"""Who a pronoun or a definite phrase stands for, as an event's participant: 'he', 'it', 'they',
'the front', 'the government', 'both sides', 'the pair'.

Pure functions over a parsed Doc and the mentions the actors stage wrote on it.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..dictionary import load_dictionary
from ..records import PLACE_KEYS, Mention
from . import event_args as args


def _sentences_upto(tok: Token, back: int) -> list[Span]:
    """``tok``'s sentence and up to ``back`` sentences before it, in text order."""
    return [s for s in tok.doc.sents if s.start <= tok.i][-(back + 1):]


def pronoun_antecedent(tok: Token, index: args.DocIndex, window: int = 3) -> Mention | None:
    """The PERSON a he/she pronoun most likely refers to: the subject of the main clause
    of the nearest sentence before it (then of its other clauses), within a few sentences."""
    sents = _sentences_upto(tok, window)
    for sent in reversed(sents):
        tokens = [t for t in sent if t.i < tok.i]
        ranked = sorted(tokens, key=lambda t: (t.dep_ != "nsubj" or t.head.dep_ != "ROOT",
                                               t.dep_ not in ("nsubj", "nsubjpass"), -t.i))  # fmt: skip
        for t in ranked:
            m = index.mention_at[t.i]
            if m is not None and m.label == "PERSON" and t.dep_ in ("nsubj", "nsubjpass") and _agrees(tok, m):
                return m
    for i in range(tok.i - 1, max(sents[0].start, 0) - 1, -1):
        m = index.mention_at[i]
        if m is not None and m.label == "PERSON" and _agrees(tok, m):
            return m
    return None


# 'the rebels fired': an armed group named earlier, recognised by the words of its name
ARMED_GROUP_NOUNS = {"rebels", "insurgents", "militants", "guerrillas", "fighters", "militia", "militiamen"}
ARMED_GROUP_NAME_WORDS = {"front", "army", "movement", "brigade", "brigades", "militia", "liberation",
                          "forces", "rebels", "resistance", "jihad", "mujahideen"}


def definite_antecedent(tok: Token, index: args.DocIndex) -> Mention | None:
    """The organisation a definite noun phrase refers back to: 'the front' (the last word of
    its name), 'the rebels' (an armed group's name); the nearest one before it."""
    if tok.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
        return None
    word = tok.lower_
    if word in GOVERNMENT_WORDS:
        return _government_of(tok, index)  # only called for a subject that is no mention itself
    if word in TITLE_NOUNS:
        return _titled_before(tok, index)
    for i in range(tok.i - 1, -1, -1):
        m = index.mention_at[i]
        if m is not None and word == "bloc" and m.key.startswith("bloc:"):
            return m  # 'the bloc could impose a duty' after 'EU Trade Commissioner X'
        if m is None or m.label != "ORG" or (i + 1 < len(index.mention_at) and index.mention_at[i + 1] is m):
            continue
        name_words = [w.lower() for w in m.name.split()]
        if (len(name_words) > 1 and name_words[-1] == word) or (
            word in ARMED_GROUP_NOUNS and ARMED_GROUP_NAME_WORDS.intersection(name_words)
        ):
            return m
    return None


def _nearest_subject(tok: Token, skip: set[str], plural: bool = True) -> Token | None:
    """The nearest subject before ``tok`` in its sentence or the one before (pronouns in
    ``skip`` are passed over: they stand for something named further back; with ``plural``
    False, so are common plural nouns: 'analysts' is never 'it')."""
    first = _sentences_upto(tok, 1)[0].start
    return next((t for t in reversed(tok.doc[first : tok.i])
                 if t.dep_ in ("nsubj", "nsubjpass") and t.lower_ not in skip
                 and (plural or t.tag_ != "NNS")), None)  # fmt: skip


NOT_IT = {"which", "that", "what", "who", "he", "she", "they", "we", "i", "you"}


def it_antecedent(tok: Token, index: args.DocIndex, hops: int = 3) -> Mention | None:
    """The country or organisation 'it'/'its' stands for: the nearest subject before it that
    could be 'it', when that subject is one ('The government announced …, and said it would
    raise its tariff'); none when it is a thing ('The deal … it').  An 'it' before stands for
    the same ('the North … On May 4 it fired …, including what analysts said was … Five
    days later it launched')."""
    subj = _nearest_subject(tok, NOT_IT, plural=False)
    if subj is None or subj.sent != tok.sent:  # nothing in its own sentence could be 'it'
        org = _organisation_before(tok, index)
        if org is not None or subj is None:
            return org
    if subj.lower_ == "it":
        return it_antecedent(subj, index, hops - 1) if hops > 0 else None
    if subj.lower_ in GOVERNMENT_WORDS:
        return _government_of(subj, index)
    m = index.mention_at[subj.i]
    return m if m is not None and m.label in ("ORG", "GPE", "NORP") and args.is_actor(subj, m) else None


def _organisation_before(tok: Token, index: args.DocIndex) -> Mention | None:
    """'take the issue to the WTO's General Council when it meets': with no subject before
    'it' in its sentence that could be 'it', the nearest organisation named before it there."""
    for t in reversed(tok.doc[tok.sent.start : tok.i]):
        m = index.mention_at[t.i]
        if m is not None and m.label == "ORG":
            return m
    return None


def they_antecedents(tok: Token, index: args.DocIndex) -> list[Mention]:
    """'The pair … where they met', 'Kang and Kono met … They agreed': the nearest subject
    before, when it names people or 'the two leaders' / 'the pair'."""
    subj = _nearest_subject(tok, {"they", "who", "which", "that"})
    if subj is None:
        return []
    named = [m for t in (subj, *subj.conjuncts) if (m := index.mention_at[t.i]) is not None]
    return args._unique(named) if len(named) > 1 else pair_antecedents(subj, index)


GOVERNMENT_WORDS = {"government", "administration", "cabinet"}
# 'the spokesman told reporters', 'the minister said': the person last named with that title
# ('the president' is left to the quote speakers' resolver: a story often names two)
TITLE_NOUNS = frozenset({"spokesman", "spokeswoman", "spokesperson", "minister", "envoy", "chancellor",
                         "secretary", "negotiator", "ambassador", "commissioner", "governor", "mayor"})


def _titled_before(tok: Token, index: args.DocIndex, window: int = 3) -> Mention | None:
    """The nearest person before ``tok``, within a few sentences, whose title has its word."""
    first = _sentences_upto(tok, window)[0].start
    for i in range(tok.i - 1, first - 1, -1):
        m = index.mention_at[i]
        if m is not None and m.label == "PERSON" and m.role is not None and tok.lower_ in m.role.title.lower().split():
            return m
    return None


def _government_of(tok: Token, index: args.DocIndex, window: int = 3) -> Mention | None:
    """'The government also announced …': the country whose leader or government was the
    subject of the nearest sentence before; 'the Swiss government' names its own."""
    named = [m for c in tok.children if c.dep_ in ("amod", "compound", "poss", "nmod")
             and (m := index.mention_at[c.i]) is not None and country_of(m)]  # fmt: skip
    if named or any(c.dep_ in ("amod", "compound", "poss", "prep", "nmod") for c in tok.children):
        return named[0] if named else None  # 'the Swiss government'; 'the local government' is none
    countries = {m.key: m for m in index.mention_at if m is not None and m.key.startswith("country:")}
    sents = [s for s in tok.doc.sents if s.start < tok.i][-(window + 1):]
    for sent in reversed(sents):
        for subj in (t for t in sent if t.dep_ in ("nsubj", "nsubjpass") and t.i < tok.i):
            for t in subj.subtree:
                m = index.mention_at[t.i]
                code = country_of(m) if m is not None and not args.is_place(t, m) else None
                if code is not None and f"country:{code}" in countries:
                    return countries[f"country:{code}"]
    return None


def country_of(m: Mention) -> str | None:
    """The country a mention stands for or belongs to ('Kestria', a minister of Kestria)."""
    if m.country:
        return m.country
    if m.key.startswith("country:"):
        return m.key.split(":", 1)[1]
    return None


PAIR_PEOPLE = {"leaders", "presidents", "ministers", "men", "women", "envoys", "counterparts", "heads", "premiers"}
PAIR_PARTIES = {"sides", "countries", "nations", "governments", "powers", "economies", "delegations"}


def pair_antecedents(tok: Token, index: args.DocIndex, window: int = 3) -> list[Mention]:
    """'the two leaders', 'both sides': the last two people (or countries and groups) named
    before, within a few sentences; none when the text named fewer."""
    word = tok.lower_
    paired = any(c.lower_ in ("two", "both") and c.dep_ in ("nummod", "det", "predet") for c in tok.children)
    if word == "pair" and any(c.lower_ == "the" for c in tok.children):
        paired, word = True, "leaders"  # 'the pair': the last two people named
    if not paired or word not in PAIR_PEOPLE | PAIR_PARTIES:
        return []
    if word in PAIR_LEADERS and len(leaders := _last_leaders(tok, index)) == 2:
        return leaders  # 'the two leaders' after a press secretary was quoted: still the leaders
    labels = {"PERSON"} if word in PAIR_PEOPLE else {"GPE", "ORG", "NORP"}
    first = _sentences_upto(tok, window)[0].start
    found: list[Mention] = []
    for i in range(tok.i - 1, first - 1, -1):
        m = index.mention_at[i]
        if m is None or m.label not in labels or m.key.startswith(PLACE_KEYS) or args.is_place(tok.doc[i], m):
            continue  # 'in Switzerland' is where, not who
        if (m.country or m.key) not in {f.country or f.key for f in found}:  # the Treasury is the US side
            found.append(m)
            if len(found) == 2:
                return found[::-1]
    return []


PAIR_LEADERS = {"leaders", "presidents", "premiers", "heads"}


def _last_leaders(tok: Token, index: args.DocIndex, window: int = 10) -> list[Mention]:
    """The last two heads of state or government named within ``window`` sentences before
    ``tok``: by a leader's title in the text or in the actor dictionary."""
    first = _sentences_upto(tok, window)[0].start
    dct = tok.doc._.storyline_dct
    dictionary = load_dictionary()  # the built-in one (cached)
    found: list[Mention] = []
    for i in range(tok.i - 1, first - 1, -1):
        m = index.mention_at[i]
        if m is None or m.label != "PERSON" or m.key in {f.key for f in found}:
            continue
        if dictionary.leads(m.key, [m.role.title] if m.role is not None else [], dct):
            found.append(m)
            if len(found) == 2:
                return found[::-1]
    return found


FEMALE_TITLES = ("first lady", "mrs", "ms", "madam", "queen", "princess", "duchess", "lady ")
MALE_TITLES = ("mr", "king", "prince", "duke", "lord ", "sir ")


def _agrees(pronoun: Token, m: Mention) -> bool:
    """'he' is not 'First Lady Melania Trump': titles that mark gender must agree."""
    before = pronoun.doc.text[max(m.start - 12, 0) : m.start].lower()
    female = any(t in before for t in FEMALE_TITLES)
    male = any(f"{t}." in before or f"{t} " in before for t in MALE_TITLES)
    if pronoun.lower_ in ("he", "him", "his"):
        return not female
    if pronoun.lower_ in ("she", "her", "hers"):
        return not male
    return True
