"""Admin for org units, memberships, API tokens, the three administrators' duties and the audit trail."""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from lantu.orgs.models import (
    AccountSecurity,
    ApiToken,
    AuditRecord,
    DutyAssignment,
    Membership,
    OrgUnit,
    PasswordHistory,
    Profile,
)
from lantu.orgs.services import duty_assign, duty_remove, password_change_demand


@admin.register(OrgUnit)
class OrgUnitAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "short_name", "kind", "parent", "order", "is_sample"]
    list_filter = ["kind", "is_sample"]
    search_fields = ["code", "name", "short_name"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent", "source"]
    ordering = ["order", "code"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "unit", "role"]
    list_filter = ["role", "unit__kind"]
    search_fields = ["user__username", "unit__name", "unit__short_name"]
    list_select_related = ["user", "unit"]
    autocomplete_fields = ["user", "unit"]


@admin.register(Profile)
class ProfileAdmin(SimpleHistoryAdmin):
    list_display = ["display_name", "user"]
    search_fields = ["display_name", "user__username"]
    list_select_related = ["user"]
    autocomplete_fields = ["user"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are created with `lantu api-token` or on the security page; here reviewed and revoked."""

    list_display = [
        "prefix",
        "user",
        "name",
        "scope",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["scope", "revoked_at"]
    search_fields = ["prefix", "name", "user__username"]
    list_select_related = ["user"]
    readonly_fields = ["user", "prefix", "digest", "scope", "created_at", "expires_at", "last_used_at"]

    def has_add_permission(self, request) -> bool:
        return False


class DutyForm(forms.ModelForm):
    class Meta:
        model = DutyAssignment
        fields = ["user", "duty"]

    def clean(self):
        cleaned = super().clean() or {}
        user = cleaned.get("user")
        if user is not None and user.is_superuser:
            raise ValidationError(
                _("A superuser holds every power; give duties to ordinary accounts and retire the superuser.")
            )
        actor = getattr(self, "actor", None)
        if user is not None and actor is not None and user.pk == actor.pk and self.instance.pk is None:
            raise ValidationError(_("Nobody assigns an administrative duty to themselves."))
        return cleaned


@admin.register(DutyAssignment)
class DutyAssignmentAdmin(SimpleHistoryAdmin):
    """三员分立: one duty per account (the one-to-one field refuses a second), assigned by the service."""

    form = DutyForm
    list_display = ["user", "duty", "assigned_at"]
    list_filter = ["duty"]
    search_fields = ["user__username"]
    list_select_related = ["user"]
    autocomplete_fields = ["user"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.actor = request.user
        return form

    def get_readonly_fields(self, request, obj=None):
        return ["user", "assigned_at"] if obj is not None else ["assigned_at"]

    def save_model(self, request, obj, form, change):
        if change:  # the same account, another duty: still one
            obj.save()
        else:
            obj.pk = duty_assign(actor=request.user, user=obj.user, duty=obj.duty, now=timezone.now()).pk

    def delete_model(self, request, obj):
        duty_remove(actor=request.user, user=obj.user, now=timezone.now())


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AuditRecord)
class AuditRecordAdmin(_ReadOnly):
    """The audit trail: nobody adds, changes or deletes a record here (pruning is `lantu audit prune`)."""

    list_display = ["at", "username", "address", "event", "result", "detail"]
    list_filter = ["event", "result"]
    search_fields = ["username", "address", "detail"]
    date_hierarchy = "at"


@admin.register(AccountSecurity)
class AccountSecurityAdmin(admin.ModelAdmin):
    list_display = ["user", "password_changed_at", "must_change_password"]
    list_filter = ["must_change_password"]
    search_fields = ["user__username"]
    readonly_fields = ["user", "password_changed_at"]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(PasswordHistory)
class PasswordHistoryAdmin(_ReadOnly):
    """When passwords changed; the hashes themselves are not shown."""

    list_display = ["user", "created_at"]
    fields = ["user", "created_at"]
    search_fields = ["user__username"]


class ResetPasswordForm(AdminPasswordChangeForm):
    """An administrator's new password for someone is an initial one: its owner changes it at next login."""

    def save(self, commit=True):
        user = super().save(commit)
        password_change_demand(user=user, now=timezone.now())
        return user


class ProfileInline(admin.StackedInline):
    """The person's display name, edited with the account."""

    model = Profile
    can_delete = False
    fields = ["display_name"]


class LantuUserAdmin(UserAdmin):
    """Django's user admin; only a superuser grants superuser status, groups or single permissions."""

    change_password_form = ResetPasswordForm

    def get_inlines(self, request, obj=None):
        return [ProfileInline] if obj is not None else []  # a new account gets its name once it exists

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += ["is_superuser", "is_staff", "groups", "user_permissions"]
        return fields

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:  # a new account's password is an initial one
            password_change_demand(user=obj, now=timezone.now())


admin.site.unregister(User)
admin.site.register(User, LantuUserAdmin)
