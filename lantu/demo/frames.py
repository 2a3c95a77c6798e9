"""Demo document frame of 州发改委 (示例数据): letterhead, number prefix and 版记, as an office sets them."""

from datetime import datetime

from django.apps import apps

from lantu.orgs.models import OrgUnit

# The reports app sits on the demo's layer; the demo names its model instead of importing it.
FRAME = {
    "issuer_mark": "昌吉回族自治州发展和改革委员会文件",
    "number_prefix": "昌州发改",
    "signatory": "×××",
    "signature": "昌吉回族自治州发展和改革委员会",
    "annotation": "联系人：规划科，电话：0994-0000000（示例数据）",
    "copy_to": "州党委办公室，州人大常委会办公室，州政协办公室",
    "printer": "昌吉州发展和改革委员会办公室",
}
KINDS = (
    # kind, 文种, 主送机关, to a higher level
    ("stocktake", "报告", "州人民政府", True),
    ("midterm", "报告", "州人民政府", True),
    ("bulletin", "通报", "各县市发展和改革委员会，州直有关部门", False),
)


def frames_load(*, now: datetime, units: dict[str, OrgUnit]) -> None:
    """Give the demo's planning office its document frame, unless an administrator has set one."""
    office_model = apps.get_model("reports", "OfficeFrame")
    kind_model = apps.get_model("reports", "KindFrame")
    office, created = office_model.objects.get_or_create(unit=units["drc"], defaults=FRAME)
    if not created:
        return
    for kind, doc_type, recipients, upward in KINDS:
        kind_model.objects.create(
            office=office, kind=kind, doc_type=doc_type, recipients=recipients, upward=upward
        )
