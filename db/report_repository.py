"""End-of-day and consignment figures as SQL aggregates over the sales tables: one repository
of the unit of work, each report in its own module (db/report_*.py)."""

from __future__ import annotations

from db.report_channels import ChannelSales
from db.report_eod import EodReports
from db.report_producers import ProducerSettlement


class SqlReportRepository(EodReports, ChannelSales, ProducerSettlement):
    """pos.ports.reports.ReportRepository over a session: the end-of-day report, the channel
    split and the producers' settlement."""
