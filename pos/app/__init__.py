"""The composition root: one bootstrap builds the shared services, the commands use them.

`pos.app.bootstrap` opens the store and builds each service once; `pos.app.command_line`
parses `otop-pos` (the till unless a command is named); `pos.app.cli` holds the commands,
a module per command group.
"""

from pos.app.command_line import main

__all__ = ["main"]
