"""emulation_desktop: emulation records and year-end reports for Fatherland Front committees."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("emulation-desktop")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
