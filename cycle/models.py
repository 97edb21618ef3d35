from cycle.workplan_models import Placement, WorkplanVersion  # noqa: F401  (work plans)
