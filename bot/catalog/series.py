"""Texts of several series in one deployment: naming a series, `hoinghi plan list/archive`,
choosing a series at /start."""

TEXTS: dict[str, dict[str, str]] = {
    "series.label": {"vi": "{label} ({series})", "en": "{label} ({series})"},
    "series.heading": {"vi": "📌 {series}", "en": "📌 {series}"},
    "series.state.active": {"vi": "đang hoạt động", "en": "active"},
    "series.state.archived": {"vi": "đã lưu trữ", "en": "archived"},
    "series.which": {
        "vi": "Bot đang phục vụ nhiều hội nghị. Anh/chị đăng ký dự hội nghị nào?",
        "en": "This bot serves several conferences. Which one are you registering for?",
    },
    "series.joining": {
        "vi": "Anh/chị đã đăng ký với bot; nay đăng ký thêm cho {series}. Họ tên, chức vụ và "
        "số điện thoại giữ như đã khai.",
        "en": "You are already registered with this bot; you now register for {series} too. "
        "Your name, position and phone number stay as given.",
    },
    "import.series_help": {
        "vi": "mã đợt hội nghị (series.id) nhận các đại biểu này; mặc định đợt đầu tiên",
        "en": "the series (series.id) these delegates are invited to; the first one by default",
    },
    "import.unknown_series": {
        "vi": "Không có đợt hội nghị đang hoạt động mã {series} (xem `hoinghi plan list`).",
        "en": "No active series with id {series} (see `hoinghi plan list`).",
    },
    "dashboard.other_series": {"vi": "Đợt khác:", "en": "Other series:"},
    "cli.plan_list_help": {
        "vi": "liệt kê các chuỗi hội nghị trong cơ sở dữ liệu và trạng thái của chúng",
        "en": "list the conference series in the database and their state",
    },
    "cli.plan_archive_help": {
        "vi": "lưu trữ (kết thúc) một chuỗi hội nghị: không nhắc lịch, không nhận trả lời nữa",
        "en": "archive (end) a conference series: no more reminders or answers",
    },
    "cli.plan_archive_id_help": {
        "vi": "mã chuỗi hội nghị (series.id trong tệp kế hoạch, xem `hoinghi plan list`)",
        "en": "the series id (series.id in the plan file, see `hoinghi plan list`)",
    },
    "cli.plan_list_empty": {
        "vi": "Chưa nạp kế hoạch nào.",
        "en": "No plan has been loaded.",
    },
    "cli.plan_list_line": {
        "vi": "{num}. {id} — {state}\n   {title} ({province})\n   {sessions} buổi, "
        "{delegates} đại biểu; nạp lần cuối {loaded}{archived}",
        "en": "{num}. {id} — {state}\n   {title} ({province})\n   {sessions} sessions, "
        "{delegates} delegates; last loaded {loaded}{archived}",
    },
    "cli.plan_list_archived_at": {"vi": "; lưu trữ {at}", "en": "; archived {at}"},
    "cli.plan_archived": {
        "vi": "Đã lưu trữ chuỗi hội nghị {id}: không còn nhắc lịch và nhận trả lời; dữ liệu "
        "giữ đến hạn xóa. Nạp lại tệp kế hoạch để mở lại.",
        "en": "Archived series {id}: no more reminders or answers; its data stays until the "
        "retention purge. Load its plan file again to reopen it.",
    },
    "cli.plan_archive_unknown": {
        "vi": "Không có chuỗi hội nghị đang hoạt động mã {id} (xem `hoinghi plan list`).",
        "en": "No active series with id {id} (see `hoinghi plan list`).",
    },
}
