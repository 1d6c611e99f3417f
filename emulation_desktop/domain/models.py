"""All models in one import, so ``Base.metadata`` knows every table."""

from emulation_desktop.domain.audit import AuditEntry, Setting
from emulation_desktop.domain.base import Base, RecordMixin
from emulation_desktop.domain.document_register import RegisteredDocument
from emulation_desktop.domain.evidence import EvidenceFile, EvidenceLink  # noqa: F401
from emulation_desktop.domain.exchange import ImportState, PackageLog, TrustedKey
from emulation_desktop.domain.meeting import MeetingDelegate, ReviewMeeting
from emulation_desktop.domain.org import (
    Cluster,
    ClusterMember,
    EmulationYear,
    Indicator,
    OrgLevel,
    Pledge,
    PledgeTarget,
    Unit,
)
from emulation_desktop.domain.people import CommitteeMember
from emulation_desktop.domain.predecessors import UnitPredecessor
from emulation_desktop.domain.received_packages import ReceivedPackage
from emulation_desktop.domain.records import (
    Donation,
    Fund,
    Recommendation,
    Supervision,
    SupportActivity,
)
from emulation_desktop.domain.report_drafts import ReportDraft
from emulation_desktop.domain.review import (
    Ballot,
    ClusterScore,
    CommendationProposal,
    CriteriaSet,
    Criterion,
    CriterionGroup,
    Election,
    SelfScore,
)
from emulation_desktop.domain.submissions import SubmissionDecision
from emulation_desktop.domain.tallies import (
    CitizenReception,
    DelegateConference,
    FuneralTally,
    MediationTally,
)

__all__ = [
    "AuditEntry",
    "Ballot",
    "Base",
    "CitizenReception",
    "Cluster",
    "ClusterMember",
    "ClusterScore",
    "CommendationProposal",
    "CommitteeMember",
    "CriteriaSet",
    "Criterion",
    "CriterionGroup",
    "DelegateConference",
    "Donation",
    "Election",
    "EmulationYear",
    "Fund",
    "FuneralTally",
    "ImportState",
    "Indicator",
    "MediationTally",
    "MeetingDelegate",
    "OrgLevel",
    "PackageLog",
    "Pledge",
    "PledgeTarget",
    "ReceivedPackage",
    "Recommendation",
    "RecordMixin",
    "RegisteredDocument",
    "ReportDraft",
    "ReviewMeeting",
    "SelfScore",
    "Setting",
    "SubmissionDecision",
    "Supervision",
    "SupportActivity",
    "TrustedKey",
    "Unit",
    "UnitPredecessor",
]
