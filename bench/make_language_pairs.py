#!/usr/bin/env python3
"""Writes a version pair of about SIZE bytes in another language from a real text of the corpus.

The Universal Declaration in that language (../shared/corpus/un-udhr-1948-multilingual/) is cut into
its paragraphs and repeated, each copy numbered as a clause, until the old draft reaches the size.
The new draft is the old one revised in a fixed, seeded way that stands for a negotiating round:
every 11th clause deleted, every 7th clause's first modal word swapped for a weaker one (where the
language's pair is found), every 13th clause with a sentence of its own appended, every 17th
clause's number changed; the rest as it was. Deterministic: the same arguments give the same bytes.

    python3 bench/make_language_pairs.py --lang zh --size 1m --out target/bench-pairs/zh-1m
"""

import argparse
import re
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared/corpus/un-udhr-1948-multilingual"
FILES = {"zh": "05-zh-Hans-udhr.md", "ar": "06-ar-udhr.md", "ru": "04-ru-udhr.md", "fr": "02-fr-udhr.md",
         "es": "03-es-udhr.md", "de": "07-de-udhr.md", "en": "01-en-udhr.md"}
# A strong modal and a weaker one, as the language's lexicon has them.
MODALS = {"zh": ("应", "可以"), "ar": ("يجب", "ينبغي"), "ru": ("должны", "могут"),
          "fr": ("doivent", "peuvent"), "es": ("deben", "pueden"), "de": ("muss", "kann"),
          "en": ("shall", "may")}
ADDED = {"zh": "各方应当定期审查本条的执行情况。", "ar": "تستعرض الأطراف تنفيذ هذه المادة بانتظام.",
         "ru": "Стороны регулярно рассматривают ход выполнения настоящей статьи.",
         "fr": "Les Parties examinent régulièrement la mise en œuvre du présent article.",
         "es": "Las Partes examinarán periódicamente la aplicación del presente artículo.",
         "de": "Die Vertragsparteien überprüfen regelmäßig die Durchführung dieses Artikels.",
         "en": "The Parties shall review the implementation of this article regularly."}


def size(text: str) -> int:
    units = {"k": 1_000, "m": 1_000_000}
    return int(float(text[:-1]) * units[text[-1].lower()]) if text[-1].lower() in units else int(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=sorted(FILES), required=True)
    parser.add_argument("--size", default="1m", help="bytes of the old draft: 500k, 1m, 10m")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    source = (CORPUS / FILES[args.lang]).read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", source) if len(p.strip()) > 40
                  and not p.lstrip().startswith(("#", "|", "---", "<"))]
    target = size(args.size)
    old, new, n, total = [], [], 0, 0
    strong, weak = MODALS[args.lang]
    while total < target:
        for paragraph in paragraphs:
            n += 1
            clause = f"{n}. {paragraph}"
            old.append(clause)
            total += len(clause.encode("utf-8")) + 2
            if n % 11 == 0:
                continue
            revised = paragraph
            if n % 7 == 0 and strong in revised:
                revised = revised.replace(strong, weak, 1)
            if n % 13 == 0:
                revised = f"{revised} {ADDED[args.lang]}"
            number = n + 1000 if n % 17 == 0 else n
            new.append(f"{number}. {revised}")
            if total >= target:
                break
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "v1.txt").write_text("\n\n".join(old) + "\n", encoding="utf-8")
    (args.out / "v2.txt").write_text("\n\n".join(new) + "\n", encoding="utf-8")
    print(f"{args.out}: {n} clauses, {total} bytes")


if __name__ == "__main__":
    main()
