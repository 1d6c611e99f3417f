import sys

from emulation_desktop.main import main

sys.exit(main())
