"""``python -m generator`` is the same program as the ``sec16`` console script."""

import sys

from generator.cli import main

sys.exit(main())
