"""Runs the reference validator (../shared/tools/validata-ref) on many (schema, data) pairs in one
Python process, for the conformance suite: one JSON request per input line
({"schema": path, "data": path}), one JSON verdict per output line, as `validata-ref` prints it.

Usage: VENV_PYTHON validata_batch.py TOOL_DIR LIMIT_ERRORS < requests.jsonl
"""

import json
import sys

sys.path.insert(0, sys.argv[1])
import validata_ref  # noqa: E402  (the shared tool's module, found through argv[1])

limit = int(sys.argv[2])
for line in sys.stdin:
    request = json.loads(line)
    try:
        verdict = validata_ref.run(request["schema"], request["data"], limit_errors=limit)
    except Exception as exc:  # the tool itself failed: report it as a crash of the reference
        verdict = {"valid": False, "errors": [{"code": "validata-crash", "row": None, "field": None,
                                               "message": f"{type(exc).__name__}: {exc}"}], "warnings": []}
    sys.stdout.write(json.dumps(verdict, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()
