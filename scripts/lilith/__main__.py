"""`python -m lilith`: see `lilith.cli`."""

import sys

from lilith.cli import main

sys.exit(main())
