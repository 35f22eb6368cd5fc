"""Ports: what the services need from storage, printers and the clock, one module a capability.

`services/checkout` -> `ports/sales` -> `db/...sales`: a capability keeps its name down the
layers. Import from the module (`from pos.ports.sales import SalesRepository`); this package
itself exports nothing.
"""
