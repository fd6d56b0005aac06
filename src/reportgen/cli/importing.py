"""``reportgen import REPORT.docx``: last year's Word report as a workbook to start from."""

from __future__ import annotations

import argparse
from typing import Sequence, TextIO

from reportgen.cli.parsing import EXIT_DATA, EXIT_OK, Parser
from reportgen.errors import DataError, Severity
from reportgen.importing import import_report, pictures_folder
from reportgen.model import FreeTable, IndicatorTable, Paragraph


def build_import_parser() -> argparse.ArgumentParser:
    """The parser of ``reportgen import``."""
    parser = Parser(
        prog="python -m reportgen import",
        description="把已有的 Word 报告（如上一年的报告）读成工作簿，作为新报告的起点。"
                    "按格式推断的地方逐条列出，并写在工作簿的“导入说明”表中。",
        epilog="例：python -m reportgen import 2024年报告.docx -o 2025.xlsx（核对后：python -m "
               "reportgen 2025.xlsx）",
    )
    parser.add_argument("document", metavar="报告",
                        help="Word 报告（.docx；装有 LibreOffice 时也可以是 .doc、.wps、.rtf、.odt）")
    parser.add_argument("-o", "--output", metavar="工作簿.xlsx",
                        help="工作簿的保存位置（默认：与报告同名、同文件夹的 .xlsx）")
    parser.add_argument("--force", action="store_true",
                        help="工作簿已经存在时覆盖它（默认不覆盖，以免丢失已填写的内容）")
    parser.add_argument("--catalog-year", type=int, metavar="年份",
                        help="按这一年的官方指标表识别指标表（默认：按报告封面或指标表写的年份）")
    return parser


def run(argv: Sequence[str], out: TextIO, err: TextIO) -> int:
    """Run ``import``; return 0 when the workbook was written."""
    args = build_import_parser().parse_args(list(argv))
    try:
        result = import_report(args.document, args.output, overwrite=args.force,
                               catalog_year=args.catalog_year)
    except DataError as exc:
        print("无法读取这个 Word 报告，未生成工作簿：", file=err)
        for problem in exc.problems:
            print(f"  {problem}", file=err)
        return EXIT_DATA
    report = result.report
    blocks = list(report.blocks())
    counts = (f"{len(list(report.sections()))} 个标题、"
              f"{sum(isinstance(b, Paragraph) for b in blocks)} 段正文、"
              f"{len(report.cases)} 个案例、"
              f"{sum(isinstance(b, (IndicatorTable, FreeTable)) for b in blocks)} 张表格")
    if result.converted:
        print("提示：已用 LibreOffice 把文件转换为 .docx 后读取。", file=err)
    print(f"已导入：{result.workbook}（{counts}）", file=out)
    if result.pictures:
        print(f"文档中的 {len(result.pictures)} 张图片另存在 {pictures_folder(result.workbook)}",
              file=out)
    if result.guesses:
        print(f"以下 {len(result.guesses)} 处是按格式推断的，请对照原文核对"
              "（也列在工作簿的“导入说明”表中）：", file=out)
        for guess in result.guesses:
            print(f"  {guess}", file=out)
    errors = [p for p in result.follow_up if p.severity is Severity.ERROR]
    if errors:
        print(f"生成报告之前，工作簿中还有 {len(errors)} 处需要补填或修改：", file=out)
        for problem in errors:
            print(f"  {problem}", file=out)
    print(f"下一步：核对、修改工作簿后运行 python -m reportgen {result.workbook}", file=out)
    return EXIT_OK
