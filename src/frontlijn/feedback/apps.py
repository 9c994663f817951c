from django.apps import AppConfig
from django.db.models.signals import post_save, pre_save


class FeedbackConfig(AppConfig):
    name = "frontlijn.feedback"
    label = "feedback"

    def ready(self) -> None:
        from frontlijn.cases.models import CaseStatusChange
        from frontlijn.contacts.models import ContactMoment
        from frontlijn.feedback import receivers
        from frontlijn.register.models import Tenancy

        post_save.connect(receivers.on_contact_moment_saved, sender=ContactMoment, dispatch_uid="feedback_contact")
        post_save.connect(receivers.on_case_status_saved, sender=CaseStatusChange, dispatch_uid="feedback_case")
        pre_save.connect(receivers.on_tenancy_pre_save, sender=Tenancy, dispatch_uid="feedback_tenancy_pre")
        post_save.connect(receivers.on_tenancy_saved, sender=Tenancy, dispatch_uid="feedback_tenancy")
