"""Account pages: the security page, the second factor and the password change (under /accounts/)."""

from django.urls import path

from lantu.orgs import views

urlpatterns = [
    path("security/", views.account_security, name="account_security"),
    path("security/tokens/<int:pk>/revoke/", views.api_token_revoke_view, name="api_token_revoke"),
    path("second-factor/", views.second_factor, name="second_factor"),
    path("second-factor/enrol/", views.second_factor_enrol, name="second_factor_enrol"),
    path("second-factor/remove/", views.second_factor_remove, name="second_factor_remove"),
    path("password_change/", views.PasswordChange.as_view(), name="password_change"),
]
