#!/usr/bin/env python3
"""Split the development-set reports into numbered sentences, for labelling by reading.

Used only to give each sentence a number while labelling (labels name the sentence by number and
tools/devset_labels.py copies its exact text); it is not the extractor and decides nothing.
A sentence ends at a line break, or at . ! ? (with any closing quote or bracket) followed by a space
and a capital, digit or opening quote, except after the abbreviations below. The first line
(Source: ...) is not a sentence.
"""
import re, sys, pathlib

ABBREV = ("U.S.", "U.K.", "U.N.", "D.C.", "Lt.", "Gen.", "Mr.", "Mrs.", "Dr.", "St.", "Sen.", "Jan.",
          "Feb.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.", "No.", "Adm.", "Col.")
END = re.compile(r'[.!?]+["”’\')\]]*\s+(?=[A-Z0-9"“‘‚„(\[])')

def sentences(text):
    """Yield (start, end) character offsets of sentences in text."""
    pos = 0
    for line in text.split("\n"):
        lstart = pos
        pos += len(line) + 1
        if lstart == 0:
            continue  # the Source line
        s = 0
        for m in END.finditer(line):
            head = line[s:m.start() + 1]
            if any(head.rstrip(".").endswith(a.rstrip(".")) and head.endswith(".") for a in ABBREV) \
                    and line[m.start()] == "." and line[m.start()-1].isalpha() and \
                    any(line[:m.start()+1].endswith(a) for a in ABBREV):
                continue
            e = m.end()
            seg = line[s:e].strip()
            if seg:
                a = line.index(seg, s)
                yield lstart + a, lstart + a + len(seg)
            s = e
        seg = line[s:].strip()
        if seg:
            a = line.index(seg, s)
            yield lstart + a, lstart + a + len(seg)

def report_sentences(path):
    text = pathlib.Path(path).read_text(encoding="utf-8")
    return [text[a:b] for a, b in sentences(text)]

if __name__ == "__main__":
    for p in sys.argv[1:]:
        print("@" + pathlib.Path(p).name)
        for i, s in enumerate(report_sentences(p), 1):
            print(f"{i}\t{s}")
