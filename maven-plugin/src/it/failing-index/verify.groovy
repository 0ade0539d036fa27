// the folder comes from spring.flyway.locations; the non-concurrent index fails the build at its file and line
def log = new File(basedir, 'build.log').text
assert log.contains('[ERROR] src/main/resources/db/schema/V2__index_orders.sql:2:1: create-index-non-concurrent: CREATE INDEX on existing table orders takes a SHARE lock')
assert log.contains('[WARNING] src/main/resources/db/schema/V2__index_orders.sql:2:1: statement-timeout-missing:')
assert log.contains('tideline: 1 finding(s) of severity error or worse (failOn=error)')
assert log.contains('BUILD FAILURE')
return true
