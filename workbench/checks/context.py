"""What the checks need beyond the unit: the project, its glossary, the matcher, the tables."""

from __future__ import annotations

import functools
from collections.abc import Mapping

from workbench.checks.tables import Tables
from workbench.glossary.model import Concept, Glossary
from workbench.lang import arabic_script
from workbench.project import Project
from workbench.terms.source import SourceMatcher


class Context:
    """What checks need beyond the unit: the project, glossary, matcher and tables."""

    # Start-up time: not a dataclass (see the package's docstring).
    def __init__(
        self,
        project: Project,
        language: str,
        glossary: Glossary,
        source_matcher: SourceMatcher,
        tables: Tables | None = None,
    ) -> None:
        self.project = project
        self.language = language
        self.glossary = glossary
        self.source_matcher = source_matcher
        self.tables = Tables.build(()) if tables is None else tables

    @functools.cached_property
    def concepts(self) -> Mapping[str, Concept]:
        """The glossary's concepts by id, built once."""
        return {c.id: c for c in self.glossary}

    @functools.cached_property
    def family(self) -> str | None:
        """The Arabic-script rule family (fa, ar, ckb, ur) of the language, if any."""
        return arabic_script.family(self.language)
