"""The running bot's machinery, beneath the channels and above the handlers: the core that
every channel calls, the outbox and its sender, the reminder scheduler, the web server and its
webhooks, the health check, the broadcast reporter and the demo. `bot.app` assembles them."""
