"""The ``segment`` verb: a file's units, without a project."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from workbench.cli.common import json_option
from workbench.errors import WorkbenchError
from workbench.lang.locales import preferred_code
from workbench.project import decode_statement
from workbench.segment.segmenter import paragraphs, segment


@click.command("segment")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--lang", default="en", show_default=True, help="Language rules to use.")
@json_option
def segment_cmd(file: str, lang: str, as_json: bool) -> None:
    """Cut FILE into units and print them, a blank line between paragraphs."""
    lang = preferred_code(lang)
    try:
        data = Path(file).read_bytes()
    except OSError as exc:
        raise WorkbenchError(f"cannot be read ({exc.strerror})", path=file) from exc
    text = decode_statement(data, file)
    blocks = [[u.text for u in block] for block in paragraphs(segment(text, lang))]
    if as_json:
        sys.stdout.write(json.dumps({"paragraphs": blocks}, ensure_ascii=False))
        sys.stdout.write("\n")
        return
    click.echo("\n\n".join("\n".join(block) for block in blocks))
