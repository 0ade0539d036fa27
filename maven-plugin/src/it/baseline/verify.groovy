// the accepted finding is in the baseline: the build passes, and tideline:plan writes the safe version of it
def log = new File(basedir, 'build.log').text
assert log.contains('tideline: 2 file(s), 3 statement(s): 0 error(s), 0 warning(s), 2 in the baseline')
assert log.contains('BUILD SUCCESS')
def plan = new File(basedir, 'target/tideline-plan')
assert new File(plan, 'PLAN.md').text.contains('CONCURRENTLY')
def sql = []
plan.eachFileRecurse { if (it.name.endsWith('.sql')) sql << it }
assert sql.any { it.text.contains('CREATE INDEX CONCURRENTLY') }
return true
