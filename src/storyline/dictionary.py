"""The actor dictionary: countries, capitals, demonyms, institutions and office holders.

The built-in dictionary is ``data/actors.yaml``; a user file of the same shape (YAML or JSON,
either a mapping with an ``actors`` list or a bare list of entries) extends it.  Lookups are
by normalised alias (case-, punctuation-, accent- and possessive-insensitive), by surname for
people, by demonym, and by "country + generic name" for institutions ("the Chinese Commerce
Ministry").  Role dates let the dating engine bound an article's date from the titles it uses.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .datafile import parse_yaml
from .errors import ConfigError
from .records import Role

TYPES = ("PERSON", "ORG", "GPE", "NORP")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_PLURAL_STOP = ("s", "sh", "ch", "ese", "x", "z")


DEMONYM_ENDINGS = ("ians", "ans", "ian", "an", "ese", "ish", "i", "n", "ic")


def demonym_bases(word: str) -> set[str]:
    """Place names a demonym may be formed from: 'velmoran' -> {'velmor', 'velmora', ...}."""
    out: set[str] = set()
    for ending in DEMONYM_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[: -len(ending)]
            out.update((stem, stem + "a", stem + "o"))
    out.discard(word)
    return out


def normalize(text: str, *, fold_accents: bool = True) -> str:
    """Lookup form of a name: 'the U.S.' -> 'us', "China's Ministry" -> 'china ministry'.
    With ``fold_accents=False`` 'António' stays apart from 'Antonio' (a spelling, not a key)."""
    s = unicodedata.normalize("NFKD", text)
    if fold_accents:
        s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    else:
        s = unicodedata.normalize("NFC", s).casefold()
    s = s.replace("\u2019", "'").replace("\u2018", "'")
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"(?<=s)'(?=\s|$)", "", s)
    s = s.replace(".", "")
    s = re.sub(r"[^\w\s]", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    return re.sub(r"^the ", "", s)


def slug(text: str) -> str:
    """A key-safe slug: 'Donald J. Trump' -> 'donald-trump' (single-letter initials dropped)."""
    words = [w for w in normalize(text).replace("_", " ").split() if len(w) > 1 or w.isdigit()]
    return "-".join(words) or normalize(text).replace(" ", "-")


def title_key(text: str) -> str:
    """Normalised form of an office title: 'Vice-Premier' -> 'vice premier'."""
    return normalize(text.replace("-", " "))


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One dictionary entry (see the header of data/actors.yaml for the fields)."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    local: tuple[str, ...] = ()
    country: str | None = None
    surname: str | None = None
    roles: tuple[Role, ...] = ()
    acts_for: str | None = None
    demonyms: tuple[str, ...] = ()

    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class TitleLexicon:
    """Words of office titles and their canonical spellings."""

    heads: frozenset[str] = frozenset()
    modifiers: frozenset[str] = frozenset()
    leaders: frozenset[str] = frozenset()
    canonical: Mapping[str, str] = field(default_factory=dict)

    def canonical_title(self, text: str) -> str:
        """'the commerce secretary' -> 'Commerce Secretary'; 'Sen.' -> 'Senator'."""
        key = title_key(text)
        if key in self.canonical:
            return self.canonical[key]
        small = {"of", "the", "for", "and"}
        words = key.split()
        out = [w if w in small and i else (w.upper() if w in {"ceo", "ecb", "un", "us"} else
                                            w.capitalize()) for i, w in enumerate(words)]
        return " ".join(out)

    def is_leader(self, title: str) -> bool:
        return title_key(title) in self.leaders


class ActorDictionary:
    """Indexes over actor entries; build with :func:`load_dictionary`."""

    def __init__(
        self,
        entries: Iterable[ActorEntry],
        titles: TitleLexicon | None = None,
        government_nouns: Iterable[str] = (),
    ) -> None:
        self.entries: dict[str, ActorEntry] = {e.id: e for e in entries}
        self.titles = titles or TitleLexicon()
        self.government_nouns = frozenset(government_nouns)
        self._alias: dict[str, list[str]] = {}
        self._local: dict[tuple[str, str], list[str]] = {}
        self._surname: dict[str, list[str]] = {}
        self._demonym: dict[str, str] = {}
        self._country_word: dict[str, str] = {}
        self._code: dict[str, str] = {}
        self.cache: dict[Any, Any] = {}  # per-vocab matchers built by the pipeline stage
        for entry in self.entries.values():
            self._index(entry)

    # ------------------------------------------------------------------ building
    def _add(self, index: dict[Any, list[str]], key: Any, entry_id: str) -> None:
        ids = index.setdefault(key, [])
        if entry_id not in ids:
            ids.append(entry_id)

    def _index(self, entry: ActorEntry) -> None:
        for name in entry.names():
            if normalize(name):
                self._add(self._alias, normalize(name), entry.id)
        if entry.type == "PERSON" and entry.surname:
            self._add(self._surname, normalize(entry.surname), entry.id)
        if entry.country and entry.id.startswith(("country:", "bloc:")):
            self._code[entry.country] = entry.id
            for name in (*entry.names(), *entry.demonyms):
                self._country_word.setdefault(normalize(name), entry.country)
            for dem in entry.demonyms:
                self._demonym.setdefault(normalize(dem), entry.id)
        if entry.country:
            for name in entry.local:
                self._add(self._local, (entry.country, normalize(name)), entry.id)

    # ------------------------------------------------------------------ lookups
    def get(self, entry_id: str) -> ActorEntry | None:
        return self.entries.get(entry_id)

    def candidates(self, text: str) -> tuple[ActorEntry, ...]:
        """Every entry whose name or alias normalises like ``text``."""
        return tuple(self.entries[i] for i in self._alias.get(normalize(text), ()))

    def lookup(
        self, text: str, types: Iterable[str] | None = None, country: str | None = None
    ) -> ActorEntry | None:
        """The one entry called ``text`` (optionally of these types / this country).

        Tries the whole name, then a leading country word plus a generic local name
        ("Chinese Commerce Ministry", "U.S. Treasury Department").  None when ambiguous.
        """
        wanted = set(types) if types else None
        found = [e for e in self.candidates(text) if wanted is None or e.type in wanted]
        if country:
            found = [e for e in found if e.country == country] or found
        if len(found) == 1:
            return found[0]
        if found:
            return None
        code, rest = self.split_country(text)
        code = code or country
        if not code or not rest:
            return None
        ids = self._local.get((code, rest), [])
        local = [self.entries[i] for i in ids if wanted is None or self.entries[i].type in wanted]
        return local[0] if len(local) == 1 else None

    def split_country(self, text: str) -> tuple[str | None, str]:
        """('CN', 'commerce ministry') for 'the Chinese Commerce Ministry'; (None, text) else."""
        words = normalize(text).split()
        for n in range(min(4, len(words) - 1), 0, -1):
            code = self._country_word.get(" ".join(words[:n]))
            if code:
                return code, " ".join(words[n:])
        return None, " ".join(words)

    def demonym(self, text: str) -> ActorEntry | None:
        """The country a demonym names: 'Chinese' -> China, 'U.S.-based' -> United States."""
        entry_id = self._demonym.get(normalize(text))
        return self.entries[entry_id] if entry_id else None

    def country(self, code: str) -> ActorEntry | None:
        """The country (or bloc) entry of an ISO alpha-2 code (or 'EU')."""
        entry_id = self._code.get(code)
        return self.entries[entry_id] if entry_id else None

    def country_of(self, ref: str) -> str | None:
        """ISO code (or 'EU') of an entry id, a name, an alias or a demonym."""
        entry = self.entries.get(ref) or self.demonym(ref)
        if entry is None:
            code = self._country_word.get(normalize(ref))
            if code:
                return code
            entry = self.lookup(ref)
        return entry.country if entry else None

    def by_surname(self, surname: str) -> tuple[ActorEntry, ...]:
        """Dictionary people whose family name is ``surname``."""
        return tuple(self.entries[i] for i in self._surname.get(normalize(surname), ()))

    def person_by_surname(
        self, surname: str, date: str | None = None, title: str | None = None
    ) -> ActorEntry | None:
        """The one person a bare surname most likely means at ``date``.

        Candidates in office at the date win; among several, one whose role matches
        ``title`` wins, then the only head of state or government.  None when still ambiguous.
        """
        people = list(self.by_surname(surname))
        if date:
            current = [p for p in people if self.current_roles(p.id, date)]
            people = current or people
        if len(people) > 1 and title:
            key = title_key(title)
            titled = [p for p in people if any(title_key(r.title) == key for r in p.roles)]
            people = titled or people
        if len(people) > 1:
            leaders = [p for p in people if self.is_leader(p.id, date)]
            people = leaders or people
        return people[0] if len(people) == 1 else None

    def role_dates(self, entity_id: str, title: str | None = None) -> tuple[Role, ...]:
        """Roles (with since/until) of a dictionary person, optionally only those called
        ``title`` ('Treasury Secretary' also matches 'U.S. Treasury Secretary')."""
        entry = self.entries.get(entity_id)
        if entry is None:
            return ()
        if title is None:
            return entry.roles
        key = title_key(self.titles.canonical_title(title))
        return tuple(
            r for r in entry.roles if title_key(r.title) == key or key.endswith(title_key(r.title))
        )

    def current_roles(self, entity_id: str, date: str | None) -> tuple[Role, ...]:
        """Roles held on ``date`` (all roles without an end when the date is unknown)."""
        entry = self.entries.get(entity_id)
        if entry is None:
            return ()
        if not date:
            return tuple(r for r in entry.roles if not r.until)
        return tuple(
            r
            for r in entry.roles
            if (not r.since or r.since[: len(date)] <= date)
            and (not r.until or date[: len(r.until)] <= r.until)
        )

    def holder(self, code: str, title: str, date: str) -> ActorEntry | None:
        """The one person holding ``title`` for the country ``code`` on ``date`` ('Qatar's
        prime minister' in November 2023), or None when the dictionary knows none or several."""
        country = self.country(code)
        if country is None or not date:
            return None
        names = {normalize(n) for n in country.names()}
        key = title_key(self.titles.canonical_title(title))
        people = [e for e in self.entries.values() if e.type == "PERSON" and any(
            title_key(r.title) == key and (normalize(r.org) in names if r.org else e.country == code)
            for r in self.current_roles(e.id, date))]  # fmt: skip
        return people[0] if len(people) == 1 else None

    def is_leader(self, entity_id: str, date: str | None = None) -> bool:
        """True when the person is a head of state or government at ``date``."""
        return any(self.titles.is_leader(r.title) for r in self.current_roles(entity_id, date))

    def leads(self, entity_id: str, titles: Sequence[str], date: str | None = None) -> bool:
        """A head of state or government by one of the ``titles`` a text gave, or by the
        roles the dictionary gives ``entity_id`` at ``date``."""
        return any(self.titles.is_leader(t) for t in titles) or self.is_leader(entity_id, date)

    def surface_forms(self) -> Iterator[tuple[str, str]]:
        """(surface text, entry id) pairs to match in running text."""
        for entry in self.entries.values():
            for name in (*entry.names(), *entry.demonyms):
                yield name, entry.id


# ---------------------------------------------------------------------- loading


def _strs(value: Any, where: str, name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: '{name}' must be a list of strings")
    return tuple(value)


def _date(value: Any, where: str) -> str | None:
    if value is None or value == "":
        return None
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    if not _DATE.match(text):
        raise ConfigError(f"{where}: invalid date {text!r} (want YYYY-MM-DD)")
    return text


def _roles(value: Any, where: str) -> tuple[Role, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ConfigError(f"{where}: 'roles' must be a list")
    out = []
    for i, raw in enumerate(value):
        if not isinstance(raw, dict) or not isinstance(raw.get("title"), str):
            raise ConfigError(f"{where}: role {i + 1} needs a 'title'")
        org = raw.get("org")
        out.append(
            Role(
                title=raw["title"],
                org=str(org) if org else None,
                since=_date(raw.get("since"), where),
                until=_date(raw.get("until"), where),
            )
        )
    return tuple(out)


def _type_of(entry_id: str, given: Any, where: str) -> str:
    if given is not None:
        if given not in TYPES:
            raise ConfigError(f"{where}: type must be one of {', '.join(TYPES)}, not {given!r}")
        return str(given)
    prefix = entry_id.split(":", 1)[0]
    if prefix in {"country", "city", "bloc", "gpe"}:
        return "GPE"
    return {"person": "PERSON", "norp": "NORP"}.get(prefix, "ORG")


ENTRY_KEYS = frozenset({"id", "name", "type", "country", "surname", "demonyms", "acts_for", "aliases",
                        "local", "roles", "capitals"})


def _entry(raw: Any, where: str) -> list[ActorEntry]:
    """One raw mapping -> its entry plus the city entries of its capitals."""
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: an entry must be a mapping")
    for key in ("id", "name"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise ConfigError(f"{where}: missing '{key}'")
    entry_id, name = raw["id"].strip(), raw["name"].strip()
    where = f"{where} ({entry_id})"
    unknown = sorted(str(k) for k in raw if k not in ENTRY_KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown field {unknown[0]!r} (a comma in an unquoted YAML name "
                          "splits it: quote the name)")
    etype = _type_of(entry_id, raw.get("type"), where)
    country = raw.get("country")
    if country is None and entry_id.startswith(("country:", "bloc:")):
        country = entry_id.split(":", 1)[1]
    surname = raw.get("surname")
    if surname is None and etype == "PERSON":
        surname = name.split()[-1] if name.split() else ""
    demonyms = _strs(raw.get("demonyms"), where, "demonyms")
    plurals = tuple(
        d + "s" for d in demonyms if "-" not in d and not d.lower().endswith(_PLURAL_STOP)
    )
    acts_for = raw.get("acts_for")
    if isinstance(acts_for, str) and ":" not in acts_for:
        acts_for = f"country:{acts_for}"
    entry = ActorEntry(
        id=entry_id,
        name=name,
        type=etype,
        aliases=_strs(raw.get("aliases"), where, "aliases"),
        local=_strs(raw.get("local"), where, "local"),
        country=str(country) if country else None,
        surname=surname or None,
        roles=_roles(raw.get("roles"), where),
        acts_for=acts_for,
        demonyms=demonyms + plurals,
    )
    cities = [
        ActorEntry(id=f"city:{slug(c)}", name=c, type="GPE", country=entry.country,
                   acts_for=entry_id)
        for c in _strs(raw.get("capitals"), where, "capitals")
    ]
    return [entry, *cities]


def _parse(text: str, where: str) -> Any:
    try:
        if where.endswith(".json"):
            return json.loads(text)
        return parse_yaml(text)
    except (ValueError, yaml.YAMLError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ConfigError(f"{where}: not valid {'JSON' if where.endswith('.json') else 'YAML'}: "
                          f"{reason}") from exc


def _read(text: str, where: str) -> tuple[list[ActorEntry], dict[str, Any]]:
    data = _parse(text, where)
    if isinstance(data, list):
        data = {"actors": data}
    if not isinstance(data, dict) or not isinstance(data.get("actors"), list):
        raise ConfigError(f"{where}: expected a list of actors or a mapping with an 'actors' list")
    entries: list[ActorEntry] = []
    for i, raw in enumerate(data["actors"]):
        entries.extend(_entry(raw, f"{where}: entry {i + 1}"))
    return entries, data


def _lexicon(data: Mapping[str, Any]) -> TitleLexicon:
    titles = data.get("titles") or {}
    return TitleLexicon(
        heads=frozenset(w.lower() for w in titles.get("heads", ())),
        modifiers=frozenset(w.lower() for w in titles.get("modifiers", ())),
        leaders=frozenset(title_key(w) for w in titles.get("leaders", ())),
        canonical={title_key(k): v for k, v in (titles.get("canonical") or {}).items()},
    )


@functools.lru_cache(maxsize=1)
def _builtin() -> tuple[tuple[ActorEntry, ...], TitleLexicon, frozenset[str]]:
    text = resources.files("storyline").joinpath("data/actors.yaml").read_text("utf-8")
    entries, data = _read(text, "actors.yaml")
    return tuple(entries), _lexicon(data), frozenset(data.get("government_nouns") or ())


def _merge(base: ActorEntry, extra: ActorEntry) -> ActorEntry:
    aliases = tuple(dict.fromkeys((*base.aliases, *extra.aliases)))
    return ActorEntry(
        id=base.id,
        name=extra.name,
        type=extra.type,
        aliases=aliases,
        local=tuple(dict.fromkeys((*base.local, *extra.local))),
        country=extra.country or base.country,
        surname=extra.surname or base.surname,
        roles=extra.roles or base.roles,
        acts_for=extra.acts_for or base.acts_for,
        demonyms=tuple(dict.fromkeys((*base.demonyms, *extra.demonyms))),
    )


@functools.lru_cache(maxsize=1)
def _builtin_dictionary() -> ActorDictionary:
    entries, titles, nouns = _builtin()
    return ActorDictionary(entries, titles, nouns)


def load_dictionary(extra: str | Path | None = None) -> ActorDictionary:
    """The built-in dictionary, extended (same id: fields replaced, aliases added) by a
    user's YAML or JSON file.  Raises ConfigError naming the file and the problem."""
    if extra is None or str(extra) == "":
        return _builtin_dictionary()
    path = Path(extra)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read actor dictionary: {exc}") from exc
    user, _ = _read(text, str(path))
    entries, titles, nouns = _builtin()
    merged = {e.id: e for e in entries}
    for entry in user:
        merged[entry.id] = _merge(merged[entry.id], entry) if entry.id in merged else entry
    return ActorDictionary(merged.values(), titles, nouns)
