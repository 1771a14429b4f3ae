"""What the memory's tests share: whether a memory file's index says what its entries say."""

from __future__ import annotations

import sqlite3
from array import array
from collections import Counter
from pathlib import Path

from workbench.memory import index
from workbench.memory.similarity import tokens


def check_in_step(path: Path) -> int:
    """Check, from the tables alone, that the index says what the entries say; return their count.

    Each entry's code is its tokens' codes from the vocabulary, and the posting
    lists hold each entry under exactly the keys its code posts.
    """
    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT count(*) FROM fresh").fetchone() == (0,)
        assert db.execute("SELECT count(*) FROM gone").fetchone() == (0,)
        vocab = {token: chr(code) for token, code in db.execute("SELECT token, code FROM vocab")}
        # Each word has a code of its own, but past the last one, where words share.
        own = [c for c in vocab.values() if ord(c) < index._SHARED]
        assert len(set(own)) == len(own)
        entries = dict(db.execute("SELECT id, source FROM entries"))
        grams = dict(db.execute("SELECT id, code FROM grams"))
        assert grams.keys() == entries.keys()
        for slot, source in entries.items():
            assert grams[slot] == "".join(vocab[word] for word in tokens(source))
        posted: Counter[tuple[int, int]] = Counter()
        for key, part, blob in db.execute("SELECT key, part, slots FROM postings"):
            slots = array("I")
            slots.frombytes(blob)
            # Each row holds its part's ids, in order.
            assert list(slots) == sorted(slots)
            assert {slot >> index._PART_BITS for slot in slots} == {part}
            posted.update((key, slot) for slot in slots)
        expected = Counter(
            (key, slot) for slot, code in grams.items() for key in index.posted(code)
        )
        assert posted == expected
        live = db.execute("SELECT value FROM meta WHERE key = 'live'").fetchone()[0]
        assert live == len(entries)
        return live
    finally:
        db.close()
