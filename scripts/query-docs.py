#!/usr/bin/env python3
"""Rewrites the output block after each worked example of docs/QUERY.md with what kg
prints for it on the seeds graph, so the documented answers are never typed by hand.
tests/docs.rs then checks them on every `cargo test`.

usage: python3 scripts/query-docs.py   (from the repository, after cargo build --release)"""

import os
import re
import subprocess
import sys
import tempfile

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
kg = os.path.join(root, "target", "release", "kg")
doc_path = os.path.join(root, "docs", "QUERY.md")

with tempfile.TemporaryDirectory() as tmp:
    snap = os.path.join(tmp, "seeds.kg")
    subprocess.run([kg, "build", os.path.join(root, "seeds"), "-o", snap],
                   check=True, capture_output=True, cwd=tmp)
    doc = open(doc_path, encoding="utf-8").read()
    start = doc.index("## Worked examples")
    head, body = doc[:start], doc[start:]

    def run(m):
        query = m.group(1)
        out = subprocess.run([kg, "query", snap, "--format", "table"], input=query,
                             capture_output=True, text=True, cwd=tmp)
        if out.returncode != 0:
            sys.exit(f"failed: {query}\n{out.stderr}")
        return f"```cypher\n{query}\n```\n\n```text\n{out.stdout}```"

    body = re.sub(r"```cypher\n(.*?)\n```\n\n```text\n.*?```", run, body, flags=re.S)
    open(doc_path, "w", encoding="utf-8").write(head + body)
print("rewrote the examples of docs/QUERY.md")
