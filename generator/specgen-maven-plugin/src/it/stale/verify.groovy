def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('[ERROR] generated/shop/01_customer_order.sql: error SG407: generated/shop/01_customer_order.sql is stale')
assert log.contains('[ERROR]   hint: run: mvn specgen:generate')
assert log.contains('[ERROR] generated/shop/02_gone.sql: error SG407: generated/shop/02_gone.sql is no longer generated from the specs (generate deletes it)')
assert log.contains('generated/install.sql is stale') // missing counts as stale
assert log.contains('specgen: generated/ is stale (6 files)')
assert !log.contains('NOTES.txt')
// check wrote nothing
assert new File(basedir, 'generated/shop/01_customer_order.sql').text.contains('an older version of this file')
assert new File(basedir, 'generated/shop/02_gone.sql').isFile()
assert !new File(basedir, 'generated/install.sql').exists()
