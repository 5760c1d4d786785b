"""Texts about the chat apps: linking Telegram and Zalo, choosing where reminders go."""

TEXTS: dict[str, dict[str, str]] = {
    "channel.telegram": {"vi": "Telegram", "en": "Telegram"},
    "channel.zalo": {"vi": "Zalo", "en": "Zalo"},
    "channel.console": {"vi": "máy tính (chạy thử)", "en": "console (demo)"},
    "zalo.no_pictures": {
        "vi": "(Zalo chưa nhận ảnh từ bot; mã QR điểm danh có trên Telegram.)",
        "en": "(Zalo cannot receive pictures from the bot; the check-in QR code is on Telegram.)",
    },
    "link.code": {
        "vi": "Mã liên kết của anh/chị: {code} (dùng được trong {minutes} phút).\n"
        "Mở bot trên ứng dụng kia (Telegram hoặc Zalo) và gõ: /lienket {code}",
        "en": "Your link code: {code} (valid for {minutes} minutes).\n"
        "Open the bot in the other app (Telegram or Zalo) and type: /lienket {code}",
    },
    "link.register_first": {
        "vi": "Để liên kết, anh/chị đăng ký trên một ứng dụng trước (/start), rồi gõ /lienket ở "
        "đó để lấy mã; sau đó gõ /lienket kèm mã ở ứng dụng này.",
        "en": "To link, register in one app first (/start) and type /lienket there to get a "
        "code; then type /lienket with the code in this app.",
    },
    "link.already_registered": {
        "vi": "Tài khoản này đã gắn với đại biểu {name}. Mã liên kết dùng ở ứng dụng chưa đăng ký.",
        "en": "This account already belongs to delegate {name}. Use the code in the app where "
        "you have not registered.",
    },
    "link.invalid": {
        "vi": "Mã liên kết không đúng hoặc đã hết hạn. Anh/chị gõ /lienket ở ứng dụng đã đăng ký "
        "để lấy mã mới.",
        "en": "The link code is wrong or has expired. Type /lienket in the app where you "
        "registered to get a new one.",
    },
    "link.done": {
        "vi": "Đã liên kết: anh/chị {name} dùng được bot trên cả hai ứng dụng, với cùng một hồ sơ "
        "và câu trả lời. Nhắc lịch sẽ gửi qua {app}; gõ /kenh để đổi.",
        "en": "Linked: {name} can use the bot in both apps, with one record and one set of "
        "answers. Reminders will come on {app}; type /kenh to change.",
    },
    "link.choose": {
        "vi": "Anh/chị muốn nhận nhắc lịch qua ứng dụng nào? Hiện tại: {app}.",
        "en": "Which app should reminders come on? Now: {app}.",
    },
    "link.only_one": {
        "vi": "Anh/chị mới dùng bot trên một ứng dụng ({app}). Gõ /lienket để nối thêm ứng dụng "
        "kia.",
        "en": "You use the bot in one app only ({app}). Type /lienket to add the other.",
    },
    "link.chosen": {
        "vi": "Từ nay nhắc lịch sẽ gửi qua {app}.",
        "en": "From now on reminders come on {app}.",
    },
}
