#!/usr/bin/python3
"""Leave-one-half-out test of a learned sentence relevance beside the rules (issue 13; round 15 on A-G: on the rules'
curve; round 25 on A-Q: a little above it, 0.892 / 0.891 at threshold 0.6 against the rules' 0.875 / 0.893).

  /usr/bin/python3 tools/experiments/relevance_cv.py --build build-cc

Needs Debian's python3-sklearn (not installed by tools/dev.sh: nothing in the product uses it). Round 10 tried word
weights on halves A and B alone and asked for more labels and features beyond words; this answers it on the tuning
halves (never the held-out one): every sentence `briefmap extract --explain` reports, with its rules' relevance,
option, cues, number of places, the relevance of its neighbours, its position in the report and the share of the
report's sentences over the bar, and its words and word pairs (tf-idf), in a logistic regression trained on all the
other tuning halves. Places are counted as tools/eval_extract.py counts them (a sentence's own places, not those
carried over or aside), so "rules" here is the extractor's decision on the same sentences, and "oracle" is what
perfect sentence relevance would give with today's place reading.
"""
import argparse, collections, pathlib, subprocess, sys, tempfile
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
import eval_extract as E
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression

THRESHOLDS = (0.4, 0.5, 0.6, 0.7)


def explained_sentences(build, half):
    files, labels = E.load_devset(half)
    with tempfile.TemporaryDirectory() as td:
        copies = [E.without_source_line(f, td) for f in files]
        out = subprocess.run([str(pathlib.Path(build) / "app/briefmap"), "extract", "--quiet", "--explain", "--out",
                              td + "/x.geojson"] + [str(c) for c in copies], capture_output=True, text=True, check=True).stdout
    by_doc = collections.defaultdict(list)
    for l in labels: by_doc[l["report"]].append(l)
    rows = []
    for line in out.splitlines():
        f = line.split("\t")
        if len(f) < 8: continue
        doc, start = f[0], int(f[1])
        label = next((l for l in by_doc[doc] if l["start"] <= start < l["end"]), None)
        named = [p.strip() for p in f[6].split(", ") if p.strip() and not p.strip().startswith("[")]
        rows.append(dict(doc=doc, start=start, rel=float(f[2]), status=f[3], opt=f[4], cues=f[5], text=f[7],
                         places=sorted({E.norm(p) for p in named if "(aside)" not in p}),
                         gold_rel=bool(label and label["relevant"]),
                         gold_places=sorted({E.norm(p["name"]) for p in label["places"]}) if label and label["relevant"] else []))
    by_report = collections.defaultdict(list)
    for r in rows: by_report[r["doc"]].append(r)
    for rs in by_report.values():
        rs.sort(key=lambda r: r["start"])
        over = sum(r["rel"] >= 0.5 for r in rs) / len(rs)
        for i, r in enumerate(rs):
            r.update(prev=rs[i - 1]["rel"] if i else -1, next=rs[i + 1]["rel"] if i + 1 < len(rs) else -1,
                     pos=i / len(rs), over=over, index=i)
    gold = sum(len({E.norm(p["name"]) for p in l["places"]}) for l in labels if l["relevant"])
    return rows, gold


def features(r):
    words = ["opt=" + r["opt"], "status=" + r["status"], "rel=%d" % int(r["rel"] * 10), "np=%d" % min(len(r["places"]), 4),
             "prev=%d" % int(r["prev"] * 5), "next=%d" % int(r["next"] * 5), "pos=%d" % int(r["pos"] * 4),
             "over=%d" % int(r["over"] * 5), "opening=%d" % (r["index"] < 3)]
    words += ["cue=" + c.strip().replace(" ", "_") for c in r["cues"].split(",") if c.strip()]
    words += ["place=" + p.replace(" ", "_") for p in r["places"]]
    return " ".join(words)


def places_counted(rows, chosen):
    right = found = 0
    for r, keep in zip(rows, chosen):
        if keep:
            found += len(r["places"])
            right += len(set(r["places"]) & set(r["gold_places"]))
    return right, found


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", required=True)
    a = ap.parse_args()
    halves = {h: explained_sentences(a.build, h) for h in E.TUNING}
    total = collections.Counter()
    print("held-out half: places P / R of the rules | the model at thresholds %s | perfect relevance" % (THRESHOLDS,))
    for h in E.TUNING:
        test, gold = halves[h]
        train = [r for g in E.TUNING if g != h for r in halves[g][0]]
        text = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
        other = CountVectorizer(token_pattern=r"\S+", binary=True)
        x_train = hstack([text.fit_transform([r["text"] for r in train]), other.fit_transform([features(r) for r in train]),
                          csr_matrix([[r["rel"]] for r in train])]).tocsr()
        x_test = hstack([text.transform([r["text"] for r in test]), other.transform([features(r) for r in test]),
                         csr_matrix([[r["rel"]] for r in test])]).tocsr()
        model = LogisticRegression(C=1.0, max_iter=2000).fit(x_train, [r["gold_rel"] for r in train])
        p = model.predict_proba(x_test)[:, 1]
        line = [h]
        for name, chosen in [("rules", [r["status"] == "candidates" for r in test])] + \
                            [("t%.1f" % t, [x >= t for x in p]) for t in THRESHOLDS] + \
                            [("oracle", [r["gold_rel"] for r in test])]:
            right, found = places_counted(test, chosen)
            total[name, "right"] += right; total[name, "found"] += found
            line.append("%s %.2f / %.2f" % (name, right / max(found, 1), right / gold))
        total["gold"] += gold
        print("  ".join(line))
    print("all   " + "  ".join("%s %.3f / %.3f" % (n, total[n, "right"] / total[n, "found"], total[n, "right"] / total["gold"])
                              for n in ["rules"] + ["t%.1f" % t for t in THRESHOLDS] + ["oracle"]))


if __name__ == "__main__":
    main()
