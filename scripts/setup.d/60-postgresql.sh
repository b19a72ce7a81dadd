# PostgreSQL server binaries for the EF Core store tests (tests start a throwaway cluster with initdb + pg_ctl on 127.0.0.1).
if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  apt_install postgresql
fi
