"""Validate JSON outputs against the schemas in resodiff/schemas (the contracts reviewers' tools read)."""

from __future__ import annotations

from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource

from resodiff.schemas import load_all

SCHEMAS = load_all()
REGISTRY: Registry = Registry().with_resources(
    (schema["$id"], Resource.from_contents(schema)) for schema in SCHEMAS.values())
VALIDATORS = {name: Draft202012Validator(schema, registry=REGISTRY, format_checker=FormatChecker())
              for name, schema in SCHEMAS.items()}


def problems(data: Any, name: str) -> list[str]:
    """Each way ``data`` breaks schema ``name``: "at operative/3/id: 'OP-1' does not match ...";
    [] when it conforms."""
    errors = sorted(VALIDATORS[name].iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    return [f"at {'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}" for e in errors]


def conforms(data: Any, name: str) -> Any:
    """``data`` unchanged if it conforms to schema ``name``; else an assertion naming each fault."""
    found = problems(data, name)
    assert not found, f"the {name} JSON breaks its schema:\n  " + "\n  ".join(found[:20])
    return data
