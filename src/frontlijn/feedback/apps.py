from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    """Invitations are created by explicit calls from the services (feedback/services.py), not by
    model signals: see docs/dashboard.md "When Frontlijn invites"."""

    name = "frontlijn.feedback"
    label = "feedback"
