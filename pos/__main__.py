"""`python -m pos` runs the till, like `otop-pos`."""

import sys

from pos.app import main

sys.exit(main())
