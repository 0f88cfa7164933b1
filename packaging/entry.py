"""Entry point of the frozen app (PyInstaller): the same `kiosk` command as the pip install."""

import sys

from kiosk.cli import main

sys.exit(main())
