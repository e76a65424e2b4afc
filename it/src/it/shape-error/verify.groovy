// The user's build failed on Kiln's error, reported by the compiler on the @Shape value.
def log = new File(basedir, 'build.log').text
def error = '/src/main/java/demo/Autoencoder.java:[25,63] [kiln.shape] `restored` (Conv2D) is (None, 24, 24, 1) ' +
    'but @Shape declares (None, 28, 28, 1).'
assert log.contains(error) : "Kiln's error missing from the build log:\n" + log
assert log.contains('BUILD FAILURE')
assert !log.contains('kiln.truncation') : 'the suppressed warning was printed'
assert !new File(basedir, 'target/generated-sources/annotations/demo/KilnAutoencoder.java').exists()
return true
