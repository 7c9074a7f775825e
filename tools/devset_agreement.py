#!/usr/bin/env python3
"""How far a second labeller agrees with the first on development-set reports (stdlib only).

  tools/devset_agreement.py            # both studies
  tools/devset_agreement.py round25    # one of them: round15, round23 or round25

Round 15: sixteen reports (two drawn at random from each half A-H, seed 16, none of the format examples of the brief)
were labelled a second time by two engineers who followed the written conventions and never saw the first labels of
these reports (tests/fixtures/extract/devset/agreement/: brief.md, labels_a1/a2.spec and .jsonl, notes_a1/a2.md).
Round 23: sixteen more, two from each half I-P (seed 23), the same way under brief_P.md's conventions
(agreement/round23/). Round 25: twelve reports of the held-out half R (seed 25), under brief_R.md's conventions, which
do not include R's notes (agreement/round25/). The first labels are taken as the reference and the second as the prediction, counted as
tools/eval_extract.py counts the extractor: (sentence, place) pairs of relevant sentences, relevant sentences,
(sentence, option) pairs and (sentence, troop number) pairs. Some sentences are named by the labelling decisions the
conventions include, so the second labels follow the first there; the reports no written decision names give the
strictly independent figure.
"""
import json, pathlib, sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
DEVSET = ROOT / "tests/fixtures/extract/devset"
sys.path.insert(0, str(ROOT / "tools"))
from eval_extract import norm  # the same name normalisation as the extractor's figures

# Each study: its folder, and the reports no written labelling decision names (the second labellers' notes list the
# sentences the decisions name; in round 23 they name sentences of every report but the two of half P, whose notes were
# not among the conventions read).
STUDIES = {
    "round15": (DEVSET / "agreement", ("027", "052", "058", "067", "171", "178")),
    "round23": (DEVSET / "agreement" / "round23", ("365", "378")),
    # Round 25: twelve reports of the held-out half R, whose first labellers' notes were not among the conventions read.
    "round25": (DEVSET / "agreement" / "round25", ("406", "407", "410", "412", "414", "415", "418", "421", "423", "424",
                                                     "425", "426")),
}


def sentence_labels(path):
    return [o for o in map(json.loads, open(path, encoding="utf-8")) if "sentence" in o]


def pairs(labels, reports):
    places, relevant, options, troops = set(), set(), set(), set()
    for l in labels:
        if l["report"] not in reports:
            continue
        key = (l["report"], l["start"])
        if l["relevant"]:
            relevant.add(key)
            places.update((key, norm(p["name"])) for p in l["places"])
        if l["option"]:
            options.add((key, l["option"]))
        troops.update((key, q["max"] if q["max"] is not None else q["min"]) for q in l["quantities"] or [])
    return places, relevant, options, troops


def report_agreement(title, first, second, chosen):
    print(f"== {title}: second labeller against the first")
    print(f"{'':36s} precision  recall  (first)  both of second")
    names = ("places (relevant sentence, place)", "relevant sentence", "option of a sentence", "troop numbers (sentence, number)")
    for name, a, b in zip(names, pairs(first, chosen), pairs(second, chosen)):
        both = len(a & b)
        precision = f"{both / len(b):9.2f}" if b else f"{'-':>9s}"
        recall = f"{both / len(a):7.2f}" if a else f"{'-':>7s}"
        print(f"{name:36s} {precision} {recall}  ({len(a)})  {both} of {len(b)}")


def main():
    chosen_studies = sys.argv[1:] or list(STUDIES)
    unknown = [name for name in chosen_studies if name not in STUDIES]
    if unknown:
        sys.exit(f"devset_agreement.py: unknown study {unknown[0]!r}: expected one of {', '.join(STUDIES)}")
    first = sentence_labels(DEVSET / "labels.jsonl")
    for study in chosen_studies:
        folder, independent = STUDIES[study]
        second = [l for part in ("a1", "a2") for l in sentence_labels(folder / f"labels_{part}.jsonl")]
        reports = {l["report"] for l in second}
        report_agreement(f"{study}, all {len(reports)} reports", first, second, reports)
        named_by_none = {r for r in reports if r[:3] in independent}
        report_agreement(f"{study}, {len(named_by_none)} reports no labelling decision names", first, second, named_by_none)


if __name__ == "__main__":
    main()
