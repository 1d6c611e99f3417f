"""The PySide6 window. Qt is imported here and nowhere else in the package."""
