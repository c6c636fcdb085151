"""Near-duplicate detection with MinHash over word shingles (datasketch).

Wire copies, syndicated reprints and the same text under another header share almost all
their 5-word shingles; ``duplicates_of`` marks each such document as a duplicate of the
earliest-id member of its group, so an event's importance counts independent sources.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SHINGLE = 5
SCHEME = "affine32"
_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, k: int = SHINGLE) -> set[str]:
    words = _WORD.findall(text.casefold())
    if len(words) < k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}


def minhash(text: str) -> MinHash:
    m = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
    for s in shingles(text):
        m.update(s.encode("utf-8"))
    return m


def minhash_bytes(text: str) -> bytes:
    return bytes(minhash(text).hashvalues.astype(np.uint64).tobytes())


def from_bytes(data: bytes) -> MinHash:
    values = np.frombuffer(data, dtype=np.uint64)
    return MinHash(num_perm=len(values), seed=1, hashvalues=values, scheme=SCHEME)


def duplicates_of(items: Sequence[tuple[str, bytes]], threshold: float = 0.8) -> dict[str, str]:
    """Map each near-duplicate document id to the id it copies (the smallest id of its group).

    Groups are connected components of the "Jaccard estimate ≥ threshold" graph, found
    through LSH buckets, so the cost stays near-linear in the number of documents.
    """
    if len(items) < 2:
        return {}
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    hashes = {doc: from_bytes(data) for doc, data in items}
    parent = {doc: doc for doc in hashes}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for doc in sorted(hashes):
        m = hashes[doc]
        for other in lsh.query(m):
            if m.jaccard(hashes[other]) >= threshold:
                a, b = sorted((root(doc), root(other)))
                parent[b] = a
        lsh.insert(doc, m)
    return {doc: root(doc) for doc in hashes if root(doc) != doc}


_CONTENT = re.compile(r"[^\W\d_]{4,}", re.UNICODE)
REWORDED = 0.4  # content-word Jaccard of a reworded copy (measured 0.46-0.47; independent reports <= 0.29)


def content_words(text: str) -> set[str]:
    return set(_CONTENT.findall(text.casefold()))


def reworded_copies(items: Sequence[tuple[str, str]], threshold: float = REWORDED,
                    copy_threshold: float = 0.7) -> dict[str, str]:  # fmt: skip
    """Map each reworded copy to the document it rewrites: the same story retold with the same
    facts and quotes in other words, as article spinners and content farms do.  Such a pair
    shares most content words but few 5-word shingles (a copy that shares those is a
    near-duplicate, found by :func:`duplicates_of`).  ``items`` are (id, text) in the order the
    documents appeared; the later of a pair is the copy."""
    if len(items) < 2:
        return {}
    lsh = MinHashLSH(threshold=threshold * 0.8, num_perm=NUM_PERM)
    words = {doc: content_words(text) for doc, text in items}
    texts = dict(items)
    order = {doc: k for k, (doc, _) in enumerate(items)}
    out: dict[str, str] = {}
    for doc, _ in items:
        m = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
        m.update_batch([w.encode("utf-8") for w in words[doc]])
        for other in sorted(lsh.query(m), key=order.__getitem__):
            a, b = words[doc], words[other]
            if len(a & b) >= threshold * len(a | b) and _shingle_jaccard(texts[doc], texts[other]) < copy_threshold:
                out[doc] = out.get(other, other)
                break
        lsh.insert(doc, m)
    return out


def _shingle_jaccard(a: str, b: str) -> float:
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / max(1, len(sa | sb))
