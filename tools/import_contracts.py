"""An import-linter contract for submodules of external packages (e.g. PySide6.QtWidgets).

import-linter's own "forbidden" contract only accepts the root of an external package
(it sees PySide6 as one node), so "printing may use QtGui, never QtWidgets" cannot be said
with it. This contract reads the import lines grimp recorded and refuses any that name a
forbidden submodule, in the source packages and all their descendants.
"""

from __future__ import annotations

import re

import grimp
from importlinter import Contract, ContractCheck, fields, output

_FROM = re.compile(r"^\s*from\s+([\w.]+)\s+import\s+\(?([^)#]*)")
_IMPORT = re.compile(r"^\s*import\s+([^#]*)")


def imported_names(line: str) -> set[str]:
    """Every dotted name an import line brings in (from a import b -> a, a.b)."""
    names: set[str] = set()
    if m := _FROM.match(line):
        base = m.group(1)
        names.add(base)
        for part in m.group(2).split(","):
            name = part.strip().split(" as ")[0].strip()
            if name and name != "*":
                names.add(f"{base}.{name}")
    elif m := _IMPORT.match(line):
        for part in m.group(1).split(","):
            name = part.strip().split(" as ")[0].strip()
            if name:
                names.add(name)
    return names


class ForbiddenSubmodulesContract(Contract):
    """Source modules must not import the listed submodules of external packages."""

    type_name = "forbidden_submodules"

    source_modules = fields.ListField(subfield=fields.ModuleField())
    forbidden_modules = fields.ListField(subfield=fields.StringField())

    def check(self, graph: grimp.ImportGraph, verbose: bool) -> ContractCheck:
        forbidden: list[str] = [str(m) for m in self.forbidden_modules]  # type: ignore[attr-defined]
        roots = {name.split(".")[0] for name in forbidden}
        sources = [m.name for m in self.source_modules]  # type: ignore[attr-defined]
        importers = {
            module
            for module in graph.modules
            if any(module == s or module.startswith(s + ".") for s in sources)
        }
        found: list[dict[str, object]] = []
        for importer in sorted(importers):
            for imported in sorted(graph.find_modules_directly_imported_by(importer)):
                if imported.split(".")[0] not in roots:
                    continue
                for detail in graph.get_import_details(importer=importer, imported=imported):
                    line = str(detail["line_contents"])
                    names = imported_names(line)
                    bad = [
                        f for f in forbidden if any(n == f or n.startswith(f + ".") for n in names)
                    ]
                    if bad:
                        found.append(
                            {
                                "importer": importer,
                                "line_number": detail["line_number"],
                                "line": line.strip(),
                                "forbidden": bad[0],
                            }
                        )
        return ContractCheck(kept=not found, metadata={"found": found})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for item in check.metadata["found"]:
            output.print_error(
                f"{item['importer']}:{item['line_number']} imports {item['forbidden']}: "
                f"{item['line']}",
                bold=False,
            )
            output.new_line()
