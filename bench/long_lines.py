"""Which shipped rules are superlinear in line length: one-line files of growing
size (real report sentences with the line breaks lost), each linted with
--profile-rules; prints the wall and CPU seconds, the peak memory and the seconds of
the slowest rules at each size. A size ending in MB is that many megabytes of UTF-8
(20MB: 7,586,207 characters).

    python bench/long_lines.py [--sizes 100000,200000,400000,20MB] [--top 8]
"""

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SENTENCE = ("2023年，全市地区生产总值增长5.2%，完成固定资产投资1200亿元，同比增长8.1%。"
            "构建新冠肺炎患者分级诊疗服务体系，要认真贯彻落实党的二十大精神（见《政府工作报告》）。")


def line_of(size: str) -> str:
    if size.upper().endswith("MB"):  # the most characters whose UTF-8 and line break fit in that many bytes
        limit = int(float(size[:-2]) * 1_000_000) - 1
        per_copy = len(SENTENCE.encode("utf-8"))
        text = SENTENCE * (limit // per_copy)
        rest = limit - len(text.encode("utf-8"))
        return text + SENTENCE.encode("utf-8")[:rest].decode("utf-8", "ignore")
    count = int(size)
    return (SENTENCE * (count // len(SENTENCE) + 1))[:count]


def profile(size: str) -> tuple:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "one-line.txt"
        line = line_of(size)
        path.write_text(line + "\n", encoding="utf-8")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "linter", "check", "--no-cache", "-q", "--profile-rules", "-j", "1", str(path)],
                              capture_output=True, text=True)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        return len(line), wall, cpu, after.ru_maxrss / 1024, done.stderr


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100000,200000,400000", help="characters on the line, comma-separated")
    parser.add_argument("--top", type=int, default=8, help="rules shown per size")
    args = parser.parse_args()
    for size in args.sizes.split(","):
        characters, wall, cpu, peak, report = profile(size)
        print(f"== {characters} characters: {wall:.1f} s in all, {cpu:.1f} s CPU, peak {peak:.0f} MB (largest child so far)")
        print("\n".join(report.strip().splitlines()[: args.top + 2]))


if __name__ == "__main__":
    main()
