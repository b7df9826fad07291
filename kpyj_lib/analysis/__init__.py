"""Analyses over the plan graph and the workspace frames.

Pure functions: they take the graph (:func:`kpyj_lib.graph.build_graph`) or the workspace
first, return pandas frames or plain Python, and never write anything.

========================  ==============================================================
module                    what it answers
========================  ==============================================================
:mod:`.alignment`         chains up to every plan level, coverage, orphans, unsupported
                          plan items, provinces × plan items
:mod:`.progress`          KR progress (direction-aware), expected progress, status,
                          weighted roll-ups, check-in history, 5-level KPI scores
:mod:`.pmqa`              coverage of the 7 PMQA categories and the 3 : 1 : 3 balance
:mod:`.bsc`               KPIs per dimension × level and the empty cells
:mod:`.flows`             whose input is a unit's output, unused outputs, cycles,
                          End Products and the unit collaboration matrix
:mod:`.directives`        weekly directive reports: on time / late / missing, the four
                          levels, stalled directives, unit compliance
:mod:`.lessons`           lessons learned by PMQA category and by node, their evidence,
                          cross-province comparison
:mod:`.groups`            driving groups 1/2/3 derived from the operating centres, and
                          warnings where the workbook's groups disagree
:mod:`.national`          roll-ups per province (all 77), cluster (18), driving group and
                          nation; the model provinces side by side; recurring findings
:mod:`.rounds`            follow-up rounds (3/6/9/12 months): the workspace as known at a
                          round's end, what moved and what slipped between rounds
========================  ==============================================================
"""

from .alignment import (
    PLAN_LEVELS,
    alignment_chains,
    alignment_coverage,
    most_supported_plan_items,
    orphans,
    province_plan_matrix,
    reach,
    unsupported_plan_items,
)
from .bsc import kpi_gaps, kpi_matrix
from .crime_prevention import covers_crime_prevention, crime_prevention_coverage
from .directives import (
    completed_this_week,
    directives_by_level,
    report_status,
    stalled,
    unit_compliance,
    weekly_status,
)
from .flows import (
    collaboration_matrix,
    end_products,
    flow_cycles,
    unit_flows,
    unsupplied_inputs,
    unused_outputs,
)
from .groups import GROUP_COUNTS, GROUP_LABELS, derived_groups, group_warnings, recorded_groups
from .lessons import (
    evidence_of,
    lesson_kind_counts,
    lesson_pmqa_counts,
    lessons_about,
    lessons_by_pmqa,
    lessons_frame,
    province_comparison,
    shared_by_on_track,
)
from .measure import DataDate, data_date, resolve_measure_type
from .national import (
    cluster_summary,
    group_summary,
    model_province_summary,
    nation_summary,
    province_summary,
    recurring,
)
from .plan_versions import alignments_not_in_force, plan_versions
from .pmqa import (
    pmqa_balance,
    pmqa_coverage,
    pmqa_findings,
    pmqa_objective_matrix,
    pmqa_phase_coverage,
)
from .progress import (
    STATUS_LABELS,
    Thresholds,
    default_as_of,
    expected_progress,
    kpi_scores,
    kr_history,
    kr_progress,
    progress_value,
    rollup,
    status_of,
)
from .rounds import round_comparison, round_view, until

__all__ = [
    "GROUP_COUNTS",
    "GROUP_LABELS",
    "PLAN_LEVELS",
    "STATUS_LABELS",
    "DataDate",
    "Thresholds",
    "alignment_chains",
    "alignment_coverage",
    "alignments_not_in_force",
    "cluster_summary",
    "collaboration_matrix",
    "completed_this_week",
    "covers_crime_prevention",
    "crime_prevention_coverage",
    "data_date",
    "default_as_of",
    "derived_groups",
    "directives_by_level",
    "end_products",
    "evidence_of",
    "expected_progress",
    "flow_cycles",
    "group_summary",
    "group_warnings",
    "kpi_gaps",
    "kpi_matrix",
    "kpi_scores",
    "kr_history",
    "kr_progress",
    "lesson_kind_counts",
    "lesson_pmqa_counts",
    "lessons_about",
    "lessons_by_pmqa",
    "lessons_frame",
    "model_province_summary",
    "most_supported_plan_items",
    "nation_summary",
    "orphans",
    "plan_versions",
    "pmqa_balance",
    "pmqa_coverage",
    "pmqa_findings",
    "pmqa_objective_matrix",
    "pmqa_phase_coverage",
    "progress_value",
    "province_comparison",
    "province_plan_matrix",
    "province_summary",
    "reach",
    "recorded_groups",
    "recurring",
    "report_status",
    "resolve_measure_type",
    "rollup",
    "round_comparison",
    "round_view",
    "shared_by_on_track",
    "stalled",
    "status_of",
    "unit_compliance",
    "unit_flows",
    "unsupplied_inputs",
    "unsupported_plan_items",
    "until",
    "unused_outputs",
    "weekly_status",
]
