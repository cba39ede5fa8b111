"""Drive LibreOffice Calc through UNO, as a person at the keyboard would (run by the system python).

Usage: python3 calc_driver.py SPEC.json. The spec names the workbook to open, the edits
(sheet, cell, value; a value typed as text is entered as if typed, so "2026-12-01" becomes a
date), sheets whose protection to remove first (a tamperer's move: the protection has no
password), and the files to save as. It runs soffice headless with its own profile and ends it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import uno  # the system's python3-uno
from com.sun.star.beans import PropertyValue


def _props(**kw):
    out = []
    for k, v in kw.items():
        p = PropertyValue()
        p.Name, p.Value = k, v
        out.append(p)
    return tuple(out)


def _connect(pipe: str, proc: subprocess.Popen):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.time() + 90
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:
            if time.time() > deadline or proc.poll() is not None:
                raise
            time.sleep(0.3)


FILTERS = {".xlsx": "Calc MS Excel 2007 XML", ".ods": "calc8"}


def main(spec_path: str) -> None:
    with open(spec_path, encoding="utf-8") as f:
        spec = json.load(f)
    pipe = f"sfo_calc_{os.getpid()}"
    proc = subprocess.Popen(
        [
            spec.get("soffice", "soffice"), f"-env:UserInstallation=file://{spec['profile']}", "--headless",
            "--invisible", "--nologo", "--norestore", f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        ctx = _connect(pipe, proc)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(spec["open"]), "_blank", 0, _props(Hidden=True))
        sheets = doc.Sheets
        for name in spec.get("unprotect", []):
            sheets.getByName(name).unprotect("")
        for sheet, cell, value in spec.get("edits", []):
            target = sheets.getByName(sheet).getCellRangeByName(cell)
            # setFormula is what typing into the cell does: "2026-12-01" becomes a date, "Yes" text.
            target.setFormula(str(value))
        doc.calculateAll()
        for out in spec.get("save_as", []):
            ext = os.path.splitext(out)[1].lower()
            doc.storeToURL(uno.systemPathToFileUrl(out), _props(FilterName=FILTERS[ext], Overwrite=True))
        doc.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass  # the bridge drops as soffice exits
    finally:
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


if __name__ == "__main__":
    main(sys.argv[1])
