#!/usr/bin/env bash
# Checks that release binaries built with --static-swift-stdlib need nothing at run time but the C library (glibc
# and its parts), SQLite and zlib: the three packages the slim image installs (deploy/kubernetes/Containerfile).
#   deploy/check-static-binaries.sh [BIN_DIR]      default: the release bin path of this package
# Build first: swift build -c release --static-swift-stdlib
# Exit 0 when every binary passes, 1 naming each library that is not allowed, 66 when a binary is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-$(swift build -c release --show-bin-path)}"
allowed='^(linux-vdso\.so\.1|ld-linux-[a-z0-9_-]+\.so\.[0-9]+|lib(c|m|dl|pthread|rt|util|resolv)\.so\.[0-9]+|libsqlite3\.so\.0|libz\.so\.1)$'
status=0
for name in ordeal order-service; do
    binary="$bin/$name"
    if [ ! -x "$binary" ]; then
        echo "$binary: missing; build with: swift build -c release --static-swift-stdlib" >&2
        exit 66
    fi
    needed=$(ldd "$binary" | awk '{print $1}' | xargs -n1 basename | sort -u)
    bad=$(grep -Ev "$allowed" <<<"$needed" || true)
    if [ -n "$bad" ]; then
        echo "$name: needs libraries beyond libc, SQLite and zlib: $(echo $bad)" >&2
        status=1
    else
        echo "$name: $(echo $needed) ($(du -h "$binary" | cut -f1))"
    fi
done
exit $status
