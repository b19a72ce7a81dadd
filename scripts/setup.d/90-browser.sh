# Browser for the sample's end-to-end tests (tests/FederationKit.Samples.Tests): Debian's chromium, driven headless by
# Playwright for .NET with ExecutablePath=/usr/bin/chromium. Playwright never downloads a browser of its own.
apt_install chromium fonts-liberation
