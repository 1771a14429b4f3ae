"""Findings as data: fields, severities and the JSON shape scripts read."""

from __future__ import annotations

import json

import pytest

from workbench.checks.findings import ERROR, SEVERITIES, Finding


def test_as_dict_gives_the_json_object_in_a_stable_order():
    finding = Finding(
        "glossary", ERROR, "fa", "arak", "All power to the councils!", "قدرت به انجمن‌ها",
        'uses the forbidden rendering «انجمن» for "councils"; use «شورا»',
        msgctxt="slogan", line=14,
    )  # fmt: skip
    data = finding.as_dict()
    assert list(data) == [
        "check", "severity", "language", "statement", "source", "target", "message",
        "msgctxt", "line", "form",
    ]  # fmt: skip
    assert data["severity"] == "error"
    assert (data["msgctxt"], data["line"]) == ("slogan", 14)
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data


def test_optional_fields_are_null_when_absent():
    data = Finding("glossary", "warning", "fa", "s", "a", "b", "m").as_dict()
    assert data["msgctxt"] is None
    assert data["line"] is None


def test_severities_are_gravest_first():
    assert SEVERITIES == ("error", "warning", "info")


def test_unknown_severity_is_refused():
    with pytest.raises(ValueError, match="severity must be one of"):
        Finding("glossary", "fatal", "fa", "s", "a", "b", "m")


def test_findings_are_frozen_and_comparable():
    a = Finding("glossary", "info", "fa", "s", "a", "b", "m")
    assert a == Finding("glossary", "info", "fa", "s", "a", "b", "m")
    with pytest.raises(AttributeError):
        a.severity = "error"  # type: ignore[misc]
