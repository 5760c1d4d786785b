"""Texts shared by every conversation: help, errors, unsupported input, the console demo."""

TEXTS: dict[str, dict[str, str]] = {
    "common.help": {
        "vi": (
            "Anh/chị có thể hỏi bằng tiếng Việt, có dấu hoặc không dấu, ví dụ:\n"
            "• Hội nghị ở xã Lộc Tấn khi nào?\n"
            "• Tháng 8 có hội nghị ở đâu?\n"
            "• Hội nghị tiếp theo\n\n"
            "Các lệnh:\n"
            "/lich: toàn bộ lịch hội nghị\n"
            "/lichcuatoi: lịch hội nghị của xã/phường tôi\n"
            "/xacnhan: xác nhận tham dự các buổi sắp tới\n"
            "/start: đăng ký đại biểu\n"
            "/toi: xem thông tin đã đăng ký\n"
            "/sua: sửa thông tin\n"
            "/xoa: xóa thông tin cá nhân\n"
            "/lienket: dùng bot trên cả Telegram và Zalo\n"
            "/kenh: chọn ứng dụng nhận nhắc lịch\n"
            "/huy: dừng thao tác đang làm dở\n"
            "/lichics: tải lịch hội nghị về điện thoại (tệp .ics)\n"
            "/tonghop: tổng hợp tham dự theo buổi (dành cho Ban tổ chức)\n"
            "/xuat: tải danh sách đại biểu (dành cho Ban tổ chức, đầu mối)\n"
            "/mau: mẫu danh sách để gửi lại cho bot nhập (dành cho Ban tổ chức, đầu mối)\n"
            "/lichbaocao: lịch báo cáo của tôi (dành cho báo cáo viên)\n"
            "/hanchot: các việc phải nộp và hạn chót\n"
            "/duyetbai: tình hình duyệt bản thảo (Ban tổ chức, người duyệt)\n"
            "/datngay: đặt ngày giờ cho buổi chưa có lịch (dành cho Ban tổ chức)"
        ),
        "en": (
            "Ask in Vietnamese or English, for example:\n"
            "• When is the conference in Lộc Tấn?\n"
            "• Where are the conferences in August?\n"
            "• Next conference\n\n"
            "Commands:\n"
            "/lich: the whole schedule\n"
            "/lichcuatoi: my commune's schedule\n"
            "/xacnhan: confirm attendance of upcoming sessions\n"
            "/start: register as a delegate\n"
            "/toi: what is stored about me\n"
            "/sua: change my details\n"
            "/xoa: delete my personal data\n"
            "/lienket: use the bot on both Telegram and Zalo\n"
            "/kenh: choose the app for reminders\n"
            "/huy: stop what I am doing\n"
            "/lichics: the schedule as a calendar file (.ics)\n"
            "/tonghop: attendance roll-up per session (organisers only)\n"
            "/xuat: download a delegate list (organisers, focal points)\n"
            "/mau: the list template to fill in and send back (organisers, focal points)\n"
            "/lichbaocao: my talks (speakers)\n"
            "/hanchot: what is owed and by when\n"
            "/duyetbai: the review of the drafts of talks (organisers, reviewers)\n"
            "/datngay: set the date of a session announced later (organisers only)"
        ),
    },
    "common.no_plan": {
        "vi": "Ban tổ chức chưa nạp kế hoạch hội nghị. Anh/chị vui lòng quay lại sau.",
        "en": "The organisers have not loaded a conference plan yet. Please come back later.",
    },
    "common.private_only": {
        "vi": "Để đăng ký và hỏi lịch, anh/chị vui lòng nhắn tin riêng cho bot.",
        "en": "Please message the bot privately to register and ask about the schedule.",
    },
    "common.edited_ignored": {
        "vi": "Bot không đọc lại tin nhắn đã sửa. Nếu cần, anh/chị hãy gửi lại nội dung mới.",
        "en": "The bot does not reread edited messages. Please send the new text again.",
    },
    "common.text_only": {
        "vi": "Hiện bot chỉ đọc được tin nhắn chữ. Anh/chị hãy gõ câu hỏi, ví dụ: "
        "«Hội nghị ở Lộc Tấn khi nào?», hoặc gõ /trogiup.",
        "en": "The bot only reads text for now. Type a question, e.g. «When is the "
        "conference in Lộc Tấn?», or /trogiup.",
    },
    "common.unknown_command": {
        "vi": "Bot không có lệnh /{command}.",
        "en": "There is no command /{command}.",
    },
    "common.button_expired": {
        "vi": "Nút này không còn hiệu lực. Anh/chị vui lòng dùng tin nhắn mới nhất.",
        "en": "This button is no longer valid. Please use the latest message.",
    },
    "common.too_many_codes": {
        "vi": "Mã đã bị nhập sai quá nhiều lần nên bot tạm ngừng nhận mã để giữ an toàn cho "
        "tài khoản của mọi người. Anh/chị vui lòng thử lại sau {minutes} phút.",
        "en": "Too many wrong codes were typed, so the bot has stopped taking codes for a while "
        "to keep everyone's account safe. Please try again in {minutes} minutes.",
    },
    "common.too_long": {
        "vi": "Tin nhắn quá dài (quá {limit} ký tự). Anh/chị vui lòng gửi ngắn gọn hơn.",
        "en": "The message is too long (over {limit} characters). Please keep it shorter.",
    },
    "common.error": {
        "vi": "Xin lỗi, bot gặp sự cố khi xử lý yêu cầu này. Thông tin đã lưu không bị mất; "
        "anh/chị vui lòng thử lại sau ít phút.",
        "en": "Sorry, something went wrong. Nothing stored was lost; please try again shortly.",
    },
    "console.banner": {
        "vi": "Chạy thử hoinghi-bot trên máy (không cần Telegram). Kế hoạch: {series}.\n"
        "Gõ /start để đăng ký, gõ câu hỏi để hỏi lịch, /thoat để thoát. "
        "Khi có lựa chọn đánh số, gõ số để chọn.",
        "en": "hoinghi-bot local demo (no Telegram needed). Plan: {series}.\n"
        "Type /start to register, a question to ask, /thoat to quit. Type a number to choose.",
    },
    "options.contact_hint": {
        "vi": "(Gõ số điện thoại, hoặc gõ «{skip}».)",
        "en": "(Type the phone number, or «{skip}».)",
    },
    "options.map_pin": {
        "vi": "📍 Bản đồ: {name}, {address}\nhttps://maps.google.com/?q={latitude},{longitude}",
        "en": "📍 Map: {name}, {address}\nhttps://maps.google.com/?q={latitude},{longitude}",
    },
    "console.photo_saved": {
        "vi": "🖼 Ảnh đã lưu vào tệp: {path}",
        "en": "🖼 Picture saved to: {path}",
    },
    "console.bye": {"vi": "Tạm biệt!", "en": "Goodbye!"},
    "telegram.menu.lich": {"vi": "Toàn bộ lịch hội nghị", "en": "The whole schedule"},
    "telegram.menu.lichcuatoi": {"vi": "Lịch hội nghị của xã tôi", "en": "My commune's schedule"},
    "telegram.menu.xacnhan": {"vi": "Xác nhận tham dự", "en": "Confirm attendance"},
    "telegram.menu.toi": {"vi": "Thông tin đã đăng ký", "en": "My registered details"},
    "telegram.menu.sua": {"vi": "Sửa thông tin", "en": "Change my details"},
    "telegram.menu.xoa": {"vi": "Xóa thông tin cá nhân", "en": "Delete my personal data"},
    "telegram.menu.lienket": {"vi": "Liên kết với Zalo", "en": "Link with Zalo"},
    "telegram.menu.huy": {"vi": "Dừng thao tác đang làm", "en": "Stop what I am doing"},
    "telegram.menu.trogiup": {"vi": "Hướng dẫn sử dụng", "en": "Help"},
    "telegram.menu.tonghop": {
        "vi": "Tổng hợp tham dự (Ban tổ chức)",
        "en": "Attendance roll-up (organisers)",
    },
    "telegram.menu.lichbaocao": {
        "vi": "Lịch báo cáo của tôi (báo cáo viên)",
        "en": "My talks (speakers)",
    },
    "telegram.menu.hanchot": {
        "vi": "Việc phải nộp và hạn chót",
        "en": "What is owed and when",
    },
    "options.choose_by_number": {
        "vi": "Gõ số để chọn:",
        "en": "Type a number to choose:",
    },
}
