"""Texts of the printed papers (giấy mời, danh sách, báo cáo, áp phích) and `hoinghi docs`."""

TEXTS: dict[str, dict[str, str]] = {
    # The administrative heading (Nghị định 30/2020/NĐ-CP).
    "doc.nation": {
        "vi": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "en": "SOCIALIST REPUBLIC OF VIETNAM",
    },
    "doc.motto": {"vi": "Độc lập - Tự do - Hạnh phúc", "en": "Independence - Freedom - Happiness"},
    "doc.number": {"vi": "Số: {number}", "en": "No.: {number}"},
    "doc.place_date": {
        "vi": "{place}, ngày {day} tháng {month} năm {year}",
        "en": "{place}, {day}/{month}/{year}",
    },
    "doc.recipients": {"vi": "Nơi nhận:", "en": "Recipients:"},
    "doc.recipient_person": {"vi": "- Như trên;", "en": "- As above;"},
    "doc.recipient_archive": {"vi": "- Lưu: VT.", "en": "- Archive: VT."},
    # The invitation.
    "doc.invitation": {"vi": "GIẤY MỜI", "en": "INVITATION"},
    "doc.invitation_about": {"vi": "Dự {title}", "en": "To attend {title}"},
    "doc.invite_to": {"vi": "Trân trọng kính mời: Ông/Bà {who}", "en": "We invite: {who}"},
    "doc.attend": {"vi": "Tới dự {label}.", "en": "To attend {label}."},
    "doc.when": {"vi": "Thời gian: {when}.", "en": "Time: {when}."},
    "doc.where": {"vi": "Địa điểm: {venue}.", "en": "Venue: {venue}."},
    "doc.content": {"vi": "Nội dung:", "en": "Content:"},
    "doc.bring": {
        "vi": "Đề nghị Ông/Bà mang theo giấy mời này và trả lời tham dự qua mã QR dưới đây.",
        "en": "Please bring this invitation and answer whether you attend with the QR code below.",
    },
    "doc.contact": {
        "vi": "Mọi chi tiết xin liên hệ: {contact}.",
        "en": "For details please contact: {contact}.",
    },
    "doc.welcome": {
        "vi": "Rất mong Ông/Bà tham dự đúng thời gian./.",
        "en": "We look forward to your attendance./.",
    },
    "doc.scan": {
        "vi": "Quét mã để mở trợ lý hội nghị",
        "en": "Scan to open the conference assistant",
    },
    "doc.scan_note": {
        "vi": "(đã ghi sẵn thông tin của Ông/Bà):",
        "en": "(already registered as you):",
    },
    # Lists.
    "doc.list_title": {"vi": "DANH SÁCH ĐẠI BIỂU", "en": "LIST OF DELEGATES"},
    "doc.signin_title": {"vi": "DANH SÁCH KÝ TÊN", "en": "SIGN-IN SHEET"},
    "doc.col.number": {"vi": "STT", "en": "No."},
    "doc.col.name": {"vi": "Họ và tên", "en": "Full name"},
    "doc.col.position": {"vi": "Chức vụ", "en": "Position"},
    "doc.col.category": {"vi": "Thành phần", "en": "Category"},
    "doc.col.workplace": {"vi": "Đơn vị công tác", "en": "Workplace"},
    "doc.col.commune": {"vi": "Xã/phường", "en": "Commune/ward"},
    "doc.col.phone": {"vi": "Số điện thoại", "en": "Phone"},
    "doc.col.status": {"vi": "Trả lời", "en": "Answer"},
    "doc.col.sign": {"vi": "Ký tên", "en": "Signature"},
    "doc.page": {"vi": "Trang {page}/{pages}", "en": "Page {page}/{pages}"},
    # Reports.
    "doc.report_title": {"vi": "BÁO CÁO KẾT QUẢ", "en": "REPORT ON THE RESULTS"},
    "doc.readiness_title": {
        "vi": "BÁO CÁO TÌNH HÌNH CHUẨN BỊ",
        "en": "REPORT ON THE PREPARATIONS",
    },
    "doc.report_about": {"vi": "Tổ chức {label}", "en": "Holding {label}"},
    "doc.report_as_of": {"vi": "Số liệu đến {when}.", "en": "Figures as of {when}."},
    "doc.report_totals": {"vi": "I. TỔNG HỢP", "en": "I. TOTALS"},
    "doc.report_by_commune": {"vi": "II. THEO XÃ, PHƯỜNG", "en": "II. BY COMMUNE"},
    "doc.report_by_category": {"vi": "III. THEO THÀNH PHẦN", "en": "III. BY CATEGORY"},
    "doc.report_people": {"vi": "IV. DANH SÁCH CẦN LƯU Ý", "en": "IV. PEOPLE TO NOTE"},
    "doc.report_speakers": {"vi": "V. BÁO CÁO VIÊN", "en": "V. SPEAKERS"},
    "doc.report_deadlines": {"vi": "VI. CÁC NHIỆM VỤ THEO KẾ HOẠCH", "en": "VI. PLANNED TASKS"},
    "doc.report_expected": {
        "vi": "Số đại biểu dự kiến theo Kế hoạch: {min}-{max}.",
        "en": "Delegates expected by the plan: {min}-{max}.",
    },
    "doc.fig.invited": {"vi": "Được mời", "en": "Invited"},
    "doc.fig.answered": {"vi": "Đã trả lời", "en": "Answered"},
    "doc.fig.not_answered": {"vi": "Chưa trả lời", "en": "Not answered"},
    "doc.fig.in_person": {"vi": "Tham dự trực tiếp", "en": "In person"},
    "doc.fig.online": {"vi": "Tham dự trực tuyến", "en": "Online"},
    "doc.fig.substitute": {"vi": "Cử người dự thay", "en": "Substitutes"},
    "doc.fig.absent": {"vi": "Vắng mặt", "en": "Absent"},
    "doc.fig.unreachable": {"vi": "Không liên lạc được", "en": "Unreachable"},
    "doc.fig.present": {"vi": "Có mặt (điểm danh)", "en": "Present (checked in)"},
    "doc.col.group": {"vi": "Đơn vị", "en": "Group"},
    "doc.col.reason": {"vi": "Lý do / người dự thay", "en": "Reason / substitute"},
    "doc.col.talk": {"vi": "Nội dung báo cáo", "en": "Topic"},
    "doc.col.task": {"vi": "Nhiệm vụ", "en": "Task"},
    "doc.col.owner": {"vi": "Đơn vị thực hiện", "en": "Owner"},
    "doc.col.due": {"vi": "Thời hạn", "en": "Due"},
    "doc.col.state": {"vi": "Tình hình", "en": "State"},
    "doc.list.substitutes": {"vi": "Cử người dự thay", "en": "Substitutes"},
    "doc.list.absent": {"vi": "Vắng mặt và lý do", "en": "Absent, with reasons"},
    "doc.list.not_answered": {"vi": "Chưa trả lời", "en": "Not answered"},
    "doc.list.unreachable": {"vi": "Không liên lạc được qua ứng dụng", "en": "Unreachable"},
    "doc.list.none": {"vi": "Không có.", "en": "None."},
    "doc.deadline.done": {"vi": "Đã hoàn thành ngày {day}", "en": "Done on {day}"},
    "doc.deadline.late": {"vi": "Quá hạn, chưa hoàn thành", "en": "Overdue"},
    "doc.deadline.open": {"vi": "Đang thực hiện", "en": "In progress"},
    "doc.deadline.undated": {"vi": "Theo ngày hội nghị", "en": "With the session's date"},
    "doc.sheet.totals": {"vi": "Tổng hợp", "en": "Totals"},
    "doc.sheet.people": {"vi": "Cần lưu ý", "en": "To note"},
    # Posters.
    "doc.poster_heading": {"vi": "ĐĂNG KÝ ĐẠI BIỂU", "en": "DELEGATE REGISTRATION"},
    "doc.poster_line": {
        "vi": "Mở camera điện thoại, quét mã để đăng ký và nhận lịch hội nghị.",
        "en": "Open your phone's camera and scan to register and get the schedule.",
    },
    # `hoinghi docs`.
    "cli.docs_help": {
        "vi": "in giấy mời, danh sách, báo cáo, áp phích QR",
        "en": "print invitations, lists, reports, QR posters",
    },
    "cli.docs_description": {
        "vi": "Tạo giấy tờ để in của một buổi hội nghị (DOCX, PDF, XLSX).",
        "en": "Make a session's printable papers (DOCX, PDF, XLSX).",
    },
    "cli.docs_kind_help": {
        "vi": "loại giấy tờ: invitations (giấy mời), list (danh sách), signin (ký tên), "
        "report (báo cáo kết quả), readiness (tình hình chuẩn bị), posters (áp phích QR)",
        "en": "what to make: invitations, list, signin, report, readiness, posters",
    },
    "cli.docs_person_help": {
        "vi": "chỉ một người: mã số đại biểu hoặc số điện thoại",
        "en": "one person only: delegate id or phone number",
    },
    "cli.docs_bot_help": {
        "vi": "tên bot Telegram cho đường liên kết (mặc định: BOT_USERNAME)",
        "en": "the Telegram bot's username for the links (default: BOT_USERNAME)",
    },
    "cli.docs_format_help": {
        "vi": "định dạng (mặc định: pdf; báo cáo: docx)",
        "en": "format (default: pdf; reports: docx)",
    },
    "cli.docs_bad_format": {
        "vi": "{kind} không có định dạng {format}; chọn: {formats}.",
        "en": "{kind} has no {format} format; choose: {formats}.",
    },
    "cli.docs_need_bot": {
        "vi": "Cần tên bot cho đường liên kết: --bot TÊN_BOT hoặc BOT_USERNAME trong .env.",
        "en": "The links need the bot's username: --bot USERNAME or BOT_USERNAME in .env.",
    },
    "cli.docs_unknown_person": {
        "vi": "Không có đại biểu {person} trong danh sách mời của buổi này.",
        "en": "No delegate {person} among this session's invitees.",
    },
    "cli.docs_nobody": {
        "vi": "Không có đại biểu nào được mời trong phạm vi đã chọn.",
        "en": "Nobody is invited within what you chose.",
    },
    "cli.docs_written": {
        "vi": "Đã ghi {path} ({count} đại biểu).",
        "en": "Wrote {path} ({count} delegates).",
    },
}
