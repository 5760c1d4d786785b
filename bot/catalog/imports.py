"""Texts of `hoinghi import` (a focal point's delegate file) and of personal invite links."""

TEXTS: dict[str, dict[str, str]] = {
    "import.col.number": {"vi": "STT", "en": "No."},
    "import.col.name": {"vi": "Họ và tên", "en": "Full name"},
    "import.col.position": {"vi": "Chức vụ", "en": "Position"},
    "import.col.unit": {"vi": "Đơn vị", "en": "Unit"},
    "import.col.workplace": {"vi": "Đơn vị công tác", "en": "Workplace"},
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
    "import.example_workplace": {
        "vi": "UBND xã Lộc Tấn",
        "en": "Loc Tan commune People's Committee",
    },
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
        "Họ và tên, Chức vụ, Đơn vị, Đơn vị công tác, Xã/phường, Số điện thoại.",
        "en": "the column name «{header}» is not known; the column is ignored. Known columns: "
        "STT, Họ và tên, Chức vụ, Đơn vị, Đơn vị công tác, Xã/phường, Số điện thoại.",
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
        "vi": "File CSV phải lưu theo bảng mã UTF-8 hoặc UTF-16 (file này có vẻ là bảng mã "
        "khác, như Windows-1258 hay Latin-1, nên tiếng Việt sẽ sai dấu). Trong Excel: Lưu thành "
        "→ CSV UTF-8.",
        "en": "The CSV file must be saved as UTF-8 or UTF-16 (this one looks like another "
        "encoding, such as Windows-1258 or Latin-1, which would garble Vietnamese). In Excel: "
        "Save as → CSV UTF-8.",
    },
    "import.limit_bytes": {
        "vi": "File nặng {size} MB, quá giới hạn {limit} MB cho một lần nhập. Hãy chia danh sách "
        "thành nhiều file nhỏ hơn.",
        "en": "The file is {size} MB, over the {limit} MB limit of one import. Please split the "
        "list into smaller files.",
    },
    "import.limit_bytes_unread": {
        "vi": "File quá giới hạn {limit} MB cho một lần nhập. Hãy chia danh sách thành nhiều "
        "file nhỏ hơn.",
        "en": "The file is over the {limit} MB limit of one import. Please split the list into "
        "smaller files.",
    },
    "import.limit_unpacked": {
        "vi": "File Excel khi giải nén lớn bất thường (quá {limit} MB × 20), nên không được mở. "
        "Hãy lưu lại danh sách thành file mới (chỉ gồm dữ liệu) rồi gửi lại.",
        "en": "The Excel file unpacks to an unusual size (over {limit} MB × 20), so it is not "
        "opened. Please save the list as a new file (data only) and send it again.",
    },
    "import.limit_rows": {
        "vi": "File có hơn {limit} dòng dữ liệu, quá giới hạn của một lần nhập. Hãy chia thành "
        "nhiều file.",
        "en": "The file has more than {limit} data rows, over the limit of one import. Please "
        "split it into several files.",
    },
    "import.limit_columns": {
        "vi": "Dòng {line} có dữ liệu ở cột {column}, quá giới hạn {limit} cột. Hãy xoá các cột "
        "thừa (danh sách chỉ cần các cột của file mẫu).",
        "en": "Row {line} has data in column {column}, past the limit of {limit} columns. Please "
        "delete the extra columns (the list needs only the template's columns).",
    },
    "import.limit_cells": {
        "vi": "File Excel chứa quá nhiều ô chữ (hơn {columns}, tức {rows} dòng × số cột cho "
        "phép), nên không được mở.",
        "en": "The Excel file holds too many text cells (more than {columns}: {rows} rows × the "
        "columns allowed), so it is not opened.",
    },
    "import.limit_seconds": {
        "vi": "Đọc file quá {seconds} giây nên đã dừng, chưa nhập gì. Hãy chia danh sách thành "
        "nhiều file nhỏ hơn.",
        "en": "Reading the file took more than {seconds} seconds, so it stopped; nothing was "
        "imported. Please split the list into smaller files.",
    },
    "import.limit_memory": {
        "vi": "File cần quá nhiều bộ nhớ để đọc nên đã dừng, chưa nhập gì. Hãy lưu lại danh sách "
        "thành file mới (chỉ gồm dữ liệu) rồi gửi lại.",
        "en": "The file needs too much memory to read, so it stopped; nothing was imported. "
        "Please save the list as a new file (data only) and send it again.",
    },
    "import.too_deep": {
        "vi": "File Excel có cấu trúc lồng nhau bất thường, nên không được mở.",
        "en": "The Excel file has an unusually nested structure, so it is not opened.",
    },
    "import.bad_csv": {
        "vi": "File CSV bị hỏng ở dòng {line} (ký tự lạ, dấu ngoặc kép không đóng hoặc một ô quá "
        "dài). Hãy mở bằng Excel và lưu lại thành CSV UTF-8.",
        "en": "The CSV file is broken at row {line} (odd characters, an unclosed quote or a cell "
        "far too long). Please open it in Excel and save it again as CSV UTF-8.",
    },
    "import.cell_too_long": {
        "vi": "ô dài quá {limit} ký tự.",
        "en": "the cell is longer than {limit} characters.",
    },
    "import.cell_bad_reference": {
        "vi": "ô có địa chỉ không hợp lệ trong file.",
        "en": "the cell has an invalid address in the file.",
    },
    "import.cell_bad_string": {
        "vi": "ô chữ bị hỏng (không đọc được nội dung).",
        "en": "the text cell is broken (its content cannot be read).",
    },
    "import.cell_error_value": {
        "vi": "ô báo lỗi {value}; hãy gõ giá trị thay cho công thức.",
        "en": "the cell shows the error {value}; please type the value instead of a formula.",
    },
    "import.cell_not_number": {
        "vi": "ô kiểu số nhưng chứa «{value}», không phải số.",
        "en": "a number cell holding «{value}», which is not a number.",
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
    "import.bad_workplace": {
        "vi": "«{value}» không phải tên đơn vị công tác hợp lệ.",
        "en": "«{value}» is not a valid workplace.",
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
    "import.summary_held": {
        "vi": "{count} dòng trùng với người đã có (cùng số điện thoại nhưng khác tên, hoặc cùng "
        "tên trong xã nhưng khác số) chưa được nhập, chờ quyết định.",
        "en": "{count} rows that conflict with people already known (the same phone under "
        "another name, or the same name in the commune with another phone) were held back for "
        "a decision.",
    },
    "import.summary_skipped": {
        "vi": "{count} dòng trùng được bỏ qua.",
        "en": "{count} conflicting rows were skipped.",
    },
    "import.more_errors": {
        "vi": "… và {count} lỗi nữa: xem đủ trong tệp báo cáo.",
        "en": "… and {count} more errors: see the whole report file.",
    },
    "import.report.line": {"vi": "Dòng", "en": "Row"},
    "import.report.column": {"vi": "Cột", "en": "Column"},
    "import.report.problem": {"vi": "Lỗi", "en": "Problem"},
    "import.report_written": {
        "vi": "Báo cáo đầy đủ ({count} lỗi) đã ghi vào {path}.",
        "en": "The whole report ({count} errors) was written to {path}.",
    },
    "import.phone_hidden": {"vi": "(số ẩn)", "en": "(phone hidden)"},
    "import.conflict.phone": {
        "vi": "số {phone} của «{name}» đã có trong danh sách với tên «{stored_name}».",
        "en": "the phone {phone} of «{name}» is already stored under the name «{stored_name}».",
    },
    "import.conflict.name": {
        "vi": "«{name}» (số {phone}) đã có trong danh sách cùng xã/phường với số "
        "khác ({stored_phone}).",
        "en": "«{name}» (phone {phone}) is already stored in the same commune with "
        "another phone ({stored_phone}).",
    },
    "import.conflicts_cli": {
        "vi": "Các dòng trùng trên chưa được nhập. Chạy lại với --on-conflict keep (giữ cả hai "
        "người), replace (thay người đã có bằng dòng mới) hoặc skip (bỏ qua các dòng này).",
        "en": "The conflicting rows above were not imported. Run again with --on-conflict keep "
        "(keep both people), replace (the row replaces the stored person) or skip (drop these "
        "rows).",
    },
    "import.on_conflict_help": {
        "vi": "cách xử lý dòng trùng với người đã có: keep (giữ cả hai), replace (thay bằng dòng "
        "mới), skip (bỏ qua); không ghi: các dòng trùng được giữ lại và liệt kê",
        "en": "what to do with rows that conflict with stored people: keep (keep both), replace "
        "(the row replaces), skip (drop them); without it they are held back and listed",
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
