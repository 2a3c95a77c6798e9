from django.contrib import admin

from lantu.notify.models import Delivery, Notification, Preference, ReminderSent, Webhook


@admin.register(Webhook)
class WebhookAdmin(admin.ModelAdmin):
    list_display = ("unit", "kind", "active")
    list_filter = ("kind", "active")


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ("created_at", "channel", "kind", "to", "state", "attempts")
    list_filter = ("channel", "state")
    readonly_fields = ("created_at", "sent_at", "attempts", "error")


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("created_at", "user", "kind", "read_at")
    list_filter = ("kind",)


admin.site.register(Preference)
admin.site.register(ReminderSent)
