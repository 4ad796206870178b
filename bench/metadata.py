"""How often the publication date and the document type are read from the text.

    python bench/metadata.py [FOLDER ...]   (default: seeds/ and ../shared/corpus/*)

Per folder: files, how many got a date (by where it was found) and a type,
and every file that got neither a date nor a type, so each miss can be read.
No front matter, config or --date is used: only what the text shows.
"""

import sys
from collections import Counter
from pathlib import Path

from linter.document import read_document

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = [ROOT / "seeds", *sorted((ROOT.parent / "shared" / "corpus").glob("*/"))]


def main(folders):
    for folder in folders:
        files = sorted(p for p in Path(folder).iterdir() if p.suffix in (".txt", ".md"))
        sources, types, undated = Counter(), Counter(), []
        for path in files:
            meta = read_document(path).metadata
            sources[meta.date_source.split(",")[0] or "none"] += 1
            types[meta.type or "none"] += 1
            if meta.date is None:
                undated.append(path.name)
        print(f"{folder}: {len(files)} files")
        print(f"  date: {len(files) - len(undated)} found ({', '.join(f'{k} {v}' for k, v in sources.most_common() if k != 'none')}), "
              f"{len(undated)} not found")
        print(f"  type: {', '.join(f'{k} {v}' for k, v in types.most_common())}")
        for name in undated:
            print(f"    no date: {name}")


if __name__ == "__main__":
    main([Path(p) for p in sys.argv[1:]] or DEFAULT)
