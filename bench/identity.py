"""B-cubed precision, recall and F1 of the Person nodes of a graph against the ground
truth of a generated corpus.

usage: identity.py TRUTH.tsv GRAPH.json

TRUTH.tsv is what `kg synth` writes beside the articles (article, name as written, person
id); GRAPH.json is `kg export json` of the graph built from them. Each truth row is a name
mention; its predicted entity is the Person node of that name (folded: no case, no tone
marks, đ as d) with a source in that article, or a cluster of its own when the graph has
none. B-cubed scores each mention by how much its predicted entity and its true person
overlap (Bagga and Baldwin, 1998), so one node holding many namesakes costs precision and
one person split into many nodes costs recall. Prints one line of figures."""

import json
import sys
import unicodedata
from collections import Counter, defaultdict


def fold(s):
    s = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    return " ".join("".join(c for c in s if not unicodedata.combining(c)).lower().split())


def main():
    truth_path, graph_path = sys.argv[1:3]
    rows = []
    with open(truth_path, encoding="utf-8") as f:
        next(f)
        for line in f:
            article, name, person = line.rstrip("\n").split("\t")
            rows.append((article, fold(name), person))
    graph = json.load(open(graph_path, encoding="utf-8"))
    node_of = {}
    for n in graph["nodes"]:
        if n.get("label") != "Person":
            continue
        name = fold(n["name"])
        for s in n.get("sources") or []:
            a = s.get("article") if isinstance(s, dict) else s
            node_of.setdefault((a.split("/")[-1], name), n["id"])
    pred = []
    found = 0
    for i, (article, name, _) in enumerate(rows):
        node = node_of.get((article, name))
        found += node is not None
        pred.append(("node", node) if node is not None else ("missing", i))
    gold = [person for _, _, person in rows]
    pred_size = Counter(pred)
    gold_size = Counter(gold)
    both = Counter(zip(pred, gold))
    precision = sum(both[(p, g)] / pred_size[p] for p, g in zip(pred, gold)) / len(rows)
    recall = sum(both[(p, g)] / gold_size[g] for p, g in zip(pred, gold)) / len(rows)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    nodes = len({p for p in pred if p[0] == "node"})
    print(
        f"mentions {len(rows)}  people {len(gold_size)}  person nodes {nodes}  "
        f"found {found / len(rows):.3f}  B-cubed P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}"
    )


if __name__ == "__main__":
    main()
