"""Generated catalogs with every PO feature, compared with GNU msgcat, msgmerge and polib."""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path

import polib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.catalogs import pofile
from workbench.catalogs.model import Catalog, Entry, Layout
from workbench.catalogs.update import merge_catalog

from .support import msgfmt_check
from .test_po_exchange import our_view, polib_view

# Characters whose line breaking was measured against GNU (see po_wrap), with
# escapes, Persian, a zero-width non-joiner and a no-break space.
ALPHABET = (
    "abcdefghij KLMNOP 0123 .,;:!?-'\"()[]{}%$#&*/\\\t\n«»…—–"
    "\u060c\u061b\u061f بپتکگ\u200c\u00a0éд۱"
)
words = st.text(alphabet=ALPHABET, min_size=1, max_size=12)
texts = st.lists(words, min_size=1, max_size=14).map(" ".join).map(lambda t: t.strip("\n"))
# A comment may not end with a backslash: GNU joins the next line to it.
line_texts = texts.map(lambda t: " ".join(t.split()).rstrip("\\")).filter(bool)
refs = st.lists(
    st.tuples(
        st.from_regex(r"seeds/[a-z]{1,12}\.txt", fullmatch=True), st.integers(1, 9999).map(str)
    ),
    max_size=5,
    unique=True,
).map(tuple)


@st.composite
def entries(draw, nplurals: int, obsolete: bool) -> Entry:
    plural = draw(st.booleans())
    fuzzy = draw(st.booleans())
    # Not "": that msgid is the header's, active or obsolete (msgmerge refuses a second).
    msgid = draw(texts.filter(bool))
    forms = tuple(draw(st.sampled_from(["", draw(texts)])) for _ in range(nplurals))
    previous = draw(st.booleans())
    msgstr = "" if plural else draw(st.sampled_from(["", draw(texts)]))
    if obsolete:
        # GNU drops an obsolete message without a translation.
        forms = (draw(texts), *forms[1:])
        msgstr = msgstr or draw(texts)
    # GNU writes no fuzzy flag on a message without a (first) translation.
    fuzzy = fuzzy and bool(forms[0] if plural else msgstr)
    return Entry(
        msgid=msgid,
        msgstr=msgstr,
        msgctxt=draw(st.none() | line_texts),
        fuzzy=fuzzy,
        occurrences=() if obsolete else draw(refs),
        comment="" if obsolete else draw(st.sampled_from(["", "heading", "item"])),
        notes=tuple(draw(st.lists(line_texts, max_size=2))),
        previous_msgid=draw(texts) if previous else None,
        previous_msgctxt=draw(st.none() | line_texts) if previous else None,
        previous_msgid_plural=draw(texts) if previous and plural else None,
        obsolete=obsolete,
        flags=("no-wrap",) if draw(st.integers(0, 5)) == 0 else (),
        msgid_plural=draw(texts) if plural else None,
        msgstr_plural=forms if plural else (),
    )


@st.composite
def catalogs(draw) -> Catalog:
    nplurals = draw(st.integers(1, 4))
    items = draw(st.lists(entries(nplurals, False), min_size=1, max_size=8))
    items += draw(st.lists(entries(nplurals, True), max_size=3))
    unique: dict[tuple, Entry] = {}
    for e in items:
        unique.setdefault(e.key, e)
    header = {
        "Project-Id-Version": "strikes",
        "PO-Revision-Date": "2026-01-02 03:04+0000",
        "Language": "fa",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": f"nplurals={nplurals}; plural={'0' if nplurals == 1 else '(n > 1)'};",
        "X-Generator": "Poedit 3.4.2",
        "X-Poedit-KeywordsList": draw(line_texts).replace(":", ";"),
    }
    return Catalog(
        header=header,
        entries=list(unique.values()),
        header_notes=draw(st.lists(line_texts, max_size=2).map(tuple)),
    )


def run(*args: str) -> str:
    done = subprocess.run(args, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogs(), st.sampled_from([None, 79, 77, 40]))
def test_a_saved_catalog_is_what_msgcat_writes_and_reads_back_the_same(catalog, width):
    """Our save, read by us, by polib and by msgcat, gives the same catalog back.

    At a page width (or unwrapped), ``msgcat`` leaves what we write as it is,
    byte for byte: our wrapping is GNU's. polib reads the same entries, texts,
    plural forms, comments, flags and previous sources (all but an obsolete
    entry's ``#~|`` lines, which polib does not read). ``msgfmt --check``
    accepts the file.
    """
    catalog = replace(catalog, layout=Layout(width))
    text = pofile.serialise(catalog)
    again = pofile.parse(text)
    assert again.entries == catalog.entries
    assert again.header == catalog.header
    assert again.header_notes == catalog.header_notes
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fa.po"
        path.write_text(text, encoding="utf-8")
        wrap = "--no-wrap" if width is None else f"--width={width}"
        assert run("msgcat", wrap, str(path)) == text
        assert msgfmt_check(path).returncode == 0, msgfmt_check(path).stderr
        po = polib.pofile(str(path))
    assert [polib_view(e) for e in po] == [our_view(e) for e in catalog.entries]


@st.composite
def merges(draw) -> tuple[Catalog, Catalog]:
    """A catalog and a template that shares, changes, drops and adds sources."""
    catalog = draw(catalogs())
    template: list[Entry] = []
    for entry in catalog.entries:
        choice = draw(st.integers(0, 3))
        if choice == 0:
            continue  # removed from the template
        msgid = (
            entry.msgid if choice < 3 else entry.msgid + draw(st.sampled_from(["!", " now", "s"]))
        )
        plural = entry.msgid_plural if draw(st.integers(0, 4)) else None
        template.append(
            Entry(
                msgid=msgid,
                msgctxt=entry.msgctxt,
                msgid_plural=plural,
                msgstr_plural=("", "") if plural is not None else (),
                occurrences=draw(refs),
            )
        )
    template += [
        Entry(msgid=draw(texts), occurrences=draw(refs)) for _ in range(draw(st.integers(0, 2)))
    ]
    unique: dict[tuple, Entry] = {}
    for e in template:
        unique.setdefault(e.key, e)
    pot = Catalog(
        header={
            "Project-Id-Version": "strikes",
            "POT-Creation-Date": "2026-02-03 04:05+0000",
            "Content-Type": "text/plain; charset=UTF-8",
        },
        entries=list(unique.values()),
    )
    return catalog, pot


def _previous(source: Entry) -> tuple:
    """Return the previous source a proposal from *source* shows: what it translates."""
    if source.fuzzy:
        return (source.previous_msgctxt, source.previous_msgid, source.previous_msgid_plural)
    return (source.msgctxt, source.msgid, source.msgid_plural)


def _texts(entry: Entry) -> tuple:
    return (entry.msgctxt, entry.msgid, entry.msgid_plural, entry.forms)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(merges())
def test_update_keeps_every_entry_msgmerge_previous_keeps(pair):
    """Our update against ``msgmerge --previous`` on the same PO and POT.

    The comparison, and why:

    - the active entries are the template's, in its order, in both;
    - an entry found by its context and source in the old catalog (active or
      obsolete) has the very same translation, status, translator comments,
      references and previous source as msgmerge gives it; ours may also keep
      the previous source of a translated entry, which msgmerge drops;
    - a new source: msgmerge may propose the translation of a similar old
      entry (fuzzy). We score similarity with rapidfuzz's ratio, the measure
      gettext's fstrcmp approximates, so near the 0.6 cut or among equal
      scores we may propose another old translation or none. So: where both
      propose, each proposal is a draft holding some old entry's translation
      with that entry's source as its previous source; where only one does,
      the other leaves the unit untranslated;
    - every obsolete entry msgmerge writes is in ours with the same texts,
      unless it was the source of one of our proposals (msgmerge, like us,
      drops an old entry whose translation went into a proposal); an
      obsolete entry only we keep is one msgmerge used up for a proposal, or
      a plural entry whose first form is empty but another is not: msgmerge
      looks at the first form alone and drops it, we keep the translation.
    """
    old, pot = pair
    with tempfile.TemporaryDirectory() as folder:
        po_path, pot_path = Path(folder) / "fa.po", Path(folder) / "x.pot"
        pofile.write(old, po_path)
        pofile.write(pot, pot_path)
        gnu = pofile.parse(
            run("msgmerge", "--previous", "-q", "-o", "-", str(po_path), str(pot_path))
        )
        ours, _ = merge_catalog(pofile.read(po_path), pofile.read(pot_path), "fa")
        out = Path(folder) / "ours.po"
        pofile.write(ours, out)
        assert msgfmt_check(out).returncode == 0, msgfmt_check(out).stderr
    theirs_active = [e for e in gnu.entries if not e.obsolete]
    ours_active = [e for e in ours.entries if not e.obsolete]
    assert [e.key for e in ours_active] == [e.key for e in theirs_active]
    old_keys = {e.key for e in old.entries}
    consumed_ours: set[tuple] = set()
    consumed_theirs: set[tuple] = set()
    for mine, theirs in zip(ours_active, theirs_active, strict=True):
        assert mine.msgid_plural == theirs.msgid_plural
        assert mine.occurrences == theirs.occurrences
        if mine.key in old_keys:
            assert mine.forms == theirs.forms
            assert mine.fuzzy == theirs.fuzzy
            assert mine.notes == theirs.notes and mine.dismissed == theirs.dismissed
            if theirs.previous_msgid is not None or mine.fuzzy:
                assert (mine.previous_msgctxt, mine.previous_msgid, mine.previous_msgid_plural) == (
                    theirs.previous_msgctxt,
                    theirs.previous_msgid,
                    theirs.previous_msgid_plural,
                )
            continue
        for entry, consumed in ((mine, consumed_ours), (theirs, consumed_theirs)):
            if not any(entry.forms):
                assert not entry.fuzzy
                continue
            assert entry.fuzzy
            sources = [e for e in old.entries if any(e.forms) and e.forms[0] == entry.forms[0]]
            assert (entry.previous_msgctxt, entry.previous_msgid, entry.previous_msgid_plural) in {
                _previous(s) for s in sources
            }
            consumed.update(e.key for e in sources)
    ours_obsolete = {e.key: e for e in ours.entries if e.obsolete}
    for theirs in (e for e in gnu.entries if e.obsolete):
        mine = ours_obsolete.get(theirs.key)
        if mine is None:
            assert theirs.key in consumed_ours
            continue
        assert _texts(mine) == _texts(theirs)
    theirs_obsolete = {e.key for e in gnu.entries if e.obsolete}
    for key in ours_obsolete.keys() - theirs_obsolete:
        assert key in consumed_theirs or not ours_obsolete[key].forms[0]
