"""Texts of the plan checker (`hoinghi plan check`, `hoinghi plan load`)."""

TEXTS: dict[str, dict[str, str]] = {
    "plan.yaml_syntax": {
        "vi": "tệp YAML sai cú pháp ở dòng này (kiểm tra thụt lề, dấu hai chấm, dấu ngoặc kép)",
        "en": "YAML syntax error on this line (check indentation, colons and quotes)",
    },
    "plan.duplicate_key": {
        "vi": "trường này được khai báo hai lần",
        "en": "this field is given twice",
    },
    "plan.error.unreadable": {
        "vi": "không đọc được tệp kế hoạch ({reason})",
        "en": "cannot read the plan file ({reason})",
    },
    "plan.error.missing": {"vi": "thiếu trường bắt buộc", "en": "required field is missing"},
    "plan.error.unknown_field": {
        "vi": "trường không có trong mẫu kế hoạch (kiểm tra chính tả)",
        "en": "unknown field (check the spelling)",
    },
    "plan.error.slug": {
        "vi": "mã chỉ gồm chữ thường không dấu, số và dấu gạch ngang, tối đa 48 ký tự",
        "en": "an id is lowercase letters without accents, digits and hyphens, at most 48",
    },
    "plan.error.datetime": {
        "vi": "ngày giờ không hợp lệ; viết dạng 2026-07-09 08:00 hoặc 09/07/2026 08:00",
        "en": "invalid date and time; write 2026-07-09 08:00 or 09/07/2026 08:00",
    },
    "plan.error.integer": {"vi": "phải là số nguyên", "en": "must be a whole number"},
    "plan.error.number": {"vi": "phải là số", "en": "must be a number"},
    "plan.error.boolean": {"vi": "phải là true hoặc false", "en": "must be true or false"},
    "plan.error.choice": {
        "vi": "giá trị không hợp lệ; chỉ nhận commune (cấp xã), city (cấp thành phố) hoặc "
        "province (cấp tỉnh)",
        "en": "invalid value; use commune, city or province",
    },
    "plan.error.too_short": {"vi": "không được để trống", "en": "must not be empty"},
    "plan.error.too_long": {"vi": "quá dài (tối đa 500 ký tự)", "en": "too long (500 at most)"},
    "plan.error.range": {"vi": "giá trị nằm ngoài khoảng cho phép", "en": "value out of range"},
    "plan.error.list": {
        "vi": "phải là một danh sách (các dòng bắt đầu bằng -)",
        "en": "must be a list (lines starting with -)",
    },
    "plan.error.mapping": {
        "vi": "phải là một nhóm trường (tên: giá trị)",
        "en": "must be a group of fields (name: value)",
    },
    "plan.error.text": {"vi": "phải là văn bản", "en": "must be text"},
    "plan.error.offset": {
        "vi": "mốc nhắc phải có dạng số + d/h/m, ví dụ 7d, 1d, 2h, 30m",
        "en": "a reminder offset is a number and d/h/m, e.g. 7d, 1d, 2h, 30m",
    },
    "plan.error.timezone": {
        "vi": "múi giờ không tồn tại: {value} (ví dụ đúng: Asia/Ho_Chi_Minh)",
        "en": "unknown time zone: {value} (e.g. Asia/Ho_Chi_Minh)",
    },
    "plan.error.province": {
        "vi": "không có tỉnh/thành phố tên {value} trong danh mục hành chính 2025",
        "en": "no province named {value} in the 2025 administrative list",
    },
    "plan.error.duplicate_id": {"vi": "mã {value} bị trùng", "en": "id {value} is used twice"},
    "plan.error.commune": {
        "vi": 'không có xã/phường tên "{value}" thuộc {province}; ghi đúng tên chính thức, '
        'ví dụ "Xã Lộc Thành"',
        "en": 'no commune named "{value}" in {province}; use the official name',
    },
    "plan.error.category": {
        "vi": "không có thành phần đại biểu mã {value} trong mục categories",
        "en": "no delegate category {value} in categories",
    },
    "plan.error.commune_required": {
        "vi": "hội nghị cấp xã phải ghi xã/phường (commune)",
        "en": "a commune-level session needs its commune",
    },
    "plan.error.end_before_start": {
        "vi": "giờ kết thúc phải sau giờ bắt đầu",
        "en": "the end must come after the start",
    },
    "plan.error.headcount_order": {
        "vi": "số đại biểu tối đa nhỏ hơn số tối thiểu",
        "en": "the maximum headcount is below the minimum",
    },
    "plan.error.coordinates_pair": {
        "vi": "phải có cả vĩ độ (latitude) và kinh độ (longitude), hoặc bỏ cả hai",
        "en": "give both latitude and longitude, or neither",
    },
    "plan.error.date": {
        "vi": "ngày không hợp lệ; ghi dạng 04/07/2024 hoặc 2024-07-04",
        "en": "not a valid date; write 04/07/2024 or 2024-07-04",
    },
    "plan.error.time": {
        "vi": 'giờ không hợp lệ; ghi dạng "08:30"',
        "en": 'not a valid time; write "08:30"',
    },
    "plan.error.deadline_owner": {
        "vi": "hạn phải ghi đúng một bên phải nộp: unit (mã đơn vị), role hoặc speaker",
        "en": "a deadline needs exactly one owner: unit (a unit code), role or speaker",
    },
    "plan.error.deadline_unit": {
        "vi": "không có đơn vị mã {value} trong mục categories",
        "en": "no unit {value} in categories",
    },
    "plan.error.deadline_speaker": {
        "vi": "không có báo cáo viên mã {value} trong các buổi hội nghị",
        "en": "no speaker {value} in the sessions",
    },
    "plan.error.deadline_when": {
        "vi": "hạn phải ghi đúng một trong hai: due (ngày cuối cùng) hoặc before_session "
        "(số ngày trước một buổi)",
        "en": "a deadline needs exactly one of due (the last day) or before_session",
    },
    "plan.error.deadline_session": {
        "vi": "không có buổi hội nghị mã {value}",
        "en": "no session {value}",
    },
}
