"""Time the extraction of a 300,000-character plan outline (prints the figure; no assertion)."""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lantu.core.extraction import extract  # noqa: E402

CN = "一二三四五六七八九十"


def outline(chars: int = 300_000) -> str:
    """Build a plan outline of about `chars` characters with every construct the extractor reads."""
    parts, n = [], 0
    while sum(map(len, parts)) < chars:
        n += 1
        parts.append(f"{CN[(n - 1) % 10]}、第{n}部分重点任务\n")
        for k in range(1, 6):
            parts.append(
                f"（{CN[k - 1]}）加快建设现代化产业体系。到2030年，全州地区生产总值达到{1000 + n}.5亿元，"
                f"年均增长{k}.5%，培育{k + 2}个千亿级产业集群，新建高标准农田{n}.2万亩。"
                "大力实施产业升级行动、科技赋能行动和乡村振兴行动三个专项行动，"
                "以“强煤电、延铝链、兴硅材”为主攻方向，培育壮大储能、氢能、算力等新兴产业。\n"
                f"1.推进准东{CN[(n - 1) % 10]}号输电工程。"
                "一是稳增长，扩大有效投资；二是促改革，优化营商环境。\n"
                "- 以科技创新为引领，建设现代化产业体系；\n- 以乡村振兴为抓手，建设宜居宜业和美乡村；\n"
                "- 以改革开放为动力，建设开放型经济新体制。\n"
            )
    return "".join(parts)


def main() -> None:
    text = outline()
    start = time.perf_counter()
    ex = extract(text)
    elapsed = time.perf_counter() - start
    print(
        f"extracted {len(text):,} characters in {elapsed:.2f} s ({len(text) / elapsed:,.0f} chars/s): "
        f"{len(ex.quantities)} quantities, {len(ex.items)} items, {len(ex.projects)} projects"
    )


if __name__ == "__main__":
    main()
