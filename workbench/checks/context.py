"""What the checks need beyond the unit: the project, its glossary, the matcher, the tables."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field

from workbench.checks.tables import Tables
from workbench.glossary.model import Concept, Glossary
from workbench.lang import arabic_script
from workbench.project import Project
from workbench.terms.source import SourceMatcher


@dataclass
class Context:
    """What checks need beyond the unit: the project, glossary, matcher and tables."""

    project: Project
    language: str
    glossary: Glossary
    source_matcher: SourceMatcher
    tables: Tables = field(default_factory=lambda: Tables.build(()))

    @functools.cached_property
    def concepts(self) -> Mapping[str, Concept]:
        """The glossary's concepts by id, built once."""
        return {c.id: c for c in self.glossary}

    @functools.cached_property
    def family(self) -> str | None:
        """The Arabic-script rule family (fa, ar, ckb, ur) of the language, if any."""
        return arabic_script.family(self.language)
