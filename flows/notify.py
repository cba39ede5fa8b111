"""An automation that tells an operator about a failed nightly run, through a webhook block.

`sfo-redact notify-setup --webhook URL` saves a CustomWebhookNotificationBlock and an
automation on the Prefect server: when a flow run of `nightly-batch` (any deployment, served
or from prefect.yaml, or a hand-run `batch`) enters Failed or Crashed, the server POSTs JSON
to the webhook. The message holds the run's name (a timestamp), its state and its state
message (the counts: "1 of 12 case(s) failed ..."), never a document name or any text from a
document. Automations run in the server's triggers and actions services: `prefect server
start` (and the local server `serve` starts) runs them; Prefect's embedded server does not.
"""

from __future__ import annotations

AUTOMATION_NAME = "sfo-redact: nightly run failed"
BLOCK_NAME = "sfo-redact-operator-webhook"
WATCHED_FLOWS = ("nightly-batch",)
SUBJECT = "sfo-redact: {{ flow.name }} run {{ flow_run.name }} {{ flow_run.state.name }}"
BODY = (
    "Flow run {{ flow_run.name }} of {{ flow.name }} ended {{ flow_run.state.name }}: "
    "{{ flow_run.state.message }} (run id {{ flow_run.id }}). Failed inputs are in the quarantine folder."
)


def setup_notification(webhook_url: str, flows: tuple[str, ...] = WATCHED_FLOWS) -> str:
    """Create (or replace) the webhook block and the automation; returns the automation's id."""
    from prefect.automations import Automation
    from prefect.blocks.notifications import CustomWebhookNotificationBlock
    from prefect.events.actions import SendNotification
    from prefect.events.schemas.automations import EventTrigger, Posture

    block = CustomWebhookNotificationBlock(
        name=BLOCK_NAME,
        url=webhook_url,
        method="POST",
        json_data={"subject": "{{subject}}", "body": "{{body}}", "source": "sfo-redact"},
    )
    block_id = block.save(BLOCK_NAME, overwrite=True)
    for old in _existing(AUTOMATION_NAME):
        old.delete()
    automation = Automation(
        name=AUTOMATION_NAME,
        description="Notify the operator when a nightly batch run fails or crashes.",
        trigger=EventTrigger(
            expect={"prefect.flow-run.Failed", "prefect.flow-run.Crashed"},
            match={"prefect.resource.id": "prefect.flow-run.*"},
            match_related={"prefect.resource.role": "flow", "prefect.resource.name": list(flows)},
            posture=Posture.Reactive,
            threshold=1,
            within=0,
        ),
        actions=[SendNotification(block_document_id=block_id, subject=SUBJECT, body=BODY)],
    ).create()
    return str(automation.id)


def _existing(name: str) -> list:
    from prefect.automations import Automation

    try:
        found = Automation.read(name=name)
    except ValueError:  # none of that name
        return []
    return found if isinstance(found, list) else [found]
