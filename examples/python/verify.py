"""Verifies signal records from another language, as docs/VERIFYING.md
describes: the record schema of its schemaVersion, the integrity digest and
the catalog digest. Content and assessment need the engine's rules
(docs/VERIFYING.md says what recomputing them takes); use the engine for
those (`signal-indicators verify`, or `verifyRecord` in Node).

    python3 verify.py [--catalog FILE]... < records.ndjson

Reads one record per line (or one record) and prints one verdict per line:
{"index", "id", "ok", "schema", "digest", "catalog", "codes"}. Exit 1 when a
record fails, 2 when the input cannot be read.
"""
import datetime
import hashlib
import json
import pathlib
import re
import sys

import jsonschema
import rfc8785

SCHEMAS = pathlib.Path(__file__).resolve().parents[2] / "schemas"
# Every released record schema; a released schema never changes.
SCHEMA_FILES = {"1.1": "signal-record-1.1.schema.json", "1.2": "signal-record.schema.json"}
CURRENT = "1.2"
CREATED_AT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")


def sha256_tagged(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def record_digest(record: dict) -> str:
    """SHA-256 over the RFC 8785 form of the record without `integrity`."""
    body = {key: value for key, value in record.items() if key != "integrity"}
    return sha256_tagged(rfc8785.dumps(body))


def catalog_digests(catalog: dict) -> tuple:
    """The digest of a catalog as given, and as engines before 0.2 computed
    it (each indicator's absent requiresEvidence filled in as false)."""
    filled = json.loads(json.dumps(catalog))
    for indicator in filled.get("indicators", []):
        if isinstance(indicator, dict):
            indicator.setdefault("requiresEvidence", False)
    return sha256_tagged(rfc8785.dumps(catalog)), sha256_tagged(rfc8785.dumps(filled))


def valid_date(text) -> bool:
    try:
        return isinstance(text, str) and len(text) == 10 and datetime.date.fromisoformat(text) is not None
    except ValueError:
        return False


def schema_problems(record: dict, validators: dict) -> list:
    """What breaks the record schema of its version, and what a schema cannot say."""
    validator = validators.get(record.get("schemaVersion"), validators[CURRENT])
    problems = [error.message for error in validator.iter_errors(record)]
    if problems:
        return problems
    created = record.get("createdAt", "")
    try:
        exact = bool(CREATED_AT.match(created)) and datetime.datetime.strptime(created[:19], "%Y-%m-%dT%H:%M:%S") is not None
    except ValueError:
        exact = False
    if not exact:
        problems.append("createdAt is not an instant in the engine's form")
    if not valid_date(record.get("assessment", {}).get("evaluatedOn")):
        problems.append("evaluatedOn is not a calendar date")
    if record.get("subject", {}).get("unknownSubject") is False:
        problems.append("unknownSubject is only ever true")
    if any(item.get("evidenceRefs") == [] for item in record.get("indicators", [])):
        problems.append("an empty evidenceRefs list")
    return problems


def verify(record, catalogs: list, validators: dict) -> dict:
    if not isinstance(record, dict):
        return {"ok": False, "schema": False, "digest": False, "catalog": False, "codes": ["record.schema"]}
    earlier = record.get("schemaVersion") in SCHEMA_FILES and record.get("schemaVersion") != CURRENT
    schema = not schema_problems(record, validators)
    stated = record.get("integrity", {}).get("digest") if isinstance(record.get("integrity"), dict) else None
    digest = stated == record_digest(record)
    named = record.get("catalog", {}) if isinstance(record.get("catalog"), dict) else {}
    catalog = any(
        known["id"] == named.get("id")
        and known["version"] == named.get("version")
        and (named.get("illustrative") is True) == known["illustrative"]
        and (named.get("digest") == known["digests"][0] or (earlier and named.get("digest") == known["digests"][1]))
        for known in catalogs
    )
    codes = [code for code, ok in (("record.schema", schema), ("record.digest", digest), ("record.catalog", catalog)) if not ok]
    return {"ok": not codes, "schema": schema, "digest": digest, "catalog": catalog, "codes": codes}


def main(argv: list) -> int:
    catalog_files = [argv[i + 1] for i, arg in enumerate(argv) if arg == "--catalog" and i + 1 < len(argv)]
    catalogs = []
    for path in catalog_files:
        value = json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
        catalogs.append({
            "id": value.get("id"), "version": value.get("version"),
            "illustrative": value.get("illustrative") is True, "digests": catalog_digests(value),
        })
    validators = {}
    for version, name in SCHEMA_FILES.items():
        schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
        validators[version] = jsonschema.Draft202012Validator(schema)
    text = sys.stdin.read().lstrip("\ufeff")
    try:
        records = [json.loads(text)]
    except ValueError:
        records = [json.loads(line) if line.strip().startswith("{") else None for line in text.splitlines() if line.strip()]
    failed = False
    for index, record in enumerate(records):
        verdict = verify(record, catalogs, validators)
        failed = failed or not verdict["ok"]
        identifier = record.get("id") if isinstance(record, dict) else None
        print(json.dumps({"index": index, "id": identifier, **verdict}))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
