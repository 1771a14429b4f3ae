"""A three-way merge of PO catalogs, unit by unit (msgctxt + msgid).

Given the common ancestor and two versions of one catalog (or template):

- a unit changed on one side takes that side; changed the same way on both, it is taken once;
- a unit whose translation changed differently on both sides is a conflict: this
  side's text stays in ``msgstr``, the unit turns fuzzy, and the other text is
  kept in a ``# conflict:`` translator comment with both authors
  (:mod:`workbench.catalogs.conflict`); nothing is dropped;
- a unit one side removed or made obsolete while the other edited its translation
  stays, obsolete, with the edited text and a ``removed`` conflict: it is never
  silently brought back, and never silently lost. If the removing side's ``update``
  moved the unit's translation to a new unit (fuzzy, ``#| msgid`` naming the old
  source), the other side's new translation moves there too, fuzzy;
- a draft (fuzzy) on one side and a new translation on the other: the new text,
  still fuzzy, so someone reviews it;
- every other field merges the same way, field by field over the model's
  fields (so fields the model gains later merge too); comments, dismissals and
  flags merge as sets;
- headers: the newest PO-Revision-Date and POT-Creation-Date win, with the
  Last-Translator of the newest side; both translators are credited in the
  header comments; other fields merge three-way (both changed: this side's).

Speed: a catalog is cut into its entries' text blocks, and only blocks that
differ between the versions are parsed (through :func:`workbench.catalogs.pofile.parse`);
unchanged blocks are copied as they are. Files that cannot be cut that way
(CR line ends, stray comments between entries) are parsed whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import datetime

from workbench.catalogs import conflict as cf
from workbench.catalogs import pofile
from workbench.catalogs.model import Catalog, Entry

#: Fields merged as sets: what one side added is kept unless the other removed it.
SET_FIELDS = ("notes", "dismissed", "flags")
#: Fields merged with the translation, not on their own.
STATUS_FIELDS = ("fuzzy", "reviewer")
DATE_FIELDS = ("PO-Revision-Date", "POT-Creation-Date")

Key = tuple[str | None, str]


@dataclass(frozen=True)
class UnitConflict:
    """One unit both sides changed differently, as the sync reports it."""

    msgid: str
    msgctxt: str | None
    ours: tuple[str, ...]
    theirs: tuple[str, ...]  # () when the other side removed the unit
    ours_by: str
    theirs_by: str

    @property
    def removed(self) -> bool:
        return not self.theirs


@dataclass
class Merged:
    """The merged catalog's text, with its conflicts."""

    text: str
    conflicts: list[UnitConflict] = field(default_factory=list)
    header_conflicts: list[str] = field(default_factory=list)  # fields kept as this side's


# -- blocks: a catalog's entries as text ----------------------------------------------

_EMPTY_HEADER = 'msgid ""\nmsgstr ""\n\n'
_SPLIT = re.compile(r"\n(?:[ \t]*\n)+")
_KEYWORD = re.compile(r'(#~ ?)?(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)[ \t]+"(.*)"[ \t]*\Z')
_CONTINUATION = re.compile(r'(?:#~ ?)?"(.*)"[ \t]*\Z')


class _Unsplittable(Exception):
    """The text cannot be cut into entry blocks safely; parse it whole."""


@dataclass
class _Side:
    """One version of a catalog: its header block and entry blocks by key."""

    name: str
    header: str | None
    order: list[Key] = field(default_factory=list)
    blocks: dict[Key, str] = field(default_factory=dict)
    obsolete: dict[Key, bool] = field(default_factory=dict)
    parsed: dict[Key, Entry] = field(default_factory=dict)
    _header_catalog: Catalog | None = None

    def entry(self, key: Key) -> Entry | None:
        block = self.blocks.get(key)
        if block is None:
            return None
        found = self.parsed.get(key)
        if found is None:
            # An empty header first: polib takes the comments that open a file
            # without one for the header's.
            catalog = pofile.parse(_EMPTY_HEADER + block + "\n", self.name)
            found = catalog.entries[0]
            self.parsed[key] = found
        return found

    def header_catalog(self) -> Catalog:
        if self._header_catalog is None:
            self._header_catalog = (
                pofile.parse(self.header + "\n", self.name)
                if self.header
                else Catalog(header={}, entries=[])
            )
        return self._header_catalog


def _raw_key(block: str) -> tuple[Key, bool] | None:
    """Return the (msgctxt, msgid) of a block as written (escapes kept) and whether obsolete."""
    ctxt: list[str] | None = None
    msgid: list[str] | None = None
    current: list[str] | None = None
    obsolete = False
    for line in block.split("\n"):
        if line.startswith(("#|", "#~|")):
            current = None
            continue
        match = _KEYWORD.match(line)
        if match:
            keyword = match.group(2)
            if keyword == "msgctxt":
                ctxt = current = [match.group(3)]
            elif keyword == "msgid":
                msgid = current = [match.group(3)]
                obsolete = bool(match.group(1))
            else:
                break
            continue
        if line.startswith("#"):
            if line.startswith("#~"):
                cont = _CONTINUATION.match(line)
                if cont and current is not None:
                    current.append(cont.group(1))
            continue
        cont = _CONTINUATION.match(line)
        if cont and current is not None:
            current.append(cont.group(1))
            continue
        return None
    if msgid is None:
        return None
    return ("".join(ctxt) if ctxt is not None else None, "".join(msgid)), obsolete


def _blocks(text: str) -> list[str]:
    if "\r" in text:
        raise _Unsplittable
    body = text.lstrip("\ufeff").strip("\n")
    return _SPLIT.split(body) if body else []


def _sides(texts: Sequence[str], name: str) -> list[_Side]:
    """Cut each version into blocks; key only the blocks that are not the same in all three.

    A block found word for word in every version is one unchanged unit: it is
    known by its text, which saves reading its key (most of the work on a
    large catalog).
    """
    split = [_blocks(text) for text in texts]
    common = set(split[0]).intersection(*split[1:])
    return [_side(blocks, common, name) for blocks in split]


def _side(blocks: list[str], common: set[str], name: str) -> _Side:
    side = _Side(name, None)
    for at, block in enumerate(blocks):
        if block in common and at:
            key: Key = ("\x01", block)
            obsolete = "#~ msgid" in block
        else:
            found = _raw_key(block)
            if found is None:
                raise _Unsplittable
            key, obsolete = found
            if key == (None, "") and not obsolete:
                if at:
                    raise _Unsplittable  # a second header
                side.header = block
                continue
        if key in side.blocks:
            if side.obsolete[key] and not obsolete:
                raise _Unsplittable  # an obsolete twin before the active entry: rare
            key = ("\x00obsolete twin", block)  # kept as it is, merged by its text
        side.order.append(key)
        side.blocks[key] = block
        side.obsolete[key] = obsolete
    return side


def _side_of_catalog(catalog: Catalog, name: str) -> _Side:
    """Build a side from a parsed catalog (the slow path)."""
    side = _Side(name, None)
    side._header_catalog = Catalog(
        header=dict(catalog.header),
        entries=[],
        header_notes=catalog.header_notes,
        header_fuzzy=catalog.header_fuzzy,
    )
    side.header = _header_text(side._header_catalog)
    for entry in catalog.entries:
        key: Key = (entry.msgctxt, entry.msgid)
        if key in side.blocks:
            key = ("\x00obsolete twin", _entry_text(entry))
        side.order.append(key)
        side.blocks[key] = _entry_text(entry)
        side.obsolete[key] = entry.obsolete
        side.parsed[key] = entry
    return side


def _entry_text(entry: Entry) -> str:
    text = pofile.serialise(Catalog(header={}, entries=[entry]))
    return text.split("\n\n", 1)[1].rstrip("\n")


def _header_text(catalog: Catalog) -> str:
    return pofile.serialise(
        Catalog(
            header=catalog.header,
            entries=[],
            header_notes=catalog.header_notes,
            header_fuzzy=catalog.header_fuzzy,
        )
    ).rstrip("\n")


# -- the merge ------------------------------------------------------------------------


def merge_texts(base: str | None, ours: str, theirs: str, name: str = "<catalog>") -> Merged:
    """Merge two versions of a PO (or POT) file with their common ancestor *base*.

    Raises :class:`~workbench.errors.CatalogError` if a version is not a valid PO file.
    """
    try:
        sides = _sides([base or "", ours, theirs], name)
    except _Unsplittable:
        sides = [
            _side_of_catalog(pofile.parse(text or "", name), name) for text in (base, ours, theirs)
        ]
    return _merge(*sides)


def _merge(base: _Side, ours: _Side, theirs: _Side) -> Merged:
    o_author = cf.author_of(ours.header_catalog().header)
    t_author = cf.author_of(theirs.header_catalog().header)
    merged = Merged("")
    result: dict[Key, str | None] = {}
    pending: list[Key] = []
    for key in _union(ours.order, theirs.order):
        b, o, t = base.blocks.get(key), ours.blocks.get(key), theirs.blocks.get(key)
        if o == t:
            result[key] = o
        elif b == o:
            result[key] = t
        elif b == t:
            result[key] = o
        else:
            pending.append(key)
    moves = _moves(base, ours, theirs, pending) if pending else {}
    for key in pending:
        if key in moves:
            continue
        entry, found = merge_entry(
            base.entry(key), ours.entry(key), theirs.entry(key), o_author, t_author
        )
        result[key] = None if entry is None else _entry_text(entry)
        if found is not None:
            merged.conflicts.append(found)
    for key, (entry, found) in moves.items():
        result[key] = _entry_text(entry)
        if found is not None:
            merged.conflicts.append(found)

    header = _merge_header(base, ours, theirs, merged)
    blocks = _ordered(ours, theirs, result)
    merged.text = "\n\n".join([header, *blocks]) + "\n" if header else "\n\n".join(blocks) + "\n"
    return merged


def _union(first: Sequence[Key], second: Sequence[Key]) -> list[Key]:
    seen = set(first)
    return [*first, *(k for k in second if k not in seen)]


def _ordered(ours: _Side, theirs: _Side, result: dict[Key, str | None]) -> list[str]:
    """Return the merged blocks: this side's order, the other's new units after their
    predecessor there; obsolete units last."""
    after: dict[Key | None, list[Key]] = {}
    previous: Key | None = None
    for key in theirs.order:
        if key in ours.blocks:
            previous = key
        else:
            after.setdefault(previous, []).append(key)
    keys = list(after.get(None, ()))
    for key in ours.order:
        keys.append(key)
        keys += after.get(key, ())
    active: list[str] = []
    obsolete: list[str] = []
    for key in keys:
        block = result.get(key)
        if block is None:
            continue
        if block is ours.blocks.get(key):
            gone = ours.obsolete[key]
        elif block is theirs.blocks.get(key):
            gone = theirs.obsolete[key]
        else:
            found = _raw_key(block)
            gone = bool(found and found[1])
        (obsolete if gone else active).append(block)
    return active + obsolete


# -- one unit ------------------------------------------------------------------------------


def merge_entry(
    b: Entry | None,
    o: Entry | None,
    t: Entry | None,
    ours_author: tuple[str, str] = (cf.UNKNOWN, cf.UNKNOWN),
    theirs_author: tuple[str, str] = (cf.UNKNOWN, cf.UNKNOWN),
) -> tuple[Entry | None, UnitConflict | None]:
    """Merge three versions of one unit (None: absent); return the result and any conflict."""
    if o == t:
        return o, None
    if b == o:
        return t, None
    if b == t:
        return o, None
    gone_o = o is None or (o.obsolete and not (t is not None and t.obsolete))
    gone_t = t is None or (t.obsolete and not (o is not None and o.obsolete))
    if b is not None and (gone_o or gone_t) and not (gone_o and gone_t):
        kept, kept_author, removed_author = (
            (t, theirs_author, ours_author)
            if gone_o
            else (
                o,
                ours_author,
                theirs_author,
            )
        )
        assert kept is not None
        other = o if gone_o else t
        if not _edited(b, kept):
            # The side that kept it changed nothing a translator wrote: the removal wins.
            return other, None
        return _removed_conflict(kept, kept_author, removed_author)
    if b is None:
        assert o is not None and t is not None
        b = Entry(msgid=o.msgid, msgctxt=o.msgctxt, obsolete=o.obsolete and t.obsolete)
    assert o is not None and t is not None
    return _fields(b, o, t, ours_author, theirs_author)


def _edited(base: Entry, entry: Entry) -> bool:
    """Tell whether a translator changed *entry* since *base* (text, status or comments)."""
    return (
        cf.translation_values(base) != cf.translation_values(entry)
        or base.fuzzy != entry.fuzzy
        or base.reviewer != entry.reviewer
        or base.notes != entry.notes
    ) and cf.translated(entry)


def _removed_conflict(
    kept: Entry, kept_author: tuple[str, str], removed_author: tuple[str, str]
) -> tuple[Entry, UnitConflict]:
    note = cf.Conflict((), removed_author[0], removed_author[1], kept_author[0], kept_author[1])
    entry = cf.with_conflict(_obsolete(kept), note)
    found = UnitConflict(
        kept.msgid, kept.msgctxt, cf.translation(kept), (), kept_author[0], removed_author[0]
    )
    return entry, found


def _obsolete(entry: Entry) -> Entry:
    """Return *entry* as an obsolete entry, as ``update`` makes one."""
    if entry.obsolete:
        return entry
    return replace(entry, obsolete=True, occurrences=(), comment="")


def _three(b, o, t):
    if o == t or b == t:
        return o
    if b == o:
        return t
    return o


def _set_merge(b: Iterable, o: Iterable, t: Iterable) -> tuple:
    base, mine, other = list(b), list(o), list(t)
    in_base, in_mine, in_other = set(base), set(mine), set(other)
    out = [x for x in mine if x in in_other or x not in in_base]
    out += [x for x in other if x not in in_mine and x not in in_base]
    return tuple(dict.fromkeys(out))


def _fields(
    b: Entry, o: Entry, t: Entry, ours_author: tuple[str, str], theirs_author: tuple[str, str]
) -> tuple[Entry, UnitConflict | None]:
    values: dict[str, object] = {}
    for f in fields(Entry):
        name = f.name
        if name in cf.TRANSLATION_FIELDS or name in STATUS_FIELDS:
            continue
        vb, vo, vt = getattr(b, name), getattr(o, name), getattr(t, name)
        values[name] = _set_merge(vb, vo, vt) if name in SET_FIELDS else _three(vb, vo, vt)

    tb, to, tt = cf.translation_values(b), cf.translation_values(o), cf.translation_values(t)
    clash = False
    if to == tt:
        chosen, source, other = to, None, None
    elif tb == to:
        chosen, source, other = tt, t, o
    elif tb == tt:
        chosen, source, other = to, o, t
    else:
        chosen, source, other, clash = to, o, t, True
    if clash:
        fuzzy = True
    elif source is None:
        fuzzy = _three(b.fuzzy, o.fuzzy, t.fuzzy)
    else:
        assert other is not None
        # The text chosen keeps its own status; a side that marked the unit
        # for review meanwhile still gets its review.
        fuzzy = source.fuzzy or (other.fuzzy and not b.fuzzy)
    reviewer = _three(b.reviewer, o.reviewer, t.reviewer)
    vouched = (reviewer == o.reviewer and chosen == to) or (reviewer == t.reviewer and chosen == tt)
    if fuzzy or not vouched:
        reviewer = None
    entry = replace(o, **values, fuzzy=fuzzy, reviewer=reviewer)
    entry = cf.with_translation_values(entry, chosen)
    if not cf.translated(entry):
        entry = replace(entry, fuzzy=False, reviewer=None)
    if not clash:
        return entry, None
    note = cf.Conflict(
        cf.translation(t), theirs_author[0], theirs_author[1], ours_author[0], ours_author[1]
    )
    found = UnitConflict(
        o.msgid, o.msgctxt, cf.translation(o), cf.translation(t), ours_author[0], theirs_author[0]
    )
    return cf.with_conflict(entry, note), found


# -- a translation that follows its unit's new source --------------------------------------


def _moves(
    base: _Side, ours: _Side, theirs: _Side, pending: list[Key]
) -> dict[Key, tuple[Entry, UnitConflict | None]]:
    """Find units one side's update replaced while the other side re-translated them.

    Returns, for each new unit that takes the other side's translation, the
    merged entry (and a conflict if the new unit was also re-translated
    differently). The old unit then merges as an obsolete one, without conflict.
    """
    moves: dict[Key, tuple[Entry, UnitConflict | None]] = {}
    o_author = cf.author_of(ours.header_catalog().header)
    t_author = cf.author_of(theirs.header_catalog().header)
    for remover, editor, flip in ((ours, theirs, False), (theirs, ours, True)):
        successors: dict[Key, Key] | None = None
        for key in pending:
            old, gone, edited = base.entry(key), remover.entry(key), editor.entry(key)
            if old is None or edited is None or edited.obsolete:
                continue
            if gone is not None and not gone.obsolete:
                continue
            if not _edited(old, edited):
                continue
            if successors is None:
                successors = _successors(base, remover)
            new_key = successors.get(key)
            if new_key is None or new_key in moves:
                continue
            new = remover.entry(new_key)
            assert new is not None
            # Three versions of the moved unit: the old unit's translation is
            # its base, the new unit (remover) and the edited old unit (editor)
            # the two sides.
            moved_base = cf.with_translation_values(
                replace(new, fuzzy=old.fuzzy, reviewer=old.reviewer, notes=old.notes),
                cf.translation_values(old),
            )
            moved_edit = cf.with_translation_values(
                replace(new, fuzzy=True, reviewer=None, notes=edited.notes),
                cf.translation_values(edited),
            )
            pair = (moved_edit, new) if flip else (new, moved_edit)
            entry, found = _fields(moved_base, pair[0], pair[1], o_author, t_author)
            entry = replace(entry, fuzzy=True, reviewer=None)
            moves[new_key] = (entry, found)
            # The old unit stays obsolete with the newest text; nothing is lost.
            moves[key] = (_obsolete(edited), None)
    return moves


def _successors(base: _Side, side: _Side) -> dict[Key, Key]:
    """Map the key of a unit *side* replaced to the new unit whose ``#| msgid`` names it."""
    # The replaced units are among those being merged, whose base entries are parsed.
    raw_of = {(e.msgctxt, e.msgid): key for key, e in base.parsed.items()}
    found: dict[Key, Key] = {}
    for key in side.order:
        if key in base.blocks or side.obsolete.get(key):
            continue
        if "#| msgid" not in side.blocks[key]:
            continue
        entry = side.entry(key)
        if entry is None or entry.previous_msgid is None:
            continue
        old = raw_of.get((entry.previous_msgctxt, entry.previous_msgid))
        if old is not None and old not in found:
            found[old] = key
    return found


# -- the header ---------------------------------------------------------------------------


def _merge_header(base: _Side, ours: _Side, theirs: _Side, merged: Merged) -> str:
    if ours.header == theirs.header or theirs.header == base.header:
        return ours.header or ""
    if ours.header == base.header:
        return theirs.header or ""
    b, o, t = base.header_catalog(), ours.header_catalog(), theirs.header_catalog()
    o_newer = _newest(o.header.get("PO-Revision-Date"), t.header.get("PO-Revision-Date")) != 1
    header: dict[str, str] = {}
    for key in _union(list(o.header), list(t.header)):  # type: ignore[arg-type]
        vb, vo, vt = b.header.get(key), o.header.get(key), t.header.get(key)
        if key in DATE_FIELDS and vo is not None and vt is not None:
            value = vo if _newest(vo, vt) == 0 else vt
        elif key == "Last-Translator" and vo is not None and vt is not None:
            value = vo if o_newer else vt
        else:
            value = _three(vb, vo, vt)
            if vo != vt and vb not in (vo, vt):
                merged.header_conflicts.append(key)
        if value is not None:
            header[key] = value
    notes = _set_merge(b.header_notes, o.header_notes, t.header_notes)
    notes = _credited(notes, [o, t])
    fuzzy = _three(b.header_fuzzy, o.header_fuzzy, t.header_fuzzy)
    result = Catalog(header=header, entries=[], header_notes=notes, header_fuzzy=fuzzy)
    if (header, notes, fuzzy) == (o.header, o.header_notes, o.header_fuzzy):
        return ours.header or ""
    return _header_text(result)


def _credited(notes: tuple[str, ...], catalogs: list[Catalog]) -> tuple[str, ...]:
    """Return the header comments with a credit line for each side's last translator."""
    out = list(notes)
    names = [cf.clean_name(c.header.get("Last-Translator")) for c in catalogs]
    if len(set(names)) < 2:
        return tuple(out)
    for name, catalog in zip(names, catalogs, strict=True):
        if name == cf.UNKNOWN or any(name in note for note in out):
            continue
        year = (catalog.header.get("PO-Revision-Date") or "")[:4]
        out.append(f"{name}, {year}." if year.isdigit() else f"{name}.")
    return tuple(out)


_DATE = re.compile(r"(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d)(?::\d\d)?([+-]\d{4})?")


def _newest(a: str | None, b: str | None) -> int:
    """Return 0 if date *a* is as new as *b* or newer, else 1 (unreadable dates lose)."""
    da, db = _date(a), _date(b)
    if db is None:
        return 0
    if da is None:
        return 1
    return 0 if da >= db else 1


def _date(value: str | None) -> datetime | None:
    match = _DATE.match(value or "")
    if not match:
        return None
    year, month, day, hour, minute, zone = match.groups()
    try:
        return datetime.strptime(
            f"{year}-{month}-{day} {hour}:{minute}{zone or '+0000'}", "%Y-%m-%d %H:%M%z"
        )
    except ValueError:
        return None
