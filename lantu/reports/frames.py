"""The 公文 frame of a generated document: the office's settings, the elements its kind uses, the date."""

from dataclasses import dataclass
from datetime import date

import cn2an
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from lantu.orgs.models import OrgUnit
from lantu.reports.document import Frame
from lantu.reports.models import GeneratedReport, KindFrame, OfficeFrame

Kind = GeneratedReport.Kind
DIGITS = "〇一二三四五六七八九"


@dataclass(frozen=True)
class KindDefaults:
    """What a kind of document uses when its office has not set it: its type, recipients, direction."""

    doc_type: str
    recipients: str
    upward: bool


def kind_defaults(kind: str, government: str = "") -> KindDefaults:
    """Return a kind's default frame: reports go up to the government, the bulletin down to the counties."""
    if kind == Kind.BULLETIN:
        return KindDefaults(
            pgettext("document type", "bulletin"),
            _("the development and reform commissions of the counties and cities, the departments concerned"),
            upward=False,
        )
    recipients = _("%(unit)s People's Government") % {"unit": government} if government else ""
    return KindDefaults(pgettext("document type", "report"), recipients, upward=True)


def document_date(day: date, numerals: str = OfficeFrame.Numerals.ARABIC) -> str:
    """Return a date as a document writes it: 2026年12月6日, or 二〇二六年十二月六日 in Chinese numerals."""
    if numerals == OfficeFrame.Numerals.CHINESE:
        year = "".join(DIGITS[int(d)] for d in str(day.year))
        return f"{year}年{cn2an.an2cn(day.month)}月{cn2an.an2cn(day.day)}日"
    return f"{day.year}年{day.month}月{day.day}日"


def document_number(prefix: str, year: int, number: int | None) -> str:
    """Return a document number like 昌州发改〔2026〕12号; without a number its place is left blank."""
    blank = "\u3000\u3000"  # two ideographic spaces, filled in by hand
    return f"{prefix}〔{year}〕{blank if number is None else number}号"


def office_for(*units: OrgUnit | None) -> OfficeFrame | None:
    """Return the frame of the first unit, or of its nearest ancestor, that has one."""
    for unit in units:
        seen: set[int] = set()
        while unit is not None and unit.pk not in seen:
            seen.add(unit.pk)
            frame = OfficeFrame.objects.filter(unit=unit).first()
            if frame is not None:
                return frame
            unit = unit.parent
    return None


@dataclass(frozen=True)
class DocumentFrame:
    """A document's frame and, when the office uploaded one its kind uses, the letterhead template."""

    frame: Frame
    template: bytes | None = None


def frame_for(
    office: OfficeFrame | None, kind: str, on: date, number: int | None = None, government: str = ""
) -> DocumentFrame | None:
    """Return the frame of a kind of document of an office, dated `on`; None when no office has one."""
    if office is None:
        return None
    defaults = kind_defaults(kind, government)
    chosen = KindFrame.objects.filter(office=office, kind=kind).first()
    doc_type = chosen.doc_type if chosen else defaults.doc_type
    recipients = chosen.recipients if chosen else defaults.recipients
    upward = chosen.upward if chosen else defaults.upward
    header = chosen.header if chosen else True
    imprint = chosen.imprint if chosen else True
    written = document_date(on, office.numerals)
    frame = Frame(
        issuer_mark=office.issuer_mark if header else "",
        number=document_number(office.number_prefix, on.year, number) if header else "",
        signatory=office.signatory if upward and header else "",
        recipients=recipients,
        signature=office.signature,
        date_text=written,
        seal=office.seal and (chosen.seal if chosen else True),
        annotation=office.annotation if (chosen.annotation if chosen else True) else "",
        copy_to=office.copy_to if imprint else "",
        printer=(office.printer or office.signature) if imprint else "",
        printed_on=document_date(on) if imprint else "",  # 印发日期: Arabic numerals always
        doc_type=doc_type,
    )
    template = None
    if office.template and (chosen.use_template if chosen else True):
        with office.template.open("rb") as handle:
            template = handle.read()
    return DocumentFrame(frame, template)


def report_frame(report: GeneratedReport) -> DocumentFrame | None:
    """Return the frame of a generated document: the requester's office's, else its scope's, if any."""
    requester = None
    if report.created_by_id is not None:
        requester = OrgUnit.objects.filter(members__user_id=report.created_by_id).first()
    office = office_for(requester, report.unit)
    on = timezone.localtime(report.created_at).date()
    # A draft leaves the number blank: issuing it gives the office's next number of the year.
    return frame_for(office, report.kind, on, government=report.plan.owner.name)
