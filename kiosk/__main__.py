import sys

from kiosk.core import startgc
from kiosk.core.timeline import mark

startgc.hold()  # until the kiosk's first frame (kiosk/core/startgc.py)
mark("python ready")
from kiosk.cli import main  # noqa: E402 - after the first mark

mark("kiosk.cli imported")

sys.exit(main())
