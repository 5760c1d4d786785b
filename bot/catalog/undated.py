"""Texts of sessions whose date is announced later: the plan rules, how an undated session is
shown, /datngay, the "date set" notice; and the province-level wording of a provincial series."""

TEXTS: dict[str, dict[str, str]] = {
    # Plan file rules.
    "plan.error.no_date": {
        "vi": "buổi này chưa có ngày giờ: ghi cả start và end, hoặc date_note (ví dụ "
        '"Trung tuần tháng 8/2024, thời gian cụ thể sẽ có thông báo sau") nếu ngày giờ sẽ '
        "thông báo sau",
        "en": "this session has no date: give start and end, or a date_note (e.g. "
        '"mid-August 2024, the exact date will follow") when the date is announced later',
    },
    "plan.error.start_end_pair": {
        "vi": "phải ghi cả giờ bắt đầu (start) và giờ kết thúc (end), hoặc bỏ cả hai và ghi "
        "date_note",
        "en": "give both start and end, or neither and a date_note",
    },
    "plan.error.mixed_levels": {
        "vi": "một kế hoạch chỉ dùng một trong hai cấp city (cấp thành phố) hoặc province (cấp "
        "tỉnh); các buổi trước đã dùng {first}",
        "en": "a plan uses either city or province for its upper-level sessions, not both; "
        "earlier sessions use {first}",
    },
    # An undated session wherever a date would be shown.
    "undated.when": {
        "vi": "chưa có ngày giờ cụ thể ({note})",
        "en": "date not set yet ({note})",
    },
    "undated.when_plain": {
        "vi": "chưa có ngày giờ cụ thể, Ban tổ chức sẽ thông báo sau",
        "en": "date not set yet; the organisers will announce it",
    },
    "undated.short": {"vi": "chưa có ngày", "en": "date to be set"},
    "undated.also": {
        "vi": "Lưu ý, các buổi sau chưa có ngày giờ cụ thể:",
        "en": "Note: these sessions have no date yet:",
    },
    # The notice every invitee gets once the date is set.
    "undated.dated_notice": {
        "vi": "📅 Đã có ngày giờ chính thức: {label}\n🕗 {when}\n📍 {venue}\n"
        "Anh/chị vui lòng xác nhận tham dự: chọn một câu trả lời bên dưới.",
        "en": "📅 The date is set: {label}\n🕗 {when}\n📍 {venue}\n"
        "Please confirm with one of the buttons below.",
    },
    # /datngay (organisers).
    "undated.organisers_only": {
        "vi": "Lệnh /datngay dành cho Ban tổ chức.",
        "en": "/datngay is for the organisers.",
    },
    "undated.usage": {
        "vi": "Đặt ngày giờ cho một buổi hội nghị:\n"
        "/datngay <số buổi> <ngày/tháng/năm> <giờ bắt đầu>-<giờ kết thúc>\n"
        "Ví dụ: /datngay {example} 15/08/2024 08:00-11:30\n"
        "Mọi đại biểu được mời sẽ nhận thông báo một lần; lời nhắc tính theo ngày mới.\n"
        "Các buổi:\n{sessions}",
        "en": "Set the date of a session:\n"
        "/datngay <session number> <day/month/year> <start>-<end>\n"
        "Example: /datngay {example} 15/08/2024 08:00-11:30\n"
        "Every invitee is told once; reminders follow the new date.\n"
        "Sessions:\n{sessions}",
    },
    "undated.session_line": {"vi": "{num}. {label}: {when}", "en": "{num}. {label}: {when}"},
    "undated.bad_format": {
        "vi": "Chưa đọc được ngày giờ trong lệnh.",
        "en": "I could not read the date in the command.",
    },
    "undated.unknown_session": {
        "vi": "Không có buổi số {num} trong kế hoạch.",
        "en": "There is no session number {num} in the plan.",
    },
    "undated.bad_date": {
        "vi": "Ngày giờ {value} không có thật; vui lòng kiểm tra lại.",
        "en": "{value} is not a real date and time; please check it.",
    },
    "undated.end_before_start": {
        "vi": "Giờ kết thúc phải sau giờ bắt đầu.",
        "en": "The end must come after the start.",
    },
    "undated.in_past": {
        "vi": "Thời điểm {when} đã qua; vui lòng kiểm tra lại ngày giờ.",
        "en": "{when} is already past; please check the date.",
    },
    "undated.unchanged": {
        "vi": "{label} đã có đúng ngày giờ này ({when}); không gửi thông báo lại.",
        "en": "{label} already has this date ({when}); nobody is told again.",
    },
    "undated.set": {
        "vi": "✅ Đã đặt ngày giờ cho {label}: {when}.\n"
        "Đã gửi thông báo tới {count} đại biểu được mời; lời nhắc sẽ tính theo ngày này.",
        "en": "✅ {label} is set for {when}.\n"
        "{count} invited delegates are being told; reminders follow this date.",
    },
    "undated.moved": {
        "vi": "✅ Đã đổi ngày giờ {label}: {old} → {when}.\n"
        "Đã gửi thông báo tới {count} đại biểu được mời; lời nhắc sẽ tính theo ngày mới.",
        "en": "✅ {label} moved: {old} → {when}.\n"
        "{count} invited delegates are being told; reminders follow the new date.",
    },
    # Where a date is needed.
    "undated.no_checkin": {
        "vi": "{label} chưa có ngày giờ cụ thể nên chưa điểm danh được. Điểm danh mở vào ngày "
        "diễn ra hội nghị.",
        "en": "{label} has no date yet, so there is no check-in. Check-in opens on the day.",
    },
    "undated.calendar_left_out": {
        "vi": "Chưa có trong tệp lịch vì chưa có ngày giờ cụ thể: {labels}. Khi có ngày, bot sẽ "
        "báo và anh/chị tải lại /lichics.",
        "en": "Not in the calendar file because their date is not set yet: {labels}. The bot "
        "will tell you the date; then download /lichics again.",
    },
    "undated.calendar_none": {
        "vi": "Các buổi hội nghị chưa có ngày giờ cụ thể nên chưa có lịch để tải. Bot sẽ báo "
        "khi Ban tổ chức chốt ngày.",
        "en": "No session has a date yet, so there is no calendar to download. The bot will "
        "tell you when the organisers set it.",
    },
    "cli.plan_dated": {
        "vi": "  • {session}: đã có ngày giờ {new}",
        "en": "  • {session}: date set to {new}",
    },
    "cli.export_no_dated": {
        "vi": "Chưa buổi nào có ngày giờ cụ thể: không có gì để ghi vào tệp lịch.",
        "en": "No session has a date yet: nothing to write to a calendar file.",
    },
    # A provincial series: "cấp tỉnh" where a city's series says "cấp thành phố".
    "schedule.province": {"vi": "Hội nghị cấp tỉnh", "en": "Province-level session"},
    "schedule.level.province": {"vi": "Hội nghị cấp tỉnh", "en": "Province-level session"},
    "schedule.mine_province": {
        "vi": "Đại biểu các xã, phường cùng dự hội nghị cấp tỉnh:",
        "en": "Delegates of the communes attend the province-level session:",
    },
    "reg.ask_commune_province": {
        "vi": "Anh/chị thuộc xã/phường nào của {province}? Hãy gõ tên xã/phường.\n"
        "Nếu anh/chị công tác ở cơ quan cấp tỉnh (sở, ban, ngành…), chọn «Tôi thuộc cơ "
        "quan cấp tỉnh» bên dưới.",
        "en": "Which commune or ward of {province} are you from? Type its name.\n"
        "If you work for a province-level body (a department…), press the button below.",
    },
    "reg.button_province_level": {
        "vi": "Tôi thuộc cơ quan cấp tỉnh",
        "en": "I work for a province-level body",
    },
    "profile.province_level": {"vi": "cơ quan cấp tỉnh", "en": "province-level body"},
    "export.province_level": {"vi": "Cấp tỉnh", "en": "Province level"},
    "rollup.province_level": {"vi": "Cơ quan cấp tỉnh", "en": "Province-level bodies"},
    "rollup.province_note": {
        "vi": "(Kế hoạch không ghi số dự kiến theo từng xã cho buổi cấp tỉnh.)",
        "en": "(The plan gives no expected number per commune for the province session.)",
    },
}
