"""A project folder: its settings, statements, languages and paths.

The folder holds ``seeds/`` (source statements), ``locales/`` (PO catalogs),
``glossary/`` (the termbase) and ``instance/`` (per-install, never committed).
Settings live in the ``[tool.workbench]`` table of its ``pyproject.toml``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from workbench.errors import LanguageError, ProjectError, StatementError
from workbench.lang.locales import canonical_code, checked_code, preferred_code
from workbench.messages import N_, Data, Listing, Message, Word
from workbench.util import files
from workbench.util.encodings import likely_encoding

# Babel, filelock and tomlkit are imported where they are used: reading a
# statement (the `segment` verb) needs none of them, and start-up time counts.

#: File name suffixes read as statements, in order of preference.
STATEMENT_SUFFIXES = (".txt", ".md")
SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,119}\Z")
DEFAULT_SOURCE = "en"


@dataclass(frozen=True)
class Statement:
    """One source document; its id is the file stem."""

    id: str
    path: Path

    @property
    def filename(self) -> str:
        return self.path.name


@dataclass(frozen=True)
class Project:
    """A translation project rooted at *root*."""

    root: Path
    source_language: str = DEFAULT_SOURCE
    languages: tuple[str, ...] = ()
    name: str = ""
    settings: dict = field(default_factory=dict, compare=False, repr=False)

    # -- loading ---------------------------------------------------------

    @classmethod
    def load(cls, root: str | Path = ".") -> Project:
        """Open the project at *root*, reading its settings."""

        root = Path(root).resolve()
        if not root.is_dir():
            raise ProjectError(
                f"project folder {root} does not exist; create it with: workbench init {root}"
            )
        table = _read_settings(root / "pyproject.toml")
        if table is None and not (root / "seeds").is_dir():
            raise ProjectError(
                f"{root} is not a workbench project (no seeds/ folder and no [tool.workbench] "
                f"in pyproject.toml); create one with: workbench init {root}"
            )
        table = table or {}
        source = table.get("source_language", DEFAULT_SOURCE)
        langs = table.get("languages", [])
        if (
            not isinstance(source, str)
            or not isinstance(langs, list)
            or not all(isinstance(x, str) for x in langs)
        ):
            raise ProjectError(
                "[tool.workbench] needs source_language as a string and languages as a list of "
                'codes, for example languages = ["fa"]',
                path=root / "pyproject.toml",
            )
        checked = []
        for code in langs:
            try:
                checked.append(checked_code(code))
            except LanguageError as exc:
                raise ProjectError(
                    f"[tool.workbench] languages: {exc}", path=root / "pyproject.toml"
                ) from exc
        try:
            source = checked_code(source)
        except LanguageError as exc:
            raise ProjectError(
                f"[tool.workbench] source_language: {exc}", path=root / "pyproject.toml"
            ) from exc
        return cls(
            root=root,
            source_language=source,
            languages=tuple(dict.fromkeys(checked)),
            name=str(table.get("name") or root.name),
            settings=table,
        )

    @classmethod
    def init(
        cls,
        root: str | Path,
        source_language: str = DEFAULT_SOURCE,
        languages: tuple[str, ...] = (),
    ) -> Project:
        """Make a new, empty project folder at *root* and return it."""

        root = Path(root).resolve()
        if (root / "pyproject.toml").exists() and _read_settings(
            root / "pyproject.toml"
        ) is not None:
            raise ProjectError(f"{root} is already a workbench project; nothing was changed")
        source_language = checked_code(source_language)
        codes = [checked_code(code) for code in languages]
        for sub in ("seeds", "locales", "glossary"):
            (root / sub).mkdir(parents=True, exist_ok=True)
        project = cls(root=root)
        project._write_settings(source_language=source_language, languages=codes, name=root.name)
        gitignore = root / ".gitignore"
        if not gitignore.exists():
            files.atomic_write(gitignore, "instance/\n.*.tmp\n.*.lock\n")
        return cls.load(root)

    # -- settings --------------------------------------------------------

    def _write_settings(self, **values: object) -> None:

        # Start-up time: settings are read with tomllib; tomlkit, which keeps
        # the file's layout, loads only to write them.
        import tomlkit

        path = self.root / "pyproject.toml"
        with files.locked(path, self.lock_dir):
            text = path.read_text(encoding="utf-8") if path.exists() else ""
            try:
                doc = tomlkit.parse(text)
            except tomlkit.exceptions.ParseError as exc:
                raise ProjectError(
                    f"not valid TOML ({exc}); fix it and try again", path=path
                ) from exc
            tool = doc.setdefault("tool", tomlkit.table(is_super_table=True))
            table = tool.setdefault("workbench", tomlkit.table())
            for key, value in values.items():
                table[key] = value
            files.atomic_write(path, tomlkit.dumps(doc))

    def with_language(self, code: str) -> Project:
        """Record *code* as a target language and return the updated project."""

        lang = preferred_code(code)
        if lang == self.source_language:
            raise LanguageError(
                Message.of(
                    N_(
                        '"%(code)s" is the source language of this project; choose a target '
                        "language"
                    ),
                    code=Data(lang),
                )
            )
        if lang in self.languages:
            return self
        self._write_settings(languages=[*self.languages, lang])
        return Project.load(self.root)

    # -- paths -----------------------------------------------------------

    @property
    def seeds_dir(self) -> Path:
        return self.root / "seeds"

    @property
    def locales_dir(self) -> Path:
        return self.root / "locales"

    @property
    def glossary_dir(self) -> Path:
        return self.root / "glossary"

    @property
    def instance_dir(self) -> Path:
        return self.root / "instance"

    @property
    def lock_dir(self) -> Path:
        return self.instance_dir / "locks"

    def template_path(self, statement: str) -> Path:
        return self.locales_dir / f"{statement}.pot"

    def catalog_path(self, lang: str, statement: str) -> Path:
        return self.locales_dir / lang / "LC_MESSAGES" / f"{statement}.po"

    def relative(self, path: Path) -> str:
        """Return *path* relative to the project root, with forward slashes."""
        try:
            return Path(path).resolve().relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    # -- statements and languages ----------------------------------------

    def statements(self) -> list[Statement]:
        """List the statements in ``seeds/``, sorted by id.

        A file whose name is not a safe slug is an error, not skipped: a
        statement nobody translates because its name was odd is a silent loss.
        """
        if not self.seeds_dir.is_dir():
            return []
        found: dict[str, Statement] = {}
        for path in sorted(self.seeds_dir.iterdir()):
            if path.name.startswith(".") or not path.is_file():
                continue
            if path.suffix not in STATEMENT_SUFFIXES:
                continue
            stem = path.stem
            if not SLUG.match(stem):
                raise StatementError(
                    "the statement name is not a safe slug; rename it to letters, digits and "
                    f"hyphens, for example {slugify(stem)}{path.suffix}",
                    path=self.relative(path),
                )
            self._require_inside(path)
            if stem in found:
                raise StatementError(
                    f"two statements share the id {stem!r} ({found[stem].path.name} and "
                    f"{path.name}); rename one",
                    path=self.relative(path),
                )
            found[stem] = Statement(stem, path)
        return [found[key] for key in sorted(found)]

    def require_statements(self) -> list[Statement]:
        """List the statements as :meth:`statements` does; none is an error."""
        found = self.statements()
        if not found:
            raise StatementError(
                f"there are no statements in {self.relative(self.seeds_dir)}/; "
                "add .txt or .md files there and run again"
            )
        return found

    def statement(self, statement_id: str) -> Statement:
        """Return the statement with *statement_id* or raise StatementError."""
        if not SLUG.match(statement_id or ""):
            raise StatementError(
                Message.of(N_('"%(id)s" is not a statement id'), id=Data(statement_id))
            )
        for suffix in STATEMENT_SUFFIXES:
            path = self.seeds_dir / f"{statement_id}{suffix}"
            if path.is_file():
                self._require_inside(path)
                return Statement(statement_id, path)
        raise StatementError(
            Message.of(
                N_('no statement "%(id)s" in %(folder)s; see the list with: %(command)s'),
                id=Data(statement_id),
                folder=Data(f"{self.relative(self.seeds_dir)}/"),
                command=Data("workbench stats"),
            )
        )

    def _require_inside(self, path: Path) -> None:
        # A link in seeds/ (one pulled with git, say) must not make the workbench
        # show, and write into the catalogs, a file from elsewhere on the machine.
        seeds = self.seeds_dir.resolve()
        if not path.resolve().is_relative_to(seeds):
            raise StatementError(
                "is a link to a file outside seeds/, which is never read as a statement; "
                "put a copy of the file in seeds/ instead of the link",
                path=f"{self.relative(self.seeds_dir)}/{path.name}",
            )

    def add_statement(self, statement_id: str, text: str, suffix: str = ".txt") -> Statement:
        """Write a new statement into seeds/ (atomically, under its lock); its id must be new."""
        if not SLUG.match(statement_id or ""):
            raise StatementError(
                Message.of(
                    N_(
                        '"%(id)s" cannot be a statement id; use letters, digits, - and _, for '
                        'example "%(example)s"'
                    ),
                    id=Data(statement_id),
                    example=Data(slugify(statement_id)),
                )
            )
        if suffix not in STATEMENT_SUFFIXES:
            raise StatementError(
                Message.of(
                    N_("a statement is a %(allowed)s file, not %(suffix)s"),
                    allowed=Listing(tuple(map(Data, STATEMENT_SUFFIXES)), N_(" or ")),
                    suffix=Data(suffix),
                )
            )
        name = f"{statement_id}{suffix}"
        decode_statement(text.encode("utf-8"), name)
        taken = StatementError(
            Message.of(
                N_('there is already a statement "%(id)s"; choose another id'),
                id=Data(statement_id),
            )
        )
        if any((self.seeds_dir / f"{statement_id}{s}").exists() for s in STATEMENT_SUFFIXES):
            raise taken
        self.seeds_dir.mkdir(parents=True, exist_ok=True)
        path = self.seeds_dir / name
        with files.locked(path, self.lock_dir):
            if path.exists():
                raise taken
            files.atomic_write(path, text)
        return Statement(statement_id, path)

    def require_language(self, code: str) -> str:
        """Return the project's spelling of target language *code* or raise."""

        lang = checked_code(code)
        if lang in self.languages:
            return lang
        have = (
            Listing(tuple(map(Data, self.languages)), N_(", "))
            if self.languages
            else Word(N_("none yet"))
        )
        near = self.near_language(lang)
        if near is not None:
            raise LanguageError(
                Message.of(
                    N_(
                        '"%(code)s" is not a language of this project (it has: %(have)s); did '
                        'you mean "%(near)s"?'
                    ),
                    code=Data(lang),
                    have=have,
                    near=Data(near),
                )
            )
        raise LanguageError(
            Message.of(
                N_(
                    '"%(code)s" is not a language of this project (it has: %(have)s); add it '
                    "with: %(command)s"
                ),
                code=Data(lang),
                have=have,
                command=Data(f"workbench add-language {canonical_code(lang)}"),
            )
        )

    def near_language(self, code: str) -> str | None:
        """Return the project's language that *code* is another spelling or variant of, or None.

        fas and per are fa; fa_IR is fa when the project has fa and no other
        variant of it; de is de_DE when de_DE is the project's only German.
        """
        own = canonical_code(code)
        if own in self.languages:
            return own
        base = own.split("_")[0]
        variants = [lang for lang in self.languages if lang.split("_")[0] == base]
        return variants[0] if len(variants) == 1 else None


def read_statement(project: Project, statement: Statement) -> str:
    """Read a statement as text, exactly (BOM and line endings kept)."""
    rel = project.relative(statement.path)
    try:
        data = statement.path.read_bytes()
    except OSError as exc:
        raise StatementError(
            Message.of(N_("cannot be read (%(reason)s)"), reason=Data(str(exc.strerror))), path=rel
        ) from exc
    return decode_statement(data, rel)


def decode_statement(data: bytes, name: str) -> str:
    """Decode statement bytes strictly as UTF-8, with a clear error."""
    nul = data.find(b"\0", 0, 8192)
    if nul != -1 and likely_encoding(data) == "UTF-16":
        raise StatementError(
            Message.of(
                N_(
                    "is %(found)s text (%(windows)s, as Windows calls it); statements must be "
                    "%(encoding)s: save it as %(encoding)s and try again"
                ),
                found=Data("UTF-16"),
                windows=Data("Unicode"),
                encoding=Data("UTF-8"),
            ),
            path=name,
        )
    if nul != -1:
        raise StatementError(
            Message.of(
                N_(
                    "looks like a binary file (a %(nul)s byte at offset %(offset)s); statements "
                    "must be %(encoding)s text"
                ),
                nul=Data("NUL"),
                offset=Data(str(nul)),
                encoding=Data("UTF-8"),
            ),
            path=name,
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex().upper()
        raise StatementError(
            Message.of(
                N_(
                    "is not %(encoding)s (byte %(byte)s at offset %(offset)s; it looks like "
                    "%(found)s); save it as %(encoding)s and try again"
                ),
                encoding=Data("UTF-8"),
                byte=Data(f"0x{bad}"),
                offset=Data(str(exc.start)),
                found=Data(likely_encoding(data)),
            ),
            path=name,
        ) from exc
    if not text.strip().strip("\ufeff").strip():
        raise StatementError(
            Message.of(N_("the statement is empty; add its text or remove the file")), path=name
        )
    return text


def _read_settings(path: Path) -> dict | None:
    if not path.is_file():
        return None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ProjectError(f"is not valid TOML ({exc}); fix it and run again", path=path) from exc
    table = data.get("tool", {}).get("workbench")
    return table if isinstance(table, dict) else None


def slugify(name: str, limit: int = 60) -> str:
    """Return a statement id made from *name* (a title or a file name).

    >>> slugify("Khuzestan’s Vanguard Socialist Workers call for a general strike!")
    'khuzestan-s-vanguard-socialist-workers-call-for-a-general'
    """
    slug = re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-").lower()
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug or "statement"
