"""Administration of plans (read-mostly: changes go through the services and pages)."""
from django.contrib import admin

from minhbach.plans.models import Plan, ReportObligation, Task


class TaskInline(admin.TabularInline):
    model = Task
    fields = ("path", "text", "timing_kind", "timing_text", "due_date")
    extra = 0
    show_change_link = True


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ("number", "title", "issuing_unit", "issue_date", "status")
    list_filter = ("status",)
    search_fields = ("number", "title")
    raw_id_fields = ("issuing_unit", "reports_to", "parent_task", "created_by")
    # Stored files are served only through the application's views: the admin's file widget would link the storage's
    # own URL (a signed bucket URL on object storage).
    exclude = ("source_file",)
    inlines = [TaskInline]


@admin.register(ReportObligation)
class ReportObligationAdmin(admin.ModelAdmin):
    list_display = ("plan", "task", "unit", "period_label", "due_date", "review_state")
    list_filter = ("review_state",)
    raw_id_fields = ("plan", "task", "unit")
