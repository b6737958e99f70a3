import java.util.jar.JarFile

def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('wrote generated/R__shop.sql')
assert log.contains('specgen: 6 written, 0 unchanged, 0 deleted in generated/')
assert log.contains('specgen: generated/ is up to date (6 files)')
assert new File(basedir, 'generated/shop/01_customer_order.sql').text.contains('PARTITION BY RANGE (ordered_at)')
assert !new File(basedir, 'generated/install.sql').exists()

def jar = new JarFile(new File(basedir, 'target/generate-and-check-1.0.jar'))
assert jar.getEntry('db/migration/R__shop.sql') != null
assert jar.getEntry('db/migration/shop/01_customer_order.sql') != null
jar.close()

// generate and check run without the live-database layer: Maven lists the plugin's class realm in the debug log
def realm = log.readLines().findAll { it.contains('Included: ') }*.trim()
assert realm.any { it.contains('dev.specgen:specgen-core') }
def heavy = realm.findAll { it =~ /io\.zonky|org\.postgresql|org\.testcontainers|specgen-db/ }
assert heavy.isEmpty() : "database artifacts in the plugin realm: $heavy"

// the reviewer's picture: the overview names the Flyway script and draws the table
def overview = new File(basedir, 'generated/README.md').getText('UTF-8')
assert overview.contains('Install everything with `psql -v ON_ERROR_STOP=1 -f R__shop.sql`')
assert overview.contains('class shop_customer_order["shop.customer_order"] {')
assert overview.contains('<<RANGE [ordered_at]: 3 partitions, 2025-01-01 to 2025-04-01, + default>>')

// the second build skipped generation: specs, templates and plugin version unchanged
assert log.contains('specgen: generated/ is up to date (specs, templates and plugin version unchanged): skipped generation')
assert log.count('specgen: generated/ is up to date (6 files)') == 2
assert new File(basedir, 'target/specgen/generate.state').isFile()

// the review files stay out of the jar
def jar2 = new JarFile(new File(basedir, 'target/generate-and-check-1.0.jar'))
assert jar2.getEntry('db/migration/specgen.sum') == null
assert jar2.getEntry('db/migration/README.md') == null
jar2.close()
