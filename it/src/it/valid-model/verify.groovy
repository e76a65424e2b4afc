// The consumer's pom holds the README's Maven snippet verbatim; its build ran the processor and the
// generated class.
def stripped = { String text -> text.readLines()*.trim().findAll { it } }
def readmeText = new File(readme).text
def section = readmeText.substring(readmeText.indexOf('## Using Kiln in your build'))
def xml = section.substring(section.indexOf('```xml') + 6, section.indexOf('```', section.indexOf('```xml') + 6))
def parts = xml.split('…')
assert parts.length == 2 : 'the README snippet should be a dependency, then the plugin: ' + xml
def pom = new File(basedir, 'pom.xml').text
def between = { String begin, String end -> pom.substring(pom.indexOf(begin) + begin.length(), pom.indexOf(end)) }
assert stripped(between('<!-- BEGIN README dependency -->', '<!-- END README dependency -->')) == stripped(parts[0])
assert stripped(between('<!-- BEGIN README plugin -->', '<!-- END README plugin -->')) == stripped(parts[1])

def log = new File(basedir, 'build.log').text
assert log.contains('Kiln summary of demo.Digits') : 'the processor did not run:\n' + log
assert log.contains('KilnDigits ran in the consumer project on Java ')
if (binding.hasVariable('javaFeature')) {
  assert log.contains('KilnDigits ran in the consumer project on Java ' + javaFeature + ': [') : 'not run on JDK ' + javaFeature
}
assert log.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0')
assert new File(basedir, 'target/classes/demo/KilnDigits.class').exists()
return true
