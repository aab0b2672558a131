#!/usr/bin/env python3
"""Writes Sources/CQpdfLoader/qpdf_loader.c: for each function of qpdf's C API that bulletin
calls (found in Sources/), a definition of the same name that calls libqpdf's, loaded with
dlopen the first time one is called (or ahead, by bulletin_qpdf_load_ahead). Run it again after
calling a new qpdf function: `python3 scripts/make-qpdf-loader.py`.

The prototypes come from the installed header (/usr/include/qpdf/qpdf-c.h, libqpdf-dev)."""
import pathlib, re, sys

root = pathlib.Path(__file__).resolve().parent.parent
header = pathlib.Path("/usr/include/qpdf/qpdf-c.h").read_text()
used = sorted({m for path in (root / "Sources").rglob("*.swift")
               for m in re.findall(r"\b(qpdf_[A-Za-z0-9_]+)\(", path.read_text())})

out = ["/* Written by scripts/make-qpdf-loader.py from qpdf-c.h: do not edit. */",
       '#include "qpdf_loader_impl.h"', "",
       "/* `call`: libqpdf's function of the same name, looked up the first time. */",
       "#define CALL(name) \\",
       "    static __typeof__(&name) real; \\",
       "    __typeof__(&name) call = __atomic_load_n(&real, __ATOMIC_ACQUIRE); \\",
       "    if (!call) { \\",
       "        call = (__typeof__(&name))bulletin_qpdf_symbol(#name); \\",
       "        __atomic_store_n(&real, call, __ATOMIC_RELEASE); \\",
       "    }", ""]
for name in used:
    m = re.search(r"QPDF_DLL\s+([^;{}]*?)\b" + name + r"\s*\(([^;]*?)\)\s*;", header, re.S)
    if not m:
        sys.exit(f"{name}: not found in qpdf-c.h")
    result = " ".join(m.group(1).split())
    params = " ".join(m.group(2).split())
    if params in ("", "void"):
        params, names = "void", ""
    else:
        parts = [p.strip() for p in params.split(",")]
        names = ", ".join(re.search(r"(\w+)\s*$", p).group(1) for p in parts)
    ret = "" if result == "void" else "return "
    out.append(f"{result} {name}({params})")
    out.append("{")
    out.append(f"    CALL({name})")
    out.append(f"    {ret}call({names});")
    out.append("}")
    out.append("")
(root / "Sources/CQpdfLoader/qpdf_loader.c").write_text("\n".join(out))
print(f"{len(used)} functions")
