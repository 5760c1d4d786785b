"""hoinghi-bot: coordinates the delegates of Vietnamese conference series."""
