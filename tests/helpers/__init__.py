"""What the tests share: test clients and page checks, accounts, forms as the pages show them,
the steps of the browser journeys. No test module imports another."""
