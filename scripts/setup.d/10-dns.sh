# DNS server for the domain-verification integration tests (FederationKit.Dns.Tests, fedkit dns check):
# the fixtures start /usr/sbin/dnsmasq on 127.0.0.1 on a free port with the TXT records they need.
apt_install dnsmasq-base
