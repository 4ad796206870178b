"""Evaluate NM011 (one person's name spelt two ways) on real text, on the fixed
split of bench/split.py: recall on one misspelt mention put into stories, and
findings on the texts as they are.

    python bench/misspelt_names.py [--half held_back|tuning|all] [--show-misses N] [--show-findings N]

Stories. No file of ../shared/corpus names a person three times (the news
folder is unrelated sentences, the others name almost nobody), so a story is
one file of the corpus or the seeds whose people are merged: the first
person named in a title, speaker-label (王某某：) or speech-verb (说, 表示,
介绍 …) position keeps the name, and two to four later mentions of other
people are renamed to it, so the name stands three to five times in real
sentences at the places real names stood. Files with fewer than three
mentions make no story.

Mutations, one per lint (bench seed fixed), of each kind at up to three of
the carried name's mentions in turn: the mention gets one character of its given name changed, either to a
homophone (toneless pinyin, pypinyin: 李建君 → 李建军) or to another character
seen in a given name of the corpus (李建君 → 李志君), never to a name the story
already holds. A mutation is found when an NM011 finding covers it.

Twins: the same stories with the last two renamed mentions given a second
person's name, one character away from the first (李建君 ×2–3 beside
李建军 ×2): two real people, where NM011 must stay silent.

Clean text: NM011 on the unmodified files of each folder, per 10,000
characters; every finding is printed to be read.
"""

import argparse
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from pypinyin import Style, lazy_pinyin  # noqa: E402
from split import split  # noqa: E402

from linter.document import Document  # noqa: E402
from linter.engine import lint_document  # noqa: E402
from linter.extract.names import compound_surnames, person_mentions  # noqa: E402
from linter.rules import load_catalog  # noqa: E402

SEED = 2111
PASSES = 3  # mutations of each kind per story, each at another mention


def sound(ch):
    return lazy_pinyin(ch, style=Style.NORMAL)[0]


def nm011(rule, text, path):
    return [v for v in lint_document(Document(text, str(path)), [rule]) if v.rule == "NM011"]


def given_start(name):
    return 2 if name[:2] in compound_surnames() else 1


def story(text, path, rng):
    """(text, [(start, end) of each mention of the carried name], the carried name,
    the renamed mentions' spans) or None: the first mention's person carried into
    two to four later mentions of other people."""
    mentions = person_mentions(Document(text, str(path)))
    if len(mentions) < 3:
        return None
    first = mentions[0]
    name = first.name
    others = [m for m in mentions[1:] if m.name != name]
    kept = [m for m in mentions if m.name == name]
    renamed = others[: max(0, rng.randint(3, 5) - len(kept))]
    if len(kept) + len(renamed) < 3:
        return None
    spans, shift, out = [], 0, text
    for m in sorted(kept + renamed, key=lambda m: m.start):
        start = m.start + shift
        out = out[:start] + name + out[start + m.end - m.start:]
        shift += len(name) - (m.end - m.start)
        spans.append((start, start + len(name)))
    return out, spans, name


def replace(text, span, new):
    return text[:span[0]] + new + text[span[1]:]


def variant(name, kind, pool, by_sound, taken, rng):
    at = rng.randrange(given_start(name), len(name))
    old = name[at]
    if kind == "homophone":
        choices = [c for c in by_sound.get(sound(old), ()) if c != old]
    else:
        choices = [c for c in pool if c != old and sound(c) != sound(old)]
    choices = [c for c in choices if name[:at] + c + name[at + 1:] not in taken]
    if not choices:
        return None
    return name[:at] + rng.choice(choices) + name[at + 1:]


def evaluate(paths, rule, pool, show_misses, show_findings):
    rng = random.Random(SEED)
    by_sound = defaultdict(list)
    for ch in sorted(pool):
        by_sound[sound(ch)].append(ch)
    found, total, twins_fired, twins = Counter(), Counter(), 0, 0
    clean = defaultdict(lambda: [0, 0])  # folder -> [characters, findings]
    misses, findings = [], []
    for path in paths:
        text = path.read_text(encoding="utf-8-sig")
        folder = path.parent.name
        hits = nm011(rule, text, path)
        clean[folder][0] += len(text)
        clean[folder][1] += len(hits)
        findings += [(path.name, h.line, h.message) for h in hits]
        made = story(text, path, rng)
        if not made:
            continue
        base, spans, name = made
        taken = {m.name for m in person_mentions(Document(base))}
        for kind, span in [(k, s) for k in ("homophone", "changed") for s in rng.sample(spans, min(PASSES, len(spans)))]:
            new = variant(name, kind, pool, by_sound, taken, rng)
            if not new:
                continue
            mutated = replace(base, span, new)
            total[kind] += 1
            line, column = Document(mutated).position(span[0])
            hit = any(v.line == line and v.column <= column < v.end_column for v in nm011(rule, mutated, path))
            found[kind] += hit
            if not hit and len(misses) < show_misses:
                misses.append((kind, name, new, mutated[max(0, span[0] - 15):span[1] + 12].replace("\n", "⏎")))
        if len(spans) >= 4:  # twins: the last two mentions are a second person one character away
            twin = variant(name, "homophone", pool, by_sound, taken, rng) or variant(name, "changed", pool, by_sound, taken, rng)
            if twin:
                doubled = base
                for span in spans[-2:][::-1]:
                    doubled = replace(doubled, span, twin)
                twins += 1
                fired = nm011(rule, doubled, path)
                twins_fired += bool(fired)
                if fired and len(findings) < show_findings + 50:
                    findings.append((path.name + " (twins)", fired[0].line, fired[0].message))
    return found, total, twins_fired, twins, clean, misses, findings


def name_characters(paths):
    """Characters of the given names the corpus's person mentions hold."""
    pool = set()
    for path in paths:
        for m in person_mentions(Document(path.read_text(encoding="utf-8-sig"), str(path))):
            pool.update(m.name[given_start(m.name):])
    return pool


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--half", choices=["held_back", "tuning", "all"], default="all")
    parser.add_argument("--show-misses", type=int, default=0)
    parser.add_argument("--show-findings", type=int, default=20)
    options = parser.parse_args()
    halves = split()
    pool = name_characters(halves["tuning"] + halves["held_back"])
    rule = load_catalog().rules["NM011"]
    for half in ["held_back", "tuning"] if options.half == "all" else [options.half]:
        found, total, twins_fired, twins, clean, misses, findings = evaluate(
            halves[half], rule, pool, options.show_misses, options.show_findings)
        all_found, all_total = sum(found.values()), sum(total.values())
        print(f"{half}: misspelt names found {all_found}/{all_total} ({all_found / max(1, all_total):.1%}); "
              + ", ".join(f"{k} {found[k]}/{total[k]}" for k in total)
              + f"; twin stories with a finding {twins_fired}/{twins}")
        for folder, (chars, count) in sorted(clean.items()):
            print(f"  clean {folder}: {count} NM011 findings in {chars} characters ({count / chars * 10000:.3f} per 10,000)")
        for name, line, message in findings[: options.show_findings]:
            print(f"  {name}:{line}  {message}")
        for kind, name, new, context in misses:
            print(f"  missed {kind} {name} → {new}: …{context}…")


if __name__ == "__main__":
    main()
