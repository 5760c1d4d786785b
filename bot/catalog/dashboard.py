"""Texts of the organisers' web dashboard and of /dashboard, the command that sends its link."""

_FIGURES = {
    "registered": ("Được mời", "Invited"),
    "in_person": ("Tham dự trực tiếp", "In person"),
    "online": ("Trực tuyến", "Online"),
    "substitute": ("Cử người dự thay", "Substitutes"),
    "absent": ("Vắng mặt", "Declined"),
    "not_answered": ("Chưa trả lời", "Not answered"),
    "unreachable": ("Không liên lạc được", "Unreachable"),
    "never_reached": ("Chưa mở bot", "Never opened the bot"),
    "blocked": ("Đã chặn bot", "Blocked the bot"),
    "present": ("Có mặt (đã điểm danh)", "Present (checked in)"),
    "coming": ("Sẽ tham dự", "Coming"),
}
_COLUMNS = {
    "registered": ("Mời", "Invited"),
    "in_person": ("Trực tiếp", "In person"),
    "online": ("Trực tuyến", "Online"),
    "substitute": ("Dự thay", "Substitute"),
    "absent": ("Vắng", "Declined"),
    "not_answered": ("Chưa trả lời", "No answer"),
    "never_reached": ("Chưa mở bot", "Never opened"),
    "blocked": ("Đã chặn bot", "Blocked"),
    "present": ("Có mặt", "Present"),
    "bar": ("Biểu đồ", "Chart"),
    "session": ("Buổi hội nghị", "Session"),
    "time": ("Thời gian", "Time"),
}
_ANSWERS = {
    "in_person": ("Tham dự trực tiếp", "Attending in person"),
    "online": ("Tham dự trực tuyến", "Attending online"),
    "absent": ("Vắng mặt", "Declined"),
    "substitute": ("Cử người dự thay", "Sending a substitute"),
    "confirmed": ("Sẽ tham dự (mọi hình thức)", "Coming (any way)"),
    "none": ("Chưa trả lời", "Not answered"),
    "present": ("Đã điểm danh", "Checked in"),
    "unreachable": ("Không liên lạc được qua ứng dụng", "Unreachable by chat"),
    "never_reached": ("Chưa mở bot (chưa có tài khoản)", "Never opened the bot"),
    "blocked": ("Đã chặn bot", "Blocked the bot"),
    "to_call": (
        "Cần gọi điện (chưa trả lời hoặc không liên lạc được)",
        "To call (not answered or unreachable)",
    ),
}
_DELIVERY = {
    "sent": ("Đã gửi", "Delivered"),
    "pending": ("Đang chờ gửi", "Queued"),
    "sending": ("Đang gửi", "Being sent"),
    "blocked": ("Đã chặn bot", "Blocked the bot"),
    "failed": ("Gửi lỗi", "Failed"),
    "skipped": ("Đã dừng", "Stopped"),
    "unreachable": ("Không có ứng dụng liên lạc", "No chat to reach them"),
}


def _group(prefix: str, table: dict[str, tuple[str, str]]) -> dict[str, dict[str, str]]:
    return {f"{prefix}.{key}": {"vi": vi, "en": en} for key, (vi, en) in table.items()}


TEXTS: dict[str, dict[str, str]] = {
    # The command in the chat
    "dashboard.refused": {
        "vi": "Xin lỗi, bảng điều khiển trên web chỉ dành cho Ban tổ chức và đầu mối các "
        "xã, đơn vị. Bot không gửi liên kết.",
        "en": "Sorry, the web dashboard is for the organisers and the focal points of "
        "communes and units only. No link was sent.",
    },
    "dashboard.disabled": {
        "vi": "Bảng điều khiển trên web chưa được bật (thiếu DASHBOARD_PORT). Anh/chị vui "
        "lòng báo người quản trị hệ thống.",
        "en": "The web dashboard is not enabled (DASHBOARD_PORT is not set). Please tell "
        "the system administrator.",
    },
    "dashboard.link": {
        "vi": "🖥 Liên kết đăng nhập bảng điều khiển (dùng một lần, hết hạn sau {minutes} "
        "phút):\n{link}\n\nKhông chuyển liên kết này cho người khác.",
        "en": "🖥 Your dashboard login link (single use, valid for {minutes} minutes):\n{link}"
        "\n\nDo not forward this link.",
    },
    "dashboard.cli.running": {
        "vi": "Bảng điều khiển trên web: {url}",
        "en": "Web dashboard: {url}",
    },
    # Frame and navigation
    "dashboard.name": {"vi": "Bảng điều khiển hội nghị", "en": "Conference dashboard"},
    "dashboard.nav.overview": {"vi": "Tổng quan", "en": "Overview"},
    "dashboard.nav.delegates": {"vi": "Đại biểu", "en": "Delegates"},
    "dashboard.nav.broadcasts": {"vi": "Thông báo", "en": "Announcements"},
    "dashboard.nav.audit": {"vi": "Nhật ký thao tác", "en": "Audit log"},
    "dashboard.logout": {"vi": "Đăng xuất", "en": "Log out"},
    "dashboard.back_home": {"vi": "Về trang tổng quan", "en": "Back to the overview"},
    "dashboard.scope_note": {
        "vi": "Anh/chị là đầu mối: chỉ thấy số liệu và danh sách của {scope}.",
        "en": "You are a focal point: you see the figures and lists of {scope} only.",
    },
    # Login and refusals
    "dashboard.login.title": {"vi": "Đăng nhập", "en": "Log in"},
    "dashboard.login.press": {
        "vi": "Nhấn nút bên dưới để mở bảng điều khiển.",
        "en": "Press the button below to open the dashboard.",
    },
    "dashboard.login.button": {"vi": "Mở bảng điều khiển", "en": "Open the dashboard"},
    "dashboard.login.how": {
        "vi": "Anh/chị cần đăng nhập. Gõ /dashboard trong bot để nhận liên kết đăng nhập "
        "dùng một lần.",
        "en": "Please log in: type /dashboard in the bot to get a single-use login link.",
    },
    "dashboard.login.used": {
        "vi": "Liên kết này đã được dùng. Mỗi liên kết chỉ đăng nhập được một lần: gõ "
        "/dashboard trong bot để nhận liên kết mới.",
        "en": "This link has been used already. Each link logs in once: type /dashboard in "
        "the bot for a new one.",
    },
    "dashboard.login.expired": {
        "vi": "Liên kết này đã hết hạn (liên kết chỉ dùng được trong 10 phút). Gõ /dashboard "
        "trong bot để nhận liên kết mới.",
        "en": "This link has expired (links last 10 minutes). Type /dashboard in the bot for "
        "a new one.",
    },
    "dashboard.login.forged": {
        "vi": "Liên kết đăng nhập không hợp lệ. Gõ /dashboard trong bot để nhận liên kết mới.",
        "en": "This login link is not valid. Type /dashboard in the bot for a new one.",
    },
    "dashboard.csrf": {
        "vi": "Yêu cầu không hợp lệ (thiếu mã bảo vệ của phiên). Anh/chị vui lòng tải lại "
        "trang rồi thử lại.",
        "en": "Invalid request (the session's protection code is missing). Please reload the "
        "page and try again.",
    },
    "dashboard.not_found": {
        "vi": "Không tìm thấy trang này.",
        "en": "This page does not exist.",
    },
    "dashboard.outside": {
        "vi": "Trang này nằm ngoài phạm vi của anh/chị (xã hoặc đơn vị mình phụ trách).",
        "en": "This page is outside your scope (the commune or unit you are in charge of).",
    },
    "dashboard.admins_only": {
        "vi": "Nhật ký thao tác chỉ dành cho quản trị viên.",
        "en": "The audit log is for admins only.",
    },
    "dashboard.no_plan": {
        "vi": "Chưa có kế hoạch hội nghị nào được nạp.",
        "en": "No conference plan is loaded yet.",
    },
    "dashboard.status.400": {"vi": "Yêu cầu chưa đủ", "en": "Incomplete request"},
    "dashboard.status.401": {"vi": "Cần đăng nhập", "en": "Login needed"},
    "dashboard.status.403": {"vi": "Không được phép", "en": "Not allowed"},
    "dashboard.status.404": {"vi": "Không tìm thấy", "en": "Not found"},
    "dashboard.status.409": {"vi": "Chưa làm được lúc này", "en": "Not now"},
    "dashboard.status.429": {"vi": "Quá nhiều lần thử", "en": "Too many tries"},
    "dashboard.status.503": {"vi": "Chưa sẵn sàng", "en": "Not ready"},
    # Overview and a session's page
    "dashboard.overview.title": {"vi": "Tổng quan", "en": "Overview"},
    "dashboard.overview.lead": {
        "vi": "{count} buổi hội nghị, số liệu lấy trực tiếp từ cơ sở dữ liệu của bot.",
        "en": "{count} sessions, figures read live from the bot's database.",
    },
    "dashboard.state.upcoming": {"vi": "Sắp diễn ra", "en": "Upcoming"},
    "dashboard.state.today": {"vi": "Hôm nay", "en": "Today"},
    "dashboard.state.held": {"vi": "Đã diễn ra", "en": "Held"},
    "dashboard.tentative": {"vi": "ngày dự kiến", "en": "tentative date"},
    "dashboard.held_on": {"vi": "Đã diễn ra ngày {date}", "en": "Held on {date}"},
    "dashboard.menu": {"vi": "☰ Trình đơn", "en": "☰ Menu"},
    "dashboard.expected": {
        "vi": "Dự kiến {low}–{high} người · đã mời {registered}",
        "en": "Expected {low}–{high} people · invited {registered}",
    },
    "dashboard.expected_min": {"vi": "Mức dự kiến tối thiểu", "en": "Expected minimum"},
    "dashboard.under_quota_short": {"vi": "Thấp hơn dự kiến", "en": "Below the quota"},
    "dashboard.bar_label": {
        "vi": "{coming} trên {registered} người được mời sẽ tham dự",
        "en": "{coming} of {registered} invited are coming",
    },
    "dashboard.live_note": {
        "vi": "Tự cập nhật vài giây một lần · lần cuối:",
        "en": "Updates itself every few seconds · last:",
    },
    "dashboard.checkin.title": {"vi": "Điểm danh hôm nay", "en": "Today's check-in"},
    "dashboard.checkin.note": {
        "vi": "Số người đã điểm danh trên số người sẽ tham dự.",
        "en": "People checked in, of those coming.",
    },
    "dashboard.list.none": {
        "vi": "Chưa trả lời ({count})",
        "en": "Not answered ({count})",
    },
    "dashboard.list.unreachable": {
        "vi": "Không liên lạc được qua ứng dụng: chưa mở bot hoặc đã chặn bot ({count})",
        "en": "Unreachable by chat: never opened or blocked the bot ({count})",
    },
    "dashboard.list.call": {
        "vi": "Gọi điện theo số bên dưới để nhắc trực tiếp.",
        "en": "Call the numbers below to remind them in person.",
    },
    "dashboard.list.all": {"vi": "Xem cả {count} người", "en": "See all {count}"},
    "dashboard.nobody": {"vi": "Không có ai.", "en": "Nobody."},
    # The door view on the session's day
    "dashboard.nav.door": {"vi": "Đón tiếp tại cửa", "en": "At the door"},
    "dashboard.door.title": {"vi": "Đón tiếp — {label}", "en": "At the door — {label}"},
    "dashboard.door.not_today": {
        "vi": "Điểm danh tại cửa chỉ mở trong ngày diễn ra hội nghị.",
        "en": "Checking in at the door opens on the session's day.",
    },
    "dashboard.door.day": {"vi": "Ngày hội nghị: {date}.", "en": "The session's day: {date}."},
    "dashboard.door.search": {
        "vi": "Tìm tên (gõ có dấu hoặc không dấu)",
        "en": "Find a name (with or without diacritics)",
    },
    "dashboard.door.find": {"vi": "Tìm", "en": "Find"},
    "dashboard.door.group.arrived": {"vi": "Đã đến ({count})", "en": "Arrived ({count})"},
    "dashboard.door.group.awaited": {
        "vi": "Đã xác nhận, chưa đến ({count})",
        "en": "Confirmed, not arrived ({count})",
    },
    "dashboard.door.group.unanswered": {
        "vi": "Chưa trả lời ({count})",
        "en": "Not answered ({count})",
    },
    "dashboard.door.group.declined": {"vi": "Vắng mặt ({count})", "en": "Declined ({count})"},
    "dashboard.door.more": {
        "vi": "… và {count} người nữa: tìm theo tên để thấy.",
        "en": "… and {count} more: search a name to see them.",
    },
    "dashboard.door.check_in": {"vi": "Điểm danh", "en": "Check in"},
    "dashboard.door.arrived_at": {"vi": "đến lúc {time}", "en": "arrived {time}"},
    "dashboard.door.done": {
        "vi": "✅ Đã điểm danh có mặt: {name}. Trả lời hiện tại: {answer}.",
        "en": "✅ Checked in: {name}. Current answer: {answer}.",
    },
    "dashboard.door.already": {
        "vi": "{name} đã điểm danh lúc {time}.",
        "en": "{name} already checked in at {time}.",
    },
    "dashboard.door.confirm": {
        "vi": "⚠ {name} hiện trả lời: «{answer}», không phải «Tham dự». Chưa điểm danh. "
        "Nếu đại biểu đúng là đã đến dự, bấm xác nhận.",
        "en": "⚠ {name} currently answers «{answer}», not «Attending». Not checked in yet. "
        "If they did come, confirm.",
    },
    "dashboard.door.confirm_button": {"vi": "Vẫn điểm danh có mặt", "en": "Check in all the same"},
    "dashboard.door.cancel": {"vi": "Thôi", "en": "Cancel"},
    "dashboard.door.walk_in": {
        "vi": "Thêm người đến dự không có trong danh sách",
        "en": "Add a walk-in",
    },
    "dashboard.door.walk_in_submit": {"vi": "Thêm và điểm danh", "en": "Add and check in"},
    "dashboard.door.walk_in_added": {
        "vi": "✅ Đã thêm và điểm danh: {name}.",
        "en": "✅ Added and checked in: {name}.",
    },
    "dashboard.door.walk_in_category": {"vi": "Khách mời/khác", "en": "Guest/other"},
    "dashboard.door.organisers_only": {
        "vi": "Điểm danh và thêm người tại cửa chỉ dành cho Ban tổ chức.",
        "en": "Checking in and adding walk-ins is for the organisers.",
    },
    "dashboard.door.not_invited": {
        "vi": "Người này không có trong danh sách của buổi hội nghị.",
        "en": "This person is not on the session's list.",
    },
    # Editing a delegate
    "dashboard.edit.title": {"vi": "Sửa thông tin: {name}", "en": "Edit: {name}"},
    "dashboard.edit.link": {"vi": "Sửa thông tin", "en": "Edit"},
    "dashboard.edit.save": {"vi": "Lưu", "en": "Save"},
    "dashboard.edit.saved": {"vi": "✅ Đã lưu: {fields}.", "en": "✅ Saved: {fields}."},
    "dashboard.edit.unchanged": {"vi": "Không có gì thay đổi.", "en": "Nothing changed."},
    "dashboard.edit.phone_hint": {
        "vi": "Để trống: giữ số hiện có",
        "en": "Leave empty to keep the number on file",
    },
    "dashboard.edit.bad_name": {
        "vi": "Họ tên cần 2–80 chữ cái.",
        "en": "A name needs 2–80 letters.",
    },
    "dashboard.edit.bad_text": {
        "vi": "Chức vụ và đơn vị công tác cần 2–120 ký tự, có chữ cái.",
        "en": "Position and workplace need 2–120 characters with letters.",
    },
    "dashboard.edit.bad_phone": {
        "vi": "Số điện thoại chưa đúng (ví dụ 0912345678).",
        "en": "The phone number is not valid (e.g. 0912345678).",
    },
    "dashboard.edit.phone_conflict": {
        "vi": "Số {phone} đã là số của đại biểu {other}. Không lưu gì: anh/chị kiểm tra lại "
        "hai người này rồi sửa số của người nhập sai trước.",
        "en": "{phone} is already {other}'s number. Nothing saved: check both people and fix "
        "the wrong one first.",
    },
    "dashboard.edit.phone_conflict_hidden": {
        "vi": "Số điện thoại này đã thuộc về một đại biểu khác. Không lưu gì: anh/chị liên hệ "
        "Ban tổ chức để kiểm tra.",
        "en": "This number belongs to another delegate. Nothing saved: ask the organisers.",
    },
    "dashboard.field.full_name": {"vi": "họ tên", "en": "name"},
    "dashboard.field.position": {"vi": "chức vụ", "en": "position"},
    "dashboard.field.workplace": {"vi": "đơn vị công tác", "en": "workplace"},
    "dashboard.field.phone": {"vi": "số điện thoại", "en": "phone"},
    "dashboard.field.commune": {"vi": "xã/phường", "en": "commune"},
    "dashboard.field.category": {"vi": "thành phần", "en": "category"},
    "dashboard.export.papers": {"vi": "Giấy tờ để in:", "en": "Printable papers:"},
    "dashboard.export.xlsx": {"vi": "Tải XLSX", "en": "Download XLSX"},
    "dashboard.export.csv": {"vi": "Tải CSV", "en": "Download CSV"},
    "dashboard.export.ics": {"vi": "Tải lịch (.ics)", "en": "Calendar (.ics)"},
    "dashboard.export.whole": {"vi": "Danh sách đầy đủ:", "en": "The whole list:"},
    "dashboard.export.pick_session": {
        "vi": "Chọn một buổi hội nghị để tải danh sách.",
        "en": "Pick a session to download the list.",
    },
    "dashboard.export.needs_session": {
        "vi": "Danh sách tải về là danh sách của một buổi hội nghị: anh/chị vui lòng chọn buổi.",
        "en": "A downloaded list is a session's list: please pick a session.",
    },
    # A commune's page
    "dashboard.commune.lead": {
        "vi": "Số liệu của xã/phường ở các buổi hội nghị có mời đại biểu của xã.",
        "en": "The commune's figures at the sessions that invite its delegates.",
    },
    "dashboard.commune.list": {"vi": "Danh sách đại biểu của xã", "en": "The commune's delegates"},
    "dashboard.commune.none": {
        "vi": "Không buổi hội nghị nào mời đại biểu của xã này.",
        "en": "No session invites this commune's delegates.",
    },
    # Delegates
    "dashboard.filter.session": {"vi": "Buổi hội nghị", "en": "Session"},
    "dashboard.filter.every_delegate": {
        "vi": "Tất cả đại biểu (không theo buổi)",
        "en": "Every delegate (no session)",
    },
    "dashboard.filter.text": {"vi": "Tìm theo tên", "en": "Search by name"},
    "dashboard.filter.text_hint": {
        "vi": "Họ tên hoặc số điện thoại, có dấu hay không dấu",
        "en": "Name or phone, with or without diacritics",
    },
    "dashboard.filter.category": {"vi": "Đơn vị, thành phần", "en": "Unit, category"},
    "dashboard.filter.answer": {"vi": "Trả lời", "en": "Answer"},
    "dashboard.filter.any": {"vi": "Tất cả", "en": "Any"},
    "dashboard.filter.search": {"vi": "Tìm", "en": "Search"},
    "dashboard.found": {"vi": "Tìm thấy {count} người.", "en": "{count} found."},
    "dashboard.page.previous": {"vi": "Trang trước", "en": "Previous"},
    "dashboard.page.next": {"vi": "Trang sau", "en": "Next"},
    "dashboard.page.of": {"vi": "Trang {page}/{pages}", "en": "Page {page} of {pages}"},
    "dashboard.page.older": {"vi": "Cũ hơn", "en": "Older"},
    "dashboard.delegate.apps": {"vi": "Ứng dụng liên lạc", "en": "Chat apps"},
    "dashboard.delegate.no_app": {
        "vi": "Chưa có (chỉ liên lạc bằng điện thoại)",
        "en": "None (reach them by phone)",
    },
    "dashboard.delegate.sessions": {"vi": "Các buổi được mời", "en": "Sessions invited to"},
    "dashboard.delegate.when": {"vi": "Thời gian", "en": "When"},
    "dashboard.delegate.checked_in": {"vi": "điểm danh lúc {at}", "en": "checked in at {at}"},
    "dashboard.delegate.no_session": {
        "vi": "Không được mời buổi nào.",
        "en": "Not invited to any session.",
    },
    "dashboard.delegate.history": {"vi": "Lịch sử trả lời", "en": "Answers, newest first"},
    "dashboard.delegate.answer": {"vi": "Trả lời", "en": "Answer"},
    "dashboard.delegate.before": {"vi": "Trước đó", "en": "Before"},
    "dashboard.delegate.via": {"vi": "Qua", "en": "Via"},
    "dashboard.delegate.no_answer": {"vi": "Chưa trả lời lần nào.", "en": "No answer yet."},
    "dashboard.channel.telegram": {"vi": "Telegram", "en": "Telegram"},
    "dashboard.channel.zalo": {"vi": "Zalo", "en": "Zalo"},
    "dashboard.channel.console": {"vi": "Máy trạm", "en": "Console"},
    "dashboard.channel.cli": {"vi": "Dòng lệnh", "en": "Command line"},
    "dashboard.channel.dashboard": {"vi": "Bảng điều khiển", "en": "Dashboard"},
    # Broadcasts and the audit log
    "dashboard.broadcast.title": {"vi": "Thông báo số {id}", "en": "Announcement {id}"},
    "dashboard.broadcast.audience": {"vi": "Người nhận", "en": "Audience"},
    "dashboard.broadcast.text": {"vi": "Nội dung", "en": "Text"},
    "dashboard.broadcast.queued": {"vi": "Gửi qua ứng dụng", "en": "Sent by chat"},
    "dashboard.broadcast.sent": {"vi": "Đã nhận", "en": "Delivered"},
    "dashboard.broadcast.missed": {"vi": "Chưa tới", "en": "Not reached"},
    "dashboard.broadcast.status": {"vi": "Trạng thái", "en": "Status"},
    "dashboard.broadcast.state.sending": {"vi": "Đang gửi", "en": "Sending"},
    "dashboard.broadcast.state.cancelled": {"vi": "Đã hủy", "en": "Cancelled"},
    "dashboard.broadcast.state.done": {"vi": "Đã xong", "en": "Done"},
    "dashboard.broadcast.none": {"vi": "Chưa có thông báo nào.", "en": "No announcement yet."},
    "dashboard.broadcast.report": {"vi": "Báo cáo gửi", "en": "Delivery report"},
    "dashboard.broadcast.not_reached": {
        "vi": "Người chưa nhận được ({count})",
        "en": "Not reached ({count})",
    },
    "dashboard.broadcast.why": {"vi": "Lý do", "en": "Why"},
    "dashboard.audit.who": {"vi": "Người thực hiện", "en": "Who"},
    "dashboard.audit.action": {"vi": "Thao tác", "en": "Action"},
    "dashboard.audit.details": {"vi": "Chi tiết", "en": "Details"},
    "dashboard.audit.none": {"vi": "Nhật ký trống.", "en": "The log is empty."},
    **_group("dashboard.fig", _FIGURES),
    **_group("dashboard.col", _COLUMNS),
    **_group("dashboard.answer", _ANSWERS),
    **_group("dashboard.delivery", _DELIVERY),
}
