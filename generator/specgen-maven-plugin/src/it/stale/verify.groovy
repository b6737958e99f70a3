def log = new File(basedir, 'build.log').getText('UTF-8')
// SG407 per file: changed, no longer generated, missing
assert log.contains('[ERROR] generated/shop/01_customer_order.sql: error SG407: generated/shop/01_customer_order.sql is stale')
assert log.contains('[ERROR]   hint: run: mvn specgen:generate')
assert log.contains('[ERROR] generated/shop/02_gone.sql: error SG407: generated/shop/02_gone.sql is no longer generated from the specs (build deletes it)')
assert log.contains('[ERROR] generated/install.sql: error SG407: generated/install.sql is missing (build writes it)')
// the unified diff of each stale file
assert log.contains('[ERROR] --- a/generated/shop/01_customer_order.sql')
assert log.contains('[ERROR] +++ b/generated/shop/01_customer_order.sql')
assert log.contains('[ERROR] --- (an older version of this file, committed before the spec changed)')
assert log.contains('[ERROR] +CREATE TABLE IF NOT EXISTS shop.customer_order (')
assert log =~ /specgen: generated\/ is stale \(\d+ files\)/
// the user's own file is neither reported nor touched, and check wrote nothing
assert !log.contains('NOTES.txt')
assert new File(basedir, 'generated/shop/01_customer_order.sql').text.contains('an older version of this file')
assert new File(basedir, 'generated/shop/02_gone.sql').isFile()
assert !new File(basedir, 'generated/install.sql').exists()
