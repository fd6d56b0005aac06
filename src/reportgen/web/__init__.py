"""``reportgen serve``: the clerk's page in a browser, on the clerk's own computer.

Pages (Chinese): 新建 (a workbook to fill), 汇总 (the schools' workbooks added up), 检查 (the
findings as a table) and 生成 (the report, its PDF and pictures of its pages). The pages reach
reportgen only through :mod:`reportgen.web.actions`; nothing imports this package but the
command line. See docs/web.md.
"""

from reportgen.web.app import Settings, create_app
from reportgen.web.server import serve

__all__ = ["Settings", "create_app", "serve"]
