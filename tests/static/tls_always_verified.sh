#!/bin/sh
# Proves in the sources that no build of Porchlight can talk to a hub without verifying its certificate: every
# libcurl verification option is set on, nothing that switches it off appears anywhere outside the tests, and
# the one place that sets them is not inside a preprocessor condition a build flag could change.
# Usage: tls_always_verified.sh SOURCE_DIR
set -eu
root=${1:?usage: $0 SOURCE_DIR}
cd "$root"
dirs="kiosk sync platform common"
failed=0
fail() { echo "tls_always_verified: $*" >&2; failed=1; }

sources=$(find $dirs -type f \( -name '*.cpp' -o -name '*.hpp' -o -name '*.h' -o -name '*.cc' \) | sort)
[ -n "$sources" ] || { echo "tls_always_verified: no sources under $root" >&2; exit 1; }

# 1. Each verification option is only ever set to its strict value.
for pair in "CURLOPT_SSL_VERIFYPEER 1L" "CURLOPT_SSL_VERIFYHOST 2L" "CURLOPT_PROXY_SSL_VERIFYPEER 1L" \
            "CURLOPT_PROXY_SSL_VERIFYHOST 2L"; do
  option=${pair% *}
  value=${pair#* }
  uses=$(grep -n "$option\\b" $sources || true)
  [ -n "$uses" ] || fail "$option is never set (libcurl's default would decide)"
  echo "$uses" | grep -v "$option, $value)" | grep . >/dev/null && fail "$option set to something other than $value:
$(echo "$uses" | grep -v "$option, $value)")"
done

# 2. Nothing that weakens verification: no insecure switches, no custom verify callbacks, no revocation or
#    pinning bypasses, no environment variable read by the HTTP code.
for forbidden in CURLOPT_SSL_CTX_FUNCTION CURLOPT_SSL_CTX_DATA CURLSSLOPT_NO_REVOKE CURLSSLOPT_ALLOW_BEAST \
                 CURLSSLOPT_NO_PARTIALCHAIN CURLOPT_DOH_SSL_VERIFYPEER CURLOPT_SSL_VERIFYSTATUS \
                 SSL_VERIFY_NONE '--insecure' 'insecure' 'no-verify' 'skip-verify'; do
  hits=$(grep -n -i -- "$forbidden" $sources || true)
  [ -z "$hits" ] || fail "'$forbidden' appears in the sources:
$hits"
done
http_client=sync/client/src/http.cpp
grep -n 'getenv' "$http_client" >/dev/null && fail "$http_client reads the environment"

# 3. The verification options sit in unconditional code: no #if/#ifdef is open where they are set.
awk -v file="$http_client" '
  /^[ \t]*#[ \t]*if/ { depth++ }
  /^[ \t]*#[ \t]*endif/ { depth-- }
  /CURLOPT_(PROXY_)?SSL_VERIFY(PEER|HOST)/ && depth > 0 { print file ":" NR ": set inside a preprocessor condition"; bad = 1 }
  END { exit bad }
' "$http_client" || failed=1

[ "$failed" -eq 0 ] && echo "tls_always_verified: peer and host verification are always on in $(echo "$sources" | wc -l) files"
exit "$failed"
