/**
 * The translator types this "machine" has. GlusterFS refuses a `type` whose shared object is not
 * installed ("type '…' is not valid or not found on this machine"); shdsim has no shared objects, so
 * it accepts the xlator types a GlusterFS installation ships (the names under its xlator directory,
 * aliases such as cluster/replicate → afr included) and refuses anything else, which catches typos.
 */
const TYPES = [
  // cluster
  'cluster/afr', 'cluster/replicate', 'cluster/dht', 'cluster/distribute', 'cluster/nufa', 'cluster/switch',
  'cluster/ec', 'cluster/disperse', 'cluster/stripe', 'cluster/ha', 'cluster/map', 'cluster/unify',
  // debug
  'debug/io-stats', 'debug/trace', 'debug/error-gen', 'debug/delay-gen', 'debug/sink',
  // features
  'features/access-control', 'features/arbiter', 'features/barrier', 'features/bit-rot', 'features/bitrot',
  'features/bitrot-stub', 'features/bitrot-bitd', 'features/cdc', 'features/changelog', 'features/changetimerecorder',
  'features/cloudsync', 'features/filter', 'features/gfid-access', 'features/index', 'features/leases',
  'features/locks', 'features/posix-locks', 'features/mac-compat', 'features/marker', 'features/metadisp',
  'features/namespace', 'features/quiesce', 'features/quota', 'features/quotad', 'features/read-only',
  'features/worm', 'features/sdfs', 'features/selinux', 'features/shard', 'features/simple-quota',
  'features/snapview-client', 'features/snapview-server', 'features/thin-arbiter', 'features/trash',
  'features/upcall', 'features/utime', 'features/decompounder',
  // performance
  'performance/io-cache', 'performance/io-threads', 'performance/md-cache', 'performance/stat-prefetch',
  'performance/open-behind', 'performance/quick-read', 'performance/read-ahead', 'performance/readdir-ahead',
  'performance/write-behind', 'performance/nl-cache', 'performance/symlink-cache', 'performance/decompounder',
  'performance/client-io-threads',
  // the rest
  'meta', 'mgmt/glusterd', 'mount/fuse', 'mount/api', 'nfs/server', 'protocol/client', 'protocol/server',
  'storage/posix', 'storage/bd', 'system/posix-acl', 'encryption/crypt', 'encryption/rot-13', 'testing/features/template',
];

const KNOWN = new Set(TYPES);

export function isKnownXlatorType(type: string): boolean {
  return KNOWN.has(type);
}
