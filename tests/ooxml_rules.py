"""The OOXML rules Word enforces when it opens a file (a copy of the team's checker's logic).

Word "repairs" (or refuses) a .docx whose properties come out of schema order, whose table
rows do not add up to the grid, whose cells do not end in a paragraph, whose fields or
bookmarks are unbalanced, or whose parts lack a content type or a relationship; openxml-audit
does not catch all of these. :func:`findings` lists them for a file; tests assert it finds
nothing on what reportgen writes, and that it does find a planted fault of each kind.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections import Counter, defaultdict

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"


def q(tag):
    p, t = tag.split(":")
    return "{%s}%s" % ({"w": W, "r": R, "w14": W14}[p], t)


def local(el):
    return etree.QName(el).localname if isinstance(el.tag, str) else None


# ---- schema sequences (ECMA-376 transitional, wml.xsd) ----
SEQ = {
    "rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
           "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
           "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath "
           "ins del moveFrom moveTo rPrChange",
    "pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr "
           "suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct "
           "topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind "
           "contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
           "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
    "tcPr": "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection "
            "tcFitText vAlign hideMark headers cellIns cellDel cellMerge tcPrChange",
    "tblPr": "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW "
             "jc tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption "
             "tblDescription tblPrChange",
    "sectPr": "headerReference|footerReference footnotePr endnotePr type pgSz pgMar paperSrc "
              "pgBorders lnNumType pgNumType cols formProt vAlign noEndnote titlePg "
              "textDirection bidi rtlGutter docGrid printerSettings sectPrChange",
    "tblBorders": "top left start bottom right end insideH insideV",
    "tcBorders": "top left start bottom right end insideH insideV tl2br tr2bl",
    "pBdr": "top left bottom right between bar",
    "tblCellMar": "top left start bottom right end",
    "tcMar": "top left start bottom right end",
    "style": "name aliases basedOn next link autoRedefine hidden uiPriority semiHidden "
             "unhideWhenUsed qFormat locked personal personalCompose personalReply rsid pPr rPr "
             "tblPr trPr tcPr tblStylePr",
    "tbl": "bookmarkStart|bookmarkEnd tblPr tblGrid tr|customXml|sdt|bookmarkStart|bookmarkEnd",
    "tc": "tcPr p|tbl|sdt|customXml|bookmarkStart|bookmarkEnd|proofErr|permStart|permEnd",
    "tr": "tblPrEx trPr tc|sdt|customXml|bookmarkStart|bookmarkEnd",
}
# "left/start", "right/end" share a slot
SLOT_ALIASES = {"start": "left", "end": "right"}


def rank_table(seq):
    rank = {}
    for i, slot in enumerate(seq.split()):
        for name in slot.split("|"):
            rank.setdefault(name, i)
    return rank


RANKS = {k: rank_table(v) for k, v in SEQ.items()}


def path_of(el):
    parts = []
    while el is not None and isinstance(el.tag, str):
        parent = el.getparent()
        if parent is None:
            parts.append(local(el))
        else:
            same = [c for c in parent if c.tag == el.tag]
            parts.append(f"{local(el)}[{same.index(el) + 1}]")
        el = parent
    return "/" + "/".join(reversed(parts))


class Findings:
    def __init__(self):
        self.items = []

    def add(self, severity, part, el, msg):
        line = el.sourceline if el is not None else None
        xp = path_of(el) if el is not None else ""
        self.items.append((severity, part, line, xp, msg))


def check_order(part, root, f):
    for el in root.iter():
        name = local(el)
        if name is None or etree.QName(el).namespace != W:
            continue
        parent = el.getparent()
        key = name
        # rPr inside pPr is a paragraph-mark rPr: same sequence as rPr
        if key not in RANKS:
            continue
        if key in ("tblBorders", "tcBorders", "pBdr", "tblCellMar", "tcMar"):
            pass
        rank = RANKS[key]
        last = -1
        prev = None
        top = None
        for child in el:
            cname = local(child)
            if cname is None:
                continue
            if etree.QName(child).namespace != W:
                continue  # extension elements (w14:...) are outside this check
            r = rank.get(cname)
            if r is None:
                f.add("ERROR", part, child, f"<w:{cname}> is not allowed in <w:{key}>")
                continue
            if r < last:
                f.add("ERROR", part, child,
                      f"<w:{cname}> after <w:{top}> in <w:{key}>: schema order violated")
            if r >= last:
                last, top = r, cname
            prev = cname
        # duplicate singletons
        counts = Counter(local(c) for c in el if isinstance(c.tag, str)
                         and etree.QName(c).namespace == W)
        multi_ok = {"headerReference", "footerReference", "tr", "tc", "p", "tbl", "sdt",
                    "customXml", "bookmarkStart", "bookmarkEnd", "proofErr", "permStart",
                    "permEnd", "tblStylePr", "aliases"}
        for cname, n in counts.items():
            if n > 1 and cname not in multi_ok:
                f.add("ERROR", part, el, f"<w:{key}> has {n} <w:{cname}> children")


def grid_span(tc):
    gs = tc.find(f"{q('w:tcPr')}/{q('w:gridSpan')}")
    return int(gs.get(q("w:val"))) if gs is not None else 1


def vmerge(tc):
    vm = tc.find(f"{q('w:tcPr')}/{q('w:vMerge')}")
    if vm is None:
        return None
    return vm.get(q("w:val"), "continue")


def check_tables(part, root, f, stats):
    for tbl in root.iter(q("w:tbl")):
        stats["tables"] += 1
        grid = tbl.find(q("w:tblGrid"))
        if grid is None:
            f.add("ERROR", part, tbl, "table has no <w:tblGrid>")
            continue
        ncols = len(grid.findall(q("w:gridCol")))
        if tbl.find(q("w:tblPr")) is None:
            f.add("ERROR", part, tbl, "table has no <w:tblPr>")
        rows = tbl.findall(q("w:tr"))
        if not rows:
            f.add("ERROR", part, tbl, "table has no rows")
        prev_cols = None
        header_done = False
        for ri, tr in enumerate(rows):
            trpr = tr.find(q("w:trPr"))
            is_header = trpr is not None and trpr.find(q("w:tblHeader")) is not None
            if is_header and header_done:
                f.add("WARN", part, tr, "tblHeader row after a non-header row (Word repeats only "
                                        "a contiguous run from the first row)")
            if not is_header:
                header_done = True
            cells = tr.findall(q("w:tc"))
            if not cells:
                f.add("ERROR", part, tr, "row without cells")
            cols = {}
            c = 0
            gb = trpr.find(q("w:gridBefore")) if trpr is not None else None
            if gb is not None:
                c += int(gb.get(q("w:val")))
            for tc in cells:
                stats["cells"] += 1
                span = grid_span(tc)
                vm = vmerge(tc)
                cols[c] = (span, vm, tc)
                blocks = [ch for ch in tc if local(ch) in ("p", "tbl", "sdt", "customXml")]
                if not tc.findall(q("w:p")) and not blocks:
                    f.add("ERROR", part, tc, "cell has no paragraph")
                content = [ch for ch in tc if local(ch) not in ("tcPr", "bookmarkStart",
                                                                  "bookmarkEnd", "proofErr")]
                if content and local(content[-1]) != "p":
                    f.add("ERROR", part, tc, f"cell ends with <w:{local(content[-1])}>, "
                                             "Word requires a final paragraph")
                if vm == "continue":
                    above = prev_cols.get(c) if prev_cols else None
                    if above is None:
                        f.add("ERROR", part, tc, f"vMerge continue at row {ri}, grid col {c} with "
                                                 "no cell starting at that column above")
                    elif above[1] is None:
                        f.add("ERROR", part, tc, f"vMerge continue at row {ri}, col {c} below an "
                                                 "unmerged cell")
                    elif above[0] != span:
                        f.add("ERROR", part, tc, f"vMerge continue at row {ri}, col {c}: gridSpan "
                                                 f"{span} differs from the cell above ({above[0]})")
                    # continuation cell with text?
                    text = "".join(t.text or "" for t in tc.iter(q("w:t")))
                    if text.strip():
                        f.add("WARN", part, tc, f"vMerge continue cell holds text {text[:20]!r} "
                                                "(hidden by Word)")
                c += span
            ga = trpr.find(q("w:gridAfter")) if trpr is not None else None
            if ga is not None:
                c += int(ga.get(q("w:val")))
            if c != ncols:
                f.add("ERROR", part, tr, f"row {ri} spans {c} grid columns, tblGrid has {ncols}")
            prev_cols = cols
        # widths
        tblw = tbl.find(f"{q('w:tblPr')}/{q('w:tblW')}")
        gsum = sum(int(g.get(q("w:w"), "0")) for g in grid.findall(q("w:gridCol")))
        if tblw is not None and tblw.get(q("w:type")) == "dxa" and \
                abs(int(tblw.get(q("w:w"))) - gsum) > 2:
            f.add("WARN", part, tbl, f"tblW {tblw.get(q('w:w'))} != sum(gridCol) {gsum}")
        for tr in rows:
            c = 0
            for tc in tr.findall(q("w:tc")):
                span = grid_span(tc)
                tcw = tc.find(f"{q('w:tcPr')}/{q('w:tcW')}")
                want = sum(int(g.get(q("w:w"), "0")) for g in grid.findall(q("w:gridCol"))[c:c + span])
                if tcw is not None and tcw.get(q("w:type")) == "dxa" and abs(int(tcw.get(q("w:w"))) - want) > 2:
                    f.add("WARN", part, tc, f"tcW {tcw.get(q('w:w'))} != sum of its grid columns {want}")
                c += span


def check_fields(part, root, f, stats):
    stack = []
    for el in root.iter(q("w:fldChar"), q("w:instrText"), q("w:fldSimple")):
        name = local(el)
        if name == "fldSimple":
            stats["fldSimple"] += 1
            continue
        if name == "instrText":
            if not stack:
                f.add("ERROR", part, el, "instrText outside a field")
            elif stack[-1][1] != "begin":
                f.add("ERROR", part, el, "instrText after the field's separate")
            else:
                stack[-1][2].append(el.text or "")
            continue
        kind = el.get(q("w:fldCharType"))
        if kind == "begin":
            stack.append([el, "begin", []])
        elif kind == "separate":
            if not stack or stack[-1][1] != "begin":
                f.add("ERROR", part, el, "separate without begin")
            else:
                stack[-1][1] = "separate"
        elif kind == "end":
            if not stack:
                f.add("ERROR", part, el, "end without begin")
            else:
                begin, state, instr = stack.pop()
                stats["fields"] += 1
                stats["field:" + "".join(instr).split()[0] if "".join(instr).split() else "field:?"] += 1
                if state != "separate":
                    stats["fields without result"] += 1
    for begin, _, _ in stack:
        f.add("ERROR", part, begin, "field begin without end")


def check_bookmarks(part, root, f):
    starts = Counter()
    ends = Counter()
    for el in root.iter(q("w:bookmarkStart")):
        starts[el.get(q("w:id"))] += 1
    for el in root.iter(q("w:bookmarkEnd")):
        ends[el.get(q("w:id"))] += 1
    for i, n in starts.items():
        if n > 1:
            f.add("ERROR", part, None, f"bookmark id {i} used by {n} bookmarkStart elements")
        if ends[i] == 0:
            f.add("ERROR", part, None, f"bookmark id {i} has no bookmarkEnd")
    for i in ends:
        if starts[i] == 0:
            f.add("ERROR", part, None, f"bookmarkEnd id {i} has no bookmarkStart")
    names = Counter(el.get(q("w:name")) for el in root.iter(q("w:bookmarkStart")))
    for n, k in names.items():
        if k > 1:
            f.add("WARN", part, None, f"bookmark name {n!r} used {k} times")


def check_text(part, root, f):
    for t in root.iter(q("w:t"), q("w:instrText")):
        text = t.text or ""
        if "\n" in text or "\r" in text or "\t" in text:
            f.add("ERROR", part, t, f"literal line break/tab inside <w:{local(t)}>: {text[:30]!r}")
        if text != text.strip() and t.get("{http://www.w3.org/XML/1998/namespace}space") != "preserve":
            f.add("WARN", part, t, f"leading/trailing space without xml:space=preserve: {text[:30]!r}")
    ids = Counter(p.get(q("w14:paraId")) for p in root.iter(q("w:p")) if p.get(q("w14:paraId")))
    for i, n in ids.items():
        if n > 1:
            f.add("WARN", part, None, f"w14:paraId {i} repeated {n} times")


def findings(path) -> list[tuple[str, str, object, str, str]]:
    """Every finding (severity, part, line, path, message) for the .docx at ``path``."""

    f = Findings()
    stats = Counter()
    z = zipfile.ZipFile(path)
    names = set(z.namelist())
    # content types
    ct = etree.fromstring(z.read("[Content_Types].xml"))
    defaults = {d.get("Extension").lower(): d.get("ContentType") for d in ct.findall(f"{{{CT}}}Default")}
    overrides = {o.get("PartName"): o.get("ContentType") for o in ct.findall(f"{{{CT}}}Override")}
    for n in names:
        if n.endswith("/") or n == "[Content_Types].xml":
            continue
        pn = "/" + n
        if pn not in overrides and n.rsplit(".", 1)[-1].lower() not in defaults:
            f.add("ERROR", "[Content_Types].xml", None, f"part {pn} has no content type")
    for pn in overrides:
        if pn[1:] not in names:
            f.add("ERROR", "[Content_Types].xml", None, f"Override for missing part {pn}")
    # relationships
    rels_by_source = {}
    for n in sorted(names):
        if not n.endswith(".rels"):
            continue
        src_dir = posixpath.dirname(posixpath.dirname(n))
        src = posixpath.join(src_dir, posixpath.basename(n)[:-5])
        root = etree.fromstring(z.read(n))
        ids = Counter()
        rels = {}
        for rel in root.findall(f"{{{PR}}}Relationship"):
            ids[rel.get("Id")] += 1
            rels[rel.get("Id")] = rel
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target")
            resolved = posixpath.normpath(target.lstrip("/") if target.startswith("/")
                                          else posixpath.join(src_dir, target))
            if resolved not in names:
                f.add("ERROR", n, None, f"relationship {rel.get('Id')} -> {target} does not resolve")
        for i, k in ids.items():
            if k > 1:
                f.add("ERROR", n, None, f"relationship id {i} repeated")
        rels_by_source[src] = rels
    # every part reachable?
    reachable = set()
    todo = [""]
    while todo:
        src = todo.pop()
        for rel in rels_by_source.get(src, {}).values():
            if rel.get("TargetMode") == "External":
                continue
            base = posixpath.dirname(src)
            t = rel.get("Target")
            resolved = posixpath.normpath(t.lstrip("/") if t.startswith("/") else posixpath.join(base, t))
            if resolved not in reachable:
                reachable.add(resolved)
                todo.append(resolved)
    for n in names:
        if n.endswith(".rels") or n == "[Content_Types].xml" or n.endswith("/"):
            continue
        if n not in reachable:
            f.add("WARN", "package", None, f"part {n} is not reachable from any relationship")

    expected_ct = {
        "officeDocument": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "styles": "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
        "settings": "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml",
        "footer": "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml",
        "header": "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml",
        "numbering": "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml",
        "fontTable": "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml",
        "webSettings": "application/vnd.openxmlformats-officedocument.wordprocessingml.webSettings+xml",
        "theme": "application/vnd.openxmlformats-officedocument.theme+xml",
        "core-properties": "application/vnd.openxmlformats-package.core-properties+xml",
        "extended-properties": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
        "stylesWithEffects": "application/vnd.ms-word.stylesWithEffects+xml",
    }
    for src, rels in rels_by_source.items():
        for rel in rels.values():
            if rel.get("TargetMode") == "External":
                continue
            kind = rel.get("Type").rsplit("/", 1)[-1]
            if kind not in expected_ct:
                continue
            t = rel.get("Target")
            resolved = posixpath.normpath(t.lstrip("/") if t.startswith("/") else posixpath.join(posixpath.dirname(src), t))
            got = overrides.get("/" + resolved) or defaults.get(resolved.rsplit(".", 1)[-1].lower())
            if got != expected_ct[kind]:
                f.add("ERROR", "[Content_Types].xml", None, f"/{resolved} ({kind}) has content type {got}")
    xml_parts = {}
    for n in names:
        if n.endswith(".xml") and n.startswith("word/"):
            xml_parts[n] = etree.fromstring(z.read(n))
    # r:id references in each part exist in its rels
    for n, root in xml_parts.items():
        rels = rels_by_source.get(n, {})
        for el in root.iter():
            if not isinstance(el.tag, str):
                continue
            for k, v in el.attrib.items():
                if k.startswith("{%s}" % R):
                    if v not in rels:
                        f.add("ERROR", n, el, f"r:{etree.QName(k).localname}={v} not in {n}'s relationships")
    for n, root in xml_parts.items():
        if etree.QName(root).namespace != W:
            continue
        check_order(n, root, f)
        check_tables(n, root, f, stats)
        check_fields(n, root, f, stats)
        check_bookmarks(n, root, f)
        check_text(n, root, f)
    # styles
    styles = xml_parts.get("word/styles.xml")
    style_types = {}
    if styles is not None:
        ids = Counter()
        for st in styles.findall(q("w:style")):
            sid = st.get(q("w:styleId"))
            ids[sid] += 1
            style_types[sid] = st.get(q("w:type"))
        for sid, k in ids.items():
            if k > 1:
                f.add("ERROR", "word/styles.xml", None, f"duplicate styleId {sid}")
        names_c = Counter(st.find(q("w:name")).get(q("w:val")) for st in styles.findall(q("w:style"))
                          if st.find(q("w:name")) is not None)
        for nm, k in names_c.items():
            if k > 1:
                f.add("ERROR", "word/styles.xml", None, f"duplicate style name {nm}")
        for st in styles.findall(q("w:style")):
            for ref in ("basedOn", "next", "link"):
                el = st.find(q("w:" + ref))
                if el is not None and el.get(q("w:val")) not in style_types:
                    f.add("ERROR", "word/styles.xml", el, f"style {st.get(q('w:styleId'))} {ref} -> "
                                                         f"undefined {el.get(q('w:val'))}")
                if el is not None and ref == "basedOn" and \
                        style_types.get(el.get(q("w:val"))) != st.get(q("w:type")):
                    f.add("ERROR", "word/styles.xml", el, f"style {st.get(q('w:styleId'))} based on a "
                                                         "style of another type")
        defaults_by_type = Counter((st.get(q("w:type"))) for st in styles.findall(q("w:style"))
                                   if st.get(q("w:default")) in ("1", "true", "on"))
        for t, k in defaults_by_type.items():
            if k > 1:
                f.add("ERROR", "word/styles.xml", None, f"{k} default styles of type {t}")
    for n, root in xml_parts.items():
        for tag, typ in (("pStyle", "paragraph"), ("rStyle", "character"), ("tblStyle", "table")):
            for el in root.iter(q("w:" + tag)):
                if n == "word/styles.xml" and tag != "pStyle":
                    pass
                v = el.get(q("w:val"))
                if v not in style_types:
                    f.add("ERROR", n, el, f"{tag} {v} is not defined in styles.xml")
                elif style_types[v] != typ:
                    f.add("ERROR", n, el, f"{tag} {v} refers to a {style_types[v]} style")
    # numbering
    numbering = xml_parts.get("word/numbering.xml")
    num_ids = set()
    if numbering is not None:
        abstract = {a.get(q("w:abstractNumId")) for a in numbering.findall(q("w:abstractNum"))}
        for num in numbering.findall(q("w:num")):
            num_ids.add(num.get(q("w:numId")))
            a = num.find(q("w:abstractNumId"))
            if a is None or a.get(q("w:val")) not in abstract:
                f.add("ERROR", "word/numbering.xml", num, "num refers to an undefined abstractNum")
    for n, root in xml_parts.items():
        for el in root.iter(q("w:numId")):
            v = el.get(q("w:val"))
            if v != "0" and v not in num_ids:
                f.add("ERROR", n, el, f"numId {v} is not defined in numbering.xml")
    # sectPr: body's last child
    doc = xml_parts["word/document.xml"]
    body = doc.find(q("w:body"))
    if local(body[-1]) != "sectPr":
        f.add("ERROR", "word/document.xml", body[-1], "body does not end with sectPr")
    for sp in body.iter(q("w:sectPr")):
        parent = sp.getparent()
        if parent is not body and local(parent) != "pPr":
            f.add("ERROR", "word/document.xml", sp, "sectPr in an unexpected place")
    return f.items
