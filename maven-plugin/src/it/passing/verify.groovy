def log = new File(basedir, 'build.log').text
assert log.contains('tideline: 2 file(s)')
assert log.contains('0 error(s)')
def sarif = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/tideline.sarif'))
assert sarif.version == '2.1.0'
assert sarif.runs[0].tool.driver.semanticVersion == tidelineVersion
def json = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/tideline.json'))
assert json.summary.files == 2
assert json.summary.errors == 0
return true
