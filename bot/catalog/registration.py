"""Texts of the registration conversation and of /toi, /sua, /xoa."""

TEXTS: dict[str, dict[str, str]] = {
    "reg.welcome": {
        "vi": "Xin chào! Đây là bot của Ban tổ chức {series}.\n"
        "Bot giúp anh/chị đăng ký đại biểu, xem lịch và địa điểm hội nghị. "
        "Đăng ký chỉ mất khoảng một phút; gõ /huy để dừng bất cứ lúc nào. Nếu đã đăng ký trên "
        "ứng dụng khác (Telegram hoặc Zalo), gõ /huy rồi /lienket để dùng chung hồ sơ.",
        "en": "Hello! This is the organisers' bot for {series}.\n"
        "It registers delegates and answers schedule and venue questions. Registering takes "
        "about a minute; type /huy to stop at any time. If you registered in the other app "
        "(Telegram or Zalo), type /huy then /lienket to share that record.",
    },
    "reg.welcome_back": {
        "vi": "Chào anh/chị {name}! Anh/chị đã đăng ký. Gõ /lichcuatoi để xem lịch, "
        "/sua để sửa thông tin.",
        "en": "Welcome back, {name}! You are registered. /lichcuatoi shows your schedule, "
        "/sua changes your details.",
    },
    "reg.welcome_role": {
        "vi": "Xin chào! Anh/chị đang giữ vai trò trong Ban tổ chức hoặc là đầu mối, báo cáo viên "
        "của hội nghị; gõ /trogiup để xem các lệnh dành cho anh/chị. Nếu anh/chị cũng dự hội "
        "nghị với tư cách đại biểu, chọn «Đăng ký làm đại biểu».",
        "en": "Hello! You hold a role with the organisers (or as a focal point or speaker); "
        "/trogiup lists your commands. If you also attend as a delegate, press «Register as a "
        "delegate».",
    },
    "reg.button_as_delegate": {"vi": "Đăng ký làm đại biểu", "en": "Register as a delegate"},
    "reg.invite_commune": {
        "vi": "Anh/chị được mời dự với tư cách đại biểu của {commune}.",
        "en": "You are invited as a delegate of {commune}.",
    },
    "reg.invite_unknown": {
        "vi": "Mã mời trong đường link không hợp lệ; anh/chị vẫn có thể đăng ký bình thường.",
        "en": "The invite code in the link is not valid; you can still register as usual.",
    },
    "reg.ask_commune": {
        "vi": "Anh/chị thuộc xã/phường nào của {province}? Hãy gõ tên, ví dụ: Lộc Tấn.\n"
        "Nếu anh/chị công tác ở cơ quan cấp thành phố, chọn «Tôi thuộc cơ quan cấp thành "
        "phố» bên dưới.",
        "en": "Which commune or ward of {province} are you from? Type its name, e.g. Lộc Tấn.\n"
        "If you work for a city-level body, press the button below.",
    },
    "reg.button_city_level": {
        "vi": "Tôi thuộc cơ quan cấp thành phố",
        "en": "I work for a city-level body",
    },
    "reg.which_commune": {
        "vi": "Có nhiều xã/phường gần giống tên này. Anh/chị thuộc xã/phường nào?",
        "en": "Several communes have a similar name. Which one is yours?",
    },
    "reg.unknown_commune": {
        "vi": "Không tìm thấy xã/phường «{text}» ở {province}. Anh/chị kiểm tra lại tên "
        "(theo tên mới sau sắp xếp năm 2025).",
        "en": "No commune «{text}» found in {province}. Please check the name "
        "(as renamed in 2025).",
    },
    "reg.ask_name": {
        "vi": "Xin cho biết họ và tên đầy đủ của anh/chị (có dấu), ví dụ: Nguyễn Văn An.",
        "en": "Your full name, please (with diacritics), e.g. Nguyễn Văn An.",
    },
    "reg.name_without_diacritics": {
        "vi": "Anh/chị gõ lại họ và tên có dấu giúp Ban tổ chức (ví dụ: Nguyễn Văn An), để danh "
        "sách in ra được đúng. Nếu «{name}» đã đúng, anh/chị gõ lại đúng như vậy.",
        "en": "Please type your full name again with diacritics (e.g. Nguyễn Văn An) so that "
        "printed lists are right. If «{name}» is right, type it again as it is.",
    },
    "reg.commune_matched": {
        "vi": "Đã ghi nhận: {value}.",
        "en": "Noted: {value}.",
    },
    "reg.category_matched": {
        "vi": "Đã ghi nhận thành phần: {value}.",
        "en": "Noted, category: {value}.",
    },
    "reg.which_category": {
        "vi": "Có vài thành phần gần giống. Anh/chị thuộc thành phần nào?",
        "en": "Several categories fit. Which one is yours?",
    },
    "reg.invalid_name": {
        "vi": "Họ và tên chỉ gồm chữ cái và khoảng trắng, từ 2 đến 80 ký tự.",
        "en": "A name has only letters and spaces, 2 to 80 characters.",
    },
    "reg.ask_position": {
        "vi": "Chức vụ của anh/chị là gì? Ví dụ: Phó Chủ tịch UBND xã, Trưởng ấp.",
        "en": "What is your position? E.g. Vice-chairman of the commune People's Committee.",
    },
    "reg.invalid_position": {
        "vi": "Chức vụ cần có chữ, từ 2 đến 120 ký tự.",
        "en": "A position needs letters, 2 to 120 characters.",
    },
    "reg.ask_category": {
        "vi": "Anh/chị thuộc thành phần đại biểu nào? Chọn một mục bên dưới (hoặc gõ tên "
        "thành phần).",
        "en": "Which delegate category are you? Choose one below (or type its name).",
    },
    "reg.button_other": {"vi": "Khác (ghi rõ)", "en": "Other (specify)"},
    "reg.use_buttons": {
        "vi": "Anh/chị vui lòng chọn một mục trong danh sách bên dưới.",
        "en": "Please choose one from the list below.",
    },
    "reg.ask_category_other": {
        "vi": "Xin ghi rõ đơn vị hoặc thành phần của anh/chị.",
        "en": "Please name your unit or category.",
    },
    "reg.invalid_category_other": {
        "vi": "Đơn vị cần có chữ, từ 2 đến 120 ký tự.",
        "en": "A unit needs letters, 2 to 120 characters.",
    },
    "reg.ask_phone": {
        "vi": "Cuối cùng, anh/chị cho biết số điện thoại để Ban tổ chức liên hệ khi cần.",
        "en": "Last, your phone number, so that the organisers can reach you.",
    },
    "reg.share_phone": {"vi": "📱 Chia sẻ số điện thoại", "en": "📱 Share my phone number"},
    "reg.skip": {"vi": "Bỏ qua", "en": "Skip"},
    "reg.invalid_phone": {
        "vi": "Số điện thoại chưa đúng. Số Việt Nam gồm 10 chữ số, ví dụ 0912 345 678.",
        "en": "That phone number is not valid. A Vietnamese number has 10 digits, e.g. "
        "0912 345 678.",
    },
    "reg.not_own_contact": {
        "vi": "Anh/chị vui lòng chia sẻ số điện thoại của chính mình.",
        "en": "Please share your own phone number.",
    },
    "reg.need_text": {
        "vi": "Bot chưa đọc được nội dung này. Anh/chị vui lòng trả lời bằng chữ.",
        "en": "The bot cannot read that. Please answer in text.",
    },
    "reg.done": {
        "vi": "Cảm ơn anh/chị đã đăng ký! Gõ /lichcuatoi để xem lịch hội nghị.",
        "en": "Thank you for registering! Type /lichcuatoi to see your schedule.",
    },
    "reg.updated": {"vi": "Đã cập nhật thông tin.", "en": "Your details were updated."},
    "reg.cancelled": {
        "vi": "Đã dừng. Thông tin đã lưu trước đó (nếu có) không thay đổi.",
        "en": "Stopped. What was stored before, if anything, is unchanged.",
    },
    "reg.nothing_to_cancel": {
        "vi": "Hiện không có thao tác nào đang làm dở.",
        "en": "Nothing is in progress.",
    },
    "profile.summary": {
        "vi": "Thông tin đại biểu:\n• Họ và tên: {name}\n• Chức vụ: {position}\n"
        "• Xã/phường: {commune}\n• Thành phần: {category}\n• Số điện thoại: {phone}",
        "en": "Delegate details:\n• Full name: {name}\n• Position: {position}\n"
        "• Commune: {commune}\n• Category: {category}\n• Phone: {phone}",
    },
    "reg.register_for_my_schedule": {
        "vi": "Anh/chị chưa đăng ký xã/phường nên bot gửi toàn bộ lịch. Gõ /start để đăng ký.",
        "en": "You have not registered a commune, so here is the whole schedule. /start registers.",
    },
    "profile.city_level": {"vi": "cơ quan cấp thành phố", "en": "city-level body"},
    "profile.no_phone": {"vi": "chưa cung cấp", "en": "not given"},
    "profile.not_registered": {
        "vi": "Anh/chị chưa đăng ký đại biểu. Gõ /start để đăng ký.",
        "en": "You are not registered. Type /start to register.",
    },
    "profile.ask_field": {
        "vi": "Anh/chị muốn sửa thông tin nào?",
        "en": "Which detail do you want to change?",
    },
    "profile.field_commune": {"vi": "Xã/phường", "en": "Commune"},
    "profile.field_name": {"vi": "Họ và tên", "en": "Full name"},
    "profile.field_position": {"vi": "Chức vụ", "en": "Position"},
    "profile.field_category": {"vi": "Thành phần", "en": "Category"},
    "profile.field_phone": {"vi": "Số điện thoại", "en": "Phone"},
    "profile.phone_updated": {
        "vi": "Đã cập nhật số điện thoại: {phone}.",
        "en": "Phone number updated: {phone}.",
    },
    "profile.erase_confirm": {
        "vi": "Anh/chị có chắc muốn xóa toàn bộ thông tin cá nhân đã đăng ký (họ tên, chức vụ, "
        "xã/phường, số điện thoại)? Việc này không hoàn tác được.",
        "en": "Delete all your registered personal data (name, position, commune, phone)? "
        "This cannot be undone.",
    },
    "profile.erase_yes": {"vi": "Xóa thông tin", "en": "Delete"},
    "profile.erase_no": {"vi": "Giữ lại", "en": "Keep"},
    "profile.erase_kept": {"vi": "Đã giữ nguyên thông tin.", "en": "Nothing was deleted."},
    "profile.erased": {
        "vi": "Đã xóa thông tin cá nhân của anh/chị. Gõ /start nếu muốn đăng ký lại.",
        "en": "Your personal data was deleted. Type /start to register again.",
    },
    "profile.nothing_to_erase": {
        "vi": "Bot không lưu thông tin đại biểu nào của anh/chị.",
        "en": "No delegate details are stored about you.",
    },
}
