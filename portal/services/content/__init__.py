"""What the ASP publishes and receives: news and FAQ, document templates, support messages."""
