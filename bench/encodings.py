"""How often the legacy-encoding decision (linter/readers/encoding.py) is right,
wrong or undecided on snippets of real text.

    python bench/encodings.py [--per-file 10]

Snippets of 8, 12, 20 and 40 characters are cut at random (fixed seed) from
the seeds and ../shared/corpus/ and encoded in GB18030, and from a
traditional-character passage in Big5; each is decoded as a file would be.
"Wrong" (a snippet decoded as other text) must stay 0; "undecided" is an
input error that names the `encoding:` key, the price of never guessing.
"""

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from split import texts  # noqa: E402

from linter.errors import UserError  # noqa: E402
from linter.readers.encoding import decode  # noqa: E402

TRADITIONAL = (
    "本院於二零二四年三月舉行年度工作會議，院長報告過去一年的醫療服務成果：門診人次較去年增加百分之十二，住院病人滿意度達到九成以上。"
    "會議並討論新大樓的興建計畫，以及護理人員的培訓與福利。各科室主任表示，將持續提升醫療品質，加強病人安全，落實分級醫療，使民眾獲得更好的照護。"
    "衛生福利部日前公布的統計顯示，全國醫院急診就診人次逐年上升，其中以高齡長者為主。為了減輕第一線醫護的壓力，政府規劃增設社區醫療站，並與地方診所合作，提供夜間及假日門診。"
    "本院心臟內科團隊去年完成心導管手術一千二百餘例，成功率超過百分之九十八。團隊負責人說明，導入新型影像設備之後，手術時間平均縮短二十分鐘，病人的恢復也更快。"
)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--per-file", type=int, default=10)
    options = parser.parse_args()
    sources = [(path.read_text(encoding="utf-8").replace("\n", ""), "gb18030") for path in texts()] + [(TRADITIONAL, "big5")]
    print(f"{'characters':>10}{'snippets':>10}{'right':>8}{'wrong':>8}{'undecided':>11}")
    for size in (8, 12, 20, 40):
        rng, counts = random.Random(2), {"right": 0, "wrong": 0, "undecided": 0}
        for text, codec in sources:
            for _ in range(options.per_file * (10 if codec == "big5" else 1)):
                start = rng.randrange(0, max(1, len(text) - size))
                snippet = text[start:start + size]
                try:
                    data = snippet.encode(codec)
                except UnicodeEncodeError:
                    continue
                try:
                    decoded, _ = decode(data, "snippet")
                    counts["right" if decoded == snippet else "wrong"] += 1
                except UserError:
                    counts["undecided"] += 1
        total = sum(counts.values())
        print(f"{size:>10}{total:>10}{counts['right']:>8}{counts['wrong']:>8}{counts['undecided'] / total:>10.1%}")


if __name__ == "__main__":
    main()
