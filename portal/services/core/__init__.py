"""What every domain uses: the workflow kernel, tables and paging, the outbox, storage, identifiers, captcha, single-use links, navigation."""
