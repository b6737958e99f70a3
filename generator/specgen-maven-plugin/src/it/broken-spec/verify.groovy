def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('[ERROR] specs/orders.yaml:14:15: error SG205: hash indexes take one column (found 2)')
assert log.contains('[ERROR]   hint: use a btree index for multi-column equality lookups, or hash one column')
assert log.contains('specgen: 1 error')
assert !log.contains('Caused by') && !log.contains('\tat ') && !log.contains('    at ') // no stack trace
assert !new File(basedir, 'generated').exists()
