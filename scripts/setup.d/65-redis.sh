# Redis for the StackExchangeRedis one-time store tests (tests/FederationKit.StackExchangeRedis.Tests): the fixture starts its
# own /usr/bin/redis-server on 127.0.0.1 on a free port without persistence, and stops it; the Debian service (where the
# package starts one) is not used.
apt_install redis-server
