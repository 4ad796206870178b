"""Character-level detection recall and precision of the spelling pack on the
labeled typo sets of ../shared/typos/ (`source<TAB>target`, same length).

Each set is split by line with a fixed seed into a tuning and a held-back
half; the held-back half is reported unless --half says otherwise. A flagged
character is one the finding's fix would change; it is right when the target
differs from the source there.

    python bench/spelling_typos.py [--half held_back|tuning|all] [--select SP]
"""

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

TYPOS = Path(__file__).resolve().parents[1].parent / "shared" / "typos"
SEED = 22


def halves(lines):
    """(tuning, held_back) line lists, split with a fixed seed."""
    order = list(range(len(lines)))
    random.Random(SEED).shuffle(order)
    cut = len(order) // 2
    return [lines[i] for i in sorted(order[:cut])], [lines[i] for i in sorted(order[cut:])]


def flagged_characters(sources, select):
    """{(line index, character index)} the pack's fixes would change."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "typos.txt"
        path.write_text("\n".join(sources) + "\n", encoding="utf-8")
        out = subprocess.run([sys.executable, "-m", "linter", "check", "--format", "json", "--select", select, str(path)],
                             capture_output=True, text=True, encoding="utf-8")
    flagged = set()
    for finding in json.loads(out.stdout):
        line, column = finding["line"] - 1, finding["column"] - 1
        for edit in (finding.get("fix") or {}).get("edits", []):
            start = edit["column"] - 1
            for i, char in enumerate(edit["content"]):
                if sources[line][start + i:start + i + 1] != char:
                    flagged.add((line, start + i))
        if not finding.get("fix"):
            flagged.update((line, c) for c in range(column, finding["end_column"] - 1))
    return flagged


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=["held_back", "tuning", "all"], default="held_back")
    parser.add_argument("--select", default="SP")
    args = parser.parse_args()
    for path in sorted(TYPOS.glob("*.tsv")):
        pairs = [l.rstrip("\n").split("\t") for l in path.read_text(encoding="utf-8").splitlines() if "\t" in l]
        pairs = [p for p in pairs if len(p) == 2 and len(p[0]) == len(p[1])]
        tuning, held = halves(pairs)
        chosen = {"tuning": tuning, "held_back": held, "all": pairs}[args.half]
        sources = [s for s, _ in chosen]
        errors = {(i, c) for i, (s, t) in enumerate(chosen) for c in range(len(s)) if s[c] != t[c]}
        flagged = flagged_characters(sources, args.select)
        right = len(flagged & errors)
        chars = sum(map(len, sources))
        print(f"{path.stem} ({args.half}: {len(chosen)} lines, {chars:,} characters, {len(errors)} wrong characters): "
              f"flagged {len(flagged)}, right {right}; recall {right / max(1, len(errors)):.1%}, "
              f"precision {right / max(1, len(flagged)):.1%}")
        for line, c in sorted(flagged - errors):
            print(f"  false: {sources[line][max(0, c - 8):c + 8]}  (at {sources[line][c]})")


if __name__ == "__main__":
    main()
