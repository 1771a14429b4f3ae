"""CSV in and out, for spreadsheets: one row per concept, a header naming the columns.

Columns (names are case-insensitive, in any order; only one language column
is needed):

``LANG`` or ``LANG:preferred``
    the preferred term in that language (``en``, ``fa``, ``ckb``, ``pt_BR``...)
``LANG:admitted``, ``LANG:deprecated``, ``LANG:forbidden``
    further terms with that status; several in one cell are separated by
    ``|`` (a bar, never part of a term; ``;`` and ``,`` occur in slogans)
``id``
    the concept id; without it a row updates the concept whose preferred
    term in the source language is the row's, or adds a new concept
``subject``, ``definition``, ``note`` (the decision note)
``pos`` (or ``part_of_speech``), ``treatment``, ``case_sensitive`` (yes/no)
    one value for all the terms of the row; a target term spelled exactly as
    a source term (IRGC in Persian) is ``keep``
``term_exceptions``
    the terms whose part of speech, treatment or case sensitivity differ from
    the row's: ``LANG:TERM = WORD, WORD`` entries separated by ``|``, each word
    a treatment (translate, transliterate, keep), a part of speech (noun,
    adjective, properNoun...; ``no part of speech``), ``case-sensitive`` or
    ``not case-sensitive``: ``en:US = case-sensitive | fa:استکبار = translate``.
    Tools that know only the other columns ignore it.

A language column may be named by its English name too (``English,Persian,German``,
as spreadsheets often are), with or without a region (``fa-IR``).

Weblate's shapes are read as they come: ``source,target``,
``source,target,translator_comments``, ``context,source,target`` and the full
download (``location,source,target,id,fuzzy,context,translator_comments,
developer_comments``). The target language is named by the import
(``--lang``); rows with the same source and context are the alternative
renderings of one concept (the first preferred, the rest admitted); a context
makes a concept of its own (``strike-noun``, ``strike-verb``) and is kept on
it; translator comments become the decision note, developer comments the
definition; location, id and the fuzzy flag are counted as not kept. The
apostrophes current Weblate wraps around formula-like cells are removed, and
the backslashes older Weblate doubled are read single.

The simplest file is ``en,fa`` then ``council,شورا``. The file must be
UTF-8 (a byte order mark, as Excel writes, is fine); the delimiter is the
comma, or a semicolon or tab if the header uses those instead.

Import merges, it does not replace: an empty cell says nothing. If a row has
any term in a language, its cells in that language's columns replace the
concept's terms of those statuses (so a term deleted from a cell goes);
columns the file does not have leave those terms alone. A ``pos``,
``treatment`` or ``case_sensitive`` cell that still shows what the export
wrote leaves each term's own value; what ``term_exceptions`` says of a term
holds whatever those cells say (an entry left out says nothing).

Export writes every concept with the columns above (status columns, and
``term_exceptions``, only where used): the row's cells show the preferred
source term's part of speech, treatment and case, and ``term_exceptions``
every term that differs, so a concept reads back with each term's own
values. UTF-8 with a byte order mark so spreadsheets read Persian right
(``--no-bom`` leaves it out). A cell that a spreadsheet would run as a
formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return) is written with a leading apostrophe, OWASP's rule; import removes
exactly that apostrophe, so every cell comes back as it was. In the TBX
only: term notes, a term's type, context, source, reliability, finer status
word and other data categories, the concept's source, other categories and
what it says per language, the order of a language's terms across statuses,
and a sync conflict (an import keeps the glossary's own).
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import difflib
import io
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from workbench.errors import GlossaryError, LanguageError
from workbench.glossary.incoming import Incoming, apply_shared, shared_attributes
from workbench.glossary.model import (
    ADMITTED,
    PARTS_OF_SPEECH,
    PREFERRED,
    SEPARATOR,
    STATUSES,
    TREATMENTS,
    Concept,
    Glossary,
    Problem,
    Term,
    check_concept,
    parse_flag,
    parse_part_of_speech,
    parse_treatment,
    slug,
    unused_id,
)
from workbench.lang.locales import code_for_name, language, suggest
from workbench.util.encodings import likely_encoding

FIELDS = ("id", "subject", "definition", "note")
SHARED = ("pos", "treatment", "case_sensitive")
#: The column that names the terms whose attributes differ from the row's.
EXCEPTIONS = "term_exceptions"
#: The term attributes a row's SHARED cells set, in the order of those cells.
ATTRIBUTES = ("part_of_speech", "treatment", "case_sensitive")
_ALIASES = {
    "term exceptions": EXCEPTIONS,
    "part_of_speech": "pos",
    "part of speech": "pos",
    "partofspeech": "pos",
    "case": "case_sensitive",
    "case sensitive": "case_sensitive",
    "decision": "note",
    "concept": "id",
}
_YES = {"yes", "y", "true", "1", "x"}
_NO = {"no", "n", "false", "0"}
# Words of a term_exceptions cell beyond the treatments and parts of speech.
CASE_SENSITIVE = "case-sensitive"
NOT_CASE_SENSITIVE = "not case-sensitive"
NO_PART_OF_SPEECH = "no part of speech"
_CASE_WORDS = {
    CASE_SENSITIVE: True,
    "case sensitive": True,
    NOT_CASE_SENSITIVE: False,
    "not case sensitive": False,
    "case-insensitive": False,
    "case insensitive": False,
}


# -- reading -----------------------------------------------------------------

#: Columns of Weblate's CSV (glossary and translation downloads).
WEBLATE = frozenset(
    {
        "location",
        "source",
        "target",
        "id",
        "fuzzy",
        "context",
        "translator_comments",
        "developer_comments",
    }
)
# A cell a spreadsheet would run as a formula starts with one of these (OWASP).
_FORMULA = re.compile(r"'*[=+\-@\t\r]")
_NEUTRALISED = re.compile(r"'+[=+\-@\t\r]")
# Current Weblate wraps such cells (and those starting with % or |) in apostrophes.
_WEBLATE_WRAPPED = re.compile(r"'([=+\-@%|\t\r].*)'\Z", re.DOTALL)


def neutralise(cell: str) -> str:
    """Return *cell* as a spreadsheet shows it as text, never running it as a formula.

    OWASP's rule: a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or
    a carriage return gets a leading apostrophe; so does one that already
    starts with apostrophes before such a character, so :func:`restore` can
    tell them apart.

    >>> neutralise("=HYPERLINK(1)"), neutralise("'=x"), neutralise("council")
    ("'=HYPERLINK(1)", "''=x", 'council')
    """
    return "'" + cell if _FORMULA.match(cell) else cell


def restore(cell: str) -> str:
    """Undo :func:`neutralise`.

    >>> restore("'=HYPERLINK(1)"), restore("''=x"), restore("'council'")
    ('=HYPERLINK(1)', "'=x", "'council'")
    """
    return cell[1:] if _NEUTRALISED.match(cell) else cell


def read(
    data: bytes,
    name: str,
    source_language: str,
    target_language: str | None = None,
    skipped: Counter[str] | None = None,
) -> list[Incoming]:
    """Read the rows of a glossary CSV, each checked; problems name *name* and the line.

    *target_language* is the language of a ``target`` column (Weblate's
    shapes name none). What the file holds that the glossary cannot is
    counted into *skipped*.
    """
    text = decode(data, name)
    source_language = language(source_language).code
    # Older Weblate (translate-toolkit's dialect) quotes every field and
    # escapes with a backslash.
    legacy = text.lstrip("\ufeff").startswith('"location","source"')
    reader = csv.reader(io.StringIO(text, newline=""), _dialect(text, legacy), strict=True)
    rows = _rows(reader, name)
    try:
        _, header = next(rows)
    except StopIteration:
        raise GlossaryError(
            "the file is empty; write a header row such as: en,fa", path=name
        ) from None
    names = [_header_cell(cell) for cell in header]
    if "source" in names and "target" in names and set(names) <= WEBLATE:
        return _weblate(rows, names, name, source_language, target_language, skipped)
    columns = _columns(header, name)
    incoming = []
    made: set[str] = set()
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        _check_width(row, columns, name, line)
        cells = [restore(cell) for cell in row]
        incoming.append(_row(cells, columns, source_language, name, line, made))
    return incoming


def _header_cell(cell: str) -> str:
    return cell.strip().lstrip("\ufeff").strip().lower()


def _check_width(row: list[str], columns: list[Any], name: str, line: int) -> None:
    if len(row) > len(columns) and any(c.strip() for c in row[len(columns) :]):
        raise GlossaryError(
            f"the row has {len(row)} cells but the header names {len(columns)} columns; "
            "quote cells that contain the delimiter",
            path=name,
            line=line,
        )


def decode(data: bytes, name: str) -> str:
    """Return *data* as text, if it is UTF-8 (with or without a byte order mark)."""
    start = 0
    if data.startswith(codecs.BOM_UTF8):
        start = len(codecs.BOM_UTF8)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise GlossaryError(
            "the file is UTF-16 (it starts with a UTF-16 byte order mark at offset 0); "
            'save it as "CSV UTF-8" and import again',
            path=name,
            line=1,
        )
    nul = data.find(b"\0", start)
    if nul != -1:
        raise GlossaryError(
            f"a NUL byte at offset {nul}: the file is not UTF-8 text (UTF-16?); "
            'save it as "CSV UTF-8" and import again',
            path=name,
            line=data.count(b"\n", 0, nul) + 1,
        )
    try:
        return data[start:].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = start + exc.start
        byte = data[offset : offset + 1].hex().upper()
        raise GlossaryError(
            f"byte 0x{byte} at offset {offset} is not UTF-8: the file is in another encoding "
            f'(it looks like {likely_encoding(data[start:])}); save it as "CSV UTF-8" and '
            "import again",
            path=name,
            line=data.count(b"\n", 0, offset) + 1,
        ) from None


def _dialect(text: str, legacy: bool = False) -> type[csv.Dialect]:
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ","))

    class Dialect(csv.excel):
        delimiter = best
        escapechar = "\\" if legacy else None
        doublequote = not legacy

    return Dialect


def _rows(reader: Any, name: str):
    line = 1
    try:
        for row in reader:
            yield line, row
            line = reader.line_num + 1
    except csv.Error as exc:
        raise GlossaryError(
            f"not valid CSV ({exc}); check the quotes in this row", path=name, line=line
        ) from None


def _columns(header: list[str], name: str) -> list[Any]:
    columns: list[Any] = []
    for index, raw in enumerate(header, start=1):
        cell = raw.strip().lstrip("\ufeff").strip()
        if not cell:
            raise GlossaryError(
                f"column {index} has no name; name it (for example fa:admitted) or delete it",
                path=name,
                line=1,
            )
        key = _column(cell, name)
        if key in columns:
            raise GlossaryError(f'the column "{cell}" appears twice; keep one', path=name, line=1)
        columns.append(key)
    if not any(isinstance(key, tuple) for key in columns):
        raise GlossaryError(
            "no language columns; name at least one column with a language code, such as en or fa",
            path=name,
            line=1,
        )
    return columns


def _column(cell: str, name: str) -> Any:
    lowered = cell.lower()
    lowered = _ALIASES.get(lowered, lowered)
    if lowered in FIELDS or lowered in SHARED or lowered == EXCEPTIONS:
        return lowered
    code, _, status = cell.partition(":")
    status = status.strip().lower() or PREFERRED
    if status not in STATUSES:
        raise GlossaryError(
            f'unknown status "{cell.partition(":")[2]}" in the column "{cell}"; '
            f"use {code}, {code}:admitted, {code}:deprecated or {code}:forbidden",
            path=name,
            line=1,
        )
    # A spreadsheet may name its columns English, Persian, German...
    found = _language_code(code.strip())
    if found is None:
        raise GlossaryError(_unknown_column(cell, code.strip()), path=name, line=1)
    return (found, status)


def _unknown_column(cell: str, code: str) -> str:
    close = difflib.get_close_matches(
        cell.lower(), [*FIELDS, *SHARED, EXCEPTIONS], n=1, cutoff=0.75
    )
    if close:
        return f'unknown column "{cell}"; did you mean "{close[0]}"?'
    near = suggest(code)
    if near:
        return f'unknown language column "{cell}"; did you mean "{near}"?'
    return (
        f'unknown column "{cell}"; use id, subject, definition, note, pos, treatment, '
        "case_sensitive, term_exceptions, or a language code such as fa (with :admitted, "
        ":deprecated or :forbidden)"
    )


def _row(
    row: list[str],
    columns: list[Any],
    source_language: str,
    name: str,
    line: int,
    made: set[str],
) -> Incoming:
    cells = {key: (row[i].strip() if i < len(row) else "") for i, key in enumerate(columns)}
    shared = _shared(cells, name, line)
    terms = list(apply_shared(_terms(cells, name, line), source_language, **shared))
    terms, stated = _exceptions(cells.get(EXCEPTIONS, ""), terms, name, line)
    cid, explicit = _row_id(cells.get("id", ""), terms, source_language, made)
    concept = Concept(
        cid,
        tuple(terms),
        definition=cells.get("definition", ""),
        subject=cells.get("subject", ""),
        note=_unescape_newlines(cells.get("note", "")),
    )
    try:
        concept = check_concept(concept)
    except Problem as problem:
        raise GlossaryError(problem.detail, path=name, line=line) from None
    return Incoming(concept, line, (), explicit, _given(columns, terms), shared, stated)


def _terms(cells: dict[Any, str], name: str, line: int) -> list[Term]:
    """Return the terms of a row's language cells, several in a cell split at the bar."""
    terms: list[Term] = []
    for key, cell in cells.items():
        if not isinstance(key, tuple) or not cell:
            continue
        lang, status = key
        pieces = [p.strip() for p in cell.split(SEPARATOR)]
        if not all(pieces):
            raise GlossaryError(
                f'the column "{_label(key)}" has an empty term between "{SEPARATOR}" '
                f'separators; remove the extra "{SEPARATOR}"',
                path=name,
                line=line,
            )
        terms += [Term(p, lang, status) for p in pieces]
    return terms


def _shared(cells: dict[Any, str], name: str, line: int) -> dict[str, Any]:
    """Return the part of speech, treatment and case sensitivity a row sets for all its terms."""
    shared: dict[str, Any] = {}
    try:
        if cells.get("pos"):
            shared["part_of_speech"] = parse_part_of_speech(cells["pos"])
        if cells.get("treatment"):
            shared["treatment"] = parse_treatment(cells["treatment"])
        if cells.get("case_sensitive"):
            shared["case_sensitive"] = parse_flag(
                cells["case_sensitive"], _YES, _NO, "case_sensitive"
            )
    except GlossaryError as exc:
        raise GlossaryError(exc.detail, path=name, line=line) from None
    return shared


def _exceptions(
    cell: str, terms: list[Term], name: str, line: int
) -> tuple[list[Term], frozenset[tuple[str, str, str]]]:
    """Give the terms a term_exceptions cell names their own attributes.

    The cell is ``LANG:TERM = WORD, WORD`` entries separated by ``|``
    (``en:US = case-sensitive | fa:HEPCO = keep``): a language code or name,
    the term as the row writes it, and a treatment, a part of speech,
    ``case-sensitive`` or ``not case-sensitive``. Return the terms and
    (language, text, attribute) for each attribute set.
    """
    if not cell:
        return terms, frozenset()
    index = {(t.language, t.text): n for n, t in enumerate(terms)}
    out = list(terms)
    stated: set[tuple[str, str, str]] = set()
    named: set[tuple[str, str]] = set()

    def refuse(message: str) -> GlossaryError:
        return GlossaryError(f"the {EXCEPTIONS} cell: {message}", path=name, line=line)

    for piece in (p.strip() for p in cell.split(SEPARATOR)):
        head, equals, words = piece.rpartition("=")
        code, colon, text = head.partition(":")
        code, text = code.strip(), text.strip()
        if not piece:
            raise refuse(f'an empty entry between "{SEPARATOR}" separators; remove the extra one')
        if not (equals and colon and code and text):
            raise refuse(
                f"«{piece}» is not LANG:TERM = WORDS; write it as, for example, fa:IRGC = keep"
            )
        lang = _language_code(code)
        if lang is None:
            raise refuse(f'«{piece}» names the unknown language "{code}"; use a code such as fa')
        key = (lang, text)
        if key not in index:
            raise refuse(
                f"«{piece}» names the {lang} term «{text}», which the row does not have; write "
                f"the term in a {lang} column too, or leave it out of {EXCEPTIONS}"
            )
        if key in named:
            raise refuse(f"the {lang} term «{text}» is named twice; give it one entry")
        named.add(key)
        try:
            changes = _exception_words(words)
        except GlossaryError as exc:
            raise refuse(f"«{piece}»: {exc.detail}") from None
        out[index[key]] = dataclasses.replace(out[index[key]], **changes)
        stated |= {(lang, text, attr) for attr in changes}
    return out, frozenset(stated)


def _exception_words(words: str) -> dict[str, Any]:
    """Return the attributes the words of one term_exceptions entry set."""
    changes: dict[str, Any] = {}
    for word in (w.strip() for w in words.split(",")):
        lowered = word.lower()
        if not word:
            raise GlossaryError(f"a word is missing; write, for example, {CASE_SENSITIVE} or keep")
        if lowered in _CASE_WORDS:
            attr, value = "case_sensitive", _CASE_WORDS[lowered]
        elif lowered == NO_PART_OF_SPEECH:
            attr, value = "part_of_speech", ""
        else:
            try:
                attr, value = "treatment", parse_treatment(word)
            except GlossaryError:
                try:
                    attr, value = "part_of_speech", parse_part_of_speech(word)
                except GlossaryError:
                    attr = ""
            if not attr:
                raise GlossaryError(
                    f'unknown word "{word}"; use {", ".join(TREATMENTS)}, {CASE_SENSITIVE}, '
                    f"{NOT_CASE_SENSITIVE} or a part of speech ({', '.join(PARTS_OF_SPEECH)})"
                )
        if attr in changes and changes[attr] != value:
            raise GlossaryError(f"two words for the {attr.replace('_', ' ')}; keep one")
        changes[attr] = value
    return changes


def _language_code(code: str) -> str | None:
    """Return the code of the language *code* names (a code, a tag or a name), or None."""
    try:
        return language(code).code
    except LanguageError:
        return code_for_name(code)


def _row_id(cid: str, terms: list[Term], source_language: str, made: set[str]) -> tuple[str, bool]:
    """Return the row's concept id, made from its source term when it names none."""
    explicit = bool(cid)
    if not explicit:
        first = next(
            (t for t in terms if t.language == source_language), terms[0] if terms else None
        )
        cid = unused_id(slug(first.text) if first else "concept", made)
    made.add(cid)
    return cid, explicit


def _given(columns: list[Any], terms: list[Term]) -> frozenset[tuple[str, str]]:
    """Return the (language, status) pairs a row speaks for: its columns, in its languages."""
    spoken = {t.language for t in terms}
    return frozenset(k for k in columns if isinstance(k, tuple) and k[0] in spoken)


def _weblate(
    rows: Iterator[tuple[int, list[str]]],
    names: list[str],
    name: str,
    source_language: str,
    target_language: str | None,
    skipped: Counter[str] | None,
) -> list[Incoming]:
    """Read Weblate's shapes: one term per row; rows with the same source and context
    are alternative renderings of one concept, the first preferred."""
    if target_language is None:
        raise GlossaryError(
            "the file names no target language (its columns are source and target); "
            "say which with --lang, for example --lang fa",
            path=name,
            line=1,
        )
    target = language(target_language).code
    skipped = skipped if skipped is not None else Counter()
    groups: dict[tuple[str, str], list[tuple[int, dict[str, str]]]] = {}
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        _check_width(row, names, name, line)
        cells = {key: _unwrapped(row[i]) if i < len(row) else "" for i, key in enumerate(names)}
        for key in ("location", "id"):
            if cells.get(key, "").strip():
                skipped[key] += 1
        if cells.get("fuzzy", "").strip().lower() in _YES | {"true"}:
            skipped["fuzzy flag"] += 1
        source = cells["source"].strip()
        if not source:
            raise GlossaryError(
                "the source cell is empty; write the term or delete the row", path=name, line=line
            )
        groups.setdefault((cells.get("context", "").strip(), source), []).append((line, cells))
    incoming = []
    made: set[str] = set()
    for (context, source), group in groups.items():
        line = group[0][0]
        terms = [Term(source, source_language)]
        renderings = dict.fromkeys(c["target"].strip() for _, c in group if c["target"].strip())
        for n, rendering in enumerate(renderings):
            terms.append(Term(rendering, target, PREFERRED if n == 0 else ADMITTED))
        base = slug(source) + (f"-{slug(context)}" if context else "")
        cid = unused_id(base, made)
        made.add(cid)
        notes = dict.fromkeys(
            _unescape_newlines(c.get("translator_comments", "")).strip() for _, c in group
        )
        explanations = dict.fromkeys(c.get("developer_comments", "").strip() for _, c in group)
        concept = Concept(
            cid,
            tuple(terms),
            definition="\n\n".join(e for e in explanations if e),
            note="\n\n".join(n for n in notes if n),
            admin=(("context", context),) if context else (),
        )
        try:
            concept = check_concept(concept)
        except Problem as problem:
            raise GlossaryError(problem.detail, path=name, line=line) from None
        given = {(source_language, PREFERRED)}
        if renderings:
            given |= {(target, PREFERRED), (target, ADMITTED)}
        incoming.append(Incoming(concept, line, (), bool(context), frozenset(given)))
    return incoming


def _unwrapped(cell: str) -> str:
    found = _WEBLATE_WRAPPED.match(cell)
    return found.group(1) if found else cell


def _label(key: tuple[str, str]) -> str:
    lang, status = key
    return lang if status == PREFERRED else f"{lang}:{status}"


def _unescape_newlines(value: str) -> str:
    # Spreadsheets write line breaks inside a cell as CR LF or LF; keep LF.
    return value.replace("\r\n", "\n").replace("\r", "\n")


# -- writing -----------------------------------------------------------------


def dumps(
    glossary: Glossary, source_language: str, languages: Iterable[str] = (), *, bom: bool = True
) -> bytes:
    """Return *glossary* as CSV (UTF-8, with a byte order mark unless *bom* is false).

    One row per concept. Languages come in the order *languages* gives (the
    source first), then any others in the order the glossary first uses
    them. Every cell is :func:`neutralise`\\ d.
    """
    source_language = language(source_language).code
    order = [source_language, *(language(c).code for c in languages)]
    used: set[tuple[str, str]] = set()
    for concept in glossary:
        for term in concept.terms:
            order.append(term.language)
            used.add((term.language, term.status))
    columns: list[Any] = ["id"]
    for lang in dict.fromkeys(order):
        columns.append((lang, PREFERRED))
        columns += [(lang, s) for s in STATUSES[1:] if (lang, s) in used]
    differing = {c.id: _exception_cell(c, source_language) for c in glossary}
    columns += ["subject", *SHARED]
    # Only where a term differs from its row, so that a plain glossary keeps plain columns.
    columns += [EXCEPTIONS] if any(differing.values()) else []
    columns += ["definition", "note"]
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c if isinstance(c, str) else _label(c) for c in columns])
    for concept in glossary:
        cells = _cells(concept, columns, source_language, differing[concept.id])
        writer.writerow([neutralise(c) for c in cells])
    return (codecs.BOM_UTF8 if bom else b"") + out.getvalue().encode("utf-8")


def _exception_cell(concept: Concept, source_language: str) -> str:
    """Return the term_exceptions cell of *concept*: its terms the row's cells do not describe.

    Each term is compared with what the row's pos, treatment and
    case_sensitive cells give it when read back (:func:`apply_shared`), so
    an export reads back with every term's own values.
    """
    shared = shared_attributes(concept, source_language)
    given = apply_shared(
        [Term(t.text, t.language) for t in concept.terms], source_language, **shared
    )
    entries = []
    for term, made in zip(concept.terms, given, strict=True):
        words = [
            _exception_word(attr, getattr(term, attr))
            for attr in ATTRIBUTES
            if getattr(term, attr) != getattr(made, attr)
        ]
        if words:
            entries.append(f"{term.language}:{term.text} = {', '.join(words)}")
    return f" {SEPARATOR} ".join(entries)


def _exception_word(attr: str, value: Any) -> str:
    if attr == "case_sensitive":
        return CASE_SENSITIVE if value else NOT_CASE_SENSITIVE
    if attr == "part_of_speech":
        return value or NO_PART_OF_SPEECH
    return value


def _cells(concept: Concept, columns: list[Any], source_language: str, differing: str) -> list[str]:
    shared = shared_attributes(concept, source_language)
    values = {
        "id": concept.id,
        "subject": concept.subject,
        "definition": concept.definition,
        "note": concept.note,
        "pos": shared["part_of_speech"],
        "treatment": shared["treatment"],
        "case_sensitive": "yes" if shared["case_sensitive"] else "",
        EXCEPTIONS: differing,
    }
    cells = []
    for column in columns:
        if isinstance(column, tuple):
            lang, status = column
            found = [t.text for t in concept.terms if t.language == lang and t.status == status]
            cells.append(f" {SEPARATOR} ".join(found))
        else:
            cells.append(values[column])
    return cells
