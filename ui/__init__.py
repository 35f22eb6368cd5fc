"""The PySide6 user interface: the till window, its dialogs and Qt models."""
