"""The project's source matcher: its glossary's terms, found in source text.

Building a matcher for a large glossary costs a good part of a second, so it
is built once per version of the glossary file and shared by every caller:
the checks, the editor, term extraction and the consistency report.
"""

from __future__ import annotations

import threading
from pathlib import Path

from workbench.glossary import store as glossary_store
from workbench.glossary.model import Glossary
from workbench.project import Project
from workbench.terms.source import SourceMatcher

_BUILT: dict[tuple[Path, str], tuple[Glossary, SourceMatcher]] = {}
_LOCK = threading.Lock()


def matcher_for(project: Project) -> tuple[Glossary, SourceMatcher]:
    """Return the project's glossary and the matcher of its source-language terms."""
    glossary = glossary_store.load(project)
    key = (project.root, project.source_language)
    built = _BUILT.get(key)
    if built is not None and built[0] is glossary:
        return built
    with _LOCK:
        built = _BUILT.get(key)
        if built is None or built[0] is not glossary:
            built = (glossary, SourceMatcher(list(glossary), language=project.source_language))
            _BUILT[key] = built
    return built
