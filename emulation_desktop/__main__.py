import sys

from emulation_desktop.cli import main

sys.exit(main())
