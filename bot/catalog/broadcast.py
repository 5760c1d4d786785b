"""Texts of /thongbao: the announcement dialogue, its progress, and the delivery report."""

TEXTS: dict[str, dict[str, str]] = {
    "broadcast.organisers_only": {
        "vi": "Xin lỗi, chức năng gửi thông báo chỉ dành cho Ban tổ chức. Bot không gửi gì.",
        "en": "Sorry, announcements are for the organisers only. Nothing was sent.",
    },
    "broadcast.ask_text": {
        "vi": "📣 Anh/chị hãy gõ nội dung thông báo (tối đa {limit} ký tự). Gõ /huy để thôi.",
        "en": "📣 Type the announcement (at most {limit} characters). /huy to stop.",
    },
    "broadcast.text_length": {
        "vi": "Nội dung cần từ 1 đến {limit} ký tự. Anh/chị gõ lại giúp.",
        "en": "The text must be 1 to {limit} characters long. Please type it again.",
    },
    "broadcast.ask_audience": {
        "vi": "Gửi cho ai?",
        "en": "Who should receive it?",
    },
    "broadcast.aud.all": {"vi": "👥 Tất cả đại biểu", "en": "👥 Every delegate"},
    "broadcast.aud.session": {"vi": "🗓 Theo buổi hội nghị", "en": "🗓 By session"},
    "broadcast.aud.commune": {"vi": "🏘 Theo xã/phường", "en": "🏘 By commune"},
    "broadcast.aud.unit": {"vi": "🏢 Theo đơn vị/thành phần", "en": "🏢 By unit or category"},
    "broadcast.ask_session": {"vi": "Buổi hội nghị nào?", "en": "Which session?"},
    "broadcast.ask_answer": {
        "vi": "Những người được mời đã trả lời thế nào?",
        "en": "Which of the invited, by their answer?",
    },
    "broadcast.ans.all": {"vi": "Tất cả người được mời", "en": "Everyone invited"},
    "broadcast.ans.confirmed": {"vi": "Đã xác nhận tham dự", "en": "Confirmed"},
    "broadcast.ans.declined": {"vi": "Báo vắng", "en": "Declined"},
    "broadcast.ans.none": {"vi": "Chưa trả lời", "en": "Not answered"},
    "broadcast.ans.unreachable": {"vi": "Không liên lạc được", "en": "Unreachable"},
    "broadcast.ask_commune": {
        "vi": "Anh/chị gõ tên xã/phường.",
        "en": "Type the commune's name.",
    },
    "broadcast.commune_unknown": {
        "vi": "Không tìm thấy xã/phường này. Anh/chị gõ lại giúp.",
        "en": "No such commune. Please type it again.",
    },
    "broadcast.ask_unit": {"vi": "Đơn vị/thành phần nào?", "en": "Which unit or category?"},
    "broadcast.out_of_scope": {
        "vi": "Anh/chị chỉ được gửi thông báo trong phạm vi của mình: {scope}.",
        "en": "You may only send announcements within your scope: {scope}.",
    },
    "broadcast.who.all": {"vi": "tất cả đại biểu", "en": "every delegate"},
    "broadcast.who.session": {"vi": "buổi {label} ({answer})", "en": "session {label} ({answer})"},
    "broadcast.who.commune": {"vi": "{name}", "en": "{name}"},
    "broadcast.who.unit": {"vi": "{name}", "en": "{name}"},
    "broadcast.who.scoped": {"vi": "{who}, trong phạm vi {scope}", "en": "{who}, within {scope}"},
    "broadcast.framed": {
        "vi": "📣 Thông báo của Ban tổ chức\n\n{text}",
        "en": "📣 Announcement from the organisers\n\n{text}",
    },
    "broadcast.preview": {
        "vi": "📣 Xem trước thông báo:\n\n{text}\n\n— Gửi cho: {who}\n"
        "Số người: {count} (gửi qua ứng dụng: {reachable}, không liên lạc được: {unreachable})",
        "en": "📣 Preview:\n\n{text}\n\n— To: {who}\n"
        "People: {count} (by chat: {reachable}, unreachable: {unreachable})",
    },
    "broadcast.send_button": {"vi": "✅ Gửi", "en": "✅ Send"},
    "broadcast.stop_button": {"vi": "✖️ Hủy", "en": "✖️ Cancel"},
    "broadcast.nobody": {
        "vi": "Không có ai trong nhóm này để gửi qua ứng dụng. Bot không gửi gì.",
        "en": "Nobody in this group can be reached by chat. Nothing was sent.",
    },
    "broadcast.dropped": {"vi": "Đã hủy, không gửi gì.", "en": "Cancelled, nothing sent."},
    "broadcast.queued": {
        "vi": "📤 Thông báo số {id} đang được gửi tới {count} người. Bot sẽ báo tiến độ.",
        "en": "📤 Announcement {id} is being sent to {count} people. Progress follows.",
    },
    "broadcast.progress": {
        "vi": "📤 Thông báo số {id}: đã gửi {done}/{total} "
        "(thành công {sent}, chặn bot {blocked}, lỗi {failed})",
        "en": "📤 Announcement {id}: {done}/{total} done "
        "(sent {sent}, blocked {blocked}, failed {failed})",
    },
    "broadcast.cancel_button": {"vi": "⛔ Hủy gửi", "en": "⛔ Stop sending"},
    "broadcast.final": {
        "vi": "✅ Thông báo số {id}: đã gửi xong {sent}/{total}.",
        "en": "✅ Announcement {id}: finished, {sent}/{total} delivered.",
    },
    "broadcast.final_cancelled": {
        "vi": "⛔ Thông báo số {id} đã dừng: đã gửi {sent}/{total}, {skipped} người không được "
        "gửi.",
        "en": "⛔ Announcement {id} stopped: {sent}/{total} delivered, {skipped} not sent.",
    },
    "broadcast.cancelled": {
        "vi": "⛔ Đã dừng thông báo số {id}; {skipped} tin chưa gửi sẽ không được gửi.",
        "en": "⛔ Announcement {id} stopped; {skipped} unsent messages will not go.",
    },
    "broadcast.not_sending": {
        "vi": "Thông báo này không còn đang gửi.",
        "en": "This announcement is no longer being sent.",
    },
    "broadcast.report": {
        "vi": "📋 Báo cáo thông báo số {id}\nĐã nhận: {sent}\nChặn bot: {blocked}\n"
        "Lỗi: {failed}\nKhông gửi (đã dừng): {skipped}\nKhông liên lạc được từ trước: "
        "{unreachable}",
        "en": "📋 Report of announcement {id}\nDelivered: {sent}\nBlocked: {blocked}\n"
        "Failed: {failed}\nNot sent (stopped): {skipped}\nUnreachable before: {unreachable}",
    },
    "broadcast.report_missed": {
        "vi": "Cần gọi điện ({count} người):",
        "en": "To call by phone ({count} people):",
    },
    "broadcast.report_line": {
        "vi": "{n}. {name} — {phone} ({why})",
        "en": "{n}. {name} — {phone} ({why})",
    },
    "broadcast.why.unreachable": {"vi": "không liên lạc được", "en": "unreachable"},
    "broadcast.why.blocked": {"vi": "chặn bot", "en": "blocked"},
    "broadcast.why.failed": {"vi": "lỗi gửi", "en": "failed"},
    # `hoinghi broadcast`
    "cli.broadcast_help": {
        "vi": "gửi thông báo tới đại biểu (qua bot đang chạy)",
        "en": "send an announcement to delegates (through the running bot)",
    },
    "cli.broadcast_description": {
        "vi": (
            "Gửi thông báo tới đại biểu: mọi người, khách mời của một hội nghị (lọc theo câu "
            "trả lời), một xã/phường hoặc một đơn vị. Không có --yes thì chỉ đếm số người "
            "nhận; có --yes thì xếp hàng để bot đang chạy gửi đi. --status ID cho biết đã gửi "
            "được bao nhiêu tin."
        ),
        "en": (
            "Send an announcement to delegates: everyone, a session's invitees (by answer), a "
            "commune or a unit. Without --yes it only counts the recipients; with --yes it is "
            "queued for the running bot to send. --status ID tells how many were delivered."
        ),
    },
    "cli.broadcast_text_help": {"vi": "nội dung thông báo", "en": "the announcement's text"},
    "cli.broadcast_session_help": {
        "vi": "mã hội nghị (khách mời của hội nghị đó)",
        "en": "session id (its invitees)",
    },
    "cli.broadcast_answer_help": {
        "vi": "với --session: all, confirmed, declined, none hoặc unreachable",
        "en": "with --session: all, confirmed, declined, none or unreachable",
    },
    "cli.broadcast_yes_help": {
        "vi": "gửi thật (không có thì chỉ đếm)",
        "en": "really send (otherwise only count)",
    },
    "cli.broadcast_status_help": {
        "vi": "xem kết quả gửi của thông báo có mã ID",
        "en": "show the delivery of broadcast ID",
    },
    "cli.broadcast_need_text": {
        "vi": "Vui lòng nhập nội dung thông báo với --text.",
        "en": "Please give the announcement's text with --text.",
    },
    "cli.broadcast_too_long": {
        "vi": "Thông báo quá dài: tối đa {limit} ký tự.",
        "en": "The announcement is too long: {limit} characters at most.",
    },
    "cli.broadcast_answer_needs_session": {
        "vi": "--answer chỉ dùng kèm --session.",
        "en": "--answer only goes with --session.",
    },
    "cli.broadcast_count": {
        "vi": "Người nhận: {people} đại biểu, {reachable} người nhận được tin qua bot.",
        "en": "Recipients: {people} delegates, {reachable} reachable through the bot.",
    },
    "cli.broadcast_confirm": {
        "vi": "Chưa gửi. Chạy lại với --yes để gửi.",
        "en": "Not sent. Run again with --yes to send.",
    },
    "cli.broadcast_nobody": {
        "vi": "Không có ai nhận được tin qua bot: thông báo chưa được gửi.",
        "en": "Nobody is reachable through the bot: nothing was sent.",
    },
    "cli.broadcast_queued": {
        "vi": "Đã xếp hàng thông báo số {id}: {count} tin, bot đang chạy sẽ gửi đi.",
        "en": "Broadcast {id} queued: {count} messages for the running bot to send.",
    },
    "cli.broadcast_unknown": {
        "vi": "Không có thông báo số {id}.",
        "en": "There is no broadcast {id}.",
    },
    "cli.broadcast_status": {
        "vi": (
            "Thông báo số {id}: đã gửi {delivered}, bị chặn {blocked}, lỗi {failed}, "
            "đang chờ {pending}."
        ),
        "en": (
            "Broadcast {id}: delivered {delivered}, blocked {blocked}, failed {failed}, "
            "pending {pending}."
        ),
    },
}
