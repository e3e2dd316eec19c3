"""The final report (and any document laid out the same way) as a PDF (fpdf2), in DejaVu Sans: the font
matplotlib ships, which covers French and whatever people type (accents, « », œ, emoji fall back to a box
rather than failing)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from bot.i18n import t
from bot.i18n.dates import format_day
from bot.services.final_report import FinalReport
from bot.services.report_layout import ReportSection, facts, footer, sections, title


def font_dir() -> Path:
    """matplotlib's bundled DejaVu fonts, found without importing matplotlib (and numpy) at all."""
    spec = importlib.util.find_spec("matplotlib")
    assert spec is not None and spec.submodule_search_locations, "matplotlib is a dependency"
    return Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"

ACCENT = (31, 97, 141)


def report_pdf(report: FinalReport, lang: str) -> bytes:
    made_on = t(lang, "final_report.made_on", day=format_day(report.ends_on, lang))
    return document_pdf(title(report, lang), facts(report, lang), sections(report, lang),
                        footer(report, lang) + " " + made_on)


def document_pdf(heading: str, fact_lines: list[tuple[str, str]], parts: list[ReportSection], foot: str) -> bytes:
    """A one-column document: a title, label/value facts, titled sections of bullet lines, a small footer."""
    from fpdf import FPDF  # only when a document is drawn: fpdf2 costs start-up time to every process

    pdf = FPDF(format="A4")
    pdf.set_margins(18, 18, 18)
    pdf.set_auto_page_break(auto=True, margin=18)
    fonts = font_dir()
    pdf.add_font("DejaVu", "", str(fonts / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(fonts / "DejaVuSans-Bold.ttf"))
    pdf.set_title(heading)
    pdf.set_creator("Mentorat")
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 16)
    pdf.set_text_color(*ACCENT)
    pdf.multi_cell(0, 9, heading, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_text_color(0, 0, 0)
    for label, value in fact_lines:
        pdf.set_font("DejaVu", "B", 10)
        pdf.cell(45, 6, label)
        pdf.set_font("DejaVu", "", 10)
        pdf.multi_cell(0, 6, value, new_x="LMARGIN", new_y="NEXT")
    for section in parts:
        pdf.ln(3)
        pdf.set_font("DejaVu", "B", 12)
        pdf.set_text_color(*ACCENT)
        pdf.multi_cell(0, 7, section.title, new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)
        pdf.set_font("DejaVu", "", 10)
        for line in section.lines:
            pdf.multi_cell(0, 5.5, "• " + line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("DejaVu", "", 8)
    pdf.set_text_color(90, 90, 90)
    pdf.multi_cell(0, 4.5, foot, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
