#!/usr/bin/env python3
"""Writes N versions of a long numbered declaration for `clausediff history` benchmarks.

Version 1 has CLAUSES numbered paragraphs of synthetic treaty prose (a fixed vocabulary, a fixed
seed). Each later version applies the edits drafters make between rounds: a few paragraphs deleted,
inserted, moved or split, about one in twenty with words replaced or a modal softened, and everything
after an insertion or deletion renumbered. Same arguments, same files.

Usage: python3 bench/make_history.py [--out DIR] [--versions 50] [--clauses 500] [--seed 20261124]
"""
import argparse
import os
import random

SUBJECTS = ["The Parties", "Each Party", "The two sides", "The Contracting States", "Member States"]
MODALS = ["shall", "will", "should", "may"]
VERBS = ["cooperate on", "exchange information on", "promote", "support", "ensure", "strengthen",
         "review", "facilitate", "develop", "coordinate their positions on"]
OBJECTS = ["maritime security", "the protection of fisheries", "trade in energy", "customs procedures",
           "disaster relief", "scientific research", "the rights of migrants", "port infrastructure",
           "public health", "cultural exchanges", "investment in agriculture", "cyber security",
           "the peaceful uses of nuclear energy", "climate adaptation", "civil aviation"]
TAILS = ["in accordance with their national legislation", "on the basis of mutual benefit",
         "within the framework of this Agreement", "with the participation of regional organisations",
         "by 2030", "through annual meetings of senior officials", "in the spirit of good neighbourliness",
         "taking into account the needs of developing countries"]
SOFTER = {"shall": "should", "will": "may", "should": "may", "must": "should"}


def sentence(rng):
    parts = [rng.choice(SUBJECTS), rng.choice(MODALS), rng.choice(VERBS), rng.choice(OBJECTS)]
    if rng.random() < 0.7:
        parts.append(rng.choice(TAILS))
    text = " ".join(parts) + "."
    if rng.random() < 0.5:
        text += " " + " ".join([rng.choice(SUBJECTS), rng.choice(MODALS), rng.choice(VERBS),
                               rng.choice(OBJECTS)]) + "."
    return text


def edit(rng, text):
    words = text.split(" ")
    for _ in range(rng.randint(1, 3)):
        k = rng.randrange(len(words))
        if words[k] in SOFTER:
            words[k] = SOFTER[words[k]]
        elif rng.random() < 0.5:
            words[k] = rng.choice(["jointly", "fully", "gradually", "regional", "bilateral"])
        else:
            words.insert(k, rng.choice(["as appropriate,", "where possible,", "resolutely"]))
    return " ".join(words)


def render(clauses):
    out = ["DECLARATION ON COOPERATION", ""]
    for number, text in enumerate(clauses, 1):
        out.append(f"{number}. {text}")
        out.append("")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="target/bench-history")
    ap.add_argument("--versions", type=int, default=50)
    ap.add_argument("--clauses", type=int, default=500)
    ap.add_argument("--seed", type=int, default=20261124)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    clauses = [sentence(rng) for _ in range(args.clauses)]
    width = len(str(args.versions))
    for v in range(1, args.versions + 1):
        if v > 1:
            for _ in range(rng.randint(0, 3)):
                clauses.pop(rng.randrange(len(clauses)))
            for _ in range(rng.randint(0, 3)):
                clauses.insert(rng.randrange(len(clauses) + 1), sentence(rng))
            if rng.random() < 0.3:
                clauses.insert(rng.randrange(len(clauses)), clauses.pop(rng.randrange(len(clauses))))
            for _ in range(len(clauses) // 20):
                k = rng.randrange(len(clauses))
                clauses[k] = edit(rng, clauses[k])
            if rng.random() < 0.2:
                k = rng.randrange(len(clauses))
                halves = clauses[k].split(". ", 1)
                if len(halves) == 2:
                    clauses[k:k + 1] = [halves[0] + ".", halves[1]]
        with open(os.path.join(args.out, f"v{v:0{width}}.txt"), "w", encoding="utf-8") as f:
            f.write(render(clauses))
    print(f"{args.versions} versions of about {args.clauses} clauses in {args.out}")


if __name__ == "__main__":
    main()
