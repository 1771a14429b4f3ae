"""TMX files: read them as a stream, write TMX 1.4b, import them into the memory.

Usage::

    for source, target in tmx.read("old-work.tmx", "en", "fa"):
        ...
    tmx.write(path, [(source, target), ...], "en", "fa")
    result = tmx.import_tmx(project.root, "old-work.tmx", "en", "fa")
    tmx.sync_imports(project.root, "en", "fa")   # after a pull, or with a new instance/

Reading streams the file through expat (with the limits of
:mod:`workbench.util.xmlguard`), keeping one translation unit at a time, so a
file of hundreds of megabytes reads in bounded memory. TMX 1.1 to 1.4b are
accepted: ``xml:lang`` or ``lang``, UTF-8 or UTF-16 with a byte order mark.
Language codes compare loosely: ``fa``, ``fa-IR``, ``fa_IR`` and ``FA`` all
match the project's ``fa``.

Inline codes (``bpt``, ``ept``, ``ph``, ``it``, ``ut``, with ``sub`` inside)
are markup of the original document: the plain text that the memory matches
leaves their content out, and a standalone code (``ph``, ``ut``: a line
break, a tab, a table cell) between two words reads as a space, never gluing
them;
highlighted text (``hi``) is kept. Each :class:`TmxUnit` keeps its segments
as they came, its languages as written (fr-CA), and the attributes
(``tuid``, ``creationid``, ``changedate``...), ``<prop>`` and ``<note>`` of its
``<tu>`` and ``<tuv>`` (:class:`workbench.memory.codes.Extra`); the memory
stores them with the entry, and :func:`write` writes them back.

An imported file is kept in the project as ``locales/memory/<name>.tmx`` so it
travels with the project; its entries have that path as their origin.
Importing under a name already used replaces the earlier import.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, NoReturn
from xml.parsers import expat
from xml.sax.saxutils import escape, quoteattr

from workbench import __version__
from workbench.errors import TranslationMemoryError
from workbench.memory.codes import Extra, Meta
from workbench.memory.memory import IMPORT_FOLDER, Memory
from workbench.memory.store import Record, file_stamp
from workbench.util import files
from workbench.util.xmlguard import GuardedParser, Refused, not_xml

#: Inline elements whose content is the original format's markup, not text.
_CODES = frozenset({"bpt", "ept", "ph", "it", "ut"})
# Props by which OmegaT tells alternative translations of one source apart.
_KEYS = frozenset({"file", "id", "prev", "next"})
_CHUNK = 1 << 16
_NAME = re.compile(r"[^A-Za-z0-9_-]+")
_UNCLOSED = {expat.errors.codes[m] for m in ("mismatched tag", "no element found")}
_REASONS = {
    "not well-formed (invalid token)": "a character that is not allowed here (is it UTF-8?)",
    "no element found": "the file ends before its elements are closed",
}


def languages_match(a: str, b: str) -> bool:
    """Tell whether two language codes name the same language, loosely.

    >>> languages_match("fa", "FA_ir"), languages_match("pt-BR", "pt_PT")
    (True, False)
    """
    x, y = _subtags(a), _subtags(b)
    n = min(len(x), len(y))
    return n > 0 and x[:n] == y[:n]


def _subtags(code: str) -> list[str]:
    return [part for part in code.strip().replace("_", "-").lower().split("-") if part]


@dataclass(frozen=True)
class TmxUnit:
    """One translation unit for a language pair: plain texts, and what else it carried."""

    source: str
    target: str
    extra: Extra = field(default_factory=Extra)

    @property
    def pair(self) -> tuple[str, str]:
        return (self.source, self.target)

    @property
    def key(self) -> str:
        """What tells this unit from another with the same source: its tuid, or the props
        OmegaT keys an alternative translation by (file, id, prev, next)."""
        tuid = self.extra.tu.get("tuid")
        if tuid:
            return tuid
        keyed = [v for kind, t, v in self.extra.tu.children if kind == "prop" and t in _KEYS]
        return "\x1f".join(keyed)


@dataclass
class _Variant:
    lang: str
    text: str
    markup: str
    meta: Meta


class Reader:
    """Stream the units of a TMX file for one language pair.

    Iterating yields (source, target) pairs; :meth:`tmx_units` yields
    :class:`TmxUnit` records with their inline codes and metadata. After the
    units are read, ``units`` counts the translation units and
    ``skipped`` those without both languages. A file without a single pair
    is refused, unless *require_pair* is false (a shared file that serves
    another target language of the project).
    """

    def __init__(
        self,
        path: str | Path,
        source_lang: str,
        target_lang: str,
        *,
        name: str | None = None,
        require_pair: bool = True,
    ) -> None:
        self.path = Path(path)
        self.name = name or str(path)
        self.require_pair = require_pair
        self.source_lang = source_lang
        self.target_lang = target_lang
        self.units = 0
        self.skipped = 0
        self.pairs = 0
        self.languages: dict[str, None] = {}
        self.srclang = ""
        self._stream: BinaryIO | None = None

    @classmethod
    def from_bytes(cls, data: bytes, source_lang: str, target_lang: str, name: str) -> Reader:
        """Read TMX held in memory; *name* names it in messages."""
        return cls.from_stream(io.BytesIO(data), source_lang, target_lang, name=name)

    @classmethod
    def from_stream(cls, fh: BinaryIO, source_lang: str, target_lang: str, name: str) -> Reader:
        """Read TMX from the open binary file *fh*; *name* names it in messages."""
        reader = cls(name, source_lang, target_lang, name=name)
        reader._stream = fh
        return reader

    def __iter__(self) -> Iterator[tuple[str, str]]:
        for unit in self.tmx_units():
            yield unit.pair

    def tmx_units(self) -> Iterator[TmxUnit]:
        """Yield the units that hold both languages, with their codes and metadata."""
        if self._stream is not None:
            yield from self._read(self._stream)
            return
        try:
            fh = open(self.path, "rb")
        except OSError as exc:
            raise TranslationMemoryError(
                f"cannot be read ({exc.strerror})", path=self.name
            ) from exc
        with fh:
            yield from self._read(fh)

    def _read(self, fh: BinaryIO) -> Iterator[TmxUnit]:
        handler = _Handler(self)
        parser = GuardedParser(handler.start, handler.end, handler.text)
        handler.parser = parser
        try:
            while chunk := fh.read(_CHUNK):
                parser.feed(chunk)
                yield from handler.ready
                self.pairs += len(handler.ready)
                handler.ready.clear()
            parser.feed(b"", True)
        except Refused as exc:
            raise TranslationMemoryError(exc.reason, path=self.name, line=exc.line) from None
        except expat.ExpatError as exc:
            reason = expat.errors.messages[exc.code]
            reason = _REASONS.get(reason, reason)
            detail = f"at column {exc.offset + 1}: {reason}"
            if handler.open and exc.code in _UNCLOSED:
                tag, line = handler.open[-1]
                detail += f"; the <{tag}> opened on line {line} is not closed"
            raise TranslationMemoryError(
                f"is not well-formed XML {detail}; repair it or export it again",
                path=self.name,
                line=exc.lineno,
            ) from None
        except (ValueError, LookupError) as exc:
            # expat reads single-byte encodings only; Python's codecs say so with these.
            raise TranslationMemoryError(
                f"the XML declaration names an encoding that cannot be read here ({exc}); "
                "export the file as UTF-8",
                path=self.name,
                line=1,
            ) from None
        if handler.misplaced:
            tag, line = handler.misplaced
            raise TranslationMemoryError(
                f"a <{tag}> stands inside another <{tag}>; close the first one before it",
                path=self.name,
                line=line,
            )
        yield from handler.ready
        self.pairs += len(handler.ready)
        if self.pairs == 0 and self.require_pair:
            self._refuse()

    def pick(self, tu: Meta, variants: list[_Variant]) -> TmxUnit | None:
        source = _variant(variants, self.source_lang)
        target = _variant(variants, self.target_lang)
        if source is None or target is None or not source.text.strip():
            return None
        if not target.text.strip():
            return None
        extra = Extra(
            source.markup,
            target.markup,
            source.lang,
            target.lang,
            tu,
            source.meta,
            target.meta,
        )
        return TmxUnit(source.text, target.text, extra)

    def _refuse(self) -> None:
        pair = f"{self.source_lang} → {self.target_lang}"
        if not self.units:
            raise TranslationMemoryError(
                "holds no translation units (<tu>); nothing to import", path=self.name
            )
        langs = [code for code in self.languages if not languages_match(code, self.srclang)]
        theirs = f"{self.srclang or '?'} → {', '.join(langs) or '?'}"
        raise TranslationMemoryError(
            f"its languages are {theirs}, but the project translates {pair}: no unit holds "
            f"both {self.source_lang} and {self.target_lang}; export a TMX for {pair}",
            path=self.name,
        )


class _Handler:
    """The expat handlers of one read: the state of the unit being read.

    Outside a ``<seg>`` it follows the structure (``tu``, ``tuv``, ``prop``,
    ``note``); inside one it gathers the plain text (code content left out,
    a standalone code between two words read as a space) and, when the
    segment has any inline element, its inner XML as it came.
    """

    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self.parser: GuardedParser | None = None
        self.ready: list[TmxUnit] = []
        self.open: list[tuple[str, int]] = []
        self.misplaced: tuple[str, int] | None = None
        self.inner_tu = 0
        # the unit being read
        self.variants: list[_Variant] | None = None
        self.tu_meta: tuple[list, list] | None = None
        self.lang: str | None = None
        self.tuv_meta: tuple[list, list] | None = None
        self.variant: _Variant | None = None
        self.prop: tuple[str, str, list[str]] | None = None  # (kind, type, text)
        # the segment being read
        self.seg: list[str] | None = None
        self.markup: list[str] = []
        self.coded = False
        self.drop = 0  # depth inside a code's native content
        self.code: list[str] = []  # the native content of the code being read

    @property
    def line(self) -> int:
        assert self.parser is not None
        return self.parser.line

    def fail(self, message: str) -> NoReturn:
        raise TranslationMemoryError(message, path=self.reader.name, line=self.line)

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if not self.open and tag != "tmx":
            self.fail(f"is not a TMX file: its root element is <{tag}>, not <tmx>")
        self.open.append((tag, self.line))
        if self.seg is not None:
            self._inline_start(tag, attrs)
            return
        if tag == "header":
            self.reader.srclang = attrs.get("srclang", "")
        elif tag == "tu" and self.variants is not None:
            # Refused once the file is known to be well-formed, so that an
            # unclosed <tu> is reported as such by the XML parser first.
            self.misplaced = self.misplaced or ("tu", self.line)
            self.inner_tu += 1
        elif tag == "tu":
            self.variants = []
            self.tu_meta = (list(attrs.items()), [])
        elif tag == "tuv":
            lang = attrs.get("xml:lang") or attrs.get("lang")
            if not lang:
                self.fail("a <tuv> has no xml:lang attribute; give each variant its language")
            if self.variants is None:
                self.fail("a <tuv> stands outside any <tu>")
            self.lang = lang
            self.variant = None
            kept = [(k, v) for k, v in attrs.items() if k not in ("xml:lang", "lang")]
            self.tuv_meta = (kept, [])
        elif tag == "seg":
            if self.lang is None:
                self.fail("a <seg> stands outside any <tuv>")
            self.seg, self.markup, self.coded, self.drop = [], [], False, 0
        elif tag in ("prop", "note"):
            self.prop = (tag, attrs.get("type", ""), [])

    def _inline_start(self, tag: str, attrs: dict[str, str]) -> None:
        assert self.seg is not None
        if tag == "seg":
            self.misplaced = self.misplaced or ("seg", self.line)
        self.coded = True
        self.markup.append(f"<{tag}{''.join(f' {k}={quoteattr(v)}' for k, v in attrs.items())}>")
        if self.drop or tag in _CODES or tag == "seg":
            if not self.drop and tag == "ph":
                self.seg.append(_GAP)  # a standalone code between words is a space
            if not self.drop:
                self.code = []
            self.drop += 1

    def end(self, tag: str) -> None:
        self.open.pop()
        if self.seg is not None and tag != "seg" or self.seg is not None and self.drop:
            self.markup.append(f"</{tag}>")
            if self.drop:
                self.drop -= 1
                if not self.drop and tag == "ut" and _BREAK.search("".join(self.code)):
                    self.seg.append(_GAP)  # an RTF tab or line break
            return
        if tag == "seg":
            assert self.seg is not None  # expat closes only the <seg> start() opened
            text = _joined(self.seg)
            markup = "".join(self.markup) if self.coded else ""
            self.variant = _Variant(self.lang or "", text, markup, Meta())
            self.seg = None
        elif tag in ("prop", "note") and self.prop is not None:
            kind, type_, parts = self.prop
            owner = self.tuv_meta if self.lang is not None else self.tu_meta
            if owner is not None:
                owner[1].append((kind, type_, "".join(parts)))
            self.prop = None
        elif tag == "tuv":
            if self.variant is None:
                self.fail("a <tuv> has no <seg>; each variant needs its text in a <seg>")
            if len(self.reader.languages) < 50:
                self.reader.languages.setdefault(self.lang or "", None)
            assert self.variants is not None and self.tuv_meta is not None
            self.variant.meta = Meta(tuple(self.tuv_meta[0]), tuple(self.tuv_meta[1]))
            self.variants.append(self.variant)
            self.lang = None
        elif tag == "tu" and self.inner_tu:
            self.inner_tu -= 1
        elif tag == "tu":
            self.reader.units += 1
            assert self.tu_meta is not None
            tu = Meta(tuple(self.tu_meta[0]), tuple(self.tu_meta[1]))
            unit = self.reader.pick(tu, self.variants or [])
            if unit is None:
                self.reader.skipped += 1
            else:
                self.ready.append(unit)
            self.variants = None

    def text(self, data: str) -> None:
        if self.seg is not None:
            self.markup.append(escape(data))
            if not self.drop:
                self.seg.append(data)
            else:
                self.code.append(data)
        elif self.prop is not None:
            self.prop[2].append(data)


# Stands for a standalone code in a segment's text until the text is joined.
_GAP = "\x00"


# RTF's tab, line and paragraph breaks and table cells, as a <ut> holds them.
_BREAK = re.compile(r"\\(tab|line|par|cell)\b")


def _joined(pieces: list[str]) -> str:
    """Join a segment's text; a standalone code becomes a space only between two words."""
    text = "".join(pieces)
    if _GAP not in text:
        return text
    out: list[str] = []
    for n, part in enumerate(text.split(_GAP)):
        if n and out and out[-1][-1:].isalnum() and part[:1].isalnum():
            out.append(" ")
        out.append(part)
    return "".join(out)


def _variant(variants: list[_Variant], lang: str) -> _Variant | None:
    want = _subtags(lang)
    loose = None
    for variant in variants:
        have = _subtags(variant.lang)
        if have == want:
            return variant
        if loose is None and languages_match(variant.lang, lang):
            loose = variant
    return loose


def read(path: str | Path, source_lang: str, target_lang: str) -> Iterator[tuple[str, str]]:
    """Yield the (source, target) pairs of the TMX file at *path*.

    Raises :class:`TranslationMemoryError` naming the file and line when it is
    malformed, and naming both language pairs when no unit holds the pair.
    """
    return iter(Reader(path, source_lang, target_lang))


def write(
    path: str | Path,
    units: Iterable[TmxUnit | tuple[str, str]],
    source_lang: str,
    target_lang: str,
    *,
    lock_dir: Path | None = None,
) -> int:
    """Write *units* as a TMX 1.4b file, atomically; return how many were written.

    A :class:`TmxUnit` read from another file is written as it came: its
    segments with their inline codes, its languages (fr-CA stays fr-CA), the
    attributes, props and notes of its ``<tu>`` and ``<tuv>``. The folder
    must exist (a missing one is an error, not made); the lock is taken in
    *lock_dir* (a project's ``instance/locks``), else beside the file.
    """
    path = Path(path)
    src, tgt = _tmx_code(source_lang), _tmx_code(target_lang)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        '<tmx version="1.4">\n',
        f'  <header creationtool="workbench" creationtoolversion="{__version__}" '
        f'datatype="plaintext" segtype="sentence" adminlang="en" srclang={quoteattr(src)} '
        'o-tmf="workbench"/>\n',
        "  <body>\n",
    ]
    count = 0
    for count, unit in enumerate(units, 1):
        if not isinstance(unit, TmxUnit):
            unit = TmxUnit(*unit)
        for text in (unit.source, unit.target):
            bad = not_xml(text)
            if bad:
                raise TranslationMemoryError(
                    f"unit {count} ({unit.source[:40]!r}) holds the character "
                    f"U+{ord(bad):04X}, which XML cannot carry; remove it and try again",
                    path=path,
                )
        out.append(_unit_xml(unit, src, tgt))
    out.append("  </body>\n</tmx>\n")
    with files.locked(path, lock_dir):
        files.atomic_write(path, "".join(out), make_folder=False)
    return count


def _unit_xml(unit: TmxUnit, src: str, tgt: str) -> str:
    extra = unit.extra
    if extra == Extra():
        return (
            f"    <tu>\n"
            f"      <tuv xml:lang={quoteattr(src)}><seg>{_text(unit.source)}</seg></tuv>\n"
            f"      <tuv xml:lang={quoteattr(tgt)}><seg>{_text(unit.target)}</seg></tuv>\n"
            f"    </tu>\n"
        )
    lines = [f"    <tu{_attrs(extra.tu.attrs)}>\n", *_children(extra.tu, "      ")]
    variants = (
        (extra.source_lang or src, extra.source, extra.source_markup or _text(unit.source)),
        (extra.target_lang or tgt, extra.target, extra.target_markup or _text(unit.target)),
    )
    for lang, meta, seg in variants:
        head = f"      <tuv xml:lang={quoteattr(lang)}{_attrs(meta.attrs)}>"
        if meta.children:
            lines += [head + "\n", *_children(meta, "        "), f"        <seg>{seg}</seg>\n"]
            lines.append("      </tuv>\n")
        else:
            lines.append(f"{head}<seg>{seg}</seg></tuv>\n")
    lines.append("    </tu>\n")
    return "".join(lines)


def _attrs(attrs: tuple[tuple[str, str], ...]) -> str:
    return "".join(f" {k}={quoteattr(v)}" for k, v in attrs)


def _children(meta: Meta, pad: str) -> list[str]:
    out = []
    for kind, type_, value in meta.children:
        typed = f" type={quoteattr(type_)}" if kind == "prop" else ""
        out.append(f"{pad}<{kind}{typed}>{_text(value)}</{kind}>\n")
    return out


def _text(text: str) -> str:
    # A carriage return would be read back as a line feed unless escaped.
    return escape(text).replace("\r", "&#13;")


def _tmx_code(code: str) -> str:
    """Spell *code* as TMX does (RFC 4646): ``fa_ir`` -> ``fa-IR``."""
    first, *rest = _subtags(code) or ["und"]
    rest = [p.upper() if len(p) == 2 else p.title() if len(p) == 4 else p for p in rest]
    return "-".join([first, *rest])


# -- importing -----------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    """What an import did: where the file went and how many pairs it gave."""

    name: str
    path: str
    units: int
    pairs: int
    skipped: int
    languages: tuple[str, ...]
    changed: bool


def import_tmx(
    project_root: str | Path,
    path: str | Path,
    source_lang: str,
    target_lang: str,
    *,
    name: str | None = None,
) -> ImportResult:
    """Import the TMX file at *path* into the project's memory of *target_lang*.

    The file is copied beside its place in ``locales/memory/<name>.tmx`` and
    the copy is read in full first; a file that is malformed or lacks the
    language pair changes nothing. Then the copy takes its place and its
    pairs are indexed. Both steps stream, so a large file needs little memory.
    """
    root = Path(project_root)
    path = Path(path)
    slug = _slug(name or path.stem)
    relative = f"{IMPORT_FOLDER}{slug}.tmx"
    dest = root / relative
    try:
        source = open(path, "rb")
    except OSError as exc:
        raise TranslationMemoryError(f"cannot be read ({exc.strerror})", path=path) from exc
    with source, files.locked(dest, root / "instance" / "locks"):
        with files.atomic_stream(dest) as staged:
            digest = _copy(source, staged, path)
            staged.seek(0)
            check = Reader.from_stream(staged, source_lang, target_lang, name=str(path))
            for _ in check:
                pass
    with Memory.open(root / "instance", target_lang) as memory:
        changed = _index(memory, dest, relative, source_lang, target_lang, digest)
    return ImportResult(
        name=slug,
        path=relative,
        units=check.units,
        pairs=check.pairs,
        skipped=check.skipped,
        languages=tuple(check.languages),
        changed=changed,
    )


def _copy(source: BinaryIO, out: BinaryIO, path: Path) -> str:
    """Copy *source* (the file at *path*) to *out*; return the SHA-256 of what was copied."""
    digest = hashlib.sha256()
    while True:
        try:
            chunk = source.read(1 << 20)
        except OSError as exc:
            raise TranslationMemoryError(f"cannot be read ({exc.strerror})", path=path) from exc
        if not chunk:
            break
        digest.update(chunk)
        out.write(chunk)
    return digest.hexdigest()


def sync_imports(
    project_root: str | Path, source_lang: str, target_lang: str, *, memory: Memory | None = None
) -> list[str]:
    """Index the TMX files in ``locales/memory/`` that changed; drop vanished ones.

    A file whose size, dates and inode are those it had when it was read is
    not read again. Return the origins that changed.
    """
    root = Path(project_root)
    folder = root / IMPORT_FOLDER
    found = sorted(folder.glob("*.tmx")) if folder.is_dir() else []
    changed = []
    mem = Memory.open(root / "instance", target_lang) if memory is None else memory
    try:
        stored = mem.files()
        keep = set()
        for path in found:
            relative = f"{IMPORT_FOLDER}{path.name}"
            keep.add(relative)
            stamp = file_stamp(path)
            if stamp is not None and (stored.get(relative) or "").startswith(f"{stamp} "):
                continue
            if _index(mem, path, relative, source_lang, target_lang, _file_digest(path)):
                changed.append(relative)
        for origin in stored:
            if origin.startswith(IMPORT_FOLDER) and origin not in keep:
                mem.remove_origin(origin)
                changed.append(origin)
    finally:
        if memory is None:
            mem.close()
    return changed


def _index(
    memory: Memory, path: Path, origin: str, source_lang: str, target_lang: str, digest: str
) -> bool:
    # What the memory keeps of the file: its stamp, then its digest. A file
    # touched or checked out again, its bytes the same, is not read again.
    file = f"{file_stamp(path)} {digest}"
    stored = memory.files().get(origin) or ""
    if stored.endswith(f" {digest}"):
        if stored != file:
            memory.stamp(origin, file)
        return False
    # A file in locales/memory/ may serve another target language only.
    reader = Reader(path, source_lang, target_lang, name=origin, require_pair=False)
    records = (
        Record(u.source, u.target, origin, context=u.key, extra=u.extra.dumps())
        for u in reader.tmx_units()
    )
    return memory.replace_origin(origin, records, file=file)


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _slug(name: str) -> str:
    slug = _NAME.sub("-", name).strip("-")[:100]
    if not slug:
        # A name in another script: keep it apart from other imports all the same.
        slug = "import-" + hashlib.sha1(name.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return slug
