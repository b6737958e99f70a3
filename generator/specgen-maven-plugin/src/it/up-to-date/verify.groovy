def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('specgen: generated/ is up to date (specs, templates and plugin version unchanged): skipped generation')
assert new File(basedir, 'target/specgen/generate.state').isFile()
assert new File(basedir, 'generated/install.sql').isFile()
