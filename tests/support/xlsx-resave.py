"""Opens and saves xlsx files with openpyxl, as a township's own script or tool would, setting
cells on the way. Usage: /usr/bin/python3 xlsx-resave.py jobs.json, where jobs.json is
[{"from": "a.xlsx", "to": "b.xlsx", "set": [{"sheet": "…", "cell": "C8", "value": 8}]}].
One process for every job: openpyxl takes longer to start than to save a small file."""
import json
import sys

import openpyxl

for job in json.load(open(sys.argv[1], encoding="utf-8")):
    workbook = openpyxl.load_workbook(job["from"])
    for edit in job.get("set", []):
        workbook[edit["sheet"]][edit["cell"]] = edit["value"]
    workbook.save(job["to"])
