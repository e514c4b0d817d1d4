"""Dumps every cell of an xlsx with openpyxl, an independent reader: value, type, number format, font.
Usage: /usr/bin/python3 xlsx-dump.py file.xlsx  → JSON on stdout."""
import json
import sys

import openpyxl

workbook = openpyxl.load_workbook(sys.argv[1])
out = {"sheets": []}
for sheet in workbook.worksheets:
    cells = []
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is None:
                continue
            cells.append({
                "ref": cell.coordinate,
                "row": cell.row,
                "column": cell.column,
                "value": cell.value,
                "type": cell.data_type,
                "format": cell.number_format,
                "font": cell.font.name if cell.font else None,
                "size": cell.font.sz if cell.font else None,
                "color": cell.font.color.rgb if cell.font and cell.font.color is not None and isinstance(cell.font.color.rgb, str) else None,
            })
    setup = sheet.page_setup
    out["sheets"].append({
        "title": sheet.title,
        "cells": cells,
        "paperSize": setup.paperSize,
        "orientation": setup.orientation,
        "fitToWidth": sheet.page_setup.fitToWidth,
        "fitToPage": bool(sheet.sheet_properties.pageSetUpPr and sheet.sheet_properties.pageSetUpPr.fitToPage),
        "scale": setup.scale,
        "rowBreaks": [b.id for b in sheet.row_breaks.brk],
        "hidden": sheet.sheet_state != "visible",
        "printTitleRows": sheet.print_title_rows,
        "footer": sheet.oddFooter.center.text if sheet.oddFooter and sheet.oddFooter.center else None,
    })
json.dump(out, sys.stdout, ensure_ascii=False, default=str)
