"""The memory's index, kept in its SQLite file beside the entries: token codes and prefix postings.

Each distinct token (see :func:`workbench.memory.similarity.tokens`) has a
code point (table ``vocab``), so an entry's tokens are a short string
(table ``grams``) that rapidfuzz compares at C speed. Code points are ranked
by how many entries hold each token, most first, so a higher code point
means a rarer token. Each entry is posted under its rarest tokens only, by
length band (table ``postings``): the prefix filter of similarity joins,
which finds every match at :data:`INDEX_THRESHOLD` or above while reading
short posting lists. :func:`search` reads only the query's postings and the
codes of the entries they name, so a process that has just started answers
at once, with every match.

Keeping in step: triggers note each entry inserted or deleted (tables
``fresh`` and ``gone``, see :mod:`workbench.memory.store`), and
:func:`catch_up`, run by :class:`workbench.memory.memory.Memory` before each
commit, takes them into the index in the same transaction: whatever stops a
process, the index says what the entries say. A change that replaces much
of the memory, or lets it grow fourfold since its tokens were ranked, ranks
them anew and rebuilds the postings; any other touches only the posting
lists of the entries changed.
"""

from __future__ import annotations

import math
import sqlite3
import sys
import zlib
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from workbench.memory import store
from workbench.memory.similarity import tokens

#: Lowest threshold the index serves; lower ones compare every entry.
INDEX_THRESHOLD = 70
# Lengths up to this many tokens get a posting list each; longer ones share
# bands 8% wide. A query only reads the bands its matches can fall in.
_EXACT_LENGTHS = 48
_BAND_STEP = math.log(1.08)
# Each entry indexes only its rarest tokens: D + 1 + _EXTRA_INDEXED of them,
# where D is the edits a match at INDEX_THRESHOLD allows. The extra ones let a
# query demand more than one shared token (see _candidates).
_EXTRA_INDEXED = 2
# A query token past the required prefix is read too if its postings are no
# longer than the required ones together (counting costs less than comparing).
_EXTRA_MIN = 64
_UNKNOWN = chr(0x10FFFF)  # a query token the memory has never seen
# Code points skip U+0000 and the surrogates, so that codes keep as UTF-8 text. Past
# about a million distinct tokens, new ones share the code points above
# _SHARED by a checksum: a collision can only make a score a little generous.
_SHARED = 0x100000
_LAST_CODE = _SHARED - 0x800 - 2
# A posting list is kept in parts, each for 2**_PART_BITS entry ids, so that
# adding an entry never rewrites more than a few megabytes of one list. (Lists
# are short: an entry is posted under its rarest tokens only.)
_PART_BITS = 20
# Posting every entry gathers the lists of this many entries at a time (or of
# an eighth of the memory, if more), whole bands of lengths at a time.
_GROUP = 10_000
# The tokens are ranked anew when the memory has grown this many times
# since they were ranked, or when one change adds and removes more entries
# than half of what it leaves.
_GROWTH = 4
# Tokens are ranked on the entries' sources, or on about this many of them.
_SAMPLE = 10_000
# The most common tokens' codes stay in memory while a whole index is built.
_COMMON = 20_000
_BATCH = 1000
# Postings gathered in memory before they are written, when entries are added.
_FLUSH = 200_000
_IN = 900  # ids or keys per "IN (...)" list, within every SQLite's limit
_IN_SIZES = (8, 32, 128, 256, 512, _IN)
_MAX_LENGTH = 4096  # tokens; bands and prefix sizes are precomputed up to here


def _band(n: int) -> int:
    if n <= _EXACT_LENGTHS:
        return n
    return min(255, _EXACT_LENGTHS + 1 + int(math.log(n / _EXACT_LENGTHS) / _BAND_STEP))


_SHAPES = [
    ((100 - INDEX_THRESHOLD) * n // 100 + 1 + _EXTRA_INDEXED, _band(n)) for n in range(_MAX_LENGTH)
]


def _shape(n: int) -> tuple[int, int]:
    """Return how many of its rarest tokens an entry of *n* tokens posts, and its band."""
    if n < _MAX_LENGTH:
        return _SHAPES[n]
    return (100 - INDEX_THRESHOLD) * n // 100 + 1 + _EXTRA_INDEXED, _band(n)


def code_point(n: int) -> str:
    """Return the code point of the *n*-th token code: from U+0001, skipping the surrogates.

    (SQLite's ``length()`` stops at U+0000.)

    >>> [ord(code_point(n)) for n in (0, 0xD7FE, 0xD7FF)]
    [1, 55295, 57344]
    """
    return chr(n + 0x801 if n >= 0xD7FF else n + 1)


def _shared(token: str) -> str:
    return chr(_SHARED + zlib.crc32(token.encode("utf-8", "surrogatepass")) % 0xFFFF)


def posted(code: str) -> Iterator[int]:
    """Yield the posting keys of an entry whose tokens have *code*: its rarest, by length band.

    A key is a token's code point shifted left by 8 bits, or'd with the band.
    """
    n = len(code)
    if not n:
        return
    size, band = _shape(n)
    for c in set(code) if size >= n else set(sorted(code)[-size:]):
        yield (ord(c) << 8) | band


# -- lookups --------------------------------------------------------------------


def in_lists(items: list) -> Iterator[tuple[str, list]]:
    """Yield the marks and values of ``IN (...)`` lists that together hold *items*.

    Lists come in a few lengths only, filled up with NULL (which matches
    nothing), so that SQLite's statement cache keeps a few statements, not
    hundreds of large ones.

    >>> [(marks.count("?"), values) for marks, values in in_lists([1, 2, 3])]
    [(8, [1, 2, 3, None, None, None, None, None])]
    """
    for start in range(0, len(items), _IN):
        part = items[start : start + _IN]
        size = next(n for n in _IN_SIZES if n >= len(part))
        yield ",".join("?" * size), [*part, *[None] * (size - len(part))]


def _known(db: sqlite3.Connection, words: Iterable[str]) -> dict[str, str]:
    """Return the code point of each of *words* the memory has seen."""
    found: dict[str, str] = {}
    for marks, part in in_lists(list(set(words))):
        rows = db.execute(f"SELECT token, code FROM vocab WHERE token IN ({marks})", part)
        found.update((token, chr(code)) for token, code in rows)
    return found


def codes_of(db: sqlite3.Connection, slots: list[int]) -> list[tuple[int, str]]:
    """Return (slot, code) of the entries in *slots* that are still there."""
    out: list[tuple[int, str]] = []
    for marks, part in in_lists(slots):
        out += db.execute(f"SELECT id, code FROM grams WHERE id IN ({marks})", part)
    return out


def _postings(db: sqlite3.Connection, keys: list[int]) -> dict[int, array]:
    raw: dict[int, bytes] = {}
    for marks, part in in_lists(keys):
        rows = db.execute(f"SELECT key, slots FROM postings WHERE key IN ({marks})", part)
        for key, slots in rows:
            raw[key] = raw[key] + slots if key in raw else slots
    return {key: _slots(blob) for key, blob in raw.items()}


def _slots(blob: bytes) -> array:
    found = array("I")
    found.frombytes(blob)
    if sys.byteorder == "big":
        found.byteswap()  # kept little-endian on disk
    return found


def _blob(slots: array) -> bytes:
    if sys.byteorder == "big":
        slots = array("I", slots)
        slots.byteswap()
    return slots.tobytes()


def search(db: sqlite3.Connection, words: list[str], threshold: int) -> list[tuple[int, int]]:
    """Return (slot, score) of every entry scoring at least *threshold* against *words*."""
    if not words:
        return []
    known = _known(db, words)
    q = "".join([known.get(word, _UNKNOWN) for word in words])
    m = len(q)
    slack = 100 - threshold

    def most_edits(longer: int) -> int:
        return slack * longer // 100

    # Length filter: d >= |m - n|, so n lies in [lo, hi].
    lo = max(1, m - most_edits(m))
    hi = 100 * m // threshold
    while hi - m > most_edits(hi):
        hi -= 1
    if threshold < INDEX_THRESHOLD:
        found = db.execute("SELECT id, code FROM grams").fetchall()
    else:
        found = codes_of(db, _candidates(db, q, lo, hi, most_edits))
    hits = process.extract(
        q,
        [code for _, code in found],
        scorer=Levenshtein.distance,
        score_cutoff=most_edits(hi),
        limit=None,
    )
    out = []
    for code, distance, i in hits:
        longer = max(m, len(code))
        value = 100 * (longer - distance) // longer
        if value >= threshold:
            out.append((found[i][0], value))
    return out


def _candidates(
    db: sqlite3.Connection, q: str, lo: int, hi: int, most_edits: Callable[[int], int]
) -> list[int]:
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
    wanted = {
        (ord(c) << 8) | band
        for band, size in sizes.items()
        for c in order[: size + _EXTRA_INDEXED]
        if c != _UNKNOWN
    }
    postings = _postings(db, sorted(wanted))
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
    return sorted(survivors)


# -- keeping in step ------------------------------------------------------------


class _Vocab:
    """Token codes, read from the file batch by batch and given out to new tokens.

    Only the most common tokens stay in memory from one batch to the next,
    so a large import needs little memory however many tokens it brings.
    """

    def __init__(
        self, db: sqlite3.Connection, next_code: int, common: dict[str, str] | None = None
    ) -> None:
        self.db = db
        self.next = next_code
        self.common = common or {}
        self.codes: dict[str, str] = {}
        self.new: list[tuple[str, int]] = []

    def prepare(self, words: Iterable[str]) -> None:
        """Read the codes of *words* (a batch's) from the file."""
        common = self.common
        self.codes = _known(self.db, [word for word in set(words) if word not in common])

    def encode(self, words: list[str]) -> str:
        common = self.common.get
        get = self.codes.get
        return "".join([common(word) or get(word) or self._new(word) for word in words])

    def _new(self, word: str) -> str:
        if self.next > _LAST_CODE:
            c = _shared(word)
        else:
            c = code_point(self.next)
            self.next += 1
        self.codes[word] = c
        self.new.append((word, ord(c)))
        return c

    def save(self) -> None:
        """Write the tokens given codes since the last save."""
        self.db.executemany("INSERT INTO vocab VALUES (?, ?)", self.new)
        self.new = []
        store.set_meta(self.db, "codes", self.next)


def catch_up(db: sqlite3.Connection) -> None:
    """Take the entries inserted and deleted in this transaction into the index."""
    gone = db.execute("SELECT count(*) FROM gone JOIN grams USING (id)").fetchone()[0]
    added = db.execute("SELECT count(*) FROM fresh JOIN entries USING (id)").fetchone()[0]
    if gone or added:
        live = store.meta(db, "live") - gone + added
        if live == 0:
            for table in ("vocab", "grams", "postings"):
                db.execute(f"DELETE FROM {table}")
            store.set_meta(db, "ranked", 0)
            store.set_meta(db, "codes", 0)
        elif live > _GROWTH * store.meta(db, "ranked"):
            _rebuild(db)
        else:
            # Past half the memory, posting every entry again is cheaper
            # than touching the lists of each entry changed.
            again = 2 * (gone + added) > live
            if not again:
                _unpost(db)
            db.execute("DELETE FROM grams WHERE id IN (SELECT id FROM gone)")
            _encode(db, _batches(db, fresh_only=True), post=not again)
            if again:
                _post_all(db)
        store.set_meta(db, "live", live)
    db.execute("DELETE FROM gone")
    db.execute("DELETE FROM fresh")


def _batches(db: sqlite3.Connection, *, fresh_only: bool) -> Iterator[list[tuple[int, str]]]:
    """Yield (id, source) of the fresh entries, or of every entry, a batch at a time."""
    query = (
        "SELECT e.id, e.source FROM fresh f JOIN entries e ON e.id = f.id "
        "WHERE f.id > ? ORDER BY f.id LIMIT ?"
        if fresh_only
        else "SELECT id, source FROM entries WHERE id > ? ORDER BY id LIMIT ?"
    )
    last = -1
    while rows := db.execute(query, (last, _BATCH)).fetchall():
        last = rows[-1][0]
        yield rows


def _encode(
    db: sqlite3.Connection,
    batches: Iterable[list[tuple[int, str]]],
    *,
    post: bool,
    common: dict[str, str] | None = None,
) -> None:
    """Store the codes of the entries in *batches*; with *post*, add them to the postings."""
    vocab = _Vocab(db, store.meta(db, "codes"), common)
    added: dict[int, array] = {}
    count = 0
    for rows in batches:
        split = [tokens(source) for _, source in rows]
        vocab.prepare(word for words in split for word in words)
        grams = [(slot, vocab.encode(words)) for (slot, _), words in zip(rows, split, strict=True)]
        vocab.save()
        db.executemany("INSERT OR REPLACE INTO grams VALUES (?, ?)", grams)
        if not post:
            continue
        for slot, code in grams:
            for key in posted(code):
                count += 1
                found = added.get(key)
                if found is None:
                    added[key] = array("I", (slot,))
                else:
                    found.append(slot)
        if count > _FLUSH:
            _append(db, _parts(sorted(added.items())))
            added, count = {}, 0
    _append(db, _parts(sorted(added.items())))


def _append(db: sqlite3.Connection, rows: Iterable[tuple[int, int, bytes]]) -> None:
    """Append the slots of *rows* (key, part, slots) to the posting lists."""
    db.executemany(
        "INSERT INTO postings VALUES (?, ?, ?) ON CONFLICT (key, part) "
        "DO UPDATE SET slots = CAST(slots || excluded.slots AS BLOB)",
        rows,
    )


def _unpost(db: sqlite3.Connection) -> None:
    """Take the gone entries out of the posting lists that name them."""
    last = -1
    while rows := db.execute(
        "SELECT g.id, g.code FROM gone JOIN grams g USING (id) WHERE g.id > ? "
        "ORDER BY g.id LIMIT ?",
        (last, _BATCH),
    ).fetchall():
        last = rows[-1][0]
        removed: dict[tuple[int, int], set[int]] = {}
        for slot, code in rows:
            part = slot >> _PART_BITS
            for key in posted(code):
                removed.setdefault((key, part), set()).add(slot)
        for (key, part), drop in sorted(removed.items()):
            row = db.execute(
                "SELECT slots FROM postings WHERE key = ? AND part = ?", (key, part)
            ).fetchone()
            left = array("I", [s for s in _slots(row[0]) if s not in drop]) if row else None
            if left:
                db.execute(
                    "UPDATE postings SET slots = ? WHERE key = ? AND part = ?",
                    (_blob(left), key, part),
                )
            elif row:
                db.execute("DELETE FROM postings WHERE key = ? AND part = ?", (key, part))


def _rebuild(db: sqlite3.Connection) -> None:
    """Rank the tokens anew on the entries as they are, then code and post every entry."""
    ranking = _rank(db)
    db.execute("DELETE FROM vocab")
    db.execute("DELETE FROM grams")
    db.executemany(
        "INSERT INTO vocab VALUES (?, ?)",
        ((token, ord(code_point(n))) for n, token in enumerate(ranking)),
    )
    store.set_meta(db, "codes", len(ranking))
    common = {token: code_point(n) for n, token in enumerate(ranking[:_COMMON])}
    _encode(db, _batches(db, fresh_only=False), post=False, common=common)
    _post_all(db)
    store.set_meta(db, "ranked", db.execute("SELECT count(*) FROM grams").fetchone()[0])


def _rank(db: sqlite3.Connection) -> list[str]:
    """Return the tokens of (a sample of) the entries, most common first."""
    top = db.execute("SELECT max(id) FROM entries").fetchone()[0] or 0
    step = max(1, top // _SAMPLE)
    df: Counter[str] = Counter()
    for (source,) in db.execute("SELECT source FROM entries WHERE id % ? = 0", (step,)):
        df.update(set(tokens(source)))
    # Ties in a stable order, so the same entries give the same index.
    ranking = sorted(df, key=lambda token: (-df[token], token))
    return ranking[: _LAST_CODE + 1]


def _post_all(db: sqlite3.Connection) -> None:
    """Post every entry again, from its stored code, a group of length bands at a time.

    Entries of different bands share no posting list, so each group's lists
    are whole when its pass ends: they are written once, and memory holds
    one group's lists only.
    """
    db.execute("DELETE FROM postings")
    lengths = db.execute(
        "SELECT length(code), count(*) FROM grams WHERE code != '' GROUP BY 1 ORDER BY 1"
    ).fetchall()
    group = max(_GROUP, sum(count for _, count in lengths) // 8)
    lo, held = None, 0
    for i, (n, count) in enumerate(lengths):
        lo = n if lo is None else lo
        held += count
        following = lengths[i + 1][0] if i + 1 < len(lengths) else None
        # A group ends between two bands, never inside one.
        if following is None or (held >= group and _shape(following)[1] != _shape(n)[1]):
            _post_lengths(db, lo, n, group)
            lo, held = None, 0


def _post_lengths(db: sqlite3.Connection, lo: int, hi: int, group: int) -> None:
    """Post the entries of *lo* to *hi* tokens, their bands' only entries."""
    bands: dict[int, dict[str, array]] = {}  # band: token code: slots
    held = 0
    flushed = False
    done = -1
    while rows := db.execute(
        "SELECT id, code FROM grams WHERE id > ? AND length(code) BETWEEN ? AND ? "
        "ORDER BY id LIMIT ?",
        (done, lo, hi, _BATCH),
    ).fetchall():
        done = rows[-1][0]
        if held >= group:
            # One band larger than memory should hold: its lists so far are
            # written, and the rest appended to them.
            _append(db, _parts(_keyed(bands)))
            bands, held, flushed = {}, 0, True
        held += len(rows)
        for slot, code in rows:
            n = len(code)
            size, band = _shape(n)
            lists = bands.get(band)
            if lists is None:
                lists = bands[band] = {}
            for c in set(code) if size >= n else set(sorted(code)[-size:]):
                found = lists.get(c)
                if found is None:
                    lists[c] = array("I", (slot,))
                else:
                    found.append(slot)
    if flushed:
        _append(db, _parts(_keyed(bands)))
    else:
        db.executemany("INSERT INTO postings VALUES (?, ?, ?)", _parts(_keyed(bands)))


def _keyed(bands: dict[int, dict[str, array]]) -> Iterator[tuple[int, array]]:
    """Yield the lists of *bands* by key, in key order within each band."""
    for band, lists in bands.items():
        for c in sorted(lists):
            yield (ord(c) << 8) | band, lists[c]


def _parts(lists: Iterable[tuple[int, array]]) -> Iterator[tuple[int, int, bytes]]:
    """Yield the rows of *lists* (key, slots), a row per key and part (more where slots go back)."""
    for key, slots in lists:
        start = 0
        while start < len(slots):
            part = slots[start] >> _PART_BITS
            end = start + 1
            while end < len(slots) and slots[end] >> _PART_BITS == part:
                end += 1
            if start == 0 and end == len(slots):
                yield key, part, _blob(slots)
            else:
                yield key, part, _blob(slots[start:end])
            start = end
