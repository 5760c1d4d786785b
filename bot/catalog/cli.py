"""Texts of the command line (`hoinghi`)."""

TEXTS: dict[str, dict[str, str]] = {
    "cli.description": {
        "vi": "hoinghi-bot: điều phối đại biểu các hội nghị. Dùng `hoinghi run` để chạy bot.",
        "en": "hoinghi-bot: coordinates conference delegates. `hoinghi run` starts the bot.",
    },
    "cli.run_help": {
        "vi": "chạy bot (Telegram nếu có TELEGRAM_BOT_TOKEN, nếu không thì chạy thử trên máy)",
        "en": "run the bot (Telegram with TELEGRAM_BOT_TOKEN, else the local console demo)",
    },
    "cli.plan_help": {"vi": "kiểm tra hoặc nạp tệp kế hoạch", "en": "check or load a plan file"},
    "cli.plan_check_help": {
        "vi": "kiểm tra tệp kế hoạch, in mọi lỗi kèm dòng và trường",
        "en": "check a plan file and print every error with its line and field",
    },
    "cli.plan_load_help": {
        "vi": "kiểm tra rồi nạp kế hoạch vào cơ sở dữ liệu (buổi đã có được cập nhật tại chỗ)",
        "en": "check and load a plan into the database (existing sessions updated in place)",
    },
    "cli.plan_file_help": {"vi": "đường dẫn tệp kế hoạch YAML", "en": "path of the YAML plan"},
    "cli.plan_ok": {
        "vi": "Kế hoạch hợp lệ: {title}; {sessions} buổi hội nghị, {categories} thành phần.",
        "en": "The plan is valid: {title}; {sessions} sessions, {categories} categories.",
    },
    "cli.plan_errors": {
        "vi": "Kế hoạch có {count} lỗi:",
        "en": "The plan has {count} errors:",
    },
    "cli.plan_loaded": {
        "vi": "Đã nạp kế hoạch (lần {revision}) vào {database}: thêm {added}, đổi giờ {moved}, "
        "sửa {changed}, hủy {cancelled} buổi.",
        "en": "Plan loaded (revision {revision}) into {database}: {added} added, {moved} moved, "
        "{changed} changed, {cancelled} cancelled.",
    },
    "cli.plan_moved": {
        "vi": "  • {session}: {old} → {new}",
        "en": "  • {session}: {old} → {new}",
    },
    "cli.demo_plan": {
        "vi": "Chưa có kế hoạch trong cơ sở dữ liệu: nạp kế hoạch mẫu {path}.",
        "en": "No plan in the database yet: loading the example plan {path}.",
    },
    "cli.demo_help": {
        "vi": "chạy thử: kế hoạch mẫu dời ngày để buổi đầu tiên diễn ra sau 3 ngày, trong một "
        "cơ sở dữ liệu riêng (mỗi lần chạy bắt đầu lại từ đầu)",
        "en": "demo: the example plan moved so that its first session is 3 days ahead, in a "
        "database of its own (fresh at each run)",
    },
    "demo.title_note": {"vi": "(bản chạy thử)", "en": "(demo)"},
    "demo.note": {
        "vi": "Đây là bản chạy thử: kế hoạch mẫu đã được dời ngày để buổi hội nghị đầu tiên diễn "
        "ra ngày {date}, nên anh/chị có thể đăng ký, nhận nhắc lịch và trả lời ngay. Dữ liệu "
        "chạy thử lưu riêng ở {path} (không đụng đến dữ liệu thật).",
        "en": "This is a demo: the example plan was moved so that its first session is on "
        "{date}, so you can register, get a reminder and answer it at once. The demo's data is "
        "kept apart in {path} (the real data is untouched).",
    },
    "cli.running": {
        "vi": "Bot đang chạy trên: {channels}. Nhấn Ctrl+C để dừng.",
        "en": "The bot is running on: {channels}. Press Ctrl+C to stop.",
    },
}
