"""Texts of the operator's commands: `hoinghi backup`, `restore` and `purge`."""

TEXTS: dict[str, dict[str, str]] = {
    "ops.backup_help": {
        "vi": "sao lưu cơ sở dữ liệu ngay cả khi bot đang chạy",
        "en": "back the database up, even while the bot runs",
    },
    "ops.backup_description": {
        "vi": "Chép toàn bộ cơ sở dữ liệu (DATABASE_PATH) thành một tệp SQLite nhất quán, kể cả "
        "khi bot đang chạy và đang gửi tin. FILE là tệp đích, hoặc một thư mục để đặt tệp "
        "hoinghi-NĂMTHÁNGNGÀY-GIỜPHÚTGIÂY.sqlite3. Tệp sao lưu chứa dữ liệu cá nhân: chỉ "
        "người sở hữu được đọc. Với PostgreSQL (DATABASE_URL), tệp là bản pg_dump (định dạng "
        "custom, đuôi .pgdump).",
        "en": "Copies the whole database (DATABASE_PATH) into one consistent SQLite file, also "
        "while the bot runs and sends. FILE is the target file, or a folder to put "
        "hoinghi-YYYYMMDD-HHMMSS.sqlite3 in. A backup holds personal data: only its owner may "
        "read it. On PostgreSQL (DATABASE_URL) the file is a pg_dump archive (custom format, "
        ".pgdump).",
    },
    "ops.backup_file_help": {
        "vi": "tệp hoặc thư mục đích",
        "en": "target file or folder",
    },
    "ops.backed_up": {
        "vi": "Đã sao lưu {database} vào {path}: {size} KB, phiên bản CSDL {version}, "
        "{delegates} đại biểu, {sessions} buổi hội nghị.",
        "en": "Backed {database} up to {path}: {size} KB, schema version {version}, "
        "{delegates} delegates, {sessions} sessions.",
    },
    "ops.restore_help": {
        "vi": "khôi phục cơ sở dữ liệu từ tệp sao lưu (dừng bot trước)",
        "en": "restore the database from a backup (stop the bot first)",
    },
    "ops.restore_description": {
        "vi": "Kiểm tra tệp sao lưu (đúng tệp SQLite, còn nguyên vẹn, đúng cấu trúc của bot, "
        "không từ phiên bản mới hơn) rồi mới thay cơ sở dữ liệu (DATABASE_PATH); cơ sở dữ liệu "
        "cũ được giữ lại bên cạnh với đuôi .before-restore-<thời điểm>. Tệp không đạt thì "
        "không có gì bị thay đổi. Hãy dừng bot trước (systemctl stop hoinghi) và chạy lại sau. "
        "Với PostgreSQL (DATABASE_URL), tệp là bản pg_dump; mọi bảng được thay trong một giao "
        "dịch.",
        "en": "Checks the backup (an SQLite file, intact, with the bot's schema, not from a newer "
        "version) before it replaces the database (DATABASE_PATH); the old database is kept "
        "beside it as .before-restore-<time>. A file that fails the checks changes nothing. "
        "Stop the bot first (systemctl stop hoinghi) and start it again afterwards. On "
        "PostgreSQL (DATABASE_URL) the file is a pg_dump archive; every table is replaced in "
        "one transaction.",
    },
    "ops.restore_file_help": {"vi": "tệp sao lưu", "en": "the backup file"},
    "ops.restored": {
        "vi": "Đã khôi phục {path} vào {database}: phiên bản CSDL {version}, {delegates} đại "
        "biểu, {sessions} buổi hội nghị.",
        "en": "Restored {path} into {database}: schema version {version}, {delegates} "
        "delegates, {sessions} sessions.",
    },
    "ops.restore_kept": {
        "vi": "Cơ sở dữ liệu trước khi khôi phục được giữ ở {path}.",
        "en": "The database as it was before is kept at {path}.",
    },
    "ops.no_database": {
        "vi": "Không tìm thấy cơ sở dữ liệu {detail} (kiểm tra DATABASE_PATH).",
        "en": "No database at {detail} (check DATABASE_PATH).",
    },
    "ops.backup_corrupt": {
        "vi": "Bản sao lưu vừa tạo không qua được kiểm tra ({detail}); không có tệp nào được "
        "ghi. Cơ sở dữ liệu có thể bị hỏng: hãy khôi phục từ bản sao lưu trước đó.",
        "en": "The new backup failed its check ({detail}); no file was written. The database "
        "may be damaged: restore an earlier backup.",
    },
    "ops.restore_missing": {
        "vi": "Không có tệp {detail}. Cơ sở dữ liệu không thay đổi.",
        "en": "There is no file {detail}. The database was not changed.",
    },
    "ops.restore_not_sqlite": {
        "vi": "{detail} không phải tệp cơ sở dữ liệu SQLite. Cơ sở dữ liệu không thay đổi.",
        "en": "{detail} is not an SQLite database. The database was not changed.",
    },
    "ops.restore_not_archive": {
        "vi": "Tệp không phải bản pg_dump đọc được ({detail}). Cơ sở dữ liệu không thay đổi.",
        "en": "The file is not a readable pg_dump archive ({detail}). The database was not "
        "changed.",
    },
    "ops.restore_corrupt": {
        "vi": "Tệp sao lưu bị hỏng ({detail}). Cơ sở dữ liệu không thay đổi; hãy dùng bản sao "
        "lưu khác.",
        "en": "The backup is damaged ({detail}). The database was not changed; use another backup.",
    },
    "ops.restore_not_ours": {
        "vi": "Tệp này không phải cơ sở dữ liệu của bot (thiếu bảng {detail}). Cơ sở dữ liệu "
        "không thay đổi.",
        "en": "This file is not the bot's database (tables missing: {detail}). The database "
        "was not changed.",
    },
    "ops.restore_newer": {
        "vi": "Tệp sao lưu từ phiên bản bot mới hơn (CSDL phiên bản {detail}). Hãy nâng cấp bot "
        "trước. Cơ sở dữ liệu không thay đổi.",
        "en": "The backup comes from a newer bot (schema version {detail}). Upgrade the bot "
        "first. The database was not changed.",
    },
    "ops.purge_help": {
        "vi": "xóa dữ liệu cá nhân đã hết thời hạn lưu giữ",
        "en": "delete personal data past its retention period",
    },
    "ops.purge_description": {
        "vi": "Xóa họ tên, chức vụ, số điện thoại, câu trả lời và tài khoản chat của đại biểu "
        "khi đã quá retention_days (trong kế hoạch, mặc định 90) ngày sau buổi hội nghị cuối "
        "cùng của đợt; số liệu tổng hợp theo buổi, xã/phường, thành phần và câu trả lời được "
        "giữ lại cho báo cáo. Tài khoản chat chưa từng đăng ký bị xóa sau retention_days ngày "
        "không dùng. Bot đang chạy tự làm việc này mỗi đêm.",
        "en": "Deletes the delegates' names, positions, phone numbers, answers and chat "
        "accounts once retention_days (in the plan, default 90) days have passed after the "
        "series' last session; the counts per session, commune, category and answer stay for "
        "the report. Chat accounts that never registered go after retention_days days unused. "
        "A running bot does this every night.",
    },
    "ops.purge_dry_run_help": {
        "vi": "chỉ cho biết sẽ xóa gì, không xóa",
        "en": "only tell what would be deleted",
    },
    "ops.purge_no_plan": {
        "vi": "Chưa có kế hoạch nào trong {database}: không có gì để xóa.",
        "en": "No plan in {database}: nothing to delete.",
    },
    "ops.purge_term": {
        "vi": "Đợt {series}: buổi cuối kết thúc {end}; dữ liệu cá nhân được giữ {days} ngày, "
        "đến {due}.",
        "en": "Series {series}: the last session ended {end}; personal data is kept {days} "
        "days, until {due}.",
    },
    "ops.purge_term_open": {
        "vi": "Đợt {series}: còn buổi chưa có ngày nên đợt chưa kết thúc; dữ liệu cá nhân được "
        "giữ đến {days} ngày sau buổi cuối.",
        "en": "Series {series}: a session still waits for its date, so the series has not "
        "ended; personal data is kept until {days} days after the last session.",
    },
    "ops.purge_due": {
        "vi": "Đến hạn xóa: {delegates} đại biểu, {accounts} tài khoản chat (chạy thử, chưa "
        "xóa gì).",
        "en": "Due for deletion: {delegates} delegates, {accounts} chat accounts (dry run, "
        "nothing deleted).",
    },
    "ops.purged": {
        "vi": "Đã xóa dữ liệu cá nhân của {delegates} đại biểu và {accounts} tài khoản chat; số "
        "liệu tổng hợp được giữ lại.",
        "en": "Deleted the personal data of {delegates} delegates and {accounts} chat accounts; "
        "the counts are kept.",
    },
}
