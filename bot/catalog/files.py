"""Texts of files in the chat: /mau, a delegate file sent to the bot, /xuat, /lichics, and
how the console and Zalo stand in for a file they cannot show."""

TEXTS: dict[str, dict[str, str]] = {
    "files.refused": {
        "vi": "Xin lỗi, chức năng này chỉ dành cho Ban tổ chức và đầu mối các xã, phường.",
        "en": "Sorry, this is only for the organisers and the focal points of the communes.",
    },
    "files.refused_document": {
        "vi": (
            "Cảm ơn anh/chị, nhưng chỉ Ban tổ chức và đầu mối các xã, phường mới gửi được "
            "danh sách đại biểu. Tệp này chưa được lưu."
        ),
        "en": (
            "Thank you, but only the organisers and the focal points of the communes can send "
            "delegate lists. This file was not stored."
        ),
    },
    "files.wrong_type": {
        "vi": "Bot chỉ nhận danh sách dạng Excel (.xlsx) hoặc CSV (.csv). Gõ /mau để lấy mẫu.",
        "en": "The bot only takes Excel (.xlsx) or CSV (.csv) lists. Send /mau for the template.",
    },
    "files.unreadable": {
        "vi": "Xin lỗi, bot chưa tải được tệp này. Anh/chị vui lòng gửi lại sau ít phút.",
        "en": "Sorry, the bot could not download this file. Please send it again shortly.",
    },
    "files.report": {
        "vi": "Báo cáo đầy đủ {count} lỗi (dòng, cột, lỗi), mở bằng Excel.",
        "en": "The whole report of {count} errors (row, column, problem), for Excel.",
    },
    "files.conflict_keep": {"vi": "Giữ cả hai", "en": "Keep both"},
    "files.conflict_replace": {"vi": "Thay bằng dòng mới", "en": "Replace"},
    "files.conflict_skip": {"vi": "Bỏ qua dòng này", "en": "Skip the row"},
    "files.conflicts_all": {
        "vi": "{count} dòng trùng đang chờ quyết định. Áp dụng một cách cho tất cả: giữ cả hai "
        "người, thay người đã có bằng dòng mới, hoặc bỏ qua các dòng trùng.",
        "en": "{count} conflicting rows await a decision. One choice for all of them: keep both "
        "people, replace the stored person with the row, or skip the rows.",
    },
    "files.conflict_decided": {
        "vi": "Dòng trùng này đã được quyết định rồi.",
        "en": "This conflict was already decided.",
    },
    "files.conflict_done_keep": {
        "vi": "Đã giữ cả hai: {count} dòng được nhập thành người mới.",
        "en": "Kept both: {count} rows were imported as new people.",
    },
    "files.conflict_done_replace": {
        "vi": "Đã thay: {count} người đã có được cập nhật theo dòng mới.",
        "en": "Replaced: {count} stored people took the rows' details.",
    },
    "files.conflict_done_skip": {
        "vi": "Đã bỏ qua {count} dòng trùng; người đã có giữ nguyên.",
        "en": "Skipped {count} conflicting rows; the stored people are unchanged.",
    },
    "files.file_error": {
        "vi": "Không đọc được danh sách: {problem}\nGõ /mau để lấy tệp mẫu.",
        "en": "The list cannot be read: {problem}\nSend /mau for the template.",
    },
    "files.outside_scope": {
        "vi": "đại biểu này không thuộc xã, phường hoặc đơn vị anh/chị phụ trách",
        "en": "this delegate is outside the commune or unit you are responsible for",
    },
    "files.someone_elses_delegate": {
        "vi": "số điện thoại (hoặc họ tên) này là của một đại biểu thuộc xã, phường hoặc đơn vị "
        "khác; Ban tổ chức mới sửa được thông tin của người này",
        "en": "this phone number (or name) belongs to a delegate of another commune or unit; "
        "only the organisers can change that person's details",
    },
    "files.template": {
        "vi": "Mẫu danh sách đại biểu: điền mỗi người một dòng rồi gửi lại tệp cho bot.",
        "en": "The delegate list template: one person per row, then send the file back.",
    },
    "files.links": {
        "vi": "Đường dẫn mời riêng của {count} đại biểu: gửi cho từng người để họ đăng ký.",
        "en": "The personal invite links of {count} delegates: send each their own.",
    },
    "files.no_sessions": {
        "vi": "Kế hoạch hiện chưa có hội nghị nào.",
        "en": "The plan has no sessions yet.",
    },
    "files.pick_session": {
        "vi": "Anh/chị muốn tải danh sách đại biểu của hội nghị nào?",
        "en": "Which session's delegate list would you like?",
    },
    "files.session_button": {"vi": "{label} ({date})", "en": "{label} ({date})"},
    "files.doc.list": {"vi": "📄 Danh sách đại biểu (PDF)", "en": "📄 Delegate list (PDF)"},
    "files.doc.signin": {"vi": "✍️ Danh sách ký tên (PDF)", "en": "✍️ Sign-in sheet (PDF)"},
    "files.doc.invitations": {"vi": "✉️ Giấy mời (PDF)", "en": "✉️ Invitations (PDF)"},
    "files.doc.readiness": {
        "vi": "📊 Báo cáo tình hình chuẩn bị (DOCX)",
        "en": "📊 Readiness report (DOCX)",
    },
    "files.doc.report": {"vi": "📊 Báo cáo kết quả (DOCX)", "en": "📊 Report (DOCX)"},
    "files.doc.sent": {"vi": "{title}: {count} đại biểu.", "en": "{title}: {count} delegates."},
    "files.doc.nobody": {
        "vi": "Không có đại biểu nào trong phạm vi của bạn.",
        "en": "Nobody within your scope.",
    },
    "files.list": {
        "vi": "{title}: {count} đại biểu.",
        "en": "{title}: {count} delegates.",
    },
    "files.calendar": {
        "vi": (
            "Lịch {count} hội nghị (tệp .ics): mở tệp để thêm vào lịch trên điện thoại, "
            "kèm lời nhắc trước giờ họp."
        ),
        "en": "The calendar of {count} sessions (.ics), with reminders: open it to add them.",
    },
    "console.file_saved": {
        "vi": "(Tệp đã được lưu tại: {path})",
        "en": "(The file was saved to: {path})",
    },
    "zalo.no_files": {
        "vi": "(Tệp đính kèm hiện chỉ nhận được qua Telegram.)",
        "en": "(Files are only available on Telegram.)",
    },
}
