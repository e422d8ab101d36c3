"""Command line: python -m minhbach.plans.extract FILE [--json]."""
from __future__ import annotations

import argparse
import json
import sys

from . import extract_plan_file


def main(argv: list[str] | None = None) -> int:
    """Extract a plan file and print JSON (--json) or a short task table."""
    parser = argparse.ArgumentParser(prog="python -m minhbach.plans.extract",
                                     description="Extract tasks from a Vietnamese plan (.txt or .docx).")
    parser.add_argument("file", help="plan file (.txt UTF-8 or .docx)")
    parser.add_argument("--json", action="store_true", help="print the full JSON result")
    args = parser.parse_args(argv)
    result = extract_plan_file(args.file)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    doc = result["document"]
    print(f"{doc['doc_type']} {doc['number'] or '(no number)'} - {doc['issuing_body']} - {doc['issue_date'] or '?'}")
    for t in result["tasks"]:
        due = t["timing"]["due"] or t["timing"]["kind"]
        print(f"{t['path']:<14} {'; '.join(t['lead'])[:50]:<50} {due:<12} {t['text_start']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
