"""Loads a `kg export csv` folder into Kuzu with its kuzu.cypher, asks the same questions
of Kuzu and of `kg query --format json`, and requires the same answers.

usage: kuzu_check.py KG_BINARY SNAPSHOT CSV_DIR
Prints one line per question; exits 1 when an answer differs.

usage: kuzu_check.py --sources CSV_DIR
Prints the `sources` list of every node and relationship as Kuzu reads it, one JSON list
a line."""

import json
import os
import subprocess
import sys
import tempfile

import kuzu

# (question, Kuzu query, kg query): the same Cypher where both engines agree on it.
QUESTIONS = [
    ("who chaired which meeting",
     "MATCH (p:Person)-[:CHAIRED]->(m:Meeting) RETURN p.name AS person, m.name AS meeting, m.date AS date",
     None),
    ("positions of officials",
     "MATCH (p:Person)-[h:HOLDS]->(b) RETURN p.name AS person, h.title AS title, h.as_of AS as_of, b.name AS body",
     None),
    ("meetings per committee",
     "MATCH (c:PartyCommittee)-[:CONVENED]->(m:Meeting) RETURN c.name AS committee, count(m) AS meetings",
     None),
    ("nodes per label",
     "MATCH (n) RETURN label(n) AS label, count(*) AS n",
     "MATCH (n) RETURN labels(n)[0] AS label, count(*) AS n"),
    ("relationships per type",
     "MATCH ()-[r]->() RETURN label(r) AS type, count(*) AS n",
     "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n"),
    ("two hops: chair, meeting, committee, district",
     "MATCH (p:Person)-[:CHAIRED]->(m:Meeting)<-[:CONVENED]-(c:PartyCommittee)-[:`IN`]->(d:District) "
     "RETURN p.name AS person, m.ordinal AS meeting, c.name AS committee, d.name AS district",
     None),
    ("guests",
     "MATCH (p:Person)-[:ATTENDED]->(m:Meeting) RETURN p.name AS guest, m.name AS meeting",
     None),
    ("documents adopted",
     "MATCH (m:Meeting)-[:ADOPTED]->(d:Document) RETURN m.name AS meeting, d.name AS document, d.code AS code",
     None),
    ("congresses and their committees",
     "MATCH (k:Congress)-[:`OF`]->(c:PartyCommittee) RETURN k.name AS congress, k.ordinal AS n, c.name AS committee",
     None),
    ("speakers and what they said",
     "MATCH (p:Person)-[s:SPOKE]->(m:Meeting) RETURN p.name AS person, s.kind AS kind, m.date AS date",
     None),
    ("officials with more than one position",
     "MATCH (p:Person)-[h:HOLDS]->() WITH p, count(h) AS n WHERE n > 1 RETURN p.name AS person, n",
     None),
    ("provinces above officials' bodies (variable length)",
     "MATCH (p:Person)-[:HOLDS|`IN`*1..3]->(x:Province) RETURN DISTINCT p.name AS person, x.name AS province",
     None),
    ("every official and the meeting chaired, if any",
     "MATCH (p:Person) OPTIONAL MATCH (p)-[:CHAIRED]->(m:Meeting) RETURN p.name AS person, m.ordinal AS chaired",
     None),
    # the constructs users bring from Neo4j and Kuzu; kg writes a bare pattern predicate,
    # substring from 0 and split() as Neo4j does, Kuzu its own spellings
    ("officials who chaired nothing (pattern predicate)",
     "MATCH (p:Person) WHERE NOT EXISTS { MATCH (p)-[:CHAIRED]->(:Meeting) } RETURN p.name AS person",
     "MATCH (p:Person) WHERE NOT (p)-[:CHAIRED]->(:Meeting) RETURN p.name AS person"),
    ("officials with a Bí thư position (EXISTS subquery)",
     "MATCH (p:Person) WHERE EXISTS { MATCH (p)-[h:HOLDS]->(b) WHERE h.title = 'Bí thư' } RETURN p.name AS person",
     None),
    ("meetings by phase (searched and simple CASE)",
     "MATCH (m:Meeting) RETURN m.name AS meeting, CASE WHEN m.ordinal IS NULL THEN 'unnumbered' "
     "WHEN m.ordinal > 10 THEN 'late' ELSE 'early' END AS phase, "
     "CASE m.ordinal WHEN 3 THEN 'third' ELSE 'other' END AS third",
     None),
    ("meetings of given ordinals (UNWIND)",
     "UNWIND [1, 2, 3, 18] AS x MATCH (m:Meeting) WHERE m.ordinal = x RETURN x, m.name AS meeting",
     None),
    ("string functions",
     "MATCH (p:Person) RETURN left(p.name, 3) AS l, right(p.name, 3) AS r, trim(p.name) AS t, "
     "ltrim(p.name) AS lt, rtrim(p.name) AS rt, reverse(p.name) AS v, substring(p.name, 1, 3) AS s, "
     "string_split(p.name, ' ') AS w",
     "MATCH (p:Person) RETURN left(p.name, 3) AS l, right(p.name, 3) AS r, trim(p.name) AS t, "
     "ltrim(p.name) AS lt, rtrim(p.name) AS rt, reverse(p.name) AS v, substring(p.name, 0, 3) AS s, "
     "split(p.name, ' ') AS w"),
    ("meetings after a date, with their year",
     "MATCH (m:Meeting) WHERE m.date IS NOT NULL AND date(m.date) > date('2020-01-01') "
     "RETURN m.name AS meeting, date_part('year', date(m.date)) AS year",
     "MATCH (m:Meeting) WHERE m.date IS NOT NULL AND date(m.date) > date('2020-01-01') "
     "RETURN m.name AS meeting, date(m.date).year AS year"),
]


def load(csv_dir, db=None):
    """Loads the export into a Kuzu database at `db` (a new temporary one by default) and
    returns a connection to it. bench/beside_kuzu.py loads its database with this too."""
    if db is None:
        db = os.path.join(tempfile.mkdtemp(prefix="kg-kuzu-"), "kg.kuzu")
    conn = kuzu.Connection(kuzu.Database(db))
    script = open(os.path.join(csv_dir, "kuzu.cypher"), encoding="utf-8").read()
    here = os.getcwd()
    os.chdir(csv_dir)
    try:
        for stmt in script.split(";\n"):
            lines = [l for l in stmt.splitlines() if l.strip() and not l.lstrip().startswith("//")]
            if lines:
                conn.execute("\n".join(lines))
    finally:
        os.chdir(here)
    return conn


def rows_of_kuzu(conn, query):
    result = conn.execute(query)
    rows = []
    while result.has_next():
        rows.append(json.dumps(result.get_next(), ensure_ascii=False))
    return sorted(rows)


def rows_of_kg(kg, snapshot, query):
    out = subprocess.run([kg, "query", snapshot, "--format", "json", "-c", query],
                         capture_output=True, text=True, check=True)
    return sorted(json.dumps(list(r.values()), ensure_ascii=False) for r in json.loads(out.stdout))


def main():
    if sys.argv[1] == "--sources":
        conn = load(sys.argv[2])
        for q in ["MATCH (n) RETURN n.sources", "MATCH ()-[r]->() RETURN r.sources"]:
            result = conn.execute(q)
            while result.has_next():
                print(json.dumps(result.get_next()[0], ensure_ascii=False))
        return
    kg, snapshot, csv_dir = sys.argv[1:4]
    conn = load(csv_dir)
    failed = 0
    for name, kuzu_q, kg_q in QUESTIONS:
        expected = rows_of_kuzu(conn, kuzu_q)
        got = rows_of_kg(kg, snapshot, kg_q or kuzu_q)
        same = expected == got and len(expected) > 0
        failed += not same
        print(f"{'same' if same else 'DIFFERENT':9} {len(expected):3} rows  {name}")
        if not same:
            print("  kuzu:", expected[:5], "\n  kg:  ", got[:5])
    print(f"{len(QUESTIONS) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
