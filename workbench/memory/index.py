"""The in-memory index of a translation memory: token codes and prefix postings.

:class:`TokenIndex` is what :class:`workbench.memory.memory.Memory` searches. Each
entry's tokens (see :func:`workbench.memory.similarity.tokens`) become a short string of
code points that rapidfuzz compares at C speed, and each entry is posted under
its rarest tokens, by length band, so that a lookup at
:data:`INDEX_THRESHOLD` or above reads short posting lists and still finds
every match (the prefix filter of similarity joins). It holds no text and
does no IO: the memory feeds it rows from SQLite and keeps it in step.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

# Lengths up to this many tokens get a posting list each; longer ones share
# bands 8% wide. A query only reads the bands its matches can fall in.
_EXACT_LENGTHS = 48
_BAND_STEP = math.log(1.08)
#: Lowest threshold the index serves; lower ones compare every entry.
INDEX_THRESHOLD = 70
# Each entry indexes only its rarest tokens: D + 1 + _EXTRA_INDEXED of them,
# where D is the edits a match at INDEX_THRESHOLD allows. The extra ones let a
# query demand more than one shared token (see TokenIndex.search).
_EXTRA_INDEXED = 2
# A query token past the required prefix is read too if its postings are no
# longer than the required ones together (counting costs less than comparing).
_EXTRA_MIN = 64
_UNKNOWN = chr(0x10FFFF)  # a query token the memory has never seen
_LAST_ID = 0xFFFFF  # token ids above this share codes (see TokenIndex._new)


def _band(n: int) -> int:
    if n <= _EXACT_LENGTHS:
        return n
    return min(255, _EXACT_LENGTHS + 1 + int(math.log(n / _EXACT_LENGTHS) / _BAND_STEP))


class TokenIndex:
    """Prefix postings over entry slots (an entry's slot is its SQLite rowid).

    Each distinct token gets a code point, so an entry's tokens are a short
    string that rapidfuzz compares at C speed. Once loaded, the code points
    are renumbered by how many entries hold each token, most first
    (:meth:`freeze`), so a higher code point means a rarer token; tokens
    first seen later get higher ones still. An entry is posted under its
    rarest tokens only, keyed by token and length band: the prefix filter of
    similarity joins, which finds every match at INDEX_THRESHOLD or above
    while reading short postings.

    Replaced and removed entries leave stale postings behind; lookups check
    the current code, and a reload compacts them.
    """

    def __init__(self, imported_prefix: str) -> None:
        self.imported_prefix = imported_prefix  # origins of imported files start so
        self.vocab: dict[str, str] = {}
        self.df: Counter[str] = Counter()
        self.frozen = False  # no postings until the code points are ranked
        self.postings: dict[int, array] = {}
        self.codes: list[str | None] = []
        self.seqs = array("q")
        self.origin_of = array("I")
        self.hashes = array("I")
        self.origin_ids: dict[str, int] = {}
        self.origin_names: list[str] = []
        self.imported: set[int] = set()
        self.live = 0
        self.stale = 0

    def encode(self, words: list[str]) -> str:
        get = self.vocab.get
        return "".join([get(word) or self._new(word) for word in words])

    def _new(self, word: str) -> str:
        n = len(self.vocab)
        # Past about a million distinct tokens, new ones share code points
        # by hash: a collision can only make a score a little generous.
        if n > _LAST_ID:
            n = _LAST_ID + 1 + hash(word) % (0x10FFFF - _LAST_ID - 1)
        c = self.vocab[word] = chr(n)
        return c

    def probe(self, words: list[str]) -> str:
        get = self.vocab.get
        return "".join([get(word, _UNKNOWN) for word in words])

    def _grow(self, slot: int) -> None:
        extra = max(slot + 1 - len(self.codes), len(self.codes) // 4)
        self.codes.extend([None] * extra)
        self.seqs.extend(array("q", bytes(8 * extra)))
        self.origin_of.extend(array("I", bytes(4 * extra)))
        self.hashes.extend(array("I", bytes(4 * extra)))

    def origin_id(self, origin: str) -> int:
        found = self.origin_ids.get(origin)
        if found is None:
            found = self.origin_ids[origin] = len(self.origin_names)
            self.origin_names.append(origin)
            if origin.startswith(self.imported_prefix):
                self.imported.add(found)
        return found

    def put(self, slot: int, seq: int, origin: str, source: str, words: list[str]) -> None:
        if slot >= len(self.codes):
            self._grow(slot)
        if seq <= self.seqs[slot]:
            return  # a newer state of this entry is already here
        self.seqs[slot] = seq
        self.origin_of[slot] = self.origin_id(origin)
        self.hashes[slot] = hash(source) & 0xFFFFFFFF
        code = self.encode(words)
        old = self.codes[slot]
        if old == code:
            return
        if old is None:
            self.live += 1
        else:
            self.stale += 1
        self.codes[slot] = code
        if self.frozen:
            self._post(slot, code)
        else:
            self.df.update(set(code))

    def _post(self, slot: int, code: str) -> None:
        n = len(code)
        size = (100 - INDEX_THRESHOLD) * n // 100 + 1 + _EXTRA_INDEXED
        prefix = code if size >= n else sorted(code)[-size:]
        band = _band(n)
        postings = self.postings
        for o in map(ord, set(prefix)):
            key = (o << 8) | band
            try:
                postings[key].append(slot)
            except KeyError:
                postings[key] = array("I", (slot,))

    def freeze(self) -> None:
        """Renumber the tokens by how many entries hold them, most first."""
        if len(self.vocab) > _LAST_ID:
            # Too many to renumber; first seen still hints at common.
            self.frozen = True
            return
        ranked = [c for c, _ in self.df.most_common()]
        ranked += sorted(set(self.vocab.values()) - set(ranked))
        table = [""] * len(ranked)
        for new, c in enumerate(ranked):
            table[ord(c)] = chr(new)
        self.vocab = {word: table[ord(c)] for word, c in self.vocab.items()}
        codes = self.codes
        for slot, code in enumerate(codes):
            if code:
                codes[slot] = code.translate(table)
        self.df = Counter()
        self.frozen = True

    def post(self, start: int, stop: int) -> None:
        """Post the entries in slots *start* to *stop* (after :meth:`freeze`)."""
        for slot in range(start, min(stop, len(self.codes))):
            code = self.codes[slot]
            if code:
                self._post(slot, code)

    def drop(self, slot: int, seq: int) -> None:
        if slot >= len(self.codes):
            self._grow(slot)
        if seq <= self.seqs[slot]:
            return
        self.seqs[slot] = seq
        if self.codes[slot] is not None:
            self.codes[slot] = None
            self.live -= 1
            self.stale += 1

    def search(self, words: list[str], threshold: int) -> list[tuple[int, int]]:
        """Return (slot, score) of every entry scoring at least *threshold*."""
        q = self.probe(words)
        m = len(q)
        if not m or not self.live or not self.frozen:
            return []
        slack = 100 - threshold

        def most_edits(longer: int) -> int:
            return slack * longer // 100

        # Length filter: d >= |m - n|, so n lies in [lo, hi].
        lo = max(1, m - most_edits(m))
        hi = 100 * m // threshold
        while hi - m > most_edits(hi):
            hi -= 1
        codes = self.codes
        if threshold < INDEX_THRESHOLD:
            slots: list[int] | None = None
            choices: list[str | None] = codes
        else:
            slots = self._candidates(q, lo, hi, most_edits)
            choices = [codes[slot] for slot in slots]
        hits = process.extract(
            q, choices, scorer=Levenshtein.distance, score_cutoff=most_edits(hi), limit=None
        )
        out = []
        for code, distance, i in hits:
            longer = max(m, len(code))
            value = 100 * (longer - distance) // longer
            if value >= threshold:
                out.append((i if slots is None else slots[i], value))
        return out

    def _candidates(self, q: str, lo: int, hi: int, most_edits) -> list[int]:
        # A match of length n shares at least a = L - D(L) tokens with the
        # query (L = max(m, n), D the edits allowed). Ordered rarest first,
        # the query's first m - a + 1 + e tokens and the entry's first
        # n - a + 1 + e share at least 1 + e tokens; the entry's are posted.
        m = len(q)
        order = sorted(q, reverse=True)  # rarest first; unknown tokens before all
        sizes: dict[int, int] = {}
        for n in range(lo, hi + 1):
            band = _band(n)
            longer = max(m, n)
            size = m - (longer - most_edits(longer)) + 1
            sizes[band] = max(sizes.get(band, 0), size)
        postings = self.postings
        survivors: set[int] = set()
        for band, size in sizes.items():
            lists = []
            required = 0
            for c in order[:size]:
                found = postings.get((ord(c) << 8) | band)
                if found is not None:
                    lists.append(found)
                    required += len(found)
            if not lists:
                continue
            budget = max(_EXTRA_MIN, required)
            extra = 0
            for c in order[size : size + _EXTRA_INDEXED]:
                found = postings.get((ord(c) << 8) | band)
                if found is not None and len(found) > budget:
                    break
                extra += 1
                if found is not None:
                    lists.append(found)
            if not extra:
                for found in lists:
                    survivors.update(found)
            else:
                counts: Counter[int] = Counter()
                for found in lists:
                    counts.update(found)
                survivors.update([slot for slot, k in counts.items() if k > extra])
        return list(survivors)
