"""Texts of the live roll-up (/tonghop) and of the nudge to who has not answered."""

TEXTS: dict[str, dict[str, str]] = {
    "rollup.organisers_only": {
        "vi": "Xin lỗi, chức năng tổng hợp chỉ dành cho Ban tổ chức. Bot không thực hiện "
        "thao tác này.",
        "en": "Sorry, the roll-up is for the organisers only. Nothing was done.",
    },
    "rollup.pick_session": {
        "vi": "📊 Anh/chị muốn xem tổng hợp buổi hội nghị nào? Các buổi sắp tới ở trên, "
        "các buổi đã diễn ra ở dưới.",
        "en": "📊 Which session's roll-up? Upcoming sessions first, then the ones held.",
    },
    "rollup.no_sessions": {
        "vi": "Kế hoạch chưa có buổi hội nghị nào.",
        "en": "The plan has no session yet.",
    },
    "rollup.session_button": {"vi": "{mark} {label} ({date})", "en": "{mark} {label} ({date})"},
    "rollup.mark.upcoming": {"vi": "🗓", "en": "🗓"},
    "rollup.mark.held": {"vi": "✔️", "en": "✔️"},
    "rollup.header": {
        "vi": "📊 Tổng hợp: {label}\n🕗 {when}\n"
        "Dự kiến: {expected_min}–{expected_max} người\n"
        "{warn}Được mời (đã đăng ký): {registered}\n"
        "Sẽ tham dự: {coming} (trực tiếp {in_person}, trực tuyến {online}, "
        "người dự thay {substitute})\n"
        "Vắng mặt: {absent} · Chưa trả lời: {not_answered} · "
        "Không liên lạc được: {unreachable} · Có mặt: {present}",
        "en": "📊 Roll-up: {label}\n🕗 {when}\n"
        "Expected: {expected_min}–{expected_max} people\n"
        "{warn}Invited (registered): {registered}\n"
        "Coming: {coming} (in person {in_person}, online {online}, substitutes {substitute})\n"
        "Absent: {absent} · Not answered: {not_answered} · "
        "Unreachable: {unreachable} · Present: {present}",
    },
    "rollup.under_quota": {
        "vi": "⚠️ Số được mời thấp hơn mức dự kiến tối thiểu ({expected_min}).\n",
        "en": "⚠️ Fewer invited than the expected minimum ({expected_min}).\n",
    },
    "rollup.city_note": {
        "vi": "(Kế hoạch không ghi số dự kiến theo từng xã cho buổi cấp thành phố.)",
        "en": "(The plan gives no expected number per commune for the city session.)",
    },
    "rollup.legend": {
        "vi": "Chú thích: 👥 được mời · ✅ trực tiếp · 💻 trực tuyến · ❌ vắng · "
        "👤 người dự thay · ⏳ chưa trả lời · 📵 không liên lạc được · 📍 có mặt",
        "en": "Legend: 👥 invited · ✅ in person · 💻 online · ❌ absent · 👤 substitute · "
        "⏳ not answered · 📵 unreachable · 📍 present",
    },
    "rollup.by_commune": {"vi": "Theo xã/phường:", "en": "By commune:"},
    "rollup.by_category": {"vi": "Theo thành phần:", "en": "By category:"},
    "rollup.city_level": {"vi": "Cơ quan cấp thành phố", "en": "City-level bodies"},
    "rollup.line": {
        "vi": "{warn}• {name}: 👥 {registered} ✅ {in_person} 💻 {online} ❌ {absent} "
        "👤 {substitute} ⏳ {not_answered} 📵 {unreachable} 📍 {present}",
        "en": "{warn}• {name}: 👥 {registered} ✅ {in_person} 💻 {online} ❌ {absent} "
        "👤 {substitute} ⏳ {not_answered} 📵 {unreachable} 📍 {present}",
    },
    "rollup.nobody": {
        "vi": "Chưa có đại biểu nào được mời đăng ký cho buổi này.",
        "en": "No invited delegate has registered for this session yet.",
    },
    "rollup.nudge_button": {
        "vi": "📣 Nhắc người chưa trả lời",
        "en": "📣 Nudge who has not answered",
    },
    "rollup.nudge_text": {
        "vi": "🔔 Ban tổ chức nhắc: anh/chị chưa xác nhận tham dự {label}.\n🕗 {when}\n📍 {venue}\n"
        "Anh/chị vui lòng xác nhận: chọn một câu trả lời bên dưới.",
        "en": "🔔 From the organisers: you have not yet confirmed {label}.\n🕗 {when}\n📍 {venue}\n"
        "Please answer with one of the buttons below.",
    },
    "rollup.nudged": {
        "vi": "📣 Đã xếp hàng gửi lời nhắc cho {count} người chưa trả lời. Mỗi người chỉ được "
        "nhắc một lần mỗi ngày.",
        "en": "📣 Queued a reminder for {count} people who have not answered. Each person is "
        "nudged at most once a day.",
    },
    "rollup.nudge_started": {
        "vi": "Buổi hội nghị này đã bắt đầu hoặc đã diễn ra nên không gửi lời nhắc.",
        "en": "This session has started or is over, so no reminder was sent.",
    },
}
