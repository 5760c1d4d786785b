"""Texts of tenants.yaml (several provinces in one process) and of `--tenant`."""

TEXTS: dict[str, dict[str, str]] = {
    "tenants.errors": {
        "vi": "Tệp danh sách tỉnh {file} có {count} lỗi; bot chưa khởi động:",
        "en": "The tenants file {file} has {count} errors; nothing was started:",
    },
    "tenants.error.unreadable": {
        "vi": "không đọc được tệp danh sách tỉnh ({reason})",
        "en": "cannot read the tenants file ({reason})",
    },
    "tenants.error.unknown_field": {
        "vi": "trường không có trong mẫu tenants.yaml (kiểm tra chính tả)",
        "en": "unknown field in tenants.yaml (check the spelling)",
    },
    "tenants.error.secret": {
        "vi": "khóa bí mật webhook gồm 16 đến 256 ký tự A-Z, a-z, 0-9, _ hoặc -",
        "en": "a webhook secret is 16 to 256 characters among A-Z, a-z, 0-9, _ and -",
    },
    "tenants.error.both": {
        "vi": "chỉ ghi một trong hai: {field} hoặc {field}_env",
        "en": "give {field} or {field}_env, not both",
    },
    "tenants.error.env_missing": {
        "vi": "biến môi trường {name} chưa được đặt hoặc đang để trống",
        "en": "the environment variable {name} is not set or empty",
    },
    "tenants.error.no_token": {
        "vi": "tỉnh chưa có mã bot nào: ghi telegram_bot_token(_env) hoặc zalo_bot_token(_env)",
        "en": "no bot token: give telegram_bot_token(_env) or zalo_bot_token(_env)",
    },
    "tenants.error.shared": {
        "vi": "trùng với tỉnh {other}: mỗi tỉnh cần {what} riêng",
        "en": "the same as tenant {other}'s: each tenant needs its own {what}",
    },
    "tenants.what.id": {"vi": "mã", "en": "id"},
    "tenants.what.database": {"vi": "cơ sở dữ liệu", "en": "database"},
    "tenants.what.token": {"vi": "mã bot", "en": "bot token"},
    "tenants.what.secret": {
        "vi": "khóa bí mật webhook (webhook_secret)",
        "en": "webhook secret (webhook_secret)",
    },
    "tenants.option_help": {
        "vi": "mã tỉnh trong tenants.yaml (khi một tiến trình phục vụ nhiều tỉnh)",
        "en": "the tenant's id in tenants.yaml (when one process serves several provinces)",
    },
    "tenants.choose": {
        "vi": "Tệp {file} khai báo {count} tỉnh: hãy chọn một bằng --tenant MÃ ({ids}).",
        "en": "{file} lists {count} tenants: choose one with --tenant ID ({ids}).",
    },
    "tenants.unknown": {
        "vi": "Không có tỉnh mã «{tenant}» trong {file}; các mã có: {ids}.",
        "en": "No tenant «{tenant}» in {file}; the ids are: {ids}.",
    },
    "tenants.no_file": {
        "vi": "--tenant chỉ dùng được khi đã đặt TENANTS_FILE (tệp tenants.yaml).",
        "en": "--tenant needs TENANTS_FILE (a tenants.yaml file).",
    },
}
