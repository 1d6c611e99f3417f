"""The frozen program's entry point: the same ``main`` as ``python -m emulation_desktop``."""

import sys

from emulation_desktop.main import main

if __name__ == "__main__":
    sys.exit(main())
