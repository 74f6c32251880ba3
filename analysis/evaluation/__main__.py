"""``python -m analysis.evaluation validate|predict|score ...`` (see ``validate.main``)."""

import sys

from .validate import main

sys.exit(main())
