"""Kuzu beside kg, for bench/run.sh: loads a `kg export csv` folder into an on-disk Kuzu
database and times queries on it, the way `kg query --repeat` times kg's.

usage: beside_kuzu.py load CSV_DIR DB            prints the seconds the load took
       beside_kuzu.py open DB                    opens DB, counts its nodes, prints the count
                                          (a whole process: what `kg query -c` is)
       beside_kuzu.py time DB REPEAT QUERY       prints "median_ms p99_ms rows"
"""

import os
import statistics
import sys
import time

import kuzu

# the loader the interop test checks kg's export with
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "interop"))
import kuzu_check  # noqa: E402


def connect(db):
    return kuzu.Connection(kuzu.Database(db))


def load(csv_dir, db):
    started = time.perf_counter()
    kuzu_check.load(csv_dir, db)
    print(f"{time.perf_counter() - started:.2f}")


def rows(conn, query):
    result = conn.execute(query)
    n = 0
    while result.has_next():
        result.get_next()
        n += 1
    return n


def main():
    cmd = sys.argv[1]
    if cmd == "load":
        load(sys.argv[2], sys.argv[3])
    elif cmd == "open":
        result = connect(sys.argv[2]).execute("MATCH (n) RETURN count(*)")
        print(result.get_next()[0])
    elif cmd == "time":
        conn = connect(sys.argv[2])
        repeat, query = int(sys.argv[3]), sys.argv[4]
        n = rows(conn, query)  # warm, as kg's first run is
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            rows(conn, query)
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        p99 = times[round((len(times) - 1) * 0.99)]
        print(f"{statistics.median(times):.3f} {p99:.3f} {n}")
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
