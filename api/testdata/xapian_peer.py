#!/usr/bin/env python3
"""Xapian, the peer of dossier's search benchmark (api/peers_test.go).

    xapian_peer.py build DOCS.jsonl DBDIR [PROCESSES]
        Index the documents (one JSON object a line: id, title, text, kind,
        court, doc_type, judges, date) into a new Xapian database: each of
        PROCESSES (default: the number of CPUs) indexes a share into a
        database of its own, and the shares are then compacted into one.
    xapian_peer.py serve DBDIR SPECS.jsonl
        Read lines "I MODE" from stdin and answer each with one JSON line:
        spec I run once, with exact counts (MODE "exact") or Xapian's
        default check (MODE "estimate").
    xapian_peer.py bench DBDIR SPECS.jsonl SECONDS FIRST
        Run the specs in turn from number FIRST, exact, for SECONDS, and
        print how many ran.

A spec (one JSON object a line) has class, query (QueryParser syntax),
filters ({"court": [..], "kind": [..], "doc_type": [..], "from": YYYYMMDD,
"to": YYYYMMDD}), facets (names) and highlight. The time reported covers
parsing the query, the match, reading the top 10 ids and, when asked, the
facet counts and a snippet of each of the 10 texts.
"""
import json
import multiprocessing
import os
import shutil
import sys
import time

import xapian

# Value slots; a document's judges share one slot, joined by SEP.
ID, DATE, YEAR, KIND, COURT, JUDGE = range(6)
FACET_SLOTS = {"kind": KIND, "court": COURT, "judge": JUDGE, "year": YEAR}
SEP = "\x1f"
# Boolean term prefixes of the filter fields.
PREFIX = {"kind": "XK", "court": "XC", "doc_type": "XT", "judge": "XJ", "year": "XY"}
FLAGS = (xapian.QueryParser.FLAG_PHRASE | xapian.QueryParser.FLAG_BOOLEAN
         | xapian.QueryParser.FLAG_LOVEHATE)
STEM = xapian.Stem("english")


def build(jsonl, dbdir, processes=os.cpu_count()):
    shards = [f"{dbdir}.{i}" for i in range(processes)]
    with multiprocessing.Pool(processes) as pool:
        pool.starmap(build_share, [(jsonl, shard, i, processes) for i, shard in enumerate(shards)])
    db = xapian.Database()
    for shard in shards:
        db.add_database(xapian.Database(shard))
    shutil.rmtree(dbdir, ignore_errors=True)
    db.compact(dbdir)
    db.close()
    for shard in shards:
        shutil.rmtree(shard)


def build_share(jsonl, dbdir, share, shares):
    """Indexes the documents on lines share, share+shares, ... into dbdir."""
    db = xapian.WritableDatabase(dbdir, xapian.DB_CREATE_OR_OVERWRITE)
    tg = xapian.TermGenerator()
    tg.set_stemmer(STEM)  # STEM_SOME: words as written (with positions) and Z-prefixed stems
    start = time.time()
    with open(jsonl, encoding="utf-8") as f:
        for n, line in enumerate(f):
            if n % shares != share:
                continue
            d = json.loads(line)
            doc = xapian.Document()
            tg.set_document(doc)
            # dossier searches a bare word in the text, the title (boost 2)
            # and the judges' names; a phrase in the text and the title.
            tg.index_text(d["text"])
            tg.increase_termpos()
            tg.index_text(d["title"], 2)
            tg.increase_termpos()
            tg.index_text(" ; ".join(d["judges"]))
            doc.set_data(d["text"])
            doc.add_boolean_term("Q" + d["id"])
            doc.add_value(ID, d["id"])
            for field in ("kind", "court", "doc_type"):
                if d[field]:
                    doc.add_boolean_term(PREFIX[field] + d[field])
            if d["kind"]:
                doc.add_value(KIND, d["kind"])
            if d["court"]:
                doc.add_value(COURT, d["court"])
            for j in d["judges"]:
                doc.add_boolean_term(PREFIX["judge"] + j)
            if d["judges"]:
                doc.add_value(JUDGE, SEP.join(d["judges"]))
            if d["date"]:
                doc.add_value(DATE, d["date"].replace("-", ""))
                doc.add_value(YEAR, d["date"][:4])
                doc.add_boolean_term(PREFIX["year"] + d["date"][:4])
            db.add_document(doc)
            if db.get_doccount() % 10000 == 0:
                print(f"share {share}: indexed {db.get_doccount()} documents in {time.time() - start:.0f} s",
                      file=sys.stderr, flush=True)
    db.commit()
    db.close()


class Searcher:
    def __init__(self, dbdir, specs):
        self.db = xapian.Database(dbdir)
        self.size = self.db.get_doccount()
        self.qp = xapian.QueryParser()
        self.qp.set_database(self.db)
        self.qp.set_stemmer(STEM)
        self.qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
        self.qp.set_default_op(xapian.Query.OP_AND)
        with open(specs, encoding="utf-8") as f:
            self.specs = [json.loads(line) for line in f]

    def query(self, spec):
        q = self.qp.parse_query(spec["query"], FLAGS)
        filters = []
        flt = spec.get("filters") or {}
        for field in ("court", "kind", "doc_type"):
            if flt.get(field):
                filters.append(xapian.Query(xapian.Query.OP_OR, [xapian.Query(PREFIX[field] + v) for v in flt[field]]))
        if flt.get("from") or flt.get("to"):
            filters.append(xapian.Query(xapian.Query.OP_VALUE_RANGE, DATE, flt.get("from", ""), flt.get("to", "99999999")))
        if filters:
            q = xapian.Query(xapian.Query.OP_FILTER, q, xapian.Query(xapian.Query.OP_AND, filters))
        return q

    def run(self, i, exact=True):
        """Runs spec i; returns milliseconds, the mset, top 10 ids, facets, snippets."""
        spec = self.specs[i]
        start = time.perf_counter()
        enquire = xapian.Enquire(self.db)
        enquire.set_query(self.query(spec))
        spies = {}
        for name in spec.get("facets") or []:
            spies[name] = xapian.ValueCountMatchSpy(FACET_SLOTS[name])
            enquire.add_matchspy(spies[name])
        mset = enquire.get_mset(0, 10, self.size if exact else 0)
        ids = [m.document.get_value(ID).decode() for m in mset]
        facets = {name: top_values(spy) for name, spy in spies.items()}
        snippets = []
        if spec.get("highlight"):
            snippets = [mset.snippet(m.document.get_data().decode(), 600, STEM).decode() for m in mset]
        took = (time.perf_counter() - start) * 1000
        return took, mset, ids, facets, snippets


def top_values(spy, n=10):
    """The n most frequent values a ValueCountMatchSpy saw, splitting
    multi-valued slots (judges) so that each value is counted once per
    document."""
    counts = {}
    for item in spy.values():
        for v in item.term.decode().split(SEP):
            counts[v] = counts.get(v, 0) + item.termfreq
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def serve(dbdir, specs):
    s = Searcher(dbdir, specs)
    for line in sys.stdin:
        i, mode = line.split()
        took, mset, ids, facets, snippets = s.run(int(i), mode == "exact")
        print(json.dumps({"ms": took, "total": mset.get_matches_estimated(),
                          "exact": mset.get_matches_lower_bound() == mset.get_matches_upper_bound(),
                          "ids": ids, "facets": facets, "snippets": len(snippets),
                          "marked": sum("<b>" in x for x in snippets)}), flush=True)


def bench(dbdir, specs, seconds, first):
    s = Searcher(dbdir, specs)
    n, i = 0, first
    start = time.perf_counter()
    end = start + seconds
    while time.perf_counter() < end:
        s.run(i % len(s.specs))
        n, i = n + 1, i + 1
    print(json.dumps({"count": n, "seconds": time.perf_counter() - start}), flush=True)


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "build":
        build(args[0], args[1], *map(int, args[2:]))
    elif cmd == "serve":
        serve(*args)
    elif cmd == "bench":
        bench(args[0], args[1], float(args[2]), int(args[3]))
    else:
        sys.exit(__doc__)
