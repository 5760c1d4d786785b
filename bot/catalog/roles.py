"""Texts of roles and invitations: /moi, /start r-<code>, /quyen, `hoinghi roles`,
`hoinghi invites`."""

TEXTS: dict[str, dict[str, str]] = {
    "roles.name.admin": {"vi": "Quản trị", "en": "Admin"},
    "roles.name.organiser": {"vi": "Ban tổ chức", "en": "Organiser"},
    "roles.name.focal": {"vi": "Đầu mối", "en": "Focal point"},
    "roles.name.speaker": {"vi": "Báo cáo viên", "en": "Speaker"},
    "roles.name.reviewer": {"vi": "Người duyệt", "en": "Reviewer"},
    "roles.scope.commune": {"vi": "xã/phường {name}", "en": "commune {name}"},
    "roles.scope.unit": {"vi": "thành phần {name}", "en": "unit {name}"},
    "roles.reach.series": {"vi": "đợt hội nghị {series}", "en": "series {series}"},
    "roles.reach.province": {
        "vi": "mọi đợt hội nghị của tỉnh {province}",
        "en": "every series of {province}",
    },
    "roles.reach.everywhere": {"vi": "toàn hệ thống", "en": "the whole deployment"},
    "roles.other_series": {
        "vi": "Xin lỗi, quyền của anh/chị không áp dụng cho {series}. "
        "Gõ /quyen để xem anh/chị có quyền ở đợt hội nghị nào.",
        "en": "Sorry, your roles do not cover {series}. "
        "Type /quyen to see which series your roles cover.",
    },
    "roles.organisers_only": {
        "vi": "Xin lỗi, lệnh này chỉ dành cho Ban tổ chức.",
        "en": "Sorry, this command is for the organisers only.",
    },
    "roles.admins_only": {
        "vi": "Xin lỗi, chỉ Quản trị mới tạo được mã mời Ban tổ chức. "
        "Ban tổ chức có thể mời đầu mối: /moi dau-moi <tên xã/phường hoặc mã thành phần>",
        "en": "Sorry, only admins can invite organisers. Organisers can invite focal points: "
        "/moi dau-moi <commune name or unit code>",
    },
    "roles.invite_usage": {
        "vi": "Cách dùng:\n• /moi organiser — mời một người vào Ban tổ chức (chỉ Quản trị)\n"
        "• /moi dau-moi <tên xã/phường hoặc mã thành phần> — mời một đầu mối\n"
        "• /moi baocaovien <mã hoặc tên báo cáo viên> — mời một báo cáo viên\n"
        "• /moi kiemduyet — mời một người duyệt bản thảo bài báo cáo",
        "en": "Usage:\n• /moi organiser — invite an organiser (admins only)\n"
        "• /moi dau-moi <commune name or unit code> — invite a focal point\n"
        "• /moi baocaovien <speaker id or name> — invite a speaker\n"
        "• /moi kiemduyet — invite a reviewer of the drafts of talks",
    },
    "roles.invite_unknown_scope": {
        "vi": "Không tìm thấy xã/phường hay thành phần “{given}”. Các mã thành phần: {units}",
        "en": "No commune or unit “{given}”. Unit codes: {units}",
    },
    "roles.invite_created": {
        "vi": "Mã mời {role}{scope} (dùng được một lần): {link}\n"
        "Gửi đường dẫn hoặc mã QR này cho đúng người.",
        "en": "Invite for {role}{scope} (works once): {link}\n"
        "Send this link or QR code to the right person only.",
    },
    "roles.invitation": {
        "vi": "Đường dẫn mời đại biểu {scope}: {link}\n"
        "In mã QR này lên giấy mời; đại biểu quét mã là vào đăng ký, không phải gõ tên xã.",
        "en": "Delegate invitation for {scope}: {link}\n"
        "Print this QR code on the paper invitation; scanning it opens registration directly.",
    },
    "roles.invitation_usage": {
        "vi": "Gõ /loimoi kèm tên xã/phường hoặc mã thành phần, ví dụ: /loimoi Lộc Tấn",
        "en": "Type /loimoi with a commune name or a category code, e.g. /loimoi Lộc Tấn",
    },
    "roles.invitation_outside": {
        "vi": "Không tìm thấy xã/phường hoặc thành phần này, hoặc nó nằm ngoài phạm vi của "
        "anh/chị.",
        "en": "No such commune or category, or it is outside your scope.",
    },
    "roles.granted": {
        "vi": "Bạn đã được cấp quyền {role}{scope}. Gõ /quyen để xem quyền của bạn.",
        "en": "You have been granted the role {role}{scope}. Type /quyen to see your roles.",
    },
    "roles.already": {
        "vi": "Bạn đã có quyền {role}{scope} từ trước.",
        "en": "You already had the role {role}{scope}.",
    },
    "roles.invite_invalid": {
        "vi": "Xin lỗi, mã mời này không đúng hoặc đã được dùng. "
        "Vui lòng xin Ban tổ chức một mã mới.",
        "en": "Sorry, this invite code is wrong or already used. "
        "Please ask the organisers for a new one.",
    },
    "roles.mine": {"vi": "Quyền của bạn:\n{roles}", "en": "Your roles:\n{roles}"},
    "roles.none": {
        "vi": "Bạn chưa có quyền nào ngoài quyền đại biểu.",
        "en": "You have no role besides being a delegate.",
    },
    "roles.focal_scope_only": {
        "vi": "(Bạn là đầu mối: chỉ thấy số liệu của {scope}.)",
        "en": "(You are a focal point: you only see {scope}.)",
    },
    # The command line.
    "cli.roles_help": {
        "vi": "xem, cấp và thu hồi quyền (Quản trị, Ban tổ chức, đầu mối)",
        "en": "list, grant and revoke roles (admin, organiser, focal point)",
    },
    "cli.roles_description": {
        "vi": "Xem, cấp và thu hồi quyền. Tài khoản ghi dạng KÊNH:MÃ, ví dụ telegram:123456 "
        "hoặc zalo:987; phạm vi của đầu mối: commune:<mã xã> hoặc unit:<mã thành phần>. "
        "Mọi thay đổi được ghi nhật ký.",
        "en": "List, grant and revoke roles. An account is CHANNEL:ID, e.g. telegram:123456 "
        "or zalo:987; a focal point's scope: commune:<ward code> or unit:<category code>. "
        "Every change is audited.",
    },
    "cli.roles_list_help": {"vi": "liệt kê mọi quyền", "en": "list every role"},
    "cli.roles_grant_help": {"vi": "cấp một quyền", "en": "grant a role"},
    "cli.roles_revoke_help": {"vi": "thu hồi một quyền", "en": "revoke a role"},
    "cli.roles_account_help": {
        "vi": "tài khoản KÊNH:MÃ, ví dụ telegram:123456",
        "en": "the account CHANNEL:ID, e.g. telegram:123456",
    },
    "cli.roles_role_help": {"vi": "quyền", "en": "the role"},
    "cli.roles_scope_help": {
        "vi": "phạm vi, ví dụ commune:25279 hoặc unit:cong-an",
        "en": "the scope, e.g. commune:25279 or unit:cong-an",
    },
    "cli.roles_series_help": {
        "vi": "chỉ trong đợt hội nghị này (mã đợt, xem hoinghi plan list)",
        "en": "only in this series (its id, see hoinghi plan list)",
    },
    "cli.roles_province_help": {
        "vi": 'trong mọi đợt hội nghị của tỉnh này, ví dụ "Lạng Sơn"',
        "en": 'in every series of this province, e.g. "Lạng Sơn"',
    },
    "cli.roles_unknown_series": {
        "vi": "Không có đợt hội nghị “{series}” đang hoạt động. Các đợt đang hoạt động: {known}",
        "en": "No active series “{series}”. Active series: {known}",
    },
    "cli.roles_unknown_province": {
        "vi": "Không có đợt hội nghị nào đang hoạt động của tỉnh “{province}”.",
        "en": "No active series of the province “{province}”.",
    },
    "cli.roles_need_series": {
        "vi": "Quyền này cấp cho một đợt hội nghị: hãy thêm --series <mã đợt> hoặc "
        "--province <tên tỉnh>. Các đợt đang hoạt động: {known}",
        "en": "This role is granted within a series: add --series <id> or --province <name>. "
        "Active series: {known}",
    },
    "cli.roles_bad_account": {
        "vi": "Tài khoản “{account}” không đúng dạng KÊNH:MÃ (ví dụ telegram:123456).",
        "en": "Account “{account}” is not CHANNEL:ID (e.g. telegram:123456).",
    },
    "cli.roles_bad_scope": {
        "vi": "Phạm vi “{scope}” không đúng: dùng commune:<mã xã> hoặc unit:<mã thành phần>.",
        "en": "Scope “{scope}” is wrong: use commune:<ward code> or unit:<category code>.",
    },
    "cli.roles_need_scope": {
        "vi": "Quyền đầu mối cần --scope commune:<mã xã> hoặc unit:<mã thành phần>.",
        "en": "The focal role needs --scope commune:<ward code> or unit:<category code>.",
    },
    "cli.roles_line": {
        "vi": "{channel}:{external_id}\t{role}\t{scope}\t{reach}\t"
        "(cấp bởi {granted_by}, {granted_at})",
        "en": "{channel}:{external_id}\t{role}\t{scope}\t{reach}\t(by {granted_by}, {granted_at})",
    },
    "cli.roles_empty": {"vi": "Chưa có quyền nào.", "en": "No roles yet."},
    "cli.roles_granted": {
        "vi": "Đã cấp quyền {role} {scope} ({reach}) cho {account}.",
        "en": "Granted {role} {scope} ({reach}) to {account}.",
    },
    "cli.roles_already": {
        "vi": "{account} đã có quyền {role} {scope} ({reach}).",
        "en": "{account} already has {role} {scope} ({reach}).",
    },
    "cli.roles_revoked": {
        "vi": "Đã thu hồi {count} quyền {role} của {account}.",
        "en": "Revoked {count} {role} role(s) of {account}.",
    },
    "cli.roles_not_found": {
        "vi": "{account} không có quyền {role} {scope}.",
        "en": "{account} does not have {role} {scope}.",
    },
    "cli.roles_no_plan": {
        "vi": "Chưa có kế hoạch nào trong {database}; hãy chạy: hoinghi plan load <tệp>",
        "en": "No plan in {database} yet; run: hoinghi plan load <file>",
    },
    "cli.invites_help": {
        "vi": "tạo mã QR mời cho từng xã/phường và thành phần (in giấy mời)",
        "en": "make invitation QR codes per commune and per unit (for paper invitations)",
    },
    "cli.invites_description": {
        "vi": "Tạo một ảnh PNG mã QR cho mỗi xã/phường có buổi hội nghị (hoặc mỗi xã/phường "
        "được mời tới --session) và cho mỗi thành phần, cùng tệp muc-luc.csv (tên, đường dẫn, "
        "tệp) để in lên giấy mời.",
        "en": "Make one QR code PNG per commune that has a session (or every commune invited to "
        "--session) and per unit, with an index muc-luc.csv (name, link, file) for the paper "
        "invitations.",
    },
    "cli.invites_bot_help": {
        "vi": "tên bot Telegram, ví dụ HoiNghiBot",
        "en": "the Telegram bot's username, e.g. HoiNghiBot",
    },
    "cli.invites_out_help": {"vi": "thư mục ghi tệp", "en": "the folder to write to"},
    "cli.invites_session_help": {
        "vi": "chỉ các xã/phường được mời tới buổi này (mã buổi)",
        "en": "only the communes invited to this session (session id)",
    },
    "cli.invites_unknown_session": {
        "vi": "Không có buổi “{session}” trong kế hoạch.",
        "en": "No session “{session}” in the plan.",
    },
    "cli.invites_written": {
        "vi": "Đã ghi {communes} mã QR xã/phường và {units} mã QR thành phần vào {out} "
        "(mục lục: {index}).",
        "en": "Wrote {communes} commune and {units} unit QR codes to {out} (index: {index}).",
    },
    "invites.col.name": {"vi": "Tên", "en": "Name"},
    "invites.col.link": {"vi": "Đường dẫn", "en": "Link"},
    "invites.col.file": {"vi": "Tệp", "en": "File"},
    "roles.speaker_usage": {
        "vi": "Anh/chị ghi mã hoặc một phần tên báo cáo viên, ví dụ /moi baocaovien bien-phong. "
        "Các báo cáo viên trong kế hoạch:\n{speakers}",
        "en": "Give the speaker's id or part of the name, e.g. /moi baocaovien bien-phong. "
        "The plan's speakers:\n{speakers}",
    },
}
