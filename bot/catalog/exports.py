"""Texts of the exports: the delegate list (XLSX, CSV), the calendar (.ics), `hoinghi export`."""

TEXTS: dict[str, dict[str, str]] = {
    "export.sheet": {"vi": "Danh sách đại biểu", "en": "Delegates"},
    "export.title": {
        "vi": "Danh sách đại biểu — {label}, {when}",
        "en": "Delegates — {label}, {when}",
    },
    "export.col.number": {"vi": "STT", "en": "No."},
    "export.col.name": {"vi": "Họ và tên", "en": "Full name"},
    "export.col.position": {"vi": "Chức vụ", "en": "Position"},
    "export.col.unit": {"vi": "Đơn vị", "en": "Unit"},
    "export.col.commune": {"vi": "Xã/phường", "en": "Commune/ward"},
    "export.col.phone": {"vi": "Số điện thoại", "en": "Phone"},
    "export.col.status": {"vi": "Trạng thái", "en": "Status"},
    "export.col.note": {"vi": "Ghi chú", "en": "Note"},
    "export.city_level": {"vi": "Cấp thành phố", "en": "City level"},
    "export.status.in_person": {"vi": "Tham dự", "en": "Attending"},
    "export.status.online": {"vi": "Tham dự trực tuyến", "en": "Attending online"},
    "export.status.absent": {"vi": "Vắng mặt", "en": "Absent"},
    "export.status.substitute": {"vi": "Cử người dự thay", "en": "Sending a substitute"},
    "export.status.none": {"vi": "Chưa trả lời", "en": "No answer yet"},
    "export.status.checked_in": {
        "vi": "{status}; Đã điểm danh",
        "en": "{status}; Checked in",
    },
    "export.note.substitute": {
        "vi": "Người dự thay: {name}",
        "en": "Substitute: {name}",
    },
    "export.note.substitute_details": {
        "vi": "Người dự thay: {name} ({details})",
        "en": "Substitute: {name} ({details})",
    },
    "export.ics.alarm": {
        "vi": "Nhắc lịch: {label}",
        "en": "Reminder: {label}",
    },
    "export.ics.topics": {"vi": "Nội dung:", "en": "Topics:"},
    # The command line.
    "cli.export_help": {
        "vi": "xuất danh sách đại biểu (XLSX, CSV) hoặc lịch hội nghị (.ics)",
        "en": "export the delegate list (XLSX, CSV) or the session calendar (.ics)",
    },
    "cli.export_description": {
        "vi": "Xuất danh sách đại biểu của một buổi hội nghị (lọc theo xã/phường hoặc thành phần) "
        "ra tệp XLSX hoặc CSV, hoặc lịch mọi buổi của kế hoạch ra tệp .ics có nhắc lịch. "
        "Danh sách có số điện thoại, chỉ dành cho Ban tổ chức; dùng --no-phones để bỏ.",
        "en": "Export a session's delegate list (filtered by commune or category) as XLSX or "
        "CSV, or the calendar of every session of the plan as an .ics file with alarms. "
        "The list includes phone numbers, for organisers only; --no-phones leaves them out.",
    },
    "cli.export_session_help": {
        "vi": "mã buổi hội nghị trong kế hoạch, ví dụ 2026-07-loc-tan (không cần với --format ics)",
        "en": "session id from the plan, e.g. 2026-07-loc-tan (not needed with --format ics)",
    },
    "cli.export_commune_help": {
        "vi": 'chỉ lấy đại biểu của một xã/phường (mã hoặc tên, ví dụ 25279 hay "Lộc Tấn")',
        "en": 'only the delegates of one commune (code or name, e.g. 25279 or "Lộc Tấn")',
    },
    "cli.export_unit_help": {
        "vi": "chỉ lấy đại biểu của một thành phần (mã thành phần trong kế hoạch, ví dụ mttq)",
        "en": "only the delegates of one category (its code in the plan, e.g. mttq)",
    },
    "cli.export_format_help": {
        "vi": "định dạng tệp: xlsx (mặc định), csv hoặc ics",
        "en": "file format: xlsx (default), csv or ics",
    },
    "cli.export_out_help": {
        "vi": "đường dẫn tệp xuất (mặc định: đặt theo mã buổi trong thư mục hiện tại)",
        "en": "output file (default: named after the session, in the current folder)",
    },
    "cli.export_no_phones_help": {
        "vi": "không ghi số điện thoại (khi gửi danh sách ra ngoài Ban tổ chức)",
        "en": "leave phone numbers out (when the list goes beyond the organisers)",
    },
    "cli.export_no_plan": {
        "vi": "Chưa có kế hoạch trong cơ sở dữ liệu {database}. Hãy nạp kế hoạch trước: "
        "hoinghi plan load <tệp.yaml>",
        "en": "No plan in the database {database}. Load one first: hoinghi plan load <file.yaml>",
    },
    "cli.export_need_session": {
        "vi": "Cần chọn buổi hội nghị bằng --session. Các mã buổi hợp lệ:\n{sessions}",
        "en": "Choose a session with --session. Valid session ids:\n{sessions}",
    },
    "cli.export_unknown_session": {
        "vi": 'Không có buổi hội nghị mã "{session}". Các mã buổi hợp lệ:\n{sessions}',
        "en": 'There is no session "{session}". Valid session ids:\n{sessions}',
    },
    "cli.export_session_line": {
        "vi": "  • {id}: {label}, {when}",
        "en": "  • {id}: {label}, {when}",
    },
    "cli.export_unknown_commune": {
        "vi": 'Không tìm thấy xã/phường "{commune}" trong {province}. '
        "Hãy ghi mã (ví dụ 25279) hoặc tên chính xác.",
        "en": 'No commune "{commune}" in {province}. Give its code (e.g. 25279) or exact name.',
    },
    "cli.export_unknown_unit": {
        "vi": 'Không có thành phần mã "{unit}". Các mã hợp lệ:\n{units}',
        "en": 'There is no category "{unit}". Valid codes:\n{units}',
    },
    "cli.export_written": {
        "vi": "Đã ghi {path}: {count} dòng.",
        "en": "Wrote {path}: {count} rows.",
    },
    "cli.export_written_ics": {
        "vi": "Đã ghi {path}: {count} buổi hội nghị, nhắc lịch trước {alarms}.",
        "en": "Wrote {path}: {count} sessions, alarms {alarms} before.",
    },
}
