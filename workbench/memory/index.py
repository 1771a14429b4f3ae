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
them anew and rebuilds the postings in one pass over the entries; any other
touches only the posting lists of the entries changed. A memory filled in
bulk is indexed by :func:`build`, in the transaction that filled it.
"""

from __future__ import annotations

import errno
import heapq
import math
import os
import sqlite3
import sys
import tempfile
import zlib
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from operator import itemgetter
from typing import IO

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from workbench.errors import StorageError
from workbench.memory import store
from workbench.memory.similarity import piece_tokens, pieces, tokens

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
# The tokens are ranked anew when the memory has grown this many times
# since they were ranked, or when one change adds and removes more entries
# than half of what it leaves.
_GROWTH = 4
# Tokens are ranked on the entries' sources, or on about this many of them.
_SAMPLE = 10_000
_BATCH = 1000
# Indexing every entry holds the posting lists of a sixteenth of the
# memory's entries, and keeps the codes of as many tokens and pieces of text
# besides the ranked ones, within these bounds; it keeps the codes waiting
# to be posted in memory this many entries of a length band at a time.
_GROUP, _MOST_GROUP = 4096, 1 << 18
_KEPT, _MOST_KEPT = 1024, 1 << 17
_PACK = 1024
_CHUNK = 1 << 16  # bytes read at a time from each run of sorted lists
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


def key(c: str, band: int) -> int:
    """Return the posting key of token code *c* in length band *band*.

    The token comes first, so a query finds the lists of one token in all
    the bands it reads side by side in the file.

    >>> key(chr(1), 0), key(chr(1), 1), key(chr(2), 0)
    (256, 257, 512)
    """
    return ord(c) << 8 | band


def _rarest(code: str, size: int) -> str:
    """Return the *size* rarest token codes of *code* (the highest), some maybe twice."""
    return code if size >= len(code) else "".join(sorted(code)[-size:])


def posted(code: str) -> Iterator[int]:
    """Yield the posting keys of an entry whose tokens have *code*: its rarest, by length band."""
    n = len(code)
    if not n:
        return
    size, band = _shape(n)
    for c in set(_rarest(code, size)):
        yield key(c, band)


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
    # Posting keys as key() makes them, without a call for each: a query
    # of many tokens looks up hundreds.
    ords = [ord(c) for c in order]
    unknown = ord(_UNKNOWN)
    wanted = {
        o << 8 | band
        for band, size in sizes.items()
        for o in ords[: size + _EXTRA_INDEXED]
        if o != unknown
    }
    postings = _postings(db, sorted(wanted))
    survivors: set[int] = set()
    for band, size in sizes.items():
        lists = []
        required = 0
        for o in ords[:size]:
            found = postings.get(o << 8 | band)
            if found is not None:
                lists.append(found)
                required += len(found)
        if not lists:
            continue
        budget = max(_EXTRA_MIN, required)
        extra = 0
        for o in ords[size : size + _EXTRA_INDEXED]:
            found = postings.get(o << 8 | band)
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

    Only one batch's tokens stay in memory, so adding to a large memory
    needs little memory however many tokens it brings.
    """

    def __init__(self, db: sqlite3.Connection, next_code: int) -> None:
        self.db = db
        self.next = next_code
        self.codes: dict[str, str] = {}
        self.new: list[tuple[str, int]] = []

    def prepare(self, words: Iterable[str]) -> None:
        """Read the codes of *words* (a batch's) from the file."""
        self.codes = _known(self.db, set(words))

    def encode(self, words: list[str]) -> str:
        get = self.codes.get
        return "".join([get(word) or self._new(word) for word in words])

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
) -> None:
    """Store the codes of the entries in *batches*; with *post*, add them to the postings."""
    vocab = _Vocab(db, store.meta(db, "codes"))
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


def build(db: sqlite3.Connection) -> None:
    """Index every entry anew, whatever the index held before.

    For a memory just filled in bulk (:func:`workbench.memory.store.load`),
    whose triggers noted nothing: the index then says what the entries say.
    """
    live = _rebuild(db)
    store.set_meta(db, "live", live)
    db.execute("DELETE FROM gone")
    db.execute("DELETE FROM fresh")


def _rebuild(db: sqlite3.Connection) -> int:
    """Rank the tokens anew on the entries as they are, then code and post every entry.

    One pass over the entries in id order, a batch at a time: each entry's
    code is written as it is made, and posted (see :class:`_Postings`).
    Return how many entries there are.
    """
    ranking = _rank(db)
    for table in ("vocab", "grams", "postings"):
        db.execute(f"DELETE FROM {table}")
    top = db.execute("SELECT max(id) FROM entries").fetchone()[0] or 0
    kept = min(max(_KEPT, top // 16), _MOST_KEPT)
    codes = _Codes(db, ranking, kept)
    code = _Pieces(codes, kept).__getitem__
    count = 0
    with _Postings(db, _group(top)) as postings:
        rows = db.execute("SELECT id, source FROM entries ORDER BY id")
        while batch := rows.fetchmany(_BATCH):
            # An entry's code is its pieces' codes, most of them met before.
            grams = [(slot, "".join(map(code, pieces(source)))) for slot, source in batch]
            codes.save()
            db.executemany("INSERT INTO grams VALUES (?, ?)", grams)
            for slot, c in grams:
                postings.add(slot, c)
            count += len(grams)
        store.set_meta(db, "codes", codes.next)
        store.set_meta(db, "ranked", count)
        del codes, code  # their memory serves the last lists
        postings.flush()
    return count


class _Codes(dict):
    """Token codes while a whole index is built: the ranked tokens' and recent others'.

    The ranked tokens (those of the sample) are most of what entries hold
    and stay in memory; another token is read from the file or given a new
    code, and kept until more than *held* such are kept. So a memory of
    millions of distinct tokens needs little memory.
    """

    def __init__(self, db: sqlite3.Connection, ranking: list[str], held: int) -> None:
        super().__init__((token, code_point(n)) for n, token in enumerate(ranking))
        self.db = db
        self.next = len(ranking)
        self.held = held
        self.recent: list[str] = []  # tokens kept that are not ranked
        self.new: list[tuple[str, int]] = []  # tokens given codes, to write
        self.forgot = False  # whether a token given a code was let go since
        db.executemany(
            "INSERT INTO vocab VALUES (?, ?)",
            sorted((token, ord(c)) for token, c in self.items()),
        )

    def __missing__(self, word: str) -> str:
        row = None
        if self.forgot:
            row = self.db.execute("SELECT code FROM vocab WHERE token = ?", (word,)).fetchone()
        if row:
            c = chr(row[0])
        else:
            if self.next > _LAST_CODE:
                c = _shared(word)
            else:
                c = code_point(self.next)
                self.next += 1
            self.new.append((word, ord(c)))
        self[word] = c
        self.recent.append(word)
        return c

    def save(self) -> None:
        """Write the tokens given codes; let the others go if too many are kept."""
        self.db.executemany("INSERT INTO vocab VALUES (?, ?)", self.new)
        self.new = []
        if len(self.recent) > self.held:
            for word in self.recent:
                del self[word]
            self.recent = []
            self.forgot = True


def _group(top: int) -> int:
    """Return how many entries' posting lists indexing a memory of *top* ids holds at most."""
    return min(max(_GROUP, top // 16), _MOST_GROUP)


def _pack(codes: list[str]) -> bytes:
    """Pack strings of token codes into little memory (U+0000 is no token's code).

    >>> _unpack(_pack(["ab", "c"]))
    ['ab', 'c']
    """
    return "\0".join(codes).encode("utf-8", "surrogatepass")


def _unpack(packed: bytes) -> list[str]:
    return packed.decode("utf-8", "surrogatepass").split("\0")


class _Pieces(dict):
    """The codes of the tokens of each piece of text (see :func:`pieces`) met lately.

    Pieces recur far more than texts do ("councils," in thousands of
    entries): coding a piece once spares splitting it and looking up its
    tokens again. Once more than *held* are kept, they are let go.
    """

    def __init__(self, codes: _Codes, held: int) -> None:
        super().__init__()
        self.code = codes.__getitem__
        self.held = held

    def __missing__(self, piece: str) -> str:
        if len(self) >= self.held:
            self.clear()
        c = self[piece] = "".join(map(self.code, piece_tokens(piece)))
        return c


class _Postings:
    """Every entry's postings, from entries given in id order, written in key order.

    An entry's rarest codes wait in its length band's buffer until the part
    of ids (2**_PART_BITS of them) ends: _PACK entries at a time in memory,
    the rest packed in a scratch file beside the memory's. Then each band's
    lists are gathered, one band at a time (fast: its lists are few), and
    set aside in a second scratch file sorted by token, a run of rows; a
    band of more entries than *group* makes a run a group at a time, so
    memory holds one group's lists. Last, the runs are merged into key
    order (token, then band) and written: the file's rows are only ever
    appended.
    """

    def __init__(self, db: sqlite3.Connection, group: int) -> None:
        self.db = db
        self.group = group
        self.part = 0
        # band: (codes waiting in memory, their ids)
        self.bands: dict[int, tuple[list[str], array]] = {}
        # band: where the scratch file holds its packs (offset, codes' and ids' sizes)
        self.packs: dict[int, list[tuple[int, int, int]]] = {}
        # the runs set aside: (band, offset, token codes, sizes of their lists)
        self.runs: list[tuple[int, int, array, array]] = []
        self.scratch: IO[bytes] | None = None
        self.sorted: IO[bytes] | None = None

    def __enter__(self) -> _Postings:
        return self

    def __exit__(self, *exc: object) -> None:
        for f in (self.scratch, self.sorted):
            if f is not None:
                try:
                    f.close()
                except OSError:
                    # Closing writes what a failed write left in the buffer,
                    # and fails again: the files are unlinked, their content
                    # is no longer wanted, and the first error is the one to say.
                    pass

    def add(self, slot: int, code: str) -> None:
        """Post the entry *slot*, whose tokens have *code*."""
        if slot >> _PART_BITS != self.part:
            self.flush()
            self.part = slot >> _PART_BITS
        n = len(code)
        if not n:
            return
        size, band = _SHAPES[n] if n < _MAX_LENGTH else _shape(n)
        held = self.bands.get(band)
        if held is None:
            held = self.bands[band] = ([], array("I"))
        held[0].append(_rarest(code, size))
        held[1].append(slot)
        if len(held[1]) >= _PACK:
            self._pack(band, *held)

    def _file(self) -> IO[bytes]:
        try:
            return tempfile.TemporaryFile(dir=_folder(self.db))
        except OSError as exc:
            raise _no_scratch(exc, _folder(self.db)) from exc

    def _pack(self, band: int, codes: list[str], slots: array) -> None:
        packed, ids = _pack(codes), _blob(slots)
        if self.scratch is None:
            self.scratch = self._file()
        try:
            self.packs.setdefault(band, []).append((self.scratch.tell(), len(packed), len(ids)))
            self.scratch.write(packed)
            self.scratch.write(ids)
        except OSError as exc:
            raise _no_scratch(exc, _folder(self.db)) from exc
        codes.clear()
        del slots[:]

    def _entries(self, band: int) -> Iterator[tuple[str, int]]:
        """Yield (rarest codes, id) of the entries of *band* given so far, in id order."""
        for offset, size, ids in self.packs.pop(band, ()):
            assert self.scratch is not None
            try:
                self.scratch.seek(offset)
                data = self.scratch.read(size + ids)
            except OSError as exc:
                raise _no_scratch(exc, _folder(self.db)) from exc
            yield from zip(_unpack(data[:size]), _slots(data[size:]), strict=True)
        codes, slots = self.bands.pop(band, ([], array("I")))
        yield from zip(codes, slots, strict=True)

    def flush(self) -> None:
        """Write the lists of the entries given so far."""
        for band in sorted(self.bands.keys() | self.packs.keys()):
            lists: dict[str, array] = {}
            held = 0
            for codes, slot in self._entries(band):
                for c in set(codes):
                    found = lists.get(c)
                    if found is None:
                        lists[c] = array("I", (slot,))
                    else:
                        found.append(slot)
                held += 1
                if held >= self.group:
                    self._set_aside(band, lists)
                    lists, held = {}, 0
            self._set_aside(band, lists)
        self.db.executemany("INSERT INTO postings VALUES (?, ?, ?)", self._merged())
        self.runs = []
        for f in (self.scratch, self.sorted):
            if f is not None:
                f.seek(0)
                f.truncate()

    def _set_aside(self, band: int, lists: dict[str, array]) -> None:
        """Keep the lists of *band* in the second scratch file, a run sorted by token."""
        if not lists:
            return
        if self.sorted is None:
            self.sorted = self._file()
        codes, sizes = array("I"), array("I")
        blobs = []
        for c in sorted(lists):
            blob = _blob(lists[c])
            codes.append(ord(c))
            sizes.append(len(blob))
            blobs.append(blob)
        try:
            offset = self.sorted.seek(0, os.SEEK_END)
            self.sorted.write(b"".join(blobs))
        except OSError as exc:
            raise _no_scratch(exc, _folder(self.db)) from exc
        self.runs.append((band, offset, codes, sizes))

    def _merged(self) -> Iterator[tuple[int, int, bytes]]:
        """Yield the rows of the runs in key order, a band's lists of two groups joined."""
        part = self.part
        last, pieces = None, []
        merged = heapq.merge(*(self._run(*run) for run in self.runs), key=itemgetter(0))
        for k, blob in merged:
            if k != last:
                if pieces:
                    yield last, part, b"".join(pieces)
                last, pieces = k, []
            pieces.append(blob)
        if pieces:
            yield last, part, b"".join(pieces)

    def _run(self, band: int, offset: int, codes: array, sizes: array) -> Iterator[tuple]:
        """Yield (key, slots) of one run, read from the scratch file a chunk at a time."""
        assert self.sorted is not None
        chunk, at = b"", 0
        for code, size in zip(codes, sizes, strict=True):
            if at + size > len(chunk):
                offset += at
                try:
                    self.sorted.seek(offset)
                    chunk, at = self.sorted.read(max(_CHUNK, size)), 0
                except OSError as exc:
                    raise _no_scratch(exc, _folder(self.db)) from exc
            yield code << 8 | band, chunk[at : at + size]
            at += size


def _no_scratch(exc: OSError, folder: str | None) -> StorageError:
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        advice = "make the folder writable and try again"
    else:
        advice = "make room on the disk and try again"
    return StorageError(
        f"the memory's index cannot be built: its scratch file cannot be written "
        f"({exc.strerror}); {advice}",
        path=folder or tempfile.gettempdir(),
    )


def _folder(db: sqlite3.Connection) -> str | None:
    """Return the folder of the memory's file (None for a memory without one)."""
    for _seq, name, path in db.execute("PRAGMA database_list"):
        if name == "main" and path:
            return os.path.dirname(path)
    return None


def _rank(db: sqlite3.Connection) -> list[str]:
    """Return the tokens of (a sample of) the entries, most common first."""
    top = db.execute("SELECT max(id) FROM entries").fetchone()[0] or 0
    step = max(1, top // _SAMPLE)
    df: Counter[str] = Counter()
    # Every step-th id, read one by one rather than by scanning every entry.
    for marks, part in in_lists(list(range(step, top + 1, step))):
        for (source,) in db.execute(f"SELECT source FROM entries WHERE id IN ({marks})", part):
            df.update(set(tokens(source)))
    # Ties in a stable order, so the same entries give the same index.
    ranking = sorted(df, key=lambda token: (-df[token], token))
    return ranking[: _LAST_CODE + 1]


def _post_all(db: sqlite3.Connection) -> None:
    """Post every entry again, from its stored code."""
    db.execute("DELETE FROM postings")
    top = db.execute("SELECT max(id) FROM grams").fetchone()[0] or 0
    with _Postings(db, _group(top)) as postings:
        for slot, code in db.execute("SELECT id, code FROM grams ORDER BY id"):
            postings.add(slot, code)
        postings.flush()


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
