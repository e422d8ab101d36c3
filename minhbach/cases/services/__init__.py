"""Writes on items. Every state change goes through `workflow.case_transition`."""
from minhbach.cases.services.intake import (  # noqa: F401
    Receipt, SubmissionInput, SubmissionInvalid, SubmitterInput, attachment_add, case_submit, intakes_register,
    submission_accept, submission_prepare, submission_store,
)
from minhbach.cases.services.letters import letter_generate  # noqa: F401
from minhbach.cases.services.structure import case_forward, case_merge, case_split  # noqa: F401
from minhbach.cases.services.sweep import deadlines_sweep  # noqa: F401
from minhbach.cases.services.workflow import (  # noqa: F401
    case_accept, case_add_message, case_assign, case_citizen_message, case_classify, case_extend,
    case_get_for_action, case_transition,
)
