"""The fixed split of the real texts into a tuning half and a held-back half.

    python bench/split.py            # lists both halves

Benchmarks tune on `tuning` and report `held_back` (GUIDE §7): a number measured
only on text a check was tuned on says little about the next user's documents.
A file's half is decided by a hash of its name alone, so the split never changes
when files are added or the folders move.
"""

import hashlib
from pathlib import Path
from typing import Dict, List

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CORPUS = ROOT.parent / "shared" / "corpus"
SALT = "reportlint-split-2026"


def half_of(path: Path) -> str:
    digest = hashlib.sha256(f"{SALT}:{path.name}".encode("utf-8")).digest()
    return "held_back" if digest[0] % 2 else "tuning"


def texts(folders=(SEEDS, CORPUS)) -> List[Path]:
    return sorted(p for folder in folders if Path(folder).is_dir() for p in Path(folder).rglob("*")
                  if p.suffix in (".txt", ".md") and p.name != "README.md")


def split(folders=(SEEDS, CORPUS)) -> Dict[str, List[Path]]:
    halves = {"tuning": [], "held_back": []}
    for path in texts(folders):
        halves[half_of(path)].append(path)
    return halves


if __name__ == "__main__":
    for name, paths in split().items():
        size = sum(p.stat().st_size for p in paths)
        print(f"{name}: {len(paths)} files, {size / 1e6:.1f} MB")
        for path in paths:
            print(f"  {path.relative_to(path.parents[1])}")
