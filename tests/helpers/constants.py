"""Values the tests share with the app they configure."""


CAPTCHA = "123456"
