"""Texts about personal data: the notice and consent at registration."""

TEXTS: dict[str, dict[str, str]] = {
    "privacy.notice": {
        "vi": "🔒 Bot lưu họ tên, chức vụ, đơn vị, xã/phường và số điện thoại của anh/chị để Ban "
        "tổ chức mời, nhắc lịch và điểm danh hội nghị; thông tin được xóa {days} ngày sau buổi "
        "hội nghị cuối cùng, hoặc ngay khi anh/chị gõ /xoa.",
        "en": "🔒 The bot stores your name, position, unit, commune and phone number so that the "
        "organisers can invite you, remind you and check you in; they are deleted {days} days "
        "after the last session, or as soon as you type /xoa.",
    },
    "privacy.ask_consent": {
        "vi": "{notice}\nAnh/chị có đồng ý để bot lưu các thông tin này không?",
        "en": "{notice}\nDo you agree that the bot stores these details?",
    },
    "privacy.agree": {"vi": "✅ Đồng ý", "en": "✅ I agree"},
    "privacy.disagree": {"vi": "Không đồng ý", "en": "I do not agree"},
    "privacy.declined": {
        "vi": "Bot không lưu thông tin của anh/chị. Anh/chị vẫn có thể hỏi lịch và địa điểm hội "
        "nghị; gõ /start nếu muốn đăng ký sau.",
        "en": "The bot stores nothing about you. You can still ask about the schedule and the "
        "venues; type /start to register later.",
    },
}
