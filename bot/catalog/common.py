"""Texts shared by every conversation: help, errors, unsupported input, the console demo."""

TEXTS: dict[str, dict[str, str]] = {
    "common.help": {
        "vi": "Anh/chị có thể hỏi bằng tiếng Việt, có dấu hoặc không dấu, ví dụ:\n"
        "• Hội nghị ở xã Lộc Tấn khi nào?\n"
        "• Tháng 8 có hội nghị ở đâu?\n"
        "• Hội nghị tiếp theo\n\n"
        "Các lệnh của anh/chị:\n{commands}",
        "en": "Ask in Vietnamese or English, for example:\n"
        "• When is the conference in Lộc Tấn?\n"
        "• Where are the conferences in August?\n"
        "• Next conference\n\n"
        "Your commands:\n{commands}",
    },
    "common.help_line": {"vi": "/{command}: {description}", "en": "/{command}: {description}"},
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
    "menu.start": {"vi": "Đăng ký đại biểu", "en": "Register as a delegate"},
    "menu.lich": {"vi": "Toàn bộ lịch hội nghị", "en": "The whole schedule"},
    "menu.lichcuatoi": {"vi": "Lịch hội nghị của tôi", "en": "My schedule"},
    "menu.xacnhan": {"vi": "Xác nhận tham dự", "en": "Confirm attendance"},
    "menu.lichics": {
        "vi": "Tải lịch hội nghị về điện thoại",
        "en": "The schedule as a calendar file",
    },
    "menu.toi": {"vi": "Thông tin đã đăng ký", "en": "My registered details"},
    "menu.sua": {"vi": "Sửa thông tin", "en": "Change my details"},
    "menu.xoa": {"vi": "Xóa thông tin cá nhân", "en": "Delete my personal data"},
    "menu.lienket": {"vi": "Dùng bot trên cả Telegram và Zalo", "en": "Use both Telegram and Zalo"},
    "menu.kenh": {"vi": "Chọn ứng dụng nhận nhắc lịch", "en": "Choose the app for reminders"},
    "menu.huy": {"vi": "Dừng thao tác đang làm", "en": "Stop what I am doing"},
    "menu.trogiup": {"vi": "Hướng dẫn sử dụng", "en": "Help"},
    "menu.thongbao": {"vi": "Gửi thông báo cho đại biểu", "en": "Send an announcement"},
    "menu.tonghop": {"vi": "Tổng hợp tham dự theo buổi", "en": "Attendance roll-up"},
    "menu.xuat": {"vi": "Tải danh sách đại biểu", "en": "Download a delegate list"},
    "menu.mau": {"vi": "Mẫu danh sách để gửi lại cho bot nhập", "en": "The list template"},
    "menu.hanchot": {"vi": "Việc phải nộp và hạn chót", "en": "What is owed and when"},
    "menu.datngay": {"vi": "Đặt ngày giờ cho buổi chưa có lịch", "en": "Date a session"},
    "menu.duyetbai": {"vi": "Tình hình duyệt bản thảo", "en": "Review of the drafts"},
    "menu.dashboard": {"vi": "Mở trang theo dõi", "en": "Open the dashboard"},
    "menu.moi": {"vi": "Tạo lời mời nhận vai trò", "en": "Invite someone to a role"},
    "menu.loimoi": {"vi": "Link và mã QR mời đại biểu", "en": "Delegate invite link and QR code"},
    "menu.quyen": {"vi": "Vai trò của tôi", "en": "My roles"},
    "menu.lichbaocao": {"vi": "Lịch báo cáo của tôi", "en": "My talks"},
    "options.choose_by_number": {
        "vi": "Gõ số để chọn:",
        "en": "Type a number to choose:",
    },
}
