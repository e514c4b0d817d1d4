#!/usr/bin/env python3
"""One xlsx per visible sheet, so that LibreOffice prints each sheet as a PDF of its own and every
page can be traced to its sheet. Only xl/workbook.xml changes (the other sheets are marked hidden
and the kept one made the active tab: LibreOffice prints an active sheet even when hidden); every
other part is copied byte for byte, so the sheet prints exactly as the app wrote it.

Usage: sheet-variants.py OUTDIR file.xlsx...   Prints JSON: [{source, sheets: [{index, name, file}]}]"""
import html, json, os, re, sys, zipfile

SHEET = re.compile(r'<sheet\s[^>]*?/>')


def attr(tag, name):
    m = re.search(r'\s%s="([^"]*)"' % name, tag)
    return html.unescape(m.group(1)) if m else None


out_dir = sys.argv[1]
result = []
for source in sys.argv[2:]:
    with zipfile.ZipFile(source) as z:
        workbook = z.read('xl/workbook.xml').decode('utf-8')
        tags = SHEET.findall(workbook)
        stem = os.path.splitext(os.path.basename(source))[0]
        sheets = []
        for keep, tag in enumerate(tags):
            if attr(tag, 'state') in ('hidden', 'veryHidden'):
                continue
            edited = [re.sub(r'\sstate="[^"]*"', '', t).replace('<sheet ', '<sheet state="hidden" ' if i != keep else '<sheet ', 1) for i, t in enumerate(tags)]
            it = iter(edited)
            text = SHEET.sub(lambda _m: next(it), workbook)
            text = re.sub(r'<bookViews>.*?</bookViews>', '', text, flags=re.S)
            text = text.replace('<sheets>', '<bookViews><workbookView activeTab="%d" firstSheet="%d"/></bookViews><sheets>' % (keep, keep), 1)
            target = os.path.join(out_dir, '%s.sheet%d.xlsx' % (stem, keep + 1))
            with zipfile.ZipFile(target, 'w', zipfile.ZIP_DEFLATED) as o:
                for info in z.infolist():
                    o.writestr(info, text.encode('utf-8') if info.filename == 'xl/workbook.xml' else z.read(info.filename))
            sheets.append({'index': keep + 1, 'name': attr(tag, 'name'), 'file': target})
        result.append({'source': source, 'sheets': sheets})
json.dump(result, sys.stdout, ensure_ascii=False)
