def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('generated/shop/01_customer_order.sql: error SG407: generated/shop/01_customer_order.sql is stale')
assert log.contains('generated/install.sql: error SG407: generated/install.sql is stale')
assert log.contains('[ERROR]   hint: run: mvn specgen:generate')
assert log.contains('specgen: generated/ is stale (4 files)')
assert log.contains('BUILD FAILURE')
// check wrote nothing: the committed folder is still the old one
assert !new File(basedir, 'generated/shop/01_customer_order.sql').text.contains('p2025_03')
