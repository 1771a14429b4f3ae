"""TMX files: read them as a stream, write TMX 1.4b, import them into the memory.

Usage::

    for source, target in tmx.read("old-work.tmx", "en", "fa"):
        ...
    tmx.write(path, [(source, target), ...], "en", "fa")
    result = tmx.import_tmx(project.root, "old-work.tmx", "en", "fa")
    tmx.sync_imports(project.root, "en", "fa")   # after a pull, or with a new instance/

Reading streams the file through expat, keeping one translation unit at a time,
so a file of hundreds of megabytes reads in bounded memory. TMX 1.1 to 1.4b are
accepted: ``xml:lang`` or ``lang``; inline codes (``bpt``, ``ept``, ``ph``,
``it``, ``ut``) are markup of the original format and their text is dropped,
while highlighted text (``hi``) is kept. Language codes compare loosely: ``fa``,
``fa-IR``, ``fa_IR`` and ``FA`` all match the project's ``fa``.

An imported file is kept in the project as ``locales/memory/<name>.tmx`` so it
travels with the project; its entries have that path as their origin.
Importing under a name already used replaces the earlier import.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, NoReturn
from xml.parsers import expat
from xml.sax.saxutils import escape, quoteattr

from workbench import __version__
from workbench.errors import TranslationMemoryError
from workbench.memory.memory import IMPORT_FOLDER, Memory
from workbench.memory.store import Record
from workbench.util import files

#: Inline elements whose content is the original format's markup, not text.
_CODES = frozenset({"bpt", "ept", "ph", "it", "ut"})
_CHUNK = 1 << 16
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
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


class Reader:
    """Stream the (source, target) pairs of a TMX file for one language pair.

    After the pairs are read, ``units`` counts the translation units and
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
        if self._stream is not None:
            yield from self._pairs(self._stream)
            return
        try:
            fh = open(self.path, "rb")
        except OSError as exc:
            raise TranslationMemoryError(
                f"cannot be read ({exc.strerror})", path=self.name
            ) from exc
        with fh:
            yield from self._pairs(fh)

    def _pairs(self, fh: BinaryIO) -> Iterator[tuple[str, str]]:
        parser = expat.ParserCreate()
        ready: list[tuple[str, str]] = []
        state = _State()

        def fail(message: str) -> NoReturn:
            raise TranslationMemoryError(message, path=self.name, line=parser.CurrentLineNumber)

        def start(tag: str, attrs: dict[str, str]) -> None:
            if state.depth == 0 and tag != "tmx":
                fail(f"is not a TMX file: its root element is <{tag}>, not <tmx>")
            state.depth += 1
            state.open.append((tag, parser.CurrentLineNumber))
            if state.seg is not None:
                if tag == "seg":
                    state.misplaced = state.misplaced or ("seg", parser.CurrentLineNumber)
                if tag in _CODES or tag == "seg" or state.drop:
                    state.drop += 1
                return
            if tag == "header":
                self.srclang = attrs.get("srclang", "")
            elif tag == "tu" and state.variants is not None:
                # Refused once the file is known to be well-formed, so that an
                # unclosed <tu> is reported as such by the XML parser first.
                state.misplaced = state.misplaced or ("tu", parser.CurrentLineNumber)
                state.inner_tu += 1
            elif tag == "tu":
                state.variants = []
                state.line = parser.CurrentLineNumber
            elif tag == "tuv":
                lang = attrs.get("xml:lang") or attrs.get("lang")
                if not lang:
                    fail("a <tuv> has no xml:lang attribute; give each variant its language")
                if state.variants is None:
                    fail("a <tuv> stands outside any <tu>")
                state.lang = lang
                state.text = None
            elif tag == "seg":
                if state.lang is None:
                    fail("a <seg> stands outside any <tuv>")
                state.seg = []

        def end(tag: str) -> None:
            state.depth -= 1
            state.open.pop()
            if state.seg is not None and (tag != "seg" or state.drop):
                if state.drop:
                    state.drop -= 1
                return
            if tag == "seg":
                assert state.seg is not None  # expat closes only the <seg> start() opened
                state.text = "".join(state.seg)
                state.seg = None
            elif tag == "tuv":
                if state.text is None:
                    fail("a <tuv> has no <seg>; each variant needs its text in a <seg>")
                if len(self.languages) < 50:
                    self.languages.setdefault(state.lang or "", None)
                assert state.variants is not None  # start() refuses a <tuv> outside a <tu>
                state.variants.append((state.lang or "", state.text))
                state.lang = None
            elif tag == "tu" and state.inner_tu:
                state.inner_tu -= 1
            elif tag == "tu":
                self.units += 1
                pair = self._pick(state.variants or [])
                if pair is None:
                    self.skipped += 1
                else:
                    ready.append(pair)
                state.variants = None

        def text(data: str) -> None:
            if state.seg is not None and not state.drop:
                state.seg.append(data)

        def entity(name: str, *_: object) -> None:
            fail(f"declares the entity {name!r}; TMX needs none, so it is refused for safety")

        parser.StartElementHandler = start
        parser.EndElementHandler = end
        parser.CharacterDataHandler = text
        parser.EntityDeclHandler = entity
        parser.buffer_text = True
        try:
            while chunk := fh.read(_CHUNK):
                parser.Parse(chunk, False)
                yield from ready
                self.pairs += len(ready)
                ready.clear()
            parser.Parse(b"", True)
        except expat.ExpatError as exc:
            reason = expat.errors.messages[exc.code]
            reason = _REASONS.get(reason, reason)
            detail = f"at column {exc.offset + 1}: {reason}"
            if state.open and exc.code in _UNCLOSED:
                tag, line = state.open[-1]
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
        if state.misplaced:
            tag, line = state.misplaced
            raise TranslationMemoryError(
                f"a <{tag}> stands inside another <{tag}>; close the first one before it",
                path=self.name,
                line=line,
            )
        yield from ready
        self.pairs += len(ready)
        if self.pairs == 0 and self.require_pair:
            self._refuse()

    def _pick(self, variants: list[tuple[str, str]]) -> tuple[str, str] | None:
        source = _variant(variants, self.source_lang)
        target = _variant(variants, self.target_lang)
        if source is None or target is None or not source.strip() or not target.strip():
            return None
        return source, target

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


class _State:
    __slots__ = (
        "depth", "open", "variants", "lang", "text", "seg", "drop", "line", "inner_tu", "misplaced"
    )  # fmt: skip

    def __init__(self) -> None:
        self.depth = 0
        self.open: list[tuple[str, int]] = []
        self.variants: list[tuple[str, str]] | None = None
        self.lang: str | None = None
        self.text: str | None = None
        self.seg: list[str] | None = None
        self.drop = 0
        self.line = 0
        self.inner_tu = 0
        self.misplaced: tuple[str, int] | None = None


def _variant(variants: list[tuple[str, str]], lang: str) -> str | None:
    want = _subtags(lang)
    loose = None
    for code, text in variants:
        have = _subtags(code)
        if have == want:
            return text
        if loose is None and languages_match(code, lang):
            loose = text
    return loose


def read(path: str | Path, source_lang: str, target_lang: str) -> Iterator[tuple[str, str]]:
    """Yield the (source, target) pairs of the TMX file at *path*.

    Raises :class:`TranslationMemoryError` naming the file and line when it is
    malformed, and naming both language pairs when no unit holds the pair.
    """
    return iter(Reader(path, source_lang, target_lang))


def write(
    path: str | Path,
    units: Iterable[tuple[str, str]],
    source_lang: str,
    target_lang: str,
    *,
    lock_dir: Path | None = None,
) -> int:
    """Write *units* as a TMX 1.4b file, atomically; return how many were written."""
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
    for count, (source, target) in enumerate(units, 1):
        for text in (source, target):
            bad = _NOT_XML.search(text)
            if bad:
                raise TranslationMemoryError(
                    f"unit {count} ({source[:40]!r}) holds the character "
                    f"U+{ord(bad.group()):04X}, which XML cannot carry; remove it and try again",
                    path=path,
                )
        out.append(
            f"    <tu>\n"
            f"      <tuv xml:lang={quoteattr(src)}><seg>{_text(source)}</seg></tuv>\n"
            f"      <tuv xml:lang={quoteattr(tgt)}><seg>{_text(target)}</seg></tuv>\n"
            f"    </tu>\n"
        )
    out.append("  </body>\n</tmx>\n")
    with files.locked(path, lock_dir):
        files.atomic_write(path, "".join(out))
    return count


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
    with Memory.open(root / "instance", target_lang, warm=False) as memory:
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


def sync_imports(project_root: str | Path, source_lang: str, target_lang: str) -> list[str]:
    """Index the TMX files in ``locales/memory/`` that changed; drop vanished ones.

    Return the origins that changed.
    """
    root = Path(project_root)
    folder = root / IMPORT_FOLDER
    found = sorted(folder.glob("*.tmx")) if folder.is_dir() else []
    changed = []
    with Memory.open(root / "instance", target_lang, warm=False) as memory:
        keep = set()
        for path in found:
            relative = f"{IMPORT_FOLDER}{path.name}"
            keep.add(relative)
            digest = _file_digest(path)
            if _index(memory, path, relative, source_lang, target_lang, digest):
                changed.append(relative)
        for origin in memory.origins():
            if origin.startswith(IMPORT_FOLDER) and origin not in keep:
                memory.remove_origin(origin)
                changed.append(origin)
    return changed


def _index(
    memory: Memory, path: Path, origin: str, source_lang: str, target_lang: str, digest: str
) -> bool:
    # A file in locales/memory/ may serve another target language only.
    reader = Reader(path, source_lang, target_lang, name=origin, require_pair=False)
    records = (Record(source, target, origin) for source, target in reader)
    return memory.replace_origin(origin, records, file=digest)


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
