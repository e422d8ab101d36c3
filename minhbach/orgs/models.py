"""The organisation tree (data, any depth) and the roles users hold in its units."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("Provincial People's Committee")
    OFFICE = "office", _("Office of the People's Committee")
    INSPECTORATE = "inspectorate", _("Inspectorate")
    DEPARTMENT = "department", _("Department")
    DISTRICT = "district", _("District (before 1/7/2025)")
    COMMUNE = "commune", _("Commune / ward / special zone")
    UNIT = "unit", _("Unit")
    FRONT = "front", _("Fatherland Front / organisation")


class OrgUnit(models.Model):
    """A node of the org tree; `path` (materialised, e.g. '0001.0007.') makes subtree queries one index range."""

    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
                               verbose_name=_("parent unit"))
    kind = models.CharField(_("kind"), max_length=16, choices=UnitKind.choices)
    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    place_name = models.CharField(_("place name"), max_length=100, blank=True,
                                  help_text=_("Used on the place-and-date line of documents."))
    path = models.CharField(max_length=255, unique=True, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    remote_area = models.BooleanField(_("remote area"), default=False,
                                      help_text=_("Remote, difficult areas have longer complaint clocks (C2, C3)."))
    active_from = models.DateField(_("active from"), null=True, blank=True)
    active_to = models.DateField(_("active until"), null=True, blank=True,
                                 help_text=_("Set for units that no longer exist, e.g. districts after 1/7/2025."))
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)

    class Meta:
        ordering = ["path"]
        verbose_name = _("organisation unit")
        verbose_name_plural = _("organisation units")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.path:
            self._assign_path()
        super().save(*args, **kwargs)

    def _assign_path(self) -> None:
        siblings = OrgUnit.objects.filter(parent=self.parent)
        prefix = self.parent.path if self.parent else ""
        taken = {p[len(prefix):len(prefix) + 4] for p in siblings.values_list("path", flat=True)}
        n = len(taken) + 1
        while f"{n:04d}" in taken:
            n += 1
        self.path = f"{prefix}{n:04d}."
        self.depth = self.parent.depth + 1 if self.parent else 0

    def is_ancestor_of(self, other: "OrgUnit") -> bool:
        return other.path.startswith(self.path)

    @property
    def root_path(self) -> str:
        return self.path[:5]

    def ancestors(self):
        """Ancestors from the root down, excluding self."""
        paths = [self.path[: 5 * i] for i in range(1, self.depth + 1)]
        return OrgUnit.objects.filter(path__in=paths).order_by("depth")


class Role(models.TextChoices):
    CLERK = "clerk", _("Reception / records clerk")
    HANDLER = "handler", _("Handler")
    LEADER = "leader", _("Unit leader")
    PROVINCIAL_OFFICE = "provincial_office", _("Provincial office")
    INSPECTOR = "inspector", _("Inspector")
    CUSTODIAN = "custodian", _("Identity custodian")
    HOME_AFFAIRS = "home_affairs", _("Home Affairs")
    FRONT_LIAISON = "front_liaison", _("Front liaison")
    ADMIN = "admin", _("Administrator")


class Membership(models.Model):
    """A role a user holds in a unit; the policy decides how far down the tree it reaches."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    is_head = models.BooleanField(_("head of the unit"), default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "unit", "role"], name="membership_unique")]
        verbose_name = _("role in a unit")
        verbose_name_plural = _("roles in units")

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"
