"""Texts of reminders, attendance answers, substitutes and check-in."""

TEXTS: dict[str, dict[str, str]] = {
    "reminder.text": {
        "vi": "🔔 Nhắc lịch: {label}\n🕗 {when} ({left})\n📍 {venue}\n{ask}",
        "en": "🔔 Reminder: {label}\n🕗 {when} ({left})\n📍 {venue}\n{ask}",
    },
    "reminder.please_answer": {
        "vi": "Anh/chị vui lòng xác nhận tham dự: chọn một câu trả lời bên dưới.",
        "en": "Please confirm with one of the buttons below.",
    },
    "reminder.answered": {
        "vi": "Anh/chị đã trả lời: {answer}. Có thể chọn lại câu trả lời bên dưới đến khi hội nghị "
        "bắt đầu.",
        "en": "Your answer: {answer}. You can change it with the buttons below until the session "
        "starts.",
    },
    "reminder.left.days": {"vi": "còn {count} ngày", "en": "in {count} days"},
    "reminder.left.tomorrow": {"vi": "ngày mai", "en": "tomorrow"},
    "reminder.left.hours": {"vi": "{count} giờ nữa", "en": "in {count} hours"},
    "reminder.left.minutes": {"vi": "{count} phút nữa", "en": "in {count} minutes"},
    "reminder.moved": {
        "vi": "📅 Lịch thay đổi: {label} chuyển từ {old} sang {new}.\n📍 {venue}\n"
        "Anh/chị vui lòng xác nhận lại việc tham dự.",
        "en": "📅 Schedule change: {label} moves from {old} to {new}.\n📍 {venue}\n"
        "Please confirm your attendance again.",
    },
    "attendance.button.in_person": {"vi": "✅ Tham dự", "en": "✅ Attend"},
    "attendance.button.online": {"vi": "💻 Tham dự trực tuyến", "en": "💻 Attend online"},
    "attendance.button.absent": {"vi": "❌ Vắng mặt", "en": "❌ Absent"},
    "attendance.button.substitute": {"vi": "👤 Cử người dự thay", "en": "👤 Send a substitute"},
    "attendance.button.all": {
        "vi": "Xác nhận tham dự tất cả các buổi còn lại",
        "en": "Confirm all remaining sessions",
    },
    "attendance.answer.in_person": {"vi": "tham dự", "en": "attending"},
    "attendance.answer.online": {"vi": "tham dự trực tuyến", "en": "attending online"},
    "attendance.answer.absent": {"vi": "vắng mặt", "en": "absent"},
    "attendance.answer.substitute": {"vi": "cử người dự thay", "en": "sending a substitute"},
    "attendance.recorded": {
        "vi": "Đã ghi nhận: anh/chị {answer} — {label}, {when}. Có thể đổi câu trả lời "
        "đến khi hội nghị bắt đầu.",
        "en": "Recorded: you are {answer} — {label}, {when}. You can change your answer until "
        "the session starts.",
    },
    "attendance.recorded_all": {
        "vi": "Đã ghi nhận anh/chị tham dự {count} buổi còn lại:\n{lines}",
        "en": "Recorded you as attending the {count} remaining sessions:\n{lines}",
    },
    "attendance.nothing_remaining": {
        "vi": "Không còn buổi hội nghị nào sắp tới để xác nhận.",
        "en": "There is no upcoming session to confirm.",
    },
    "attendance.not_registered": {
        "vi": "Anh/chị cần đăng ký đại biểu trước khi xác nhận tham dự. Gõ /start để đăng ký.",
        "en": "Please register before confirming attendance. Type /start.",
    },
    "attendance.not_invited": {
        "vi": "Anh/chị không có trong danh sách mời của buổi này nên bot không ghi nhận.",
        "en": "You are not on this session's invitation list, so nothing was recorded.",
    },
    "attendance.started": {
        "vi": "Hội nghị này đã bắt đầu; không thể đổi câu trả lời nữa.",
        "en": "This session has started; the answer can no longer change.",
    },
    "attendance.online_not_allowed": {
        "vi": "Buổi này không tổ chức dự trực tuyến.",
        "en": "This session cannot be attended online.",
    },
    "attendance.choose": {
        "vi": "{label}\n🕗 {when}\n📍 {venue}\nHiện tại: {current}.",
        "en": "{label}\n🕗 {when}\n📍 {venue}\nNow: {current}.",
    },
    "attendance.no_answer": {"vi": "chưa trả lời", "en": "no answer yet"},
    "attendance.ask_reason": {
        "vi": "Đã ghi nhận anh/chị vắng mặt. Anh/chị gõ lý do vắng mặt (không bắt buộc), "
        "hoặc chọn «Không ghi lý do».",
        "en": "Recorded as absent. Type the reason (optional), or press «No reason».",
    },
    "attendance.ask_new_reason": {
        "vi": "Đã ghi nhận anh/chị vắng mặt, lý do hiện tại: «{reason}». Gõ lý do mới để đổi, "
        "hoặc chọn «Không ghi lý do».",
        "en": "Recorded as absent, reason now: «{reason}». Type a new reason to change it, or "
        "press «No reason».",
    },
    "attendance.button.no_reason": {"vi": "Không ghi lý do", "en": "No reason"},
    "attendance.reason_saved": {
        "vi": "Đã lưu lý do vắng mặt: «{reason}» — {label}, {when}. Muốn đổi lý do, anh/chị "
        "chọn lại «❌ Vắng mặt» (gõ /xacnhan).",
        "en": "Recorded as absent — {label}, {when}, reason: «{reason}». To change the reason, "
        "press «❌ Absent» again (/xacnhan shows the buttons).",
    },
    "attendance.absent_without_reason": {
        "vi": "Đã ghi nhận anh/chị vắng mặt — {label}, {when} (không ghi lý do).",
        "en": "Recorded as absent — {label}, {when} (no reason given).",
    },
    "attendance.which_is_it": {
        "vi": "Anh/chị vừa gõ: «{text}». Đây là câu trả lời hay là câu hỏi?",
        "en": "You typed: «{text}». Is this your answer or a question?",
    },
    "attendance.this_is_absent": {"vi": "Đây là lý do vắng mặt", "en": "It is the reason"},
    "attendance.this_is_substitute": {
        "vi": "Đây là thông tin người dự thay",
        "en": "It is about the substitute",
    },
    "attendance.this_is_question": {"vi": "Đây là câu hỏi", "en": "It is a question"},
    "attendance.ask_substitute_name": {
        "vi": "Xin cho biết họ và tên người dự thay (có thể gõ cả chức vụ và số điện thoại "
        "trong một tin, ví dụ: Nguyễn Văn Bình, Phó Chủ tịch UBND xã, 0912 345 678).",
        "en": "The substitute's full name, please (name, position and phone may come in one "
        "message).",
    },
    "attendance.ask_substitute_position": {
        "vi": "Chức vụ của người dự thay?",
        "en": "The substitute's position?",
    },
    "attendance.ask_substitute_phone": {
        "vi": "Số điện thoại của người dự thay (gõ số, hoặc «Bỏ qua»)?",
        "en": "The substitute's phone number (type it, or «Skip»)?",
    },
    "attendance.substitute_saved": {
        "vi": "Đã ghi nhận người dự thay: {name} ({position}), điện thoại: {phone} — {label}, "
        "{when}.",
        "en": "Substitute recorded: {name} ({position}), phone: {phone} — {label}, {when}.",
    },
    "attendance.substitute_dropped": {
        "vi": "Chưa ghi người dự thay; câu trả lời trước đó của anh/chị (nếu có) giữ nguyên. "
        "Gõ /xacnhan để trả lời lại.",
        "en": "No substitute recorded; your earlier answer, if any, is unchanged. /xacnhan to "
        "answer again.",
    },
    "attendance.offer_from_words": {
        "vi": "Anh/chị muốn trả lời «{answer}» cho {label}, {when}? Chọn câu trả lời bên "
        "dưới để xác nhận.",
        "en": "Do you want to answer «{answer}» for {label}, {when}? Press to confirm.",
    },
    "attendance.qr_offer": {"vi": "📱 Lấy mã QR điểm danh", "en": "📱 Get my check-in QR code"},
    "checkin.qr_caption": {
        "vi": "Mã QR điểm danh — {label}, {when}. Đưa mã này cho Ban tổ chức quét khi đến "
        "hội trường.",
        "en": "Check-in QR code — {label}, {when}. Show it to the organisers at the venue.",
    },
    "checkin.qr_needs_confirmation": {
        "vi": "Mã QR điểm danh chỉ cấp cho đại biểu đã xác nhận tham dự một buổi sắp tới.",
        "en": "A check-in QR code is for delegates who confirmed an upcoming session.",
    },
    "checkin.done": {
        "vi": "✅ Đã điểm danh có mặt: {name} ({commune}) — {label}. Trả lời hiện tại: {answer}.",
        "en": "✅ Checked in: {name} ({commune}) — {label}. Current answer: {answer}.",
    },
    "checkin.confirm": {
        "vi": "⚠️ Đại biểu {name} ({commune}) hiện trả lời: «{answer}», không phải «Tham dự». "
        "Chưa điểm danh. Nếu đại biểu đúng là đã đến dự, bấm nút dưới đây để xác nhận.",
        "en": "⚠️ {name} ({commune}) currently answers «{answer}», not «Attending». Not checked "
        "in yet. If they did come, press the button below to confirm.",
    },
    "checkin.confirm_button": {
        "vi": "✅ Vẫn điểm danh có mặt",
        "en": "✅ Check in all the same",
    },
    "checkin.already": {
        "vi": "Đại biểu {name} đã điểm danh lúc {time}.",
        "en": "{name} already checked in at {time}.",
    },
    "checkin.organisers_only": {
        "vi": "Mã này dành cho Ban tổ chức quét để điểm danh; anh/chị không cần làm gì thêm.",
        "en": "This code is for the organisers to scan; nothing else to do.",
    },
    "checkin.invalid": {
        "vi": "Mã điểm danh không hợp lệ hoặc đã bị sửa.",
        "en": "The check-in code is invalid or was altered.",
    },
    "checkin.wrong_day": {
        "vi": "Chỉ điểm danh được trong ngày diễn ra hội nghị ({date}).",
        "en": "Check-in works only on the session's day ({date}).",
    },
    "checkin.location_done": {
        "vi": "✅ Đã điểm danh có mặt bằng vị trí — {label}. Cảm ơn anh/chị!",
        "en": "✅ Checked in by location — {label}. Thank you!",
    },
    "checkin.location_far": {
        "vi": "Vị trí của anh/chị cách hội trường khoảng {distance} m, xa hơn {radius} m "
        "nên chưa điểm danh được.",
        "en": "You are about {distance} m from the venue, farther than {radius} m; not checked in.",
    },
    "checkin.location_no_session": {
        "vi": "Hiện không có buổi hội nghị nào của anh/chị đang diễn ra để điểm danh.",
        "en": "None of your sessions is under way now, so there is nothing to check in to.",
    },
}
