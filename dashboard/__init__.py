"""The organisers' web dashboard: live confirmations per session and commune, lists, exports.
Served by aiohttp inside `hoinghi run` when DASHBOARD_PORT is set; it reads what the bot
stores (storage/) and adds no second source of truth."""
