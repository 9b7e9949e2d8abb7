"""Talking to wikis: the MediaWiki Action API client and the facts about Wikimedia sites."""
