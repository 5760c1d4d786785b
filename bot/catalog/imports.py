"""Texts of `hoinghi import` (a focal point's delegate file) and of personal invite links."""

TEXTS: dict[str, dict[str, str]] = {
    "import.col.number": {"vi": "STT", "en": "No."},
    "import.col.name": {"vi": "Họ và tên", "en": "Full name"},
    "import.col.position": {"vi": "Chức vụ", "en": "Position"},
    "import.col.unit": {"vi": "Đơn vị", "en": "Unit"},
    "import.col.commune": {"vi": "Xã/phường", "en": "Commune/ward"},
    "import.col.phone": {"vi": "Số điện thoại", "en": "Phone"},
    "import.col.link": {"vi": "Đường link mời", "en": "Invite link"},
    "import.sheet": {"vi": "Danh sách đại biểu", "en": "Delegates"},
    "import.units_sheet": {"vi": "Mã đơn vị", "en": "Unit codes"},
    "import.units_code": {"vi": "Mã", "en": "Code"},
    "import.units_label": {"vi": "Tên đơn vị", "en": "Unit"},
    "import.units_other": {
        "vi": "Khác: ghi rõ tên đơn vị vào cột Đơn vị",
        "en": "Other: write the unit's name in the Unit column",
    },
    "import.links_sheet": {"vi": "Link mời", "en": "Invite links"},
    "import.example_name": {"vi": "Nguyễn Văn A", "en": "Nguyen Van A"},
    "import.example_position": {"vi": "Phó Chủ tịch UBND xã", "en": "Vice Chairman of the commune"},
    "import.already_linked": {
        "vi": "Đã đăng ký qua chat, không cần link",
        "en": "Already registered in the chat, no link needed",
    },
    "import.error_line": {
        "vi": "Dòng {line}, cột {column}: {problem}",
        "en": "Row {line}, column {column}: {problem}",
    },
    "import.unknown_header": {
        "vi": "không nhận ra tên cột «{header}»; cột này được bỏ qua. Các cột dùng được: STT, "
        "Họ và tên, Chức vụ, Đơn vị, Xã/phường, Số điện thoại.",
        "en": "the column name «{header}» is not known; the column is ignored. Known columns: "
        "STT, Họ và tên, Chức vụ, Đơn vị, Xã/phường, Số điện thoại.",
    },
    "import.missing_columns": {
        "vi": "Dòng tiêu đề (dòng {line}) thiếu cột: {columns}. Hãy dùng file mẫu "
        "(hoinghi import --template mau.xlsx).",
        "en": "The header row (row {line}) lacks the columns: {columns}. Please use the "
        "template (hoinghi import --template template.xlsx).",
    },
    "import.empty": {
        "vi": "File không có dòng nào.",
        "en": "The file has no rows.",
    },
    "import.bad_type": {
        "vi": "Chỉ nhận file .xlsx hoặc .csv (file này là .{suffix}).",
        "en": "Only .xlsx or .csv files are accepted (this one is .{suffix}).",
    },
    "import.bad_xlsx": {
        "vi": "Không mở được file Excel: {problem}",
        "en": "The Excel file cannot be opened: {problem}",
    },
    "import.bad_encoding": {
        "vi": "File CSV phải lưu theo bảng mã UTF-8 (trong Excel: Lưu thành → CSV UTF-8).",
        "en": "The CSV file must be saved as UTF-8 (in Excel: Save as → CSV UTF-8).",
    },
    "import.cannot_read": {
        "vi": "Không đọc được file {path}: {problem}",
        "en": "Cannot read {path}: {problem}",
    },
    "import.need_file": {
        "vi": "Cần chỉ ra file cần nhập, ví dụ: hoinghi import danh-sach.xlsx",
        "en": "Name the file to import, e.g. hoinghi import delegates.xlsx",
    },
    "import.empty_name": {"vi": "chưa có họ và tên.", "en": "the full name is missing."},
    "import.bad_name": {
        "vi": "«{value}» không phải họ và tên hợp lệ (chỉ gồm chữ cái, 2–80 ký tự).",
        "en": "«{value}» is not a valid full name (letters only, 2–80 characters).",
    },
    "import.empty_position": {"vi": "chưa có chức vụ.", "en": "the position is missing."},
    "import.bad_position": {
        "vi": "«{value}» không phải chức vụ hợp lệ.",
        "en": "«{value}» is not a valid position.",
    },
    "import.empty_unit": {"vi": "chưa có đơn vị.", "en": "the unit is missing."},
    "import.bad_unit": {
        "vi": "«{value}» không phải tên đơn vị hợp lệ.",
        "en": "«{value}» is not a valid unit name.",
    },
    "import.empty_commune": {
        "vi": "chưa có xã/phường.",
        "en": "the commune/ward is missing.",
    },
    "import.ambiguous_commune": {
        "vi": "«{value}» có thể là: {candidates}. Hãy ghi đúng tên xã/phường.",
        "en": "«{value}» could be: {candidates}. Please write the exact commune/ward name.",
    },
    "import.unknown_commune": {
        "vi": "không tìm thấy xã/phường «{value}» trong {province}.",
        "en": "no commune/ward «{value}» in {province}.",
    },
    "import.bad_phone": {
        "vi": "«{value}» không phải số điện thoại Việt Nam (10 chữ số, bắt đầu bằng 0, hoặc +84…).",
        "en": "«{value}» is not a Vietnamese phone number (10 digits starting with 0, or +84…).",
    },
    "import.summary": {
        "vi": "Đã nhập {stored} dòng: {added} đại biểu mới, {merged} gộp với người đã có "
        "(cùng số điện thoại). {invalid} dòng có lỗi, không được nhập.",
        "en": "Imported {stored} rows: {added} new delegates, {merged} merged with people "
        "already known (same phone). {invalid} rows with errors were not imported.",
    },
    "import.links_written": {
        "vi": "Đã ghi danh sách link mời ({count} người) vào {path}.",
        "en": "Wrote the invite links ({count} people) to {path}.",
    },
    "import.links_without_bot": {
        "vi": "Chưa có tên bot (--bot), nên cột link mời ghi lệnh /start để người dùng gõ cho bot.",
        "en": "No bot name (--bot) was given, so the link column holds the /start command "
        "to type to the bot.",
    },
    "import.template_written": {
        "vi": "Đã ghi file mẫu vào {path}.",
        "en": "Wrote the template to {path}.",
    },
    "import.help": {
        "vi": "nhập danh sách đại biểu từ file XLSX hoặc CSV",
        "en": "import delegates from an XLSX or CSV file",
    },
    "import.description": {
        "vi": "Nhập danh sách đại biểu (XLSX hoặc CSV: STT, Họ và tên, Chức vụ, Đơn vị, "
        "Xã/phường, Số điện thoại). Mỗi dòng được kiểm tra; dòng hợp lệ được lưu, người trùng "
        "số điện thoại được gộp; kèm theo file link mời riêng cho từng người.",
        "en": "Import delegates (XLSX or CSV: STT, Họ và tên, Chức vụ, Đơn vị, Xã/phường, "
        "Số điện thoại). Every row is checked; valid rows are stored, people with the same "
        "phone are merged; a file of personal invite links is written.",
    },
    "import.file_help": {"vi": "file cần nhập (.xlsx, .csv)", "en": "the file (.xlsx, .csv)"},
    "import.template_help": {
        "vi": "ghi file mẫu (XLSX) vào đường dẫn này",
        "en": "write the template (XLSX) to this path",
    },
    "import.links_help": {
        "vi": "file link mời (mặc định loi-moi-<tên file>.xlsx)",
        "en": "the invite links file (default loi-moi-<file name>.xlsx)",
    },
    "import.bot_help": {
        "vi": "tên bot Telegram, để ghi link https://t.me/<bot>?start=…",
        "en": "the Telegram bot's username, for links https://t.me/<bot>?start=…",
    },
    # The chat: /start p-<code>.
    "import.claimed": {
        "vi": "Chào mừng {name}! Đơn vị đã đăng ký anh/chị dự hội nghị; tài khoản này đã được "
        "gắn với thông tin dưới đây. Nếu có gì chưa đúng, gõ /sua để sửa.",
        "en": "Welcome, {name}! Your unit registered you for the conference; this account is "
        "now linked to the details below. If anything is wrong, type /sua to fix it.",
    },
    "import.claim_unknown": {
        "vi": "Đường link mời này đã được dùng hoặc không còn hiệu lực. Anh/chị vui lòng đăng "
        "ký theo các bước dưới đây.",
        "en": "This invite link has already been used or is no longer valid. Please register "
        "with the steps below.",
    },
}
