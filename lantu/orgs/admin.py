"""Admin for org units, memberships and API tokens."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from lantu.orgs.models import ApiToken, Membership, OrgUnit


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


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are created with `lantu api-token`; here they can be reviewed and revoked."""

    list_display = ["prefix", "user", "name", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["prefix", "name", "user__username"]
    list_select_related = ["user"]
    readonly_fields = ["user", "prefix", "digest", "created_at", "last_used_at"]

    def has_add_permission(self, request) -> bool:
        return False
