"""Background tasks of the feedback app (django-tasks)."""

from django_tasks import task


@task()
def send_feedback_invitation(invitation_id: int) -> bool:
    from frontlijn.feedback.services import feedback_invitation_send

    return feedback_invitation_send(invitation_id=invitation_id)


@task()
def expire_feedback_invitations() -> int:
    """Daily: forget who was invited once a link expired unused (``frontlijn feedback_expire``)."""
    from frontlijn.feedback.services import feedback_invitations_expire

    return feedback_invitations_expire()
