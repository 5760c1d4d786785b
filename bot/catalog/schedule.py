"""Texts of schedule and venue answers (/lich, /lichcuatoi, free-text questions) and dates."""

TEXTS: dict[str, dict[str, str]] = {
    # Dates: weekday names by datetime.weekday() (0 = Monday).
    "date.weekday.0": {"vi": "Thứ Hai", "en": "Monday"},
    "date.weekday.1": {"vi": "Thứ Ba", "en": "Tuesday"},
    "date.weekday.2": {"vi": "Thứ Tư", "en": "Wednesday"},
    "date.weekday.3": {"vi": "Thứ Năm", "en": "Thursday"},
    "date.weekday.4": {"vi": "Thứ Sáu", "en": "Friday"},
    "date.weekday.5": {"vi": "Thứ Bảy", "en": "Saturday"},
    "date.weekday.6": {"vi": "Chủ Nhật", "en": "Sunday"},
    # Session labels and states.
    "schedule.at_commune": {"vi": "Hội nghị tại {commune}", "en": "Session in {commune}"},
    "schedule.city": {"vi": "Hội nghị cấp thành phố", "en": "City-level session"},
    "schedule.held": {"vi": " (đã tổ chức)", "en": " (held)"},
    "schedule.ongoing": {"vi": " (đang diễn ra)", "en": " (in progress)"},
    "schedule.tentative": {"vi": " (dự kiến)", "en": " (tentative)"},
    "schedule.line": {"vi": "• {label}: {when}{state}", "en": "• {label}: {when}{state}"},
    "schedule.line_venue": {
        "vi": "• {label}: {when}{state}\n  Địa điểm: {venue}",
        "en": "• {label}: {when}{state}\n  Venue: {venue}",
    },
    "schedule.more": {
        "vi": "… và {count} hội nghị khác. Gõ /lich để xem toàn bộ lịch.",
        "en": "… and {count} more. Type /lich for the full schedule.",
    },
    "schedule.more_all": {"vi": "… và {count} hội nghị khác.", "en": "… and {count} more."},
    # One session in detail.
    "schedule.when": {"vi": "{label}: {when}{state}.", "en": "{label}: {when}{state}."},
    "schedule.where": {"vi": "Địa điểm: {venue}.", "en": "Venue: {venue}."},
    "schedule.what": {"vi": "Nội dung tuyên truyền:", "en": "Topics:"},
    "schedule.what_none": {
        "vi": "Nội dung chi tiết chưa được công bố.",
        "en": "The topics have not been announced yet.",
    },
    "schedule.who": {"vi": "Báo cáo viên:", "en": "Speakers:"},
    "schedule.who_none": {
        "vi": "Danh sách báo cáo viên chưa được công bố.",
        "en": "The speakers have not been announced yet.",
    },
    "schedule.headcount": {
        "vi": "Số lượng dự kiến: {count} đại biểu.",
        "en": "Expected: {count} delegates.",
    },
    # Questions about the whole series.
    "schedule.all_title": {"vi": "Lịch hội nghị:", "en": "Schedule:"},
    "schedule.empty": {
        "vi": "Kế hoạch chưa có hội nghị nào.",
        "en": "The plan has no sessions yet.",
    },
    "schedule.headcount_title": {"vi": "Số lượng đại biểu dự kiến:", "en": "Expected delegates:"},
    "schedule.headcount_level": {
        "vi": "• {label}: {count} đại biểu mỗi hội nghị",
        "en": "• {label}: {count} delegates per session",
    },
    "schedule.level.commune": {"vi": "Hội nghị cấp xã", "en": "Commune-level sessions"},
    "schedule.level.city": {"vi": "Hội nghị cấp thành phố", "en": "City-level session"},
    "schedule.next": {"vi": "Hội nghị tiếp theo:", "en": "Next session:"},
    "schedule.no_next": {
        "vi": "Không còn hội nghị nào sắp diễn ra trong kế hoạch.",
        "en": "There are no upcoming sessions in the plan.",
    },
    "schedule.month": {
        "vi": "Tháng {month} có {count} hội nghị:",
        "en": "{count} session(s) in month {month}:",
    },
    "schedule.month_none": {
        "vi": (
            "Tháng {month} không có hội nghị nào trong kế hoạch. Các tháng có hội nghị: {months}."
        ),
        "en": "No session is planned in month {month}. Months with sessions: {months}.",
    },
    "schedule.day": {"vi": "Ngày {date} có hội nghị:", "en": "Sessions on {date}:"},
    "schedule.day_none": {
        "vi": "Ngày {date} không có hội nghị nào trong kế hoạch.",
        "en": "No session is planned on {date}.",
    },
    "schedule.period.today": {"vi": "Hôm nay", "en": "Today"},
    "schedule.period.tomorrow": {"vi": "Ngày mai", "en": "Tomorrow"},
    "schedule.period.this_week": {"vi": "Tuần này", "en": "This week"},
    "schedule.period.next_week": {"vi": "Tuần sau", "en": "Next week"},
    "schedule.period.this_month": {"vi": "Tháng này", "en": "This month"},
    "schedule.period.next_month": {"vi": "Tháng sau", "en": "Next month"},
    "schedule.period": {"vi": "{period} có hội nghị:", "en": "{period}:"},
    "schedule.period_none": {
        "vi": "{period} không có hội nghị nào.",
        "en": "{period}: no session.",
    },
    # Communes.
    "schedule.no_session": {
        "vi": "Kế hoạch không có hội nghị nào tại {commune}. Các xã có hội nghị: {communes}.",
        "en": "No session is planned in {commune}. Communes with a session: {communes}.",
    },
    "schedule.no_session_none": {
        "vi": "Kế hoạch không có hội nghị nào tại {commune}.",
        "en": "No session is planned in {commune}.",
    },
    "schedule.and_more": {"vi": "{names} và {count} xã khác", "en": "{names} and {count} more"},
    "schedule.which": {
        "vi": "Bạn hỏi xã nào: {options}?",
        "en": "Which commune do you mean: {options}?",
    },
    "schedule.or": {"vi": " hay ", "en": " or "},
    "schedule.mine_title": {"vi": "Lịch hội nghị của {commune}:", "en": "Sessions for {commune}:"},
    "schedule.mine_none": {
        "vi": "Kế hoạch không có hội nghị cấp xã tại {commune}.",
        "en": "No commune-level session is planned in {commune}.",
    },
    "schedule.mine_city": {
        "vi": "Lãnh đạo các xã, phường cùng dự hội nghị cấp thành phố:",
        "en": "Leaders of every commune attend the city-level session:",
    },
    "schedule.unknown_commune": {
        "vi": "Không tìm thấy xã, phường của bạn trong danh sách.",
        "en": "Your commune is not in the list.",
    },
    "schedule.example.commune": {
        "vi": "Hội nghị ở {commune} khi nào?",
        "en": "When is the session in {commune}?",
    },
}
