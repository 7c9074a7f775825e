#!/usr/bin/env python3
"""Precision and recall of `briefmap extract` against hand labels (stdlib only).

  tools/eval_extract.py --build build --half R     # one half of the development set (A to Z, then a; a held out, figures only)
  tools/eval_extract.py --build build --half ABCDEFGHIJKLMNOPQRSTUVWXYZ  # a run of halves from A counted together (the tuning set)
  tools/eval_extract.py --build build --half docs  # the bundled documents (labelled_sentences.jsonl)

Runs `<build>/app/briefmap extract --out <tmp>.geojson <reports>`, assigns every candidate to the
labelled sentence that contains its place (byte offsets `place_start`; else the one its quote overlaps),
and counts (sentence, place) pairs, (sentence, option) pairs, relevant sentences and (sentence, troop
number) pairs. See tests/fixtures/extract/devset/README.md for the method and the name normalisation, and HALVES,
TUNING and HELD_OUT below for which half was tuned on or held out in which round.
"""
import argparse, json, os, pathlib, subprocess, sys, tempfile, unicodedata

ROOT = pathlib.Path(__file__).resolve().parent.parent
DEVSET = ROOT / "tests/fixtures/extract/devset"
HALVES = ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q", "R", "S", "T", "U", "V", "W", "X", "Y", "Z", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "w", "x", "y"]
# Half B joined the tuning set in round 9 (held out in rounds 1-8); C and D in round 11, when the fresh half E was
# labelled (they had been measured after every round since 5 and 8); E in round 13, when a second fresh half F was
# labelled (E was measured once, in round 11); F in round 14, when a third fresh half G was labelled (F was measured
# once, in round 13); G in round 15, when a fourth fresh half H was labelled (G was measured once, in round 14); H in
# round 16, when a fifth fresh half I was labelled (H was measured once for all figures, once more for options only);
# I in round 17, when a sixth fresh half J was labelled (I was measured once); J in round 18, when a seventh fresh half
# K was labelled (J was measured once); K in round 19, when an eighth fresh half L was labelled (K was measured once);
# L in round 20, when a ninth fresh half M was labelled (L was measured once); M in round 21, when a tenth fresh half N
# was labelled (M was measured once); N in round 22, when an eleventh fresh half O was labelled (N was measured once);
# O in round 23, when a twelfth fresh half P was labelled (O was measured once); P in round 24, when a thirteenth fresh
# half Q was labelled (P was measured once); Q in round 25, when a fourteenth fresh half R was labelled (Q was
# measured once); R in round 26, which holds out the fifteenth fresh half S, labelled at the end of round 25 (R was
# measured once); S in round 27, which holds out the sixteenth fresh half T, labelled at the end of round 26 (S was
# measured once); T in round 28, which holds out the seventeenth fresh half U, labelled at the end of round 27 (T was
# measured once); U in round 29, which holds out the eighteenth fresh half V, labelled at the end of round 28 (U was
# measured once); V in round 30, which holds out the nineteenth fresh half W, labelled in round 29 (V was measured
# once); W in round 31, which holds out the twentieth fresh half X, labelled in round 30 (W was measured once); X in
# round 32, which holds out the twenty-first fresh half Y, labelled in round 31 (X was measured once); Y in round 33,
# which holds out the twenty-second fresh half Z, labelled in round 32 (Y was measured once); Z in round 34, which holds
# out the twenty-third fresh half a, labelled in round 33 (Z was measured once); a in round 35, which holds out the
# twenty-fourth fresh half b, labelled at its start (a was measured once); b in round 36, which holds out the
# twenty-fifth fresh half c, labelled during round 35 (b was measured once). The halves after Z are named in lower
# case: a half is one character of reports.tsv's half column, and a run of halves is a string of them. c in round 37,
# which holds out the twenty-sixth fresh half d, labelled at its start (c was measured once); d in round 38, which holds
# out the twenty-seventh fresh half e, labelled at its start (d was measured once); e in round 39, which holds out the
# twenty-eighth fresh half f, labelled at its start (e was measured once); f in round 40, which holds out the
# twenty-ninth fresh half g, labelled at its start (f was measured once); g in round 41, which holds out the thirtieth
# fresh half h, labelled at its start (g was measured once); h in round 42, which holds out the thirty-first fresh half
# i, labelled at its start (h was measured once); i in round 43, which holds out the thirty-second fresh half j,
# labelled at its start (i was measured once); j in round 44, which holds out the thirty-third fresh half k, labelled
# at the end of round 43 and topped up at round 44's start (j was measured once); k in round 45, which holds out the
# thirty-fourth fresh half l, labelled at its start (k was measured once); l in round 46, which holds out the
# thirty-fifth fresh half m, labelled at its start (l was measured once); m in round 47, which holds out the
# thirty-sixth fresh half n, labelled at its start (m was measured once); n in round 48, which holds out the
# thirty-seventh fresh half o, labelled at its start (n was measured once); o in round 49, which holds out the
# thirty-eighth fresh half p, labelled at the end of round 48, and the thirty-ninth, q, labelled at its start (o was
# measured once); p and q in round 50, which holds out the fortieth fresh half r, labelled during round 49 (p and q were
# measured once, in round 49); r in round 51, which holds out the forty-first fresh half s, labelled at the end of round
# 50 (r was measured once, in round 50); s in round 52, which holds out the forty-second fresh half t, labelled during
# round 51 (s was measured once, in round 51); t in round 53, which holds out the forty-third fresh half u, labelled
# during round 52 (t was measured once, in round 52); u in round 54, which holds out the forty-fourth fresh half v,
# labelled during round 53 (u was measured once, in round 53); v in round 55, which holds out the forty-fifth fresh
# half w, labelled during round 55 (v was measured once, in round 54); w in round 56, which holds out the forty-sixth
# fresh half x, labelled during round 56 (w was measured once, in round 55); x in round 57, which holds out the
# forty-seventh fresh half y, labelled during round 57 (x was measured once, in round 56).
TUNING = ("A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q", "R", "S", "T", "U", "V",
          "W", "X", "Y", "Z", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u",
          "v", "w", "x")
HELD_OUT = ("y",)  # measured once per round: figures only, never a miss or an extra by name

# Variant spellings a reader would take as the same place (after folding case and diacritics).
VARIANTS = {
    "kiev": "kyiv", "odessa": "odesa", "lvov": "lviv", "kharkov": "kharkiv", "zaporozhye": "zaporizhzhia",
    "zaporizhzhya": "zaporizhzhia", "donbass": "donbas", "nikolaev": "mykolaiv", "dnepr": "dnipro",
    "turkey": "turkiye", "us": "united states", "u.s.": "united states", "usa": "united states",
    "united states of america": "united states", "america": "united states", "uk": "united kingdom",
    "u.k.": "united kingdom", "britain": "united kingdom", "great britain": "united kingdom",
    "bosphorus": "bosporus", "mikhail kogalniceanu air base": "mihail kogalniceanu air base",
    "zaporizhzhia npp": "zaporizhzhia nuclear power plant",
    "dnieper": "dnipro river", "dnieper river": "dnipro river",
    # a supply hub at an airport is labelled as its town (devset README, round 5): the air base Rzeszów-Jasionka
    "rzeszow-jasionka": "rzeszow",
    "zaporozhye nuclear power plant": "zaporizhzhia nuclear power plant",
    "czech republic": "czechia",  # the basemap's name
}

def norm(name):
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower().strip()
    s = s.replace("’", "'")
    if s.startswith("the "): s = s[4:]
    if s.endswith(" region"): s = s[:-7] + " oblast"
    # a port or naval base is the place of its city for the labels ("the port of Constanța" is labelled Constanța)
    if s.startswith("port of "): s = s[8:]
    if s.endswith(" naval base"): s = s[:-11]
    # an air base or site is labelled by its own name (round 11: "Câmpia Turzii", "Deveselu"); the gazetteer adds
    # "Air Base" or what is there ("Deveselu (Aegis Ashore)")
    if "(" in s: s = s[:s.index("(")].strip()
    if s.endswith(" air base") and s != "mihail kogalniceanu air base": s = s[:-9]
    words = s.split()
    s = " ".join(VARIANTS.get(w, w) if len(words) > 1 and w in ("kiev", "odessa", "zaporozhye", "donbass", "lvov", "kharkov") else w for w in words)
    return VARIANTS.get(s, s)

def without_source_line(f, folder):
    """A copy of a development-set report whose first line, "Source: <publisher>, <url>, <date>", is blanked.

    The line is the set's bookkeeping, not the text as published: read as a sentence, a publisher such as "Metro
    Observer" gives a cue to the report's topic. Spaces of the same byte length keep every offset of the labels."""
    raw = pathlib.Path(f).read_bytes()
    if raw.startswith(b"Source: "):
        end = raw.find(b"\n")
        end = len(raw) if end < 0 else end
        raw = b" " * end + raw[end:]
    copy = pathlib.Path(folder) / pathlib.Path(f).name
    copy.write_bytes(raw)
    return copy

def run_extract(build, files):
    exe = pathlib.Path(build) / "app" / "briefmap"
    with tempfile.TemporaryDirectory() as td:
        out = os.path.join(td, "tmp.geojson")
        copies = [without_source_line(f, td) for f in files]
        subprocess.run([str(exe), "extract", "--quiet", "--out", out] + [str(f) for f in copies], check=True)
        return [f["properties"] for f in json.load(open(out, encoding="utf-8"))["features"]]

def pr(tp, npred, ngold):
    p = tp / npred if npred else float("nan")
    r = tp / ngold if ngold else float("nan")
    return p, r

def load_devset(half):
    """`half` is one half ("A") or several read together ("AB", the tuning set)."""
    rows = [l.rstrip("\n").split("\t") for l in open(DEVSET / "reports.tsv", encoding="utf-8")][1:]
    files = [DEVSET / "reports" / r[1] for r in rows if r[5] in half]
    names = {f.name for f in files}
    labels = []
    for line in open(DEVSET / "labels.jsonl", encoding="utf-8"):
        o = json.loads(line)
        if o["report"] in names and "sentence" in o:
            labels.append(o)
    return files, labels

def load_docs():
    src = ROOT / "geodata/sources"
    files = sorted(src.glob("*.txt"))
    labels = []
    for line in open(ROOT / "tests/fixtures/extract/labelled_sentences.jsonl", encoding="utf-8"):
        o = json.loads(line)
        raw = (src / o["doc"]).read_bytes()
        b = o["sentence"].encode("utf-8")
        start = raw.find(b)
        if start < 0:
            print("label not found in", o["doc"], o["sentence"][:50], file=sys.stderr); continue
        # the bundled labels have no relevance: a sentence with an option or a place counts as relevant
        labels.append({"report": o["doc"], "sentence": o["sentence"], "start": start, "end": start + len(b),
                       "places": [{"name": p} for p in o["places"]], "option": o["option"],
                       "relevant": bool(o["option"] or o["places"]), "quantities": None})
    return files, labels

def read_doc(files, name):
    return next(pathlib.Path(f).read_bytes() for f in files if pathlib.Path(f).name == name)

def evaluate(files, labels, build, title, labelled_only=False, details=False, name_misses=True):
    cands = run_extract(build, files)
    by_doc = {}
    for i, l in enumerate(labels):
        by_doc.setdefault(l["report"], []).append((i, l))

    def sentence_key(c):
        # a place carried over from the previous sentence lies there: the candidate belongs to its own quote
        at = c["start"] if c.get("place_carried_over") else c.get("place_start", c["start"])
        for i, l in by_doc.get(c["doc"], []):
            if l["start"] <= at < l["end"]:
                return i
        for i, l in by_doc.get(c["doc"], []):
            if c["start"] < l["end"] and l["start"] < c["end"]:
                return i
        return (c["doc"], c["start"], c["end"])  # a sentence nobody labelled: not relevant, no places

    gold_places = {(i, norm(p["name"])) for i, l in enumerate(labels) if l["relevant"] for p in l["places"]}
    gold_opts = {(i, l["option"]) for i, l in enumerate(labels) if l["option"]}
    gold_rel = {i for i, l in enumerate(labels) if l["relevant"]}
    qlabelled = any(l["quantities"] is not None for l in labels)
    gold_q = set()
    for i, l in enumerate(labels):
        for q in l["quantities"] or []:
            gold_q.add((i, q["max"] if q["max"] is not None else q["min"]))
    pred_places, pred_opts, pred_rel, pred_q = set(), {}, set(), set()
    texts = {}
    for c in cands:
        k = sentence_key(c)
        if labelled_only and not isinstance(k, int):
            continue  # the bundled labels cover 96 chosen sentences, not every sentence
        name = c.get("place")  # facts (kind "fact", troop numbers without a place) have none
        # places carried over from the previous sentence are not what the sentence names (the labels' places):
        # such a candidate counts for the sentence's relevance and option, not as a (sentence, place) pair
        if name and not c.get("place_carried_over"):
            # "Donetsk region" is placed at Donetsk: the label says Donetsk Oblast. A region the gazetteer names
            # itself is taken as named (round 46: "Crimea", the label's name, had been read as "Crimea Oblast").
            if c.get("placement") == "region_centre" and not name.endswith("Oblast") and c.get("place_kind") != "region":
                name += " Oblast"
            place = norm(name)
            if place == "rzeszow" and "place_end" in c:
                # the hub is labelled as the name the text gives it: Rzeszów, or Jasionka, the airport's village
                if c["doc"] not in texts: texts[c["doc"]] = read_doc(files, c["doc"])
                surface = texts[c["doc"]][c["place_start"]:c["place_end"]].decode("utf-8", "replace")
                if "jasionka" in norm(surface):
                    place = "jasionka"
            pred_places.add((k, place))
        pred_opts[k] = c["option"]
        pred_rel.add(k)
        for q in c.get("quantities", []):
            if q.get("kind") == "troops":
                v = q["max"] if q.get("max") is not None else q.get("min")
                pred_q.add((k, int(v) if v is not None else None))
    pred_opts = {(k, o) for k, o in pred_opts.items() if o}
    def row(name, pred, gold):
        return (name, pr(len(pred & gold), len(pred), len(gold)), len(gold), len(pred & gold), len(pred))
    rows = [row("places (relevant sentence, place)", pred_places, gold_places),
            row("option of a sentence", pred_opts, gold_opts),
            row("relevant sentence", pred_rel, gold_rel)]
    if qlabelled:
        rows.append(row("troop numbers (sentence, number)", pred_q, gold_q))
    print(f"== {title}: {len(files)} documents, {len(labels)} labelled sentences, {len(cands)} candidates")
    print(f"{'':36s} precision  recall  (gold)  right of found")
    for name, (p, r), n, right, found in rows:
        print(f"{name:36s} {p:9.2f} {r:7.2f}  ({n})  {right} of {found}")
    if name_misses:
        missed = sorted({p for (_, p) in gold_places - pred_places})
        print("missed places:", ", ".join(missed[:40]) + (" …" if len(missed) > 40 else ""))
        wrong = sorted({p for (_, p) in pred_places - gold_places})
        print("places not in the labels:", ", ".join(wrong[:40]) + (" …" if len(wrong) > 40 else ""))
    if details:  # for tuning on halves A and B only: each miss and each extra with its sentence
        texts = {}
        for f in files:
            texts[pathlib.Path(f).name] = pathlib.Path(f).read_bytes()
        def show(k):
            if isinstance(k, int):
                l = labels[k]
                return f"{l['report']} #{l['sentence']}: " + texts[l["report"]][l["start"]:l["end"]].decode()[:220]
            return f"{k[0]} (unlabelled): " + texts[k[0]][k[1]:k[2]].decode()[:220]
        for what, pairs in (("MISSED", gold_places - pred_places), ("EXTRA", pred_places - gold_places)):
            for k, p in sorted(pairs, key=str):
                print(f"{what} place {p!r} in {show(k)}")
        for what, pairs in (("MISSED", gold_q - pred_q), ("EXTRA", pred_q - gold_q)):
            for k, v in sorted(pairs, key=str):
                print(f"{what} troop number {v} in {show(k)}")
        for k in sorted(gold_rel - pred_rel, key=str):
            print(f"MISSED relevant: {show(k)}")
        for k in sorted(pred_rel - gold_rel, key=str):
            print(f"EXTRA relevant: {show(k)}")
        for k, o in sorted(pred_opts - gold_opts, key=str):
            gold = labels[k]["option"] if isinstance(k, int) else None
            print(f"OPTION {o} (label {gold}) in {show(k)}")

def half_argument(value):
    """A half, a run of halves from A (the tuning set counted together), or docs."""
    if value == "docs" or value in HALVES or (len(value) > 1 and "".join(HALVES).startswith(value)):
        return value
    raise argparse.ArgumentTypeError(f"{value!r}: expected one of {HALVES[0]} to {HALVES[-1]}, a run from A "
                                     f"such as AB or {''.join(TUNING)}, or docs")

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default=str(ROOT / "build"), help="build directory holding app/briefmap")
    ap.add_argument("--half", type=half_argument, action="append",
                    help=f"a half ({HALVES[0]} to {HALVES[-1]}), the tuning set from A up to a half counted together "
                    f"(AB, ABCD, ... {''.join(TUNING)}), or docs (repeatable)")
    ap.add_argument("--details", action="store_true",
                    help=f"print every miss and extra with its sentence (tuning halves A to {TUNING[-1]} and docs only)")
    a = ap.parse_args()
    halves = a.half or HALVES + ["docs"]
    refused = [h for h in halves if h in HELD_OUT]
    if a.details and refused:
        held = f"half {refused[0]} is" if len(refused) == 1 else f"halves {', '.join(refused)} are"
        ap.error(f"--details is for halves A to {TUNING[-1]} and the bundled documents only: {held} held out "
                 "(measure held-out halves without --details, figures only)")
    for h in halves:
        files, labels = load_docs() if h == "docs" else load_devset(h)
        title = ("bundled documents" if h == "docs" else "halves A and B" if h == "AB" else
                 f"halves A to {h[-1]}" if len(h) > 1 else f"half {h}")
        evaluate(files, labels, a.build, title, labelled_only=(h == "docs"),
                 details=a.details, name_misses=h not in HELD_OUT)

if __name__ == "__main__":
    main()
