"""Texts of free-text answers beyond the schedule: oneself, deadlines, practical notes, small
talk, places outside the plan, and whom to call."""

TEXTS: dict[str, dict[str, str]] = {
    # Whom to call, at the end of every answer the plan cannot give in full.
    "qa.contact": {"vi": "Anh/chị liên hệ {who}.", "en": "Please contact {who}."},
    "qa.contact_phone": {"vi": "{who}, ĐT {phone}", "en": "{who}, phone {phone}"},
    "qa.unknown": {
        "vi": "Kế hoạch chưa nêu nội dung này. {contact}",
        "en": "The plan does not say. {contact}",
    },
    # Oneself.
    "qa.register_first": {
        "vi": "Anh/chị chưa đăng ký: gõ /start để đăng ký, sau đó tôi trả lời theo xã của anh/chị.",
        "en": "You have not registered: type /start, then I answer for your commune.",
    },
    "qa.mine_title": {
        "vi": "Hội nghị anh/chị được mời dự:",
        "en": "Sessions you are invited to:",
    },
    "qa.mine_none": {
        "vi": "Kế hoạch chưa có hội nghị nào mời anh/chị.",
        "en": "No session of the plan invites you.",
    },
    "qa.mine_none_then": {
        "vi": "Anh/chị không có hội nghị nào vào thời gian đó.",
        "en": "You have no session at that time.",
    },
    "qa.mine_next": {"vi": "Hội nghị tiếp theo của anh/chị:", "en": "Your next session:"},
    "qa.not_yours": {
        "vi": "Lưu ý: hội nghị trên không phải hội nghị anh/chị được mời. Hội nghị của anh/chị:",
        "en": "Note: that is not a session you are invited to. Yours:",
    },
    "qa.own_commune_invited": {
        "vi": "Kế hoạch không có hội nghị tại {commune}, nhưng anh/chị được mời dự:",
        "en": "No session is planned in {commune}, but you are invited to:",
    },
    "qa.communes_invited": {
        "vi": "{level} có mời đại biểu các xã ({categories}).",
        "en": "{level} invites commune delegates ({categories}).",
    },
    # Places outside the plan.
    "qa.no_province": {
        "vi": "Kế hoạch không có hội nghị nào tại {province}; các hội nghị đều ở {own}.",
        "en": "No session is planned in {province}; every session is in {own}.",
    },
    "qa.communes_with_sessions": {
        "vi": "Các xã có hội nghị: {communes}.",
        "en": "Communes with a session: {communes}.",
    },
    "qa.which_session": {
        "vi": "Anh/chị hỏi hội nghị nào ạ? Ví dụ: “Hội nghị ở xã … ở đâu?”, hoặc gõ /lich để "
        "xem toàn bộ lịch.",
        "en": "Which session do you mean? E.g. “Where is the session in …?”, or type /lich.",
    },
    "qa.month_undated": {
        "vi": "Tháng {month} dự kiến có hội nghị, ngày cụ thể chưa chốt:",
        "en": "A session is expected in month {month}, its day not yet set:",
    },
    # Deadlines.
    "qa.deadline_title": {"vi": "Hạn theo kế hoạch:", "en": "Deadlines in the plan:"},
    "qa.deadline_item": {"vi": "• {what}: {when}", "en": "• {what}: {when}"},
    "qa.deadline_due": {"vi": "hạn chót {date}", "en": "due {date}"},
    "qa.deadline_relative": {
        "vi": "trước ngày hội nghị {days} ngày (ngày hội nghị chưa chốt)",
        "en": "{days} days before the session (its date is not set yet)",
    },
    "qa.deadline_unset": {"vi": "chưa có ngày", "en": "no date yet"},
    "qa.deadline_more": {
        "vi": "… và {count} hạn khác: gõ /hanchot để xem đủ.",
        "en": "… and {count} more: type /hanchot.",
    },
    "qa.deadline_none": {
        "vi": "Kế hoạch không đặt hạn nào cho việc này.",
        "en": "The plan sets no such deadline.",
    },
    # Practical notes.
    "qa.practical_none": {
        "vi": "Kế hoạch chưa nêu {topic}.",
        "en": "The plan does not say anything about {topic}.",
    },
    "qa.topic.reception": {"vi": "giờ đón tiếp đại biểu", "en": "when delegates are received"},
    "qa.topic.dress": {"vi": "trang phục khi dự hội nghị", "en": "what to wear"},
    "qa.topic.bring": {"vi": "những gì cần mang theo", "en": "what to bring"},
    "qa.topic.meals": {"vi": "việc ăn uống", "en": "meals"},
    "qa.topic.transport": {"vi": "việc đi lại, gửi xe", "en": "transport and parking"},
    "qa.topic.funding": {"vi": "kinh phí", "en": "funding"},
    # Small talk and everything else.
    "qa.thanks": {
        "vi": "Dạ, không có gì ạ. Anh/chị cần gì về hội nghị cứ nhắn tôi.",
        "en": "You are welcome. Ask me anything about the sessions.",
    },
    "qa.greeting": {
        "vi": "Xin chào anh/chị! Anh/chị muốn hỏi gì về hội nghị ạ?",
        "en": "Hello! What would you like to know about the sessions?",
    },
    "qa.identity": {
        "vi": "Tôi là trợ lý tự động của Ban tổ chức ({organiser}), trả lời về lịch, địa điểm, "
        "nội dung, hạn nộp và các lưu ý của hội nghị.",
        "en": "I am the organisers' assistant ({organiser}): I answer about the sessions' dates, "
        "venues, topics, deadlines and practical matters.",
    },
    "qa.off_topic": {
        "vi": "Tôi chỉ trả lời được về lịch, địa điểm, nội dung, hạn nộp và các lưu ý của hội "
        "nghị, ví dụ “{example}” (gõ /lich để xem toàn bộ lịch).",
        "en": "I can only answer about the sessions' dates, venues, topics, deadlines and "
        "practical matters, e.g. “{example}” (type /lich for the full schedule).",
    },
    "qa.example": {"vi": "Hội nghị tiếp theo ở đâu?", "en": "Where is the next session?"},
}
