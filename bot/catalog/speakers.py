"""Texts of speakers, drafts of talks and deadlines: /lichbaocao, agenda reminders, the
review of drafts, /duyetbai, /hanchot, files sent in the chat."""

TEXTS: dict[str, dict[str, str]] = {
    "speakers.slot_time": {"vi": "{date}, {time}", "en": "{date}, {time}"},
    "speakers.slot": {
        "vi": "🎤 {label}\n🕗 {when} ({minutes})\n📌 Chủ đề: {topic}\n📍 {venue}\n"
        "👥 Cùng trình bày: {others}",
        "en": "🎤 {label}\n🕗 {when} ({minutes})\n📌 Topic: {topic}\n📍 {venue}\n"
        "👥 Also speaking: {others}",
    },
    "speakers.minutes": {"vi": "{count} phút", "en": "{count} minutes"},
    "speakers.minutes_unknown": {
        "vi": "thời lượng theo chương trình",
        "en": "length as in the programme",
    },
    "speakers.topic_open": {
        "vi": "theo phân công của Ban tổ chức",
        "en": "as assigned by the organisers",
    },
    "speakers.no_others": {"vi": "không có", "en": "nobody"},
    "speakers.reminder": {
        "vi": "📣 Nhắc lịch báo cáo ({left}):\n\n{slot}\n\n"
        'Anh/chị vui lòng bấm "Đã nhận" để Ban tổ chức biết anh/chị đã nắm lịch.',
        "en": "📣 Your talk ({left}):\n\n{slot}\n\n"
        'Please press "Received" so the organisers know you have the schedule.',
    },
    "speakers.date_notice": {
        "vi": "📅 Ngày giờ hội nghị đã được ấn định. Lịch báo cáo của anh/chị:\n\n{slot}\n\n"
        "Anh/chị vui lòng bấm \"Đã nhận\" để Ban tổ chức biết anh/chị đã nắm lịch.",
        "en": "📅 The session's date is set. Your talk:\n\n{slot}\n\n"
        'Please press "Received" so the organisers know you have the schedule.',
    },
    "speakers.ack_button": {"vi": "✅ Đã nhận", "en": "✅ Received"},
    "speakers.acked": {
        "vi": "Cảm ơn anh/chị, Ban tổ chức đã ghi nhận anh/chị nắm lịch báo cáo tại {label}.",
        "en": "Thank you: the organisers know you have the schedule of {label}.",
    },
    "speakers.escalation": {
        "vi": "⚠️ {speaker} chưa xác nhận đã nhận lịch báo cáo tại {label} "
        "(nhắc lúc {sent}, đã quá {hours} giờ). Đề nghị Ban tổ chức liên hệ trực tiếp.",
        "en": "⚠️ {speaker} has not acknowledged the schedule of {label} "
        "(reminded {sent}, over {hours} hours ago). Please contact them directly.",
    },
    "speakers.not_speaker": {
        "vi": "Lệnh này dành cho báo cáo viên. Nếu anh/chị là báo cáo viên, vui lòng mở "
        "đường dẫn mời báo cáo viên do Ban tổ chức gửi.",
        "en": "This command is for speakers. If you are one, open the speaker invite link "
        "the organisers sent you.",
    },
    "speakers.agenda": {
        "vi": "🗓 Lịch báo cáo của {name}:\n\n{slots}",
        "en": "🗓 Talks of {name}:\n\n{slots}",
    },
    "speakers.no_slots_left": {
        "vi": "Không còn buổi nào sắp tới.",
        "en": "No upcoming session left.",
    },
    "speakers.agenda_footer": {
        "vi": "Gửi bản thảo bài báo cáo (tệp PDF hoặc Word) vào cuộc trò chuyện này để Ban "
        "Tuyên giáo duyệt. /hanchot: các việc cần nộp và hạn.",
        "en": "Send the draft of your talk (PDF or Word) in this chat for review. "
        "/hanchot: what is owed and when.",
    },
    "uploads.too_large": {
        "vi": "Tệp quá lớn: bot nhận tệp tối đa {limit} MB. Anh/chị vui lòng nén hoặc rút gọn "
        "rồi gửi lại. Tệp này chưa được lưu.",
        "en": "The file is too large: at most {limit} MB. Please shrink it and send it again. "
        "Nothing was stored.",
    },
    "uploads.wrong_type": {
        "vi": "Bot chỉ nhận tệp {allowed}. Tệp này chưa được lưu.",
        "en": "Only {allowed} files are accepted. Nothing was stored.",
    },
    "uploads.unreadable": {
        "vi": "Bot không tải được tệp này, anh/chị vui lòng gửi lại. Tệp chưa được lưu.",
        "en": "The file could not be downloaded; please send it again. Nothing was stored.",
    },
    "drafts.not_speaker": {
        "vi": "Bot chỉ nhận bản thảo bài báo cáo từ báo cáo viên (và danh sách đại biểu .xlsx, "
        ".csv từ Ban tổ chức, đầu mối). Tệp này chưa được lưu.",
        "en": "Only speakers send drafts of talks here (and organisers, focal points send "
        ".xlsx or .csv delegate lists). Nothing was stored.",
    },
    "drafts.received": {
        "vi": "📄 Đã nhận bản thảo lần {version}: {name} ({size}, mã {digest}). "
        "Bản thảo đã được gửi tới người duyệt; bot sẽ báo kết quả cho anh/chị.",
        "en": "📄 Draft version {version} received: {name} ({size}, hash {digest}). "
        "It went to the reviewers; you will be told their answer.",
    },
    "drafts.received_no_reviewer": {
        "vi": "📄 Đã nhận bản thảo lần {version}: {name} ({size}, mã {digest}). "
        "Chưa có người duyệt trên bot, bản thảo đã được chuyển tới Ban tổ chức.",
        "en": "📄 Draft version {version} received: {name} ({size}, hash {digest}). "
        "No reviewer is on the bot yet; it went to the organisers.",
    },
    "drafts.for_review": {
        "vi": "📝 Bản thảo cần duyệt: {speaker}, lần {version}: {name} ({size}, mã {digest}).",
        "en": "📝 Draft to review: {speaker}, version {version}: {name} ({size}, hash {digest}).",
    },
    "drafts.no_reviewer": {
        "vi": "{caption}\nChưa có người duyệt trên bot: đề nghị Ban tổ chức mời người duyệt "
        "(/moi kiemduyet) hoặc chuyển tệp này.",
        "en": "{caption}\nNo reviewer on the bot yet: invite one (/moi kiemduyet) or forward "
        "this file.",
    },
    "drafts.approve_button": {"vi": "✅ Đạt", "en": "✅ Approved"},
    "drafts.changes_button": {"vi": "✏️ Cần sửa", "en": "✏️ Needs changes"},
    "drafts.reviewers_only": {
        "vi": "Xin lỗi, chỉ người duyệt mới trả lời được bản thảo.",
        "en": "Sorry, only reviewers answer drafts.",
    },
    "drafts.already.approved": {
        "vi": "Bản thảo lần {version} của {speaker} đã được duyệt đạt.",
        "en": "Version {version} of {speaker}'s draft is already approved.",
    },
    "drafts.already.changes": {
        "vi": "Bản thảo lần {version} của {speaker} đã được trả lời cần sửa.",
        "en": "Version {version} of {speaker}'s draft was already sent back for changes.",
    },
    "drafts.already.replaced": {
        "vi": "Bản thảo lần {version} của {speaker} đã có bản mới thay thế; "
        "vui lòng duyệt bản mới nhất.",
        "en": "Version {version} of {speaker}'s draft was replaced by a newer one; "
        "please review the latest.",
    },
    "drafts.already.review": {
        "vi": "Bản thảo lần {version} của {speaker} đang chờ duyệt.",
        "en": "Version {version} of {speaker}'s draft is waiting for review.",
    },
    "drafts.ask_comment": {
        "vi": "Anh/chị nhập góp ý cần sửa (tối đa {limit} ký tự); bot sẽ chuyển tới báo cáo "
        "viên. /huy để thôi.",
        "en": "Type what needs changing (at most {limit} characters); it goes to the "
        "speaker. /huy to stop.",
    },
    "drafts.approved_notice": {
        "vi": "✅ Bản thảo lần {version} ({name}) đã được duyệt đạt. Cảm ơn anh/chị.",
        "en": "✅ Version {version} of your draft ({name}) is approved. Thank you.",
    },
    "drafts.changes_notice": {
        "vi": "✏️ Bản thảo lần {version} ({name}) cần sửa. Góp ý của người duyệt:\n{comment}\n\n"
        "Anh/chị gửi bản đã sửa vào cuộc trò chuyện này.",
        "en": "✏️ Version {version} of your draft ({name}) needs changes. The reviewer "
        "says:\n{comment}\n\nSend the revised file in this chat.",
    },
    "drafts.approved": {
        "vi": "Đã ghi nhận: bản thảo lần {version} của {speaker} đạt. Đã báo {told} tài khoản "
        "của báo cáo viên.",
        "en": "Recorded: version {version} of {speaker}'s draft approved. {told} of the "
        "speaker's accounts told.",
    },
    "drafts.changes_sent": {
        "vi": "Đã gửi góp ý cho {speaker} (bản thảo lần {version}); đã báo {told} tài khoản.",
        "en": "Your comment went to {speaker} (version {version}); {told} accounts told.",
    },
    "drafts.overview_refused": {
        "vi": "Xin lỗi, lệnh này dành cho Ban tổ chức và người duyệt.",
        "en": "Sorry, this command is for organisers and reviewers.",
    },
    "drafts.overview_title": {
        "vi": "📝 Bản thảo bài báo cáo:",
        "en": "📝 Drafts of talks:",
    },
    "drafts.line.missing": {
        "vi": "⬜ {name}: chưa gửi{joined}",
        "en": "⬜ {name}: not sent{joined}",
    },
    "drafts.line.review": {
        "vi": "⏳ {name}: lần {version} đang chờ duyệt{joined}",
        "en": "⏳ {name}: version {version} in review{joined}",
    },
    "drafts.line.approved": {
        "vi": "✅ {name}: lần {version} đã duyệt đạt{joined}",
        "en": "✅ {name}: version {version} approved{joined}",
    },
    "drafts.line.changes": {
        "vi": "✏️ {name}: lần {version} cần sửa, chờ bản mới{joined}",
        "en": "✏️ {name}: version {version} needs changes{joined}",
    },
    "drafts.not_joined": {
        "vi": " (chưa tham gia bot)",
        "en": " (not on the bot yet)",
    },
    "drafts.overview_counts": {
        "vi": "\nChưa gửi: {missing} · Chờ duyệt: {review} · Cần sửa: {changes} · "
        "Đã duyệt: {approved}",
        "en": "\nMissing: {missing} · In review: {review} · To revise: {changes} · "
        "Approved: {approved}",
    },
    "deadlines.due": {"vi": "hạn chót hết ngày {date}", "en": "due by the end of {date}"},
    "deadlines.due_unset": {
        "vi": "hạn tính theo ngày hội nghị (chưa có ngày)",
        "en": "due relative to the session (no date yet)",
    },
    "deadlines.file_owed": {"vi": "\n📎 Cần gửi kèm tệp.", "en": "\n📎 A file is owed."},
    "deadlines.item": {
        "vi": "📌 {what}\n👤 {owner} · {due}{file}",
        "en": "📌 {what}\n👤 {owner} · {due}{file}",
    },
    "deadlines.done_button": {"vi": "✅ Đã xong", "en": "✅ Done"},
    "deadlines.reminder": {
        "vi": '⏰ Còn {days} ngày đến hạn:\n{item}\n\nKhi hoàn thành, anh/chị bấm "Đã xong".',
        "en": '⏰ {days} days left:\n{item}\n\nWhen it is done, press "Done".',
    },
    "deadlines.reminder_today": {
        "vi": '⏰ Hôm nay là hạn chót:\n{item}\n\nKhi hoàn thành, anh/chị bấm "Đã xong".',
        "en": '⏰ Due today:\n{item}\n\nWhen it is done, press "Done".',
    },
    "deadlines.overdue_notice": {
        "vi": "❗ Đã quá hạn, chưa hoàn thành:\n{item}",
        "en": "❗ Overdue and not done:\n{item}",
    },
    "deadlines.status.done": {"vi": "✅ Đã xong ngày {date}", "en": "✅ Done on {date}"},
    "deadlines.status.overdue": {"vi": "❗ Quá hạn", "en": "❗ Overdue"},
    "deadlines.status.open": {"vi": "⏳ Chưa xong", "en": "⏳ Open"},
    "deadlines.none_in_plan": {
        "vi": "Kế hoạch hiện tại không có hạn nộp nào.",
        "en": "The current plan has no deadlines.",
    },
    "deadlines.none_for_you": {
        "vi": "Anh/chị không có việc nào phải nộp theo kế hoạch.",
        "en": "You owe nothing in the plan.",
    },
    "deadlines.overview_title": {
        "vi": "📋 Các hạn nộp theo đơn vị: {overdue}/{total} quá hạn",
        "en": "📋 Deadlines by owner: {overdue} of {total} overdue",
    },
    "deadlines.overview_line": {
        "vi": "• {what} (hết ngày {due}): {status}",
        "en": "• {what} (by {due}): {status}",
    },
    "deadlines.not_yours": {
        "vi": "Xin lỗi, việc này không thuộc anh/chị (hoặc không còn trong kế hoạch).",
        "en": "Sorry, this item is not yours (or is no longer in the plan).",
    },
    "deadlines.already_done": {
        "vi": 'Việc "{what}" đã được đánh dấu hoàn thành trước đó.',
        "en": '"{what}" was already marked done.',
    },
    "deadlines.ask_file": {
        "vi": 'Anh/chị gửi tệp cho việc "{what}" (tệp {allowed}, tối đa {limit} MB). /huy để thôi.',
        "en": 'Send the file for "{what}" ({allowed}, at most {limit} MB). /huy to stop.',
    },
    "deadlines.marked": {
        "vi": "✅ Đã ghi nhận hoàn thành: {what}. Cảm ơn anh/chị.",
        "en": "✅ Marked done: {what}. Thank you.",
    },
}
