"""URLs of the award app under /award/."""

from django.urls import URLPattern, URLResolver, path

from . import views, views_nominations

app_name = "award"

_CALL = "calls/<int:award_call_pk>/"
_NOMINATION = "nominations/<int:award_nomination_pk>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.call_list, name="call_list"),
    path("calls/new/", views.call_create, name="call_create"),
    path(_CALL, views.call_detail, name="call_detail"),
    path(f"{_CALL}edit/", views.call_edit, name="call_edit"),
    path(f"{_CALL}nominations/", views_nominations.nomination_list, name="nomination_list"),
    path(f"{_CALL}nominate/", views_nominations.nomination_create, name="nomination_create"),
    path(f"{_CALL}eligibility/", views.eligibility_check, name="eligibility_check"),
    path(f"{_CALL}panel/", views.panel, name="panel"),
    path(f"{_CALL}panel/<int:award_member_pk>/remove/", views.panel_remove, name="panel_remove"),
    path(f"{_CALL}scoring/", views_nominations.scoring, name="scoring"),
    path(f"{_CALL}ranking/", views.ranking_page, name="ranking_page"),
    path(f"{_CALL}decision/", views.decision, name="decision"),
    path(f"{_CALL}announce/", views.announce, name="announce"),
    path(f"{_CALL}announcement/", views.announcement, name="announcement"),
    path(f"{_CALL}announcement.docx", views.announcement_download, name="announcement_docx"),
    path(f"{_CALL}certificates.docx", views.certificates_download, name="certificates_docx"),
    path(_NOMINATION, views_nominations.nomination_detail, name="nomination_detail"),
    path(f"{_NOMINATION}submit/", views_nominations.nomination_submit, name="nomination_submit"),
    path(f"{_NOMINATION}evidence/", views_nominations.evidence_upload, name="evidence_upload"),
    path(f"{_NOMINATION}score/", views_nominations.score, name="score"),
    path(f"{_NOMINATION}decide/", views_nominations.nomination_decide, name="nomination_decide"),
    path(f"{_NOMINATION}shortlist/", views_nominations.nomination_shortlist, name="nomination_shortlist"),
    path(f"{_NOMINATION}certificate.docx", views_nominations.certificate_download, name="certificate_docx"),
    path("evidence/<int:award_evidence_pk>/", views_nominations.evidence_download, name="evidence_download"),
]
