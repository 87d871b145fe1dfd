/**
 * The folder, in the output directory and in the config dir alike, of the
 * xds files that full-mesh sidecars share. A proxy name is a DNS name and
 * never starts with `_`, so it cannot be a proxy's folder. (A module of its
 * own, so that `meshc verify` can know it without loading the emitters.)
 */
export const SHARED_DIR = '_mesh';
