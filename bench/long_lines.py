"""Which shipped rules are superlinear in line length: one-line files of growing
size (real report sentences with the line breaks lost), each linted with
--profile-rules; prints the seconds of the slowest rules at each size.

    python bench/long_lines.py [--sizes 100000,200000,400000] [--top 8]
"""

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SENTENCE = ("2023年，全市地区生产总值增长5.2%，完成固定资产投资1200亿元，同比增长8.1%。"
            "构建新冠肺炎患者分级诊疗服务体系，要认真贯彻落实党的二十大精神（见《政府工作报告》）。")


def profile(size: int) -> tuple:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "one-line.txt"
        path.write_text((SENTENCE * (size // len(SENTENCE) + 1))[:size] + "\n", encoding="utf-8")
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "linter", "check", "--no-cache", "-q", "--profile-rules", "-j", "1", str(path)],
                              capture_output=True, text=True)
        return time.perf_counter() - start, done.stderr


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100000,200000,400000", help="characters on the line, comma-separated")
    parser.add_argument("--top", type=int, default=8, help="rules shown per size")
    args = parser.parse_args()
    for size in (int(s) for s in args.sizes.split(",")):
        seconds, report = profile(size)
        print(f"== {size} characters: {seconds:.1f} s in all")
        print("\n".join(report.strip().splitlines()[: args.top + 2]))


if __name__ == "__main__":
    main()
