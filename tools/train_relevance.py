#!/usr/bin/python3
"""Trains the learned sentence relevance of `briefmap extract` (issue 13, round 26) on the tuning halves of the
development set and writes app/extract/relevance_weights.inc, which the program compiles in.

  /usr/bin/python3 tools/train_relevance.py --build build-cc          # train on every tuning half, write the weights
  /usr/bin/python3 tools/train_relevance.py --build build-cc --cv     # leave one tuning half out in turn, print figures
  /usr/bin/python3 tools/train_relevance.py --build build-cc --check  # the program's relevance is the weights' (stdlib)

Needs Debian's python3-sklearn (`apt-get install python3-sklearn`; tools/dev.sh does not install it: the program
only reads the weights). The features are the program's own: `briefmap extract --relevance-features` prints, for
every sentence the rules found a place, a quantity or a cue in, the rules' relevance and the sentence's words, word
pairs, cues, option, places, troop numbers, position and the rules' relevance of the sentence before it. A logistic
regression (binary features, L2, C below) learns which of them the labels call relevant. The labels are those of
tools/eval_extract.py (a sentence not labelled is not relevant), and places are counted as it counts them (a
sentence's own places, not those carried over or aside), so "rules" below is the rules' decision on the same
sentences and "oracle" what perfect sentence relevance would give with today's place reading. The held-out half is
never read.
"""
import argparse, collections, math, pathlib, subprocess, sys, tempfile
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import eval_extract as E

ROOT = pathlib.Path(__file__).resolve().parent.parent
WEIGHTS = ROOT / "app/extract/relevance_weights.inc"
C = 0.3            # L2 strength: round 26's leave-one-half-out on A to R, 0.1 / 0.3 / 1.0 within 0.005 of each other
THRESHOLD = 0.6    # the probability that becomes the bar (kMinRelevance): the highest with recall at least the rules'
MIN_ROWS = 2       # a feature seen in one training sentence only is left out
CV_THRESHOLDS = (0.5, 0.55, 0.6, 0.65, 0.7)


def weighed_sentences(build, half):
    """(rows, gold places) of one half: every sentence the model weighs, with its features and its labels."""
    files, labels = E.load_devset(half)
    with tempfile.TemporaryDirectory() as td:
        copies = [E.without_source_line(f, td) for f in files]
        out = subprocess.run([str(pathlib.Path(build) / "app/briefmap"), "extract", "--quiet", "--relevance-features",
                              "--out", td + "/x.geojson"] + [str(c) for c in copies],
                             capture_output=True, text=True, check=True).stdout
    by_doc = collections.defaultdict(list)
    for l in labels: by_doc[l["report"]].append(l)
    rows = []
    for line in out.splitlines():
        doc, start, places, features = line.split("\t")
        start = int(start)
        label = next((l for l in by_doc[doc] if l["start"] <= start < l["end"]), None)
        named = [p.strip() for p in places.split(", ") if p.strip() and not p.strip().startswith("[")]
        x = {}
        for f in features.split():
            name, _, value = f.partition(":")
            x[name] = float(value) if value else 1.0
        rows.append(dict(x=x, rules=x.get("rel", 0.0) >= 0.5,
                         places=sorted({E.norm(p) for p in named if "(aside)" not in p}),
                         gold_rel=bool(label and label["relevant"]),
                         gold_places=sorted({E.norm(p["name"]) for p in label["places"]}) if label and label["relevant"] else []))
    gold = sum(len({E.norm(p["name"]) for p in l["places"]}) for l in labels if l["relevant"])
    return rows, gold


def fit(rows):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    seen = collections.Counter(name for r in rows for name in r["x"])
    keep = lambda x: {k: v for k, v in x.items() if seen[k] >= MIN_ROWS or k == "rel"}
    vectorizer = DictVectorizer()
    model = LogisticRegression(C=C, max_iter=5000).fit(vectorizer.fit_transform([keep(r["x"]) for r in rows]),
                                                        [r["gold_rel"] for r in rows])
    return vectorizer, model


def places_counted(rows, chosen):
    right = found = 0
    for r, keep in zip(rows, chosen):
        if keep:
            found += len(r["places"])
            right += len(set(r["places"]) & set(r["gold_places"]))
    return right, found


def cross_validate(halves):
    total = collections.Counter()
    names = ["rules"] + ["t%.2f" % t for t in CV_THRESHOLDS] + ["oracle"]
    print("held-out half: places P / R of the rules | the model at thresholds %s | perfect relevance" % (CV_THRESHOLDS,))
    for h in halves:
        test, gold = halves[h]
        vectorizer, model = fit([r for g in halves if g != h for r in halves[g][0]])
        p = model.predict_proba(vectorizer.transform([r["x"] for r in test]))[:, 1]
        line = [h]
        for name, chosen in [("rules", [r["rules"] for r in test])] + \
                            [("t%.2f" % t, [x >= t for x in p]) for t in CV_THRESHOLDS] + \
                            [("oracle", [r["gold_rel"] for r in test])]:
            right, found = places_counted(test, chosen)
            total[name, "right"] += right; total[name, "found"] += found
            line.append("%s %.2f / %.2f" % (name, right / max(found, 1), right / max(gold, 1)))
        total["gold"] += gold
        print("  ".join(line), flush=True)
    print("all  " + "  ".join("%s %.3f / %.3f" % (n, total[n, "right"] / total[n, "found"], total[n, "right"] / total["gold"])
                              for n in names))


def write_weights(halves):
    rows = [r for h in halves for r in halves[h][0]]
    vectorizer, model = fit(rows)
    # The threshold moves into the intercept, so that the program's bar (0.5 of the shifted probability) is it.
    intercept = model.intercept_[0] - math.log(THRESHOLD / (1 - THRESHOLD))
    weights = sorted(zip(vectorizer.get_feature_names_out(), model.coef_[0]))
    tmp = WEIGHTS.with_suffix(".inc.tmp")
    try:  # the previous weights stay until the new file is complete and closed
        with open(tmp, "w", encoding="utf-8", newline="\n") as out:
            out.write("// Generated by tools/train_relevance.py: do not edit. A logistic regression (C %g, features seen in %d or\n"
                      "// more sentences) trained on halves %s to %s of tests/fixtures/extract/devset (%d sentences weighed, %d\n"
                      "// labelled relevant); the intercept holds the threshold %g, so that 0.5 is the bar.\n"
                      % (C, MIN_ROWS, E.TUNING[0], E.TUNING[-1], len(rows), sum(r["gold_rel"] for r in rows), THRESHOLD))
            out.write('R"TSV(intercept\t%.6g\n' % intercept)
            for name, w in weights:
                if "\t" in name or "\n" in name or ")TSV" in name: sys.exit("a feature name the weights file cannot hold: %r" % name)
                out.write("%s\t%.6g\n" % (name, w))
            out.write(')TSV"\n')
        tmp.replace(WEIGHTS)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    print("%s: %d features from %d sentences of halves %s" % (WEIGHTS.relative_to(ROOT), len(weights), len(rows),
                                                               "".join(E.TUNING)))


def check(build, halves):
    """Recomputes every weighed sentence's relevance from its printed features and the weights file, and compares it
    with what `--explain` prints: the program and the file must agree to the rounding (0.001)."""
    weights, body = {}, WEIGHTS.read_text(encoding="utf-8").split('R"TSV(', 1)[1].rsplit(')TSV"', 1)[0]
    for line in body.splitlines():
        if "\t" in line:
            name, w = line.split("\t"); weights[name] = float(w)
    compared = differ = 0
    for half in halves:
        files, _ = E.load_devset(half)
        with tempfile.TemporaryDirectory() as td:
            copies = [str(E.without_source_line(f, td)) for f in files]
            run = lambda flag: subprocess.run([str(pathlib.Path(build) / "app/briefmap"), "extract", "--quiet", flag, "--out",
                                               td + "/x.geojson"] + copies, capture_output=True, text=True, check=True).stdout
            explained = {(f[0], f[1]): float(f[2]) for f in (l.split("\t") for l in run("--explain").splitlines())}
            for line in run("--relevance-features").splitlines():
                doc, start, _, features = line.split("\t")
                z = weights["intercept"]
                for f in features.split():
                    name, _, value = f.partition(":")
                    z += weights.get(name, 0.0) * (float(value) if value else 1.0)
                p = round(1 / (1 + math.exp(-z)), 3)
                compared += 1
                if abs(p - explained[doc, start]) > 0.0015:
                    differ += 1
                    if differ <= 10: print("%s %s: weights give %.3f, the program %.3f" % (doc, start, p, explained[doc, start]))
    print("%d sentences compared, %d differ" % (compared, differ))
    return 1 if differ else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", required=True)
    ap.add_argument("--cv", action="store_true", help="leave one tuning half out in turn and print figures")
    ap.add_argument("--check", action="store_true", help="check that the program weighs sentences as the weights say")
    a = ap.parse_args()
    if a.check: sys.exit(check(a.build, E.TUNING))
    halves = {h: weighed_sentences(a.build, h) for h in E.TUNING}
    cross_validate(halves) if a.cv else write_weights(halves)


if __name__ == "__main__":
    main()
