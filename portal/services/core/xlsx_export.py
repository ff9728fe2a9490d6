"""The XLSX twin of csv_export: the same columns (csv_export.Column), the same filtered query, the
same raw tuples (csv_export.stream_rows: a server-side cursor on PostgreSQL), written by xlsxwriter
in constant-memory mode — each row goes to a temporary file as soon as it is written, so memory
stays flat whatever the row count — into an anonymous temporary file, which the response then
streams in pieces (`pieces`) and which disappears when closed.

A cell keeps its type where a spreadsheet needs it: an amount (`csv_export.plain`) is a number
with two decimals, a day (`day`, `paris_day`) a date; any other column writes what its CSV cell
writes (a label, a text). A text is written as a string cell, never as a formula, whatever it
starts with; control characters are cleaned as in the CSV."""
import datetime
import tempfile
from collections.abc import Iterable, Iterator

import xlsxwriter

from portal.services.core import csv_export
from portal.services.core.cleaning import clean_text

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PIECE = 64 * 1024  # bytes per piece of the streamed response
WIDTH = 22  # characters: every column alike (measuring them would mean reading the rows twice)


def _text(value) -> str:
    return "" if value is None else clean_text(str(value))


def _cell_writers(columns, sheet, formats) -> list:
    """For each column, write(row, col, raw value): a number, a date or a string cell."""
    def number(row, col, value):
        if value is not None:
            sheet.write_number(row, col, float(value), formats["money"])

    def dated(read):
        def write(row, col, value):
            day = read(value)
            if day is not None:
                sheet.write_datetime(row, col, datetime.datetime.combine(day, datetime.time()),
                                     formats["day"])
        return write

    def text(convert):
        def write(row, col, value):
            shown = convert(value)
            if shown:
                sheet.write_string(row, col, shown)
        return write

    typed = {csv_export.plain: number, csv_export.day: dated(csv_export.calendar_date),
             csv_export.paris_day: dated(csv_export.paris_date)}
    return [typed.get(column.write) or text(_text if column.write is csv_export.cell
                                            else column.write) for column in columns]


def workbook(columns: Iterable[csv_export.Column], query, sheet_name: str = "Export"):
    """The XLSX of `columns` for the rows of `query` (filtered and sorted), in a temporary file
    opened at its start: the caller streams it (`pieces`) and closes it."""
    columns = tuple(columns)
    output = tempfile.TemporaryFile()
    try:
        _write(xlsxwriter.Workbook(output, {"constant_memory": True, "in_memory": False}),
               columns, query, sheet_name)
    except BaseException:
        output.close()  # nothing half-written is kept
        raise
    output.seek(0)
    return output


def _write(book, columns, query, sheet_name: str) -> None:
    sheet = book.add_worksheet(sheet_name[:31])
    formats = {"money": book.add_format({"num_format": "#,##0.00"}),
               "day": book.add_format({"num_format": "dd/mm/yyyy"}),
               "header": book.add_format({"bold": True})}
    sheet.set_column(0, len(columns) - 1, WIDTH)
    for col, column in enumerate(columns):
        sheet.write_string(0, col, column.header, formats["header"])
    writers = _cell_writers(columns, sheet, formats)
    rows = csv_export.stream_rows(query.select(*(column.expression for column in columns)))
    try:
        for number, row in enumerate(rows, start=1):
            for col, (write, value) in enumerate(zip(writers, row)):
                write(number, col, value)
    finally:
        rows.close()
    sheet.freeze_panes(1, 0)
    book.close()


def pieces(file) -> Iterator[bytes]:
    """The file's bytes in pieces of PIECE, then the file closed (and so gone)."""
    try:
        while piece := file.read(PIECE):
            yield piece
    finally:
        file.close()
