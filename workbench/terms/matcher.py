"""The project's source matcher: its glossary's terms, found in source text.

Building a matcher for a large glossary costs a good part of a second, so it
is built once per version of the glossary file and shared by every caller:
the checks, the editor, term extraction and the consistency report. A new
process takes the matcher the last one built from the instance's cache
(``instance/cache/source-matcher.pickle``), kept under the digest of the
glossary file it was built from: reading it costs a third of a build.
"""

from __future__ import annotations

import threading
from pathlib import Path

from workbench.glossary import store as glossary_store
from workbench.glossary.model import Glossary
from workbench.project import Project
from workbench.terms.source import SourceMatcher
from workbench.util import derived

_BUILT: dict[tuple[Path, str], tuple[Glossary, SourceMatcher]] = {}
_LOCK = threading.Lock()
#: The shape of the matcher kept in the instance's cache.
_FORMAT = 2


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
            built = (glossary, _kept_or_built(project, glossary))
            _BUILT[key] = built
    return built


def _kept_or_built(project: Project, glossary: Glossary) -> SourceMatcher:
    """Return the matcher of *glossary*: the one kept in the instance's cache, or a new one."""
    # None: no glossary file, or one loaded again since: nothing to keep it under.
    digest = glossary_store.digest_of(project, glossary)
    kept_at = project.instance_dir / "cache" / "source-matcher.pickle"
    key = (_FORMAT, derived.code_key(), digest, project.source_language)
    if digest is not None:
        kept = derived.read(kept_at, key)
        if isinstance(kept, dict):
            return SourceMatcher.from_kept(kept, glossary)
    matcher = SourceMatcher(list(glossary), language=project.source_language)
    if digest is not None:
        derived.write(kept_at, key, matcher.kept(), project.lock_dir)
    return matcher
