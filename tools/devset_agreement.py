#!/usr/bin/env python3
"""How far a second labeller agrees with the first on development-set reports (stdlib only).

  tools/devset_agreement.py

Sixteen reports (two drawn at random from each half A-H, seed 16, none of the format examples of the brief) were
labelled a second time by two engineers who followed the written conventions and never saw the first labels of these
reports (tests/fixtures/extract/devset/agreement/: brief.md, labels_a1/a2.spec and .jsonl, notes_a1/a2.md). The first
labels are taken as the reference and the second as the prediction, counted as tools/eval_extract.py counts the
extractor: (sentence, place) pairs of relevant sentences, relevant sentences, (sentence, option) pairs and (sentence,
troop number) pairs. Some sentences are named by the labelling decisions the conventions include, so the second labels
follow the first there; the six reports no written decision names give the strictly independent figure.
"""
import json, pathlib, sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
DEVSET = ROOT / "tests/fixtures/extract/devset"
sys.path.insert(0, str(ROOT / "tools"))
from eval_extract import norm  # the same name normalisation as the extractor's figures

NOT_NAMED_BY_A_DECISION = ("027", "052", "058", "067", "171", "178")


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


def main():
    first = sentence_labels(DEVSET / "labels.jsonl")
    second = [l for part in ("a1", "a2") for l in sentence_labels(DEVSET / "agreement" / f"labels_{part}.jsonl")]
    reports = {l["report"] for l in second}
    for title, chosen in (("all 16 reports", reports),
                          ("6 reports no labelling decision names", {r for r in reports if r[:3] in NOT_NAMED_BY_A_DECISION})):
        print(f"== {title}: second labeller against the first")
        print(f"{'':36s} precision  recall  (first)  both of second")
        names = ("places (relevant sentence, place)", "relevant sentence", "option of a sentence", "troop numbers (sentence, number)")
        for name, a, b in zip(names, pairs(first, chosen), pairs(second, chosen)):
            both = len(a & b)
            print(f"{name:36s} {both / len(b):9.2f} {both / len(a):7.2f}  ({len(a)})  {both} of {len(b)}")


if __name__ == "__main__":
    main()
