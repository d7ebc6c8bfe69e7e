"""What happened to a candidate, for the apps built on this one (the talent pool keeps its entries by them).

Sent by the services inside their transactions, after the write, so a receiver's writes commit or roll back
with the event. applicants never imports its receivers: dependencies point one way (DESIGN.md).

- application_submitted(application): a candidate applied.
- application_moved(application, from_status, to_status): an application moved (workflow.MOVES).
- resume_changed(candidate_id): a resume was uploaded, made current, deleted, or its text was read.
- pool_consent_changed(candidate_id): talent-pool consent given, renewed or withdrawn.
"""

from django.dispatch import Signal

application_submitted = Signal()
application_moved = Signal()
resume_changed = Signal()
pool_consent_changed = Signal()
