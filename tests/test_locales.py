"""The Babel boundary: language codes and the frozen plural rules of new catalogs."""

from __future__ import annotations

import subprocess

import pytest

from workbench.lang.locales import _plural_table, language, plural_forms


def test_every_frozen_plural_rule_is_one_gettext_accepts(tmp_path):
    lines = []
    for code, rule in _plural_table().items():
        n = int(rule.split(";")[0].split("=")[1])
        forms = "\n".join(f'msgstr[{i}] "{code} {i}"' for i in range(n))
        lines.append(
            f'msgid ""\nmsgstr ""\n"Project-Id-Version: rules\\n"\n'
            f'"PO-Revision-Date: 2026-12-05 10:00+0000\\n"\n"Last-Translator: Leyla\\n"\n'
            f'"Language-Team: {code}\\n"\n"Language: {code}\\n"\n"MIME-Version: 1.0\\n"\n'
            f'"Content-Type: text/plain; charset=UTF-8\\n"\n'
            f'"Content-Transfer-Encoding: 8bit\\n"\n"Plural-Forms: {rule}\\n"\n\n'
            f'msgid "one council"\nmsgid_plural "%d councils"\n{forms}\n'
        )
    problems = []
    for code, text in zip(_plural_table(), lines, strict=True):
        po = tmp_path / f"{code}.po"
        po.write_text(text, encoding="utf-8")
        done = subprocess.run(
            ["msgfmt", "--check", "-o", "/dev/null", str(po)], capture_output=True, text=True
        )
        if done.returncode != 0 or done.stderr:
            problems.append(f"{code}: {done.stderr.strip()}")
    assert problems == []


@pytest.mark.parametrize(
    ("code", "rule"),
    [
        ("fa", "nplurals=2; plural=(n > 1);"),
        ("fa_AF", "nplurals=2; plural=(n > 1);"),
        ("ckb", "nplurals=2; plural=(n != 1);"),
        ("de_CH", "nplurals=2; plural=(n != 1);"),
        ("ja", "nplurals=1; plural=0;"),
        ("pt_PT", "nplurals=3; plural=(n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2);"),
    ],
)
def test_a_new_catalog_takes_the_frozen_cldr_rule(code, rule):
    assert plural_forms(code) == rule
    assert language(code).plural_forms == rule


def test_a_language_the_table_does_not_list_gets_gettexts_default_rule():
    assert plural_forms("xx_Unknown") == "nplurals=2; plural=(n != 1);"
