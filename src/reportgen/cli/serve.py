"""``reportgen serve``: the web page for the clerk, on this computer (see docs/web.md)."""

from __future__ import annotations

import argparse
from typing import Sequence, TextIO

from reportgen.cli.parsing import Parser


def build_serve_parser() -> argparse.ArgumentParser:
    """The parser of ``reportgen serve``."""
    parser = Parser(
        prog="python -m reportgen serve",
        description="在本机启动网页（新建、汇总、检查、生成），并在浏览器中打开。"
                    "地址中带有口令，只有启动的人能使用；按 Ctrl+C 停止。",
        epilog="例：python -m reportgen serve\n"
               "    python -m reportgen serve --port 8765 --no-browser",
    )
    parser.add_argument("--host", default="127.0.0.1", metavar="地址",
                        help="监听的地址（默认：127.0.0.1，只有本机能访问）")
    parser.add_argument("--port", type=int, default=0, metavar="端口",
                        help="端口（默认：自动选一个空闲端口）")
    parser.add_argument("--no-browser", action="store_true",
                        help="不自动打开浏览器（自己打开显示的地址）")
    return parser


def run(argv: Sequence[str], out: TextIO, err: TextIO) -> int:
    """Serve until Ctrl+C."""
    args = build_serve_parser().parse_args(list(argv))
    from reportgen.web import serve  # the web stack is loaded only for this command

    return serve(args.host, args.port, browser=not args.no_browser, debug=args.debug,
                 out=out, err=err)
