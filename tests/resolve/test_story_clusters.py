"""Story clustering end to end on three unrelated invented stories (tests/fixtures/stories).

A ceasefire negotiation (six articles, one undated wire copy), EU–Japan trade talks (five,
one undated reprint) and a national election (three) are ingested into one store: they must
come out as exactly three stories that do not mix, whatever order the files arrive in.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

import storyline
from storyline.api import Store

pytestmark = pytest.mark.slow

STORIES = Path(__file__).resolve().parents[1] / "fixtures" / "stories"
FOLDERS = ("ceasefire", "eu_trade", "election")
# a title names the story's main actors: at least one of these (its parties or mediators)
TITLE_NAMES = {
    "ceasefire": ("Velmora", "Ashari", "Qatar", "Egypt", "Doha", "Cairo", "Kalbar"),
    "eu_trade": ("European Union", "Japan", "Tokyo", "Brussels"),
    "election": ("Valdoria", "Vells", "Rudek", "Port Alder"),
}


def _files(folder: str) -> list[Path]:
    return sorted((STORIES / folder).glob("*.txt"))


def _folder_of(store: Store) -> dict[str, str]:
    """Document id -> the fixture folder its file came from."""
    return {d.id: Path(d.path).parent.name for d in store.documents()}


def _story_sets(store: Store) -> set[frozenset[str]]:
    """The stories as sets of file names (ids differ between stores)."""
    names = {d.id: Path(d.path).name for d in store.documents()}
    return {frozenset(names[d] for d in s.documents) for s in store.stories()}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    db = tmp_path_factory.mktemp("clusters") / "stories.db"
    with storyline.open(db) as opened:
        report = opened.ingest([str(STORIES / f) for f in FOLDERS])
        assert len(report.added) == sum(len(_files(f)) for f in FOLDERS) and not report.failed
        yield opened


def test_three_stories_that_do_not_mix(store: Store) -> None:
    folder_of = _folder_of(store)
    stories = store.stories()
    assert len(stories) == 3, [(s.title, [folder_of[d] for d in s.documents]) for s in stories]
    got = {frozenset(folder_of[d] for d in s.documents) for s in stories}
    assert got == {frozenset({f}) for f in FOLDERS}  # each story holds a single folder
    for s in stories:
        (folder,) = {folder_of[d] for d in s.documents}
        assert len(s.documents) == len(_files(folder))  # ... and the whole folder


@pytest.mark.parametrize("folder", FOLDERS)
def test_story_title_names_its_actors(store: Store, folder: str) -> None:
    folder_of = _folder_of(store)
    [story] = [s for s in store.stories() if {folder_of[d] for d in s.documents} == {folder}]
    assert story.title.strip()
    assert any(name in story.title for name in TITLE_NAMES[folder]), story.title
    others = [n for f in FOLDERS if f != folder for n in TITLE_NAMES[f]]
    assert not any(name in story.title for name in others), story.title


def test_story_timeline_cites_only_its_documents(store: Store) -> None:
    seen: set[str] = set()
    for s in store.stories():
        members = set(s.documents)
        events = store.timeline(story=s.id)
        assert {e.id for e in events} == set(s.events)
        for e in events:
            # every event comes from this story's articles (majority vote puts it in one story)
            assert {src.doc for src in e.sources} <= members, (s.title, e.summary)
        seen |= {e.id for e in events}
    assert seen == {e.id for e in store.events()}  # every event belongs to some story


def test_election_story_has_no_trade_or_truce_events(store: Store) -> None:
    folder_of = _folder_of(store)
    [election] = [s for s in store.stories() if {folder_of[d] for d in s.documents} == {"election"}]
    kinds = {e.type for e in store.timeline(story=election.id)}
    assert not kinds & {"tariff", "agreement", "attack"}, kinds


@pytest.mark.parametrize(
    ("seed", "folders"),
    [(1, ("election", "eu_trade", "ceasefire")), (2, ("eu_trade", "ceasefire", "election")),
     (3, ("ceasefire", "election", "eu_trade"))],
)  # fmt: skip
def test_stories_do_not_depend_on_ingest_order(store: Store, tmp_path: Path, seed: int,
                                               folders: tuple[str, ...]) -> None:  # fmt: skip
    files = []
    for folder in folders:  # folders in another order, the files of each shuffled
        batch = _files(folder)
        random.Random(seed).shuffle(batch)
        files += batch
    with storyline.open(tmp_path / f"order{seed}.db") as other:
        for f in files:  # one article at a time: every ingest rebuilds the stories
            other.ingest([str(f)])
        assert _story_sets(other) == _story_sets(store), [f.name for f in files]
        assert sorted(s.title for s in other.stories()) == sorted(s.title for s in store.stories())


def test_two_steel_disputes_of_one_bloc_stay_apart(tmp_path: Path) -> None:
    """EU–Japan talks and the shipped EU–US steel sample share the bloc, steel and tariffs."""
    samples = Path(storyline.__file__).parent / "samples"
    with storyline.open(tmp_path / "steel.db") as other:
        other.ingest([str(STORIES / "eu_trade"), str(samples)])
        folders = {d.id: Path(d.path).parent.name for d in other.documents()}
        got = sorted(sorted({folders[d] for d in s.documents}) for s in other.stories())
    assert got == [["eu_trade"], ["samples"]]
