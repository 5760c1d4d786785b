"""Texts about the service itself: the database cannot take writes for a while."""

TEXTS: dict[str, dict[str, str]] = {
    "service.storage_unavailable": {
        "vi": "Xin lỗi, hệ thống đang tạm thời không lưu được dữ liệu nên chưa thực hiện được "
        "yêu cầu này. Thông tin đã lưu trước đó không bị mất; anh/chị vui lòng thử lại sau ít "
        "phút.",
        "en": "Sorry, the system cannot save anything for the moment, so this request was not "
        "carried out. What was saved before is safe; please try again in a few minutes.",
    },
}
